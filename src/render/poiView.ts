/**
 * Points of interest: a coloured cell each in world space, and, on worlds with few of them, a
 * name label each in screen space, so labels stay readable at every zoom instead of scaling.
 */
import { Container, Graphics, Text } from 'pixi.js';
import type { WorldMessage } from '../worker/protocol.ts';
import type { ViewTransform } from './cameraMath.ts';
import { worldToScreen } from './cameraMath.ts';
import { BACKGROUND, POI_COLORS } from './palette.ts';
import { CELL, cellCentre } from './units.ts';

/** Above this many POIs, labels would cover the map and cost a texture each: cells only. */
export const LABELS_MAX_POIS = 40;
/** Labels hide while a cell is smaller than this on screen (CSS px). */
const LABEL_MIN_CELL_PX = 6;

/** Draws the POI cells (`cells`, world space) and labels (`labels`, screen space); freed with the stage. */
export class PoiView {
  readonly cells = new Graphics();
  readonly labels = new Container({ label: 'poi-labels' });
  private anchors: { readonly x: number; readonly y: number }[] = [];

  /** Redraws for `world`. */
  build(world: WorldMessage): void {
    this.cells.clear();
    const inset = CELL * 0.08;
    for (const poi of world.pois) {
      this.cells.roundRect(poi.x * CELL + inset, poi.y * CELL + inset, CELL - 2 * inset, CELL - 2 * inset, CELL * 0.2);
      this.cells.fill({ color: POI_COLORS[poi.kind], alpha: 0.85 });
    }
    this.clearLabels();
    if (world.pois.length > LABELS_MAX_POIS) return;
    for (const poi of world.pois) {
      const label = new Text({
        text: poi.name,
        anchor: { x: 0.5, y: 1 },
        style: {
          fontFamily: 'system-ui, sans-serif',
          fontSize: 11,
          fill: POI_COLORS[poi.kind],
          stroke: { color: BACKGROUND, width: 3 },
        },
      });
      this.labels.addChild(label);
      this.anchors.push({ x: cellCentre(poi.x), y: poi.y * CELL });
    }
  }

  /** Moves the labels to follow the camera. */
  layout(t: ViewTransform): void {
    const show = t.scale * CELL >= LABEL_MIN_CELL_PX;
    this.labels.visible = show && this.anchors.length > 0;
    if (!show) return;
    const children = this.labels.children;
    for (let i = 0; i < children.length; i++) {
      const label = children[i];
      const anchor = this.anchors[i];
      if (!label || !anchor) continue;
      const p = worldToScreen(t, anchor.x, anchor.y);
      label.position.set(Math.round(p.x), Math.round(p.y - 2));
    }
  }

  private clearLabels(): void {
    for (const label of this.labels.removeChildren()) label.destroy({ style: true });
    this.anchors = [];
  }
}
