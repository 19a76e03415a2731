/**
 * The static grid: walls, the outline and (on small grids) the grid lines, all as stretched
 * white quads in one ParticleContainer built once per world. Quads rather than Graphics, and the
 * floor as the canvas clear colour rather than a filled rect, because under software WebGL
 * (SwiftShader, as in CI) Graphics pixels cost several times particle pixels: at 1,000 agents
 * Graphics walls took the frame rate from ~125 to ~72 fps, quads to ~110; grid lines as quads
 * cost about half of the same lines as a pixelLine Graphics stroke.
 */
import { Particle, ParticleContainer, Texture } from 'pixi.js';
import type { WorldMessage } from '../protocol/protocol.ts';
import { GRID_EDGE, GRID_LINE, WALL } from './palette.ts';
import { CELL } from './units.ts';
import { wallRects } from './wallRects.ts';

/** Above this many cells on the longer side, grid lines would only be noise (and cost fill). */
export const GRID_LINES_MAX_CELLS = 48;

/** A line kept one screen pixel thick: its quad is re-laid out when the zoom changes. */
interface Stroke {
  readonly particle: Particle;
  readonly vertical: boolean;
  /** World coordinate of the line's centre across it (x for vertical lines). */
  readonly at: number;
  readonly length: number;
}

/** Draws the static part of a world; freed with the stage by app.destroy(). */
export class GridView {
  /**
   * Uses the shared Texture.WHITE: never destroy this container with `texture: true`.
   * Every property is static, uploaded only on update() (new world or new zoom).
   */
  readonly tiles = new ParticleContainer({
    label: 'grid',
    texture: Texture.WHITE,
    dynamicProperties: { position: false, vertex: false, rotation: false, uvs: false, color: false },
  });
  private strokes: Stroke[] = [];
  private thickness = 0;

  /** Rebuilds every quad for `world`; call `layout` afterwards to size the lines. */
  build(world: WorldMessage): void {
    const { width, height } = world;
    const w = width * CELL;
    const h = height * CELL;
    this.strokes = [];
    this.thickness = 0;
    if (Math.max(width, height) <= GRID_LINES_MAX_CELLS) {
      for (let x = 1; x < width; x++) this.addStroke(true, x * CELL, h, GRID_LINE);
      for (let y = 1; y < height; y++) this.addStroke(false, y * CELL, w, GRID_LINE);
    }
    // Merged rects: a wall segment is one quad, however many cells long. Drawn over the lines.
    const walls = wallRects(world.walls, width, height).map(
      (r) => new Particle({ texture: Texture.WHITE, x: r.x * CELL, y: r.y * CELL, scaleX: r.w * CELL, scaleY: r.h * CELL, tint: WALL }),
    );
    this.addStroke(true, 0, h, GRID_EDGE);
    this.addStroke(true, w, h, GRID_EDGE);
    this.addStroke(false, 0, w, GRID_EDGE);
    this.addStroke(false, h, w, GRID_EDGE);
    const lines = this.strokes.map((s) => s.particle);
    this.tiles.particleChildren = [...lines.slice(0, -4), ...walls, ...lines.slice(-4)];
    this.tiles.update();
  }

  /** Keeps lines one CSS pixel thick at the camera's `scale` (world units to CSS px). */
  layout(scale: number): void {
    const thickness = scale > 0 ? 1 / scale : 1;
    if (thickness === this.thickness) return;
    this.thickness = thickness;
    for (const s of this.strokes) {
      const p = s.particle;
      if (s.vertical) {
        p.x = s.at - thickness / 2;
        p.y = 0;
        p.scaleX = thickness;
        p.scaleY = s.length;
      } else {
        p.x = 0;
        p.y = s.at - thickness / 2;
        p.scaleX = s.length;
        p.scaleY = thickness;
      }
    }
    this.tiles.update();
  }

  private addStroke(vertical: boolean, at: number, length: number, tint: number): void {
    this.strokes.push({ particle: new Particle({ texture: Texture.WHITE, tint }), vertical, at, length });
  }
}
