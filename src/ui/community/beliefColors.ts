/**
 * The colours of belief on the grid and in the community panel: a diverging scale from −1
 * (against: orange) through 0 (undecided: light grey) to +1 (for: blue), and grey for a persona
 * whose call fell back. Orange against blue stays apart for every common colour-vision
 * deficiency (the pair ColorBrewer's PuOr and RdBu are built on); the steps are lightened for the
 * dark page, so every one has at least 3:1 contrast against the background (tested).
 *
 * The numbers live in src/render/palette.ts, which the renderer draws the grid with (render may
 * not import ui); the panel reads the same ones, so the two cannot drift.
 */
import { BELIEF_PALETTE, beliefBin } from '../../render/palette.ts';

export { BELIEF_PALETTE, GREYED } from '../../render/palette.ts';

/** The palette index of a belief in [−1, 1]: the renderer's own step, so the grid and the panel agree. */
export const beliefStep = beliefBin;

/** The colour of a belief in [−1, 1] as 0xRRGGBB. */
export function beliefColor(belief: number): number {
  return BELIEF_PALETTE[beliefStep(belief)] ?? 0;
}

/** 0xRRGGBB as a CSS colour, `#rrggbb`. */
export function cssColor(color: number): string {
  return `#${color.toString(16).padStart(6, '0')}`;
}
