/**
 * Every agent as a Particle in one ParticleContainer, all sharing one generated white circle
 * tinted per state: one draw call and a flat typed-array upload per frame, which is what keeps
 * 10,000 agents drawable (Sprites cost a scene-graph node each). Only positions are dynamic:
 * colours change with a tick at most, so they are static and uploaded when a tick changed one
 * (`paint`), not every frame; `placeAll` runs once a tick and `placeSome` each frame for the
 * agents that move (stageScene.ts).
 */
import { Graphics, Particle, ParticleContainer, Rectangle } from 'pixi.js';
import type { Renderer, Texture } from 'pixi.js';
import { BELIEF_PALETTE, beliefBin, GREYED, STATE_COLORS_BY_CODE } from './palette.ts';

/** The state code of a persona that fell back (protocol `STATE_CODE.fellBack`). */
const FELL_BACK = 4;

/** Beliefs to colour by instead of states: [agent × topic] hundredths, and which topic. */
export interface BeliefTint {
  readonly beliefs: Int8Array;
  readonly topics: number;
  readonly topic: number;
}
import { CELL, DOT_RADIUS, cellCentre } from './units.ts';

/**
 * Big enough to stay round when zoomed in, small enough to need no mipmaps: trilinear sampling
 * cost ~10% of the frame rate under software WebGL at 1,000 agents.
 */
const TEXTURE_SIZE = 32;
const TEXTURE_RADIUS = TEXTURE_SIZE / 2 - 1;

/** Draws all agents of a world from per-frame positions and per-tick state codes. */
export class AgentsView {
  readonly container = new ParticleContainer({
    label: 'agents',
    dynamicProperties: { position: true, color: false },
  });
  private texture: Texture | null = null;
  /** Particle colour words (what `Particle.color` holds) per state code. */
  private palette: number[] = [];
  /** Particle colour words for the belief scale, and for a greyed persona (last). */
  private beliefWords: number[] = [];
  private particles: Particle[] = [];

  constructor(private readonly renderer: Renderer) {}

  /** Makes one particle per agent (reusing the old ones when the count is unchanged). */
  build(count: number, worldWidth: number, worldHeight: number): void {
    const texture = this.ensureTexture();
    this.container.boundsArea = new Rectangle(0, 0, worldWidth * CELL, worldHeight * CELL);
    if (this.particles.length === count) return;
    const scale = DOT_RADIUS / TEXTURE_RADIUS;
    const particles: Particle[] = new Array<Particle>(count);
    for (let i = 0; i < count; i++) {
      particles[i] = new Particle({ texture, anchorX: 0.5, anchorY: 0.5, scaleX: scale, scaleY: scale });
    }
    this.particles = particles;
    // Replacing the array and calling update() is the documented bulk path (no per-child events).
    this.container.particleChildren = particles;
    this.container.update();
  }

  /**
   * Colours the first `count` agents by state (or belief) and makes the rest transparent, so a
   * short tick is cheap; uploads the colours only when one changed (an idle world uploads none).
   */
  paint(states: Uint8Array, count: number, tint: BeliefTint | null = null): void {
    const particles = this.particles;
    const palette = this.palette;
    const fallback = palette[0] ?? 0xffffffff;
    const n = Math.min(count, particles.length);
    let changed = false;
    for (let i = 0; i < particles.length; i++) {
      const p = particles[i];
      if (!p) continue;
      const color = i >= n ? 0 : tint ? this.beliefWord(tint, i, states[i] ?? 0) : (palette[states[i] ?? 0] ?? fallback);
      if (p.color !== color) {
        p.color = color;
        changed = true;
      }
    }
    if (changed) this.container.update();
  }

  /** Moves the first `count` agents to `positions`, [x0, y0, …] in (fractional) cells. */
  placeAll(positions: Float32Array, count: number): void {
    const particles = this.particles;
    const n = Math.min(count, particles.length);
    for (let i = 0; i < n; i++) {
      const p = particles[i];
      if (!p) continue;
      p.x = cellCentre(positions[i * 2] ?? 0);
      p.y = cellCentre(positions[i * 2 + 1] ?? 0);
    }
  }

  /** Moves only the first `count` agents listed in `indices` (this tick's movers). */
  placeSome(positions: Float32Array, indices: Int32Array, count: number): void {
    const particles = this.particles;
    for (let k = 0; k < count; k++) {
      const i = indices[k] ?? 0;
      const p = particles[i];
      if (!p) continue;
      p.x = cellCentre(positions[i * 2] ?? 0);
      p.y = cellCentre(positions[i * 2 + 1] ?? 0);
    }
  }

  private beliefWord(tint: BeliefTint, i: number, state: number): number {
    const words = this.beliefWords;
    if (state === FELL_BACK) return words[words.length - 1] ?? 0;
    const belief = (tint.beliefs[i * tint.topics + tint.topic] ?? 0) / 100;
    return words[beliefBin(belief)] ?? 0;
  }

  /**
   * Frees the shared texture. Separate from the container (which app.destroy() frees with the
   * stage) because destroying it while the particle shader still binds it makes Pixi warn.
   */
  destroyTexture(): void {
    this.texture?.destroy(true);
    this.texture = null;
    this.particles = [];
  }

  private ensureTexture(): Texture {
    if (this.texture) return this.texture;
    const circle = new Graphics().circle(TEXTURE_SIZE / 2, TEXTURE_SIZE / 2, TEXTURE_RADIUS).fill(0xffffff);
    const texture = this.renderer.generateTexture({
      target: circle,
      frame: new Rectangle(0, 0, TEXTURE_SIZE, TEXTURE_SIZE),
      resolution: 1,
      // Multisampled once here, so dot edges are smooth though the renderer itself is not.
      antialias: true,
    });
    circle.destroy({ context: true });
    this.texture = texture;
    this.container.texture = texture;
    // Let Particle itself encode each tint (BGR plus alpha byte) so the words match what it expects.
    this.palette = STATE_COLORS_BY_CODE.map((tint) => new Particle({ texture, tint }).color);
    this.beliefWords = [...BELIEF_PALETTE, GREYED].map((tint) => new Particle({ texture, tint }).color);
    return texture;
  }
}
