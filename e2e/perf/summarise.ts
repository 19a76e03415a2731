/**
 * Pure arithmetic over measured windows: medians and ratios over rounds of turns, their spread,
 * and rises. Kept apart from the browser code so it is unit-tested.
 */
import type { FrameStats } from './measure.ts';

/** Ratios are kept to three decimals. */
const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** The rise from `before` to `after` in percent, to one decimal; 0 when `before` is not positive. */
export function risePercent(before: number, after: number): number {
  return before > 0 ? Math.round(((after - before) / before) * 1000) / 10 : 0;
}

/** The middle value (the mean of the two middle ones for an even count); 0 for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The geometric mean: the fair average of rates. 0 if any is not positive. */
export function geomean(values: readonly number[]): number {
  if (values.length === 0 || values.some((v) => !(v > 0))) return 0;
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

/**
 * Side a against side b in each round of turns (turns.ts): the ratio of the sides' fps, each the
 * geometric mean over that side's pages. A round with a page that drew nothing is left out.
 */
export function roundRatios(rounds: readonly { readonly a: readonly number[]; readonly b: readonly number[] }[]): number[] {
  return rounds.map((r) => ({ a: geomean(r.a), b: geomean(r.b) })).filter((r) => r.a > 0 && r.b > 0).map((r) => r.a / r.b);
}

/**
 * The median of `roundRatios`. A round compares windows seconds apart, so the machine's drift
 * cancels within it; the median leaves out the rounds a neighbour's burst hit on one side only.
 * To three decimals; 0 when no round can be divided.
 */
export function turnsRatio(rounds: readonly { readonly a: readonly number[]; readonly b: readonly number[] }[]): number {
  const ratios = roundRatios(rounds);
  return ratios.length > 0 ? round3(median(ratios)) : 0;
}

/**
 * The middle half of `values`: from the median of the lower half to the median of the upper half
 * (the middle value, for an odd count, in neither). How far apart the rounds of one run read,
 * printed beside a median so a reader can tell a figure from the noise around it. Three decimals;
 * [0, 0] for none.
 */
export function middleHalf(values: readonly number[]): readonly [number, number] {
  if (values.length === 0) return [0, 0];
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 1) return [sorted[0] ?? 0, sorted[0] ?? 0];
  const half = Math.floor(sorted.length / 2);
  return [round3(median(sorted.slice(0, half))), round3(median(sorted.slice(sorted.length - half)))];
}

/** The typical window of many: the median fps, p50 and p95, and every frame counted. */
export function typical(runs: readonly FrameStats[]): FrameStats {
  if (runs.length === 0) throw new Error('no runs to summarise');
  return {
    fps: Math.round(median(runs.map((r) => r.fps)) * 10) / 10,
    p50FrameMs: Math.round(median(runs.map((r) => r.p50FrameMs)) * 100) / 100,
    p95FrameMs: Math.round(median(runs.map((r) => r.p95FrameMs)) * 100) / 100,
    frames: runs.reduce((sum, r) => sum + r.frames, 0),
  };
}
