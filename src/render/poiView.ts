/**
 * Points of interest: a coloured cell each in world space (particles of mapView.ts's one static
 * container, tinted copies of its rounded square), and, on worlds with few of them, a name label
 * each in screen space, so labels stay readable at every zoom instead of scaling.
 * Labels are placed beside their cell where they cover no other label or place (above, else
 * below, right, left) and kept inside the grid, so none is cut at the canvas edge or written
 * over another; a label with no room on any side waits, hidden, until a zoom gives it room.
 */
import { Container, Particle, Text } from 'pixi.js';
import type { Texture } from 'pixi.js';
import type { WorldMessage } from '../protocol/protocol.ts';
import type { ViewTransform } from './cameraMath.ts';
import { worldToScreen } from './cameraMath.ts';
import { BACKGROUND, POI_COLORS } from './palette.ts';
import { placeLabels, type Box, type LabelSize } from './labelPlacement.ts';
import { CELL } from './units.ts';

/** Above this many POIs, labels would cover the map and cost a texture each: cells only. */
export const LABELS_MAX_POIS = 40;
/** Labels hide while a cell is smaller than this on screen (CSS px). */
const LABEL_MIN_CELL_PX = 6;

/** Makes the POI cells' quads and draws the labels (`labels`, screen space); freed with the stage. */
export class PoiView {
  readonly labels = new Container({ label: 'poi-labels' });
  /** Each labelled POI's cell, top-left in world units. */
  private anchors: { readonly x: number; readonly y: number }[] = [];
  /** Each label's size, measured once: labels are screen space, so zoom never changes it. */
  private sizes: LabelSize[] = [];
  private world: { readonly width: number; readonly height: number } = { width: 0, height: 0 };

  /** Makes the labels for `world` and returns its cells' quads, drawn from `cell` (a filled square). */
  build(world: WorldMessage, cell: Texture): Particle[] {
    const inset = CELL * 0.08;
    const scale = (CELL - 2 * inset) / cell.frame.width;
    const cells = world.pois.map(
      (poi) => new Particle({ texture: cell, x: poi.x * CELL + inset, y: poi.y * CELL + inset, scaleX: scale, scaleY: scale, tint: POI_COLORS[poi.kind], alpha: 0.85 }),
    );
    this.clearLabels();
    this.world = { width: world.width * CELL, height: world.height * CELL };
    if (world.pois.length > LABELS_MAX_POIS) return cells;
    for (const poi of world.pois) {
      const label = new Text({
        text: poi.name,
        style: {
          fontFamily: 'system-ui, sans-serif',
          fontSize: 11,
          fill: POI_COLORS[poi.kind],
          stroke: { color: BACKGROUND, width: 3 },
        },
      });
      this.labels.addChild(label);
      this.anchors.push({ x: poi.x * CELL, y: poi.y * CELL });
      this.sizes.push({ width: label.width, height: label.height });
    }
    return cells;
  }

  /** Moves the labels to follow the camera, each to a side of its cell with room for it. */
  layout(t: ViewTransform): void {
    const show = t.scale * CELL >= LABEL_MIN_CELL_PX;
    this.labels.visible = show && this.anchors.length > 0;
    if (!show) return;
    const toBox = (x: number, y: number, w: number, h: number): Box => {
      const a = worldToScreen(t, x, y);
      const b = worldToScreen(t, x + w, y + h);
      return { x0: a.x, y0: a.y, x1: b.x, y1: b.y };
    };
    const cells = this.anchors.map((a) => toBox(a.x, a.y, CELL, CELL));
    const boxes = placeLabels(cells, this.sizes, toBox(0, 0, this.world.width, this.world.height));
    const children = this.labels.children;
    for (let i = 0; i < children.length; i++) {
      const label = children[i];
      if (!label) continue;
      const box = boxes[i];
      label.visible = box !== null && box !== undefined;
      if (box) label.position.set(Math.round(box.x0), Math.round(box.y0));
    }
  }

  private clearLabels(): void {
    for (const label of this.labels.removeChildren()) label.destroy({ style: true });
    this.anchors = [];
    this.sizes = [];
  }
}
