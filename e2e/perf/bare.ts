/**
 * The baseline `npm run perf` divides the app's frame rate by: PixiJS alone, no React, no worker,
 * no store, drawing N tinted dots that glide between grid cells like the app's agents.
 * `?n=N&w=W&h=H` sizes it like the app's stage; `&mode=particles` draws Particles in a
 * ParticleContainer (the app's technique) instead of Sprites, to tell technique from overhead.
 *
 * The geometry copies the app's on purpose rather than importing it (src/ is someone else's to
 * change): a square grid of max(24, ceil(sqrt(6N))) cells fitted into the canvas with a 12 px
 * margin, dots 0.8 of a cell across, a new cell every 100 ms (the app's tick), so the pixels
 * filled and the per-frame arithmetic match what the app does.
 */
import { Application, Container, Graphics, Particle, ParticleContainer, Rectangle, Sprite } from 'pixi.js';
import type { Texture } from 'pixi.js';
import { markReady, pageSize, seededRandom } from './baselinePage.ts';

const BACKGROUND = 0x0b1020;
const TINTS = [0x8a94a8, 0xffb020, 0x22e6ff, 0x3dff7a, 0xff3df0];
const TICK_MS = 100;
/** The app's dot is 12.8 world units across (a cell is 16): the texture is drawn at that size. */
const TEXTURE_PX = 13;

interface Dot {
  x: number;
  y: number;
}

const params = new URLSearchParams(location.search);
const { count, width, height } = pageSize(params);
const mode = params.get('mode') === 'particles' ? 'particles' : 'sprites';

const side = Math.max(24, Math.ceil(Math.sqrt(count * 6)));
const cellPx = Math.min((width - 24) / side, (height - 24) / side);
const originX = (width - side * cellPx) / 2;
const originY = (height - side * cellPx) / 2;
const dotScale = (0.8 * cellPx) / TEXTURE_PX;

const random = seededRandom(12345);

// Distinct start cells, then per dot: where it was at the last tick and where it is heading.
const from = new Float32Array(count * 2);
const to = new Float32Array(count * 2);
const cells = Array.from({ length: side * side }, (_, i) => i);
for (let i = 0; i < count; i++) {
  const j = i + Math.floor(random() * (cells.length - i));
  const cell = cells[j] ?? 0;
  cells[j] = cells[i] ?? 0;
  to[i * 2] = from[i * 2] = cell % side;
  to[i * 2 + 1] = from[i * 2 + 1] = Math.floor(cell / side);
}

/** Every tick each dot steps one cell in a random direction (or stays), clamped to the grid. */
function nextTick(): void {
  from.set(to);
  for (let i = 0; i < count * 2; i += 2) {
    const r = Math.floor(random() * 5);
    const dx = r === 0 ? 1 : r === 1 ? -1 : 0;
    const dy = r === 2 ? 1 : r === 3 ? -1 : 0;
    to[i] = Math.min(side - 1, Math.max(0, (to[i] ?? 0) + dx));
    to[i + 1] = Math.min(side - 1, Math.max(0, (to[i + 1] ?? 0) + dy));
  }
}

function circleTexture(app: Application): Texture {
  const circle = new Graphics().circle(TEXTURE_PX / 2, TEXTURE_PX / 2, TEXTURE_PX / 2).fill(0xffffff);
  const texture = app.renderer.generateTexture({ target: circle, frame: new Rectangle(0, 0, TEXTURE_PX, TEXTURE_PX), resolution: 1 });
  circle.destroy();
  return texture;
}

/** Makes the dots and returns the objects to move each frame (Sprite and Particle both have x, y). */
function makeDots(app: Application, texture: Texture): Dot[] {
  if (mode === 'particles') {
    const container = new ParticleContainer({ texture, dynamicProperties: { position: true, color: true } });
    const particles = Array.from(
      { length: count },
      (_, i) => new Particle({ texture, anchorX: 0.5, anchorY: 0.5, scaleX: dotScale, scaleY: dotScale, tint: TINTS[i % TINTS.length] ?? 0xffffff }),
    );
    container.particleChildren = particles;
    container.update();
    app.stage.addChild(container);
    return particles;
  }
  const container = new Container();
  const sprites = Array.from({ length: count }, (_, i) => {
    const sprite = new Sprite({ texture, anchor: 0.5, scale: dotScale, tint: TINTS[i % TINTS.length] ?? 0xffffff });
    container.addChild(sprite);
    return sprite;
  });
  app.stage.addChild(container);
  return sprites;
}

async function main(): Promise<void> {
  const app = new Application();
  // The same renderer settings as the app's stage (src/render/stage.ts), so only the work differs.
  await app.init({ width, height, background: BACKGROUND, antialias: false, autoDensity: true, resolution: window.devicePixelRatio || 1, preference: 'webgl' });
  document.getElementById('stage')?.appendChild(app.canvas);
  const dots = makeDots(app, circleTexture(app));
  let tickAt = performance.now();
  app.ticker.add(() => {
    const now = performance.now();
    if (now - tickAt >= TICK_MS) {
      tickAt = now;
      nextTick();
    }
    // The app interpolates every agent every frame; so does this, whether or not it moved.
    const alpha = Math.min(1, (now - tickAt) / TICK_MS);
    for (let i = 0; i < dots.length; i++) {
      const dot = dots[i];
      if (!dot) continue;
      const fx = from[i * 2] ?? 0;
      const fy = from[i * 2 + 1] ?? 0;
      dot.x = originX + ((fx + ((to[i * 2] ?? 0) - fx) * alpha) + 0.5) * cellPx;
      dot.y = originY + ((fy + ((to[i * 2 + 1] ?? 0) - fy) * alpha) + 0.5) * cellPx;
    }
  });
  app.ticker.addOnce(() => {
    requestAnimationFrame(() => {
      markReady();
    });
  });
}

void main();
