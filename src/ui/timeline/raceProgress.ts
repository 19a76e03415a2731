/**
 * How far a race has got and about how long it has left, lane by lane. Pure, so the estimate is
 * tested without a browser. The estimate replays what the race's scheduler will do with the calls
 * still to come: each takes the mean latency seen so far (the mock's latency setting before any
 * has answered), at most `concurrency` at once (one, one at a time), and at most `rpm` in any
 * rolling minute, a request holding its slot until 60 s after its answer, as the budget does.
 */
import type { CallBar } from './callLog.ts';
import { formatMs, latencyOf } from './timelineText.ts';
import { formatCount } from '../numbers.ts';

/** The budget's window: a request holds a slot until this long after its answer. */
const WINDOW_MS = 60_000;

/** The settings a lane runs under, as the race took them from the page's settings. */
export interface LaneLimits {
  readonly latencyMs: number;
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly rpm: number;
}

export interface LaneProgress {
  readonly done: number;
  readonly size: number;
  /** About how long until the lane's last answer (ms); 0 once done. */
  readonly leftMs: number;
  /** The lane's wall time once done, else null. */
  readonly wallMs: number | null;
}

/** A lane's progress at `now` (worker clock): its calls so far and its wall time once done. */
export function laneProgress(bars: readonly CallBar[], wallMs: number | null, size: number, now: number, limits: LaneLimits): LaneProgress {
  const done = bars.filter((bar) => bar.endedAt !== null).length;
  if (wallMs !== null) return { done, size, leftMs: 0, wallMs };
  return { done, size, leftMs: estimateLeftMs(bars, size, now, limits), wallMs: null };
}

/** The replay described at the top of the file; returns ms from `now` to the last answer. */
export function estimateLeftMs(bars: readonly CallBar[], size: number, now: number, limits: LaneLimits): number {
  const latencies = bars.map(latencyOf).filter((ms): ms is number => ms !== null);
  const callMs = latencies.length > 0 ? latencies.reduce((a, b) => a + b, 0) / latencies.length : Math.min(limits.latencyMs, limits.timeoutMs);
  const releases: number[] = [];
  const freeAt: number[] = [];
  let last = now;
  for (const bar of bars) {
    if (bar.endedAt !== null) {
      releases.push(bar.endedAt + WINDOW_MS);
      continue;
    }
    const end = Math.max(now, (bar.attemptStarts.at(-1) ?? now) + callMs);
    releases.push(end + WINDOW_MS);
    freeAt.push(end);
    last = Math.max(last, end);
  }
  const slots = Math.max(1, limits.concurrency);
  while (freeAt.length < slots) freeAt.push(now);
  for (let waiting = size - bars.length; waiting > 0; waiting--) {
    freeAt.sort((a, b) => a - b);
    const start = Math.max(now, freeAt[0] ?? now, budgetFreeAt(releases, limits.rpm));
    const end = start + callMs;
    freeAt[0] = end;
    releases.push(end + WINDOW_MS);
    last = Math.max(last, end);
  }
  return last - now;
}

/** The earliest moment fewer than `rpm` slots are held, given when each held slot is released. */
function budgetFreeAt(releases: number[], rpm: number): number {
  if (releases.length < rpm) return -Infinity;
  releases.sort((a, b) => a - b);
  // Fewer than rpm are held once all but rpm - 1 have been released.
  return releases[releases.length - rpm] ?? -Infinity;
}

/** "about 38 s left", for a person glancing at it: whole seconds, minutes past a minute. */
export function leftText(ms: number): string {
  if (ms < 1_000) return 'under 1 s left';
  const seconds = Math.ceil(ms / 1_000);
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return `about ${minutes} min${rest === 0 ? '' : ` ${rest} s`} left`;
}

/**
 * "One at a time: 23 of 100 calls, about 38 s left", or "…: 100 of 100 calls in 50.3 s" once done;
 * without the time left when it cannot be estimated (calls that wait for each other).
 */
export function laneProgressText(title: string, progress: LaneProgress, estimate = true): string {
  const counted = `${title}: ${formatCount(progress.done)} of ${formatCount(progress.size)} call${progress.size === 1 ? '' : 's'}`;
  if (progress.wallMs !== null) return `${counted} in ${formatMs(progress.wallMs)}`;
  return estimate ? `${counted}, ${leftText(progress.leftMs)}` : counted;
}

/**
 * Why the race's speedup differs from the world's: the race takes only the world's first agents,
 * because one at a time their calls already take this long. Null when it took every agent.
 */
export function raceCapText(raceSize: number, worldAgents: number, latencyMs: number): string | null {
  if (worldAgents <= raceSize) return null;
  const n = formatCount(raceSize);
  return (
    `This race takes the first ${n} of the world's ${formatCount(worldAgents)} agents: one at a time, ${n} calls of ${formatMs(latencyMs)} ` +
    `already take about ${formatMs(raceSize * latencyMs)}. The Timing panel measures the world's own last batch, which can hold every agent's call; ` +
    "the more calls go out together, the larger the gain, so its speedup can read much higher than this race's."
  );
}
