/**
 * Pure arithmetic over measured windows: medians and ratios over rounds of turns, and rises. Kept apart from the browser code so it is unit-tested.
 */
import type { FrameStats } from './measure.ts';

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
 * Side a against side b over rounds of turns (turns.ts): each round's ratio of the sides' fps
 * (geometric means over a side's pages), and the median of those. A round compares windows
 * seconds apart, so the machine's drift cancels within it; the median leaves out the rounds a
 * neighbour's burst hit on one side only. To three decimals; 0 when no round can be divided.
 */
export function turnsRatio(rounds: readonly { readonly a: readonly number[]; readonly b: readonly number[] }[]): number {
  const ratios = rounds.map((r) => ({ a: geomean(r.a), b: geomean(r.b) })).filter((r) => r.a > 0 && r.b > 0).map((r) => r.a / r.b);
  return ratios.length > 0 ? Math.round(median(ratios) * 1000) / 1000 : 0;
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
