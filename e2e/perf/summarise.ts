/**
 * Pure arithmetic over measured windows: the best of several runs, and rounded ratios. Kept apart
 * from the browser code so it is unit-tested.
 */
import type { FrameStats } from './measure.ts';

/**
 * The better figure of each: highest fps, lowest p50 and p95 (possibly from different runs). A
 * neighbour's burst on the shared machine only ever makes a run slower, so the best is the
 * figure least disturbed by it.
 */
export function best(runs: readonly FrameStats[]): FrameStats {
  const first = runs[0];
  if (!first) throw new Error('no runs to summarise');
  const fastest = runs.reduce((a, b) => (b.fps > a.fps ? b : a), first);
  return {
    fps: fastest.fps,
    p50FrameMs: Math.min(...runs.map((r) => r.p50FrameMs)),
    p95FrameMs: Math.min(...runs.map((r) => r.p95FrameMs)),
    frames: fastest.frames,
  };
}

/** a / b to three decimals; 0 when b is not a positive number (nothing measured to divide by). */
export function ratio(a: number, b: number): number {
  return b > 0 ? Math.round((a / b) * 1000) / 1000 : 0;
}

/** The rise from `before` to `after` in percent, to one decimal; 0 when `before` is not positive. */
export function risePercent(before: number, after: number): number {
  return before > 0 ? Math.round(((after - before) / before) * 1000) / 10 : 0;
}
