/**
 * The floor under a phase's wall time: how fast its calls can go at best, given the semaphore
 * (at most `concurrency` calls at once), each call's latency and the key's budget (at most `rpm`
 * requests in any rolling minute). Every figure is a lower bound, so a sentence built on it
 * ("at least …") stays true whatever the latencies really are.
 */

export interface CeilingInput {
  /** Calls of the phase. */
  readonly calls: number;
  /** Calls allowed at once (1 for the sequential strategy). */
  readonly concurrency: number;
  /** Latency of one call (ms). */
  readonly latencyMs: number;
  /** The budget: requests a minute. */
  readonly rpm: number;
}

export interface Ceiling {
  /** ⌈calls / concurrency⌉: rounds of calls the semaphore lets through. */
  readonly waves: number;
  /** The least wall time: waves × latency, or the budget's floor when that is longer. */
  readonly ms: number;
  /** What sets `ms`: the semaphore (more than one wave), the budget (more than `rpm` calls), or nothing (all at once). */
  readonly limitedBy: 'semaphore' | 'budget' | 'none';
  /** The semaphore's floor alone: waves × latency. */
  readonly semaphoreMs: number;
  /** The budget's floor alone (0 when the calls fit in one minute's budget). */
  readonly budgetMs: number;
  /** The same calls one at a time: calls × latency. */
  readonly sequentialMs: number;
  /** The speedup cannot exceed this however the latencies fall: no more than this many calls run at once. */
  readonly maxSpeedup: number;
}

const MINUTE_MS = 60_000;

/**
 * The budget's floor. A request holds its slot from when it is sent until a minute after its
 * answer (docs/ARCHITECTURE.md, "Dispatch"), so with `rpm` R the first R calls go at once and
 * each further R wait at least a minute plus a call's latency; the last of them then takes a
 * latency of its own.
 */
function budgetFloor(calls: number, rpm: number, latencyMs: number): number {
  if (rpm <= 0 || calls <= rpm) return 0;
  const laterRounds = Math.ceil(calls / rpm) - 1;
  return laterRounds * (MINUTE_MS + latencyMs) + latencyMs;
}

/** The least wall time of a phase's calls under the semaphore and the budget, and why. */
export function phaseCeiling(input: CeilingInput): Ceiling {
  const calls = Math.max(0, Math.floor(input.calls));
  const concurrency = Math.max(1, Math.floor(input.concurrency));
  const latencyMs = Math.max(0, input.latencyMs);
  const waves = Math.ceil(calls / concurrency);
  const semaphoreMs = waves * latencyMs;
  const budgetMs = budgetFloor(calls, input.rpm, latencyMs);
  const limitedBy = budgetMs > semaphoreMs ? 'budget' : waves > 1 ? 'semaphore' : 'none';
  return {
    waves,
    ms: Math.max(semaphoreMs, budgetMs),
    limitedBy,
    semaphoreMs,
    budgetMs,
    sequentialMs: calls * latencyMs,
    maxSpeedup: Math.max(1, Math.min(calls, concurrency)),
  };
}
