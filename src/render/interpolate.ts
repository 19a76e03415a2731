/**
 * Per-frame motion between two ticks. Pure (no Pixi) so it is unit-tested in Node: the worker
 * ticks at 10 Hz, the screen draws at 60 Hz, and agents glide instead of hopping cell to cell.
 */
import type { FramePair } from './source.ts';

/** How far `now` is from `pair.receivedAt` towards the next tick, clamped to 0..1. */
export function alphaAt(pair: FramePair, now: number): number {
  const { tickMs } = pair.curr;
  // A zero or negative tick length (paused or stepping) means "already there".
  if (!(tickMs > 0)) return 1;
  const alpha = (now - pair.receivedAt) / tickMs;
  if (alpha <= 0) return 0;
  if (alpha >= 1) return 1;
  return alpha;
}

/** Writes the interpolated [x0, y0, x1, y1, …] (grid cells) into `out`, growing it if too small. */
export function interpolatePositions(pair: FramePair, now: number, out: Float32Array): Float32Array {
  const curr = pair.curr.positions;
  const target = out.length >= curr.length ? out : new Float32Array(curr.length);
  const prev = pair.prev?.positions;
  // A new world, or a different agent count, has nothing to blend from: draw where they are.
  if (prev?.length !== curr.length) {
    target.set(curr);
    return target;
  }
  const alpha = alphaAt(pair, now);
  for (let i = 0; i < curr.length; i++) {
    const from = prev[i] ?? 0;
    const to = curr[i] ?? 0;
    target[i] = from + (to - from) * alpha;
  }
  return target;
}
