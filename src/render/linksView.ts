/**
 * Lines between personas who are talking (a community's chat phases), drawn from the same
 * interpolated positions as the dots, so a line follows the two as they walk to each other.
 */
import { Graphics } from 'pixi.js';
import { CHAT_LINK } from './palette.ts';
import { CELL, cellCentre } from './units.ts';

export class LinksView {
  readonly graphics = new Graphics({ label: 'links' });
  private drawn = false;

  /** Redraws the lines for `links` ([a0, b0, a1, b1, …]); clears them once when there are none. */
  update(positions: Float32Array, links: Uint16Array | null, count: number): void {
    const g = this.graphics;
    if (!links || links.length === 0) {
      if (this.drawn) g.clear();
      this.drawn = false;
      return;
    }
    g.clear();
    for (let i = 0; i + 1 < links.length; i += 2) {
      const a = links[i] ?? 0;
      const b = links[i + 1] ?? 0;
      if (a >= count || b >= count) continue;
      g.moveTo(cellCentre(positions[a * 2] ?? 0), cellCentre(positions[a * 2 + 1] ?? 0));
      g.lineTo(cellCentre(positions[b * 2] ?? 0), cellCentre(positions[b * 2 + 1] ?? 0));
    }
    g.stroke({ width: CELL * 0.15, color: CHAT_LINK, alpha: 0.8 });
    this.drawn = true;
  }
}
