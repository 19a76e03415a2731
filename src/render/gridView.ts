/**
 * The static grid: walls, the outline and (on small grids) the grid lines, all as stretched
 * white quads (particles of mapView.ts's one static container) built once per world. Quads
 * rather than Graphics, and the floor as the canvas clear colour rather than a filled rect,
 * because under software WebGL (SwiftShader, as in CI) Graphics pixels cost several times
 * particle pixels: at 1,000 agents Graphics walls took the frame rate from ~125 to ~72 fps,
 * quads to ~110; grid lines as quads cost about half of the same lines as a pixelLine Graphics
 * stroke.
 */
import { Particle } from 'pixi.js';
import type { Texture } from 'pixi.js';
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

/** Makes and lays out the grid's quads; mapView.ts draws them. */
export class GridView {
  private strokes: Stroke[] = [];
  private thickness = 0;

  /**
   * The quads of `world`, bottom to top: grid lines, walls, outline. `white` must be one white
   * texel (scales are in world units); call `layout` before drawing to size the lines.
   */
  build(world: WorldMessage, white: Texture): Particle[] {
    const { width, height } = world;
    const w = width * CELL;
    const h = height * CELL;
    this.strokes = [];
    this.thickness = 0;
    if (Math.max(width, height) <= GRID_LINES_MAX_CELLS) {
      for (let x = 1; x < width; x++) this.addStroke(white, true, x * CELL, h, GRID_LINE);
      for (let y = 1; y < height; y++) this.addStroke(white, false, y * CELL, w, GRID_LINE);
    }
    // Merged rects: a wall segment is one quad, however many cells long. Drawn over the lines.
    const walls = wallRects(world.walls, width, height).map(
      (r) => new Particle({ texture: white, x: r.x * CELL, y: r.y * CELL, scaleX: r.w * CELL, scaleY: r.h * CELL, tint: WALL }),
    );
    this.addStroke(white, true, 0, h, GRID_EDGE);
    this.addStroke(white, true, w, h, GRID_EDGE);
    this.addStroke(white, false, 0, w, GRID_EDGE);
    this.addStroke(white, false, h, w, GRID_EDGE);
    const lines = this.strokes.map((s) => s.particle);
    return [...lines.slice(0, -4), ...walls, ...lines.slice(-4)];
  }

  /**
   * Keeps lines one CSS pixel thick at the camera's `scale` (world units to CSS px). Returns
   * whether any quad changed, so the caller uploads the static buffer only then.
   */
  layout(scale: number): boolean {
    const thickness = scale > 0 ? 1 / scale : 1;
    if (thickness === this.thickness) return false;
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
    return this.strokes.length > 0;
  }

  private addStroke(white: Texture, vertical: boolean, at: number, length: number, tint: number): void {
    this.strokes.push({ particle: new Particle({ texture: white, tint }), vertical, at, length });
  }
}
