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

/**
 * The agents standing on another cell than at the tick before, as indices into `out` (grown when
 * too small); returns how many. Found once per tick, so each frame blends only these: at 10,000
 * agents most stand still in any one tick, and a frame's work follows what moves.
 */
export function findMovers(pair: FramePair, out: Int32Array): { movers: Int32Array; count: number } {
  const curr = pair.curr.positions;
  const prev = pair.prev?.positions;
  const agents = curr.length >> 1;
  const movers = out.length >= agents ? out : new Int32Array(agents);
  if (prev?.length !== curr.length) return { movers, count: 0 };
  let count = 0;
  for (let i = 0; i < agents; i++) {
    if (prev[2 * i] !== curr[2 * i] || prev[2 * i + 1] !== curr[2 * i + 1]) movers[count++] = i;
  }
  return { movers, count };
}

/** Writes the blended positions of the first `count` agents listed in `movers` into `out` (no allocation). */
export function interpolateMovers(pair: FramePair, alpha: number, movers: Int32Array, count: number, out: Float32Array): void {
  const curr = pair.curr.positions;
  const prev = pair.prev?.positions;
  if (!prev) return;
  for (let k = 0; k < count; k++) {
    const x = 2 * (movers[k] ?? 0);
    const fx = prev[x] ?? 0;
    const fy = prev[x + 1] ?? 0;
    out[x] = fx + ((curr[x] ?? 0) - fx) * alpha;
    out[x + 1] = fy + ((curr[x + 1] ?? 0) - fy) * alpha;
  }
}
