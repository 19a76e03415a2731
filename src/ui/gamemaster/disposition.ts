/**
 * A villager's disposition toward the player in words and as a small bar from the middle
 * (0) toward −1 or +1, coloured like its dot on the grid. Pure, so it is tested.
 */
import { beliefColor, cssColor } from '../community/beliefColors.ts';

/** A number in [−1, 1] with its sign and two decimals, with a real minus: "+0.42", "−0.10", "0.00". */
export function signedText(x: number): string {
  const value = Math.abs(x).toFixed(2);
  return value === '0.00' ? value : `${x < 0 ? '−' : '+'}${value}`;
}

/** A disposition in [−1, 1] with its sign and a word: "+0.42 friendly", "−0.70 hostile", "0.00 neutral". */
export function dispositionText(disposition: number): string {
  const signed = signedText(disposition);
  const word = disposition >= 0.25 ? 'friendly' : disposition <= -0.25 ? 'hostile' : 'neutral';
  return `${signed} ${word}`;
}

/** The bar's box in % of its track (which has 0 in the middle) and its colour, the grid's own. */
export function dispositionBar(disposition: number): { left: number; width: number; color: string } {
  const d = Number.isFinite(disposition) ? Math.max(-1, Math.min(1, disposition)) : 0;
  const half = Math.round(Math.abs(d) * 5000) / 100;
  return { left: d < 0 ? 50 - half : 50, width: half, color: cssColor(beliefColor(d)) };
}
