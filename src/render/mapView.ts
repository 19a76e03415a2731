/**
 * The static map in one draw: the grid's quads (gridView.ts) and the POI cells (poiView.ts) are
 * particles of one ParticleContainer whose properties are all static, so the map is drawn from a
 * buffer uploaded once per world (and again on a zoom, to keep lines a pixel thick), never
 * rebuilt per frame. A ParticleContainer draws from one texture, so both kinds of quad take
 * their frame from one small atlas: a white block and the POI cell's rounded square.
 *
 * One draw rather than one per kind because, under software WebGL (SwiftShader, as in CI), a
 * draw call costs the browser work of its own beyond its pixels. Measured in one page at 1,000
 * agents, switching every second between the two (16 pairs, medians): the POI cells drawn apart
 * again read 2.6% fewer frames per second, and 3.8% in a first trial; the same switch with
 * nothing changed reads within 1%. Between separately opened pages the gain is inside the noise.
 */
import { Graphics, ParticleContainer, Rectangle, Texture } from 'pixi.js';
import type { Renderer } from 'pixi.js';
import type { WorldMessage } from '../protocol/protocol.ts';
import type { ViewTransform } from './cameraMath.ts';
import { GridView } from './gridView.ts';
import { PoiView } from './poiView.ts';

/** The rounded square's side in px: one cell at 4× zoom before it is magnified. */
const CELL_TEXTURE_PX = 64;
/**
 * The square sits 1 px in from the atlas's edges, so linear filtering softens all four of its
 * sides alike (against transparent texels, not the atlas's clamped edge on two sides only).
 */
const CELL_AT = 1;
/**
 * A 3×3 white block beside the square, of which the quads sample only the middle texel: its
 * neighbours are white too, so linear filtering never blends in the square or the transparent
 * gap, and a scale in world units stays a size in world units (the frame is one texel).
 */
const WHITE_BLOCK_X = CELL_AT + CELL_TEXTURE_PX + 2;
const ATLAS_WIDTH = WHITE_BLOCK_X + 3;
const ATLAS_HEIGHT = CELL_AT + CELL_TEXTURE_PX + 1;

/** Draws a world's walls, lines and POI cells, and its POI labels; freed with the stage. */
export class MapView {
  readonly quads = new ParticleContainer({
    label: 'map',
    dynamicProperties: { position: false, vertex: false, rotation: false, uvs: false, color: false },
  });
  private readonly grid = new GridView();
  private readonly pois = new PoiView();
  private atlas: { texture: Texture; white: Texture; cell: Texture } | null = null;

  constructor(private readonly renderer: Renderer) {}

  /** The POI labels (screen space): the scene puts them above the map and below the agents. */
  get labels(): PoiView['labels'] {
    return this.pois.labels;
  }

  /** Makes every quad and label for `world`; call `layout` before drawing. */
  build(world: WorldMessage): void {
    const { white, cell } = this.ensureAtlas();
    // Bottom to top: grid lines, walls, outline, then the POI cells over them.
    this.quads.particleChildren = [...this.grid.build(world, white), ...this.pois.build(world, cell)];
    this.quads.update();
  }

  /** Follows the camera: lines stay a pixel thick (a buffer upload only when they change), labels move. */
  layout(t: ViewTransform): void {
    if (this.grid.layout(t.scale)) this.quads.update();
    this.pois.layout(t);
  }

  /**
   * Frees the atlas. Apart from the container (which app.destroy() frees with the stage) because
   * destroying it while the particle shader still binds it makes Pixi warn.
   */
  destroyTexture(): void {
    this.atlas?.texture.destroy(true);
    this.atlas = null;
  }

  private ensureAtlas(): { white: Texture; cell: Texture } {
    if (this.atlas) return this.atlas;
    const size = CELL_TEXTURE_PX;
    const shapes = new Graphics()
      .roundRect(CELL_AT, CELL_AT, size, size, size * 0.2)
      .fill(0xffffff)
      .rect(WHITE_BLOCK_X, 0, 3, 3)
      .fill(0xffffff);
    const texture = this.renderer.generateTexture({ target: shapes, frame: new Rectangle(0, 0, ATLAS_WIDTH, ATLAS_HEIGHT), resolution: 1, antialias: true });
    shapes.destroy({ context: true });
    const source = texture.source;
    this.atlas = {
      texture,
      white: new Texture({ source, frame: new Rectangle(WHITE_BLOCK_X + 1, 1, 1, 1) }),
      cell: new Texture({ source, frame: new Rectangle(CELL_AT, CELL_AT, size, size) }),
    };
    this.quads.texture = texture;
    return this.atlas;
  }
}
