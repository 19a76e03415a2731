/**
 * Frame timing measured inside the page. `measureFrames` is handed to `page.evaluate`, which
 * sends its source text to the browser: it must be self-contained (no imports, no outer
 * variables) and must not bind arrow functions to names, because tsx's esbuild (keepNames)
 * wraps those in a `__name(...)` helper that does not exist in the page.
 */

/** What one measurement window saw. */
export interface FrameStats {
  /** Frames per second over the window: frame intervals / elapsed time. */
  fps: number;
  /** Median frame-to-frame time (ms). */
  p50FrameMs: number;
  /** 95th percentile frame-to-frame time (ms): the hitches a user notices. */
  p95FrameMs: number;
  /** requestAnimationFrame callbacks counted. */
  frames: number;
}

/**
 * Counts requestAnimationFrame callbacks for `durationMs` and summarises the deltas between
 * their timestamps. rAF is what PixiJS's ticker runs on, so one callback is one drawn frame.
 */
export async function measureFrames(durationMs: number): Promise<FrameStats> {
  const stamps: number[] = [];
  for (;;) {
    const time = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
    stamps.push(time);
    if (time - (stamps[0] ?? time) >= durationMs) break;
  }
  const deltas: number[] = [];
  for (let i = 1; i < stamps.length; i++) deltas.push((stamps[i] ?? 0) - (stamps[i - 1] ?? 0));
  deltas.sort((a, b) => a - b);
  const elapsed = (stamps[stamps.length - 1] ?? 0) - (stamps[0] ?? 0);
  const p50 = deltas[Math.floor(0.5 * deltas.length)] ?? 0;
  const p95 = deltas[Math.min(deltas.length - 1, Math.floor(0.95 * deltas.length))] ?? 0;
  return {
    fps: Math.round(((deltas.length * 1000) / Math.max(1, elapsed)) * 10) / 10,
    p50FrameMs: Math.round(p50 * 100) / 100,
    p95FrameMs: Math.round(p95 * 100) / 100,
    frames: stamps.length,
  };
}
