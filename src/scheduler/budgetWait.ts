/**
 * How long the calls waiting for the budget will take to get through it: the time until the last
 * of them can start, as the rolling window (rollingWindow.ts) will let it.
 *
 * The rule: a request holds a slot from its start until a window (a minute) after its answer,
 * and at most `limit` slots are held. So waiting calls start in the order slots free, and a call
 * that starts takes the slot it starts in for a window more. Line the held slots up by when they
 * free (answered ones by their answer, in-flight ones a window from now, their answer still to
 * come), then the waiting calls in order: call i of that line starts when call i − limit's slot
 * frees, or now when i ≤ limit. Following that back from the last waiting call, each step is a
 * window, until it lands on a held slot (its free time) or on a call that can start now.
 *
 * Why not "waiting ÷ limit per minute": the slots free when their requests are a window old,
 * not evenly over the coming minute. 40 calls behind a budget of 60 a minute that was spent in
 * the first second wait ~59 s, not 40 s (the "100 agents under 60 RPM" preset).
 *
 * A server's pause (a 429's retry delay) holds every start until it ends, the first of the line's
 * too. What it leaves out: each call's own latency (a slot frees a window after the answer) and
 * the concurrency cap; so it is "about", and a little early per window.
 */

/** What the budget holds now, as the ledger tells it (`KeyLedger.freeing`). */
export interface BudgetWaitInput {
  /** Calls waiting to start. */
  readonly queued: number;
  /** Slots held now: requests in flight plus those answered within the window. */
  readonly held: number;
  /** Slots in a window (the RPM budget); Infinity for none. */
  readonly limit: number;
  /** Answered slots by the whole second (from now) in which they free: `freeing[s]` free within [s, s + 1) s. */
  readonly freeing: readonly number[];
  readonly windowMs: number;
  /** ms until a server's pause ends; 0 when there is none. */
  readonly pausedForMs?: number;
}

/** ms until the last waiting call can start; null when the budget has room for every one now. */
export function budgetWaitMs({ queued, held, limit, freeing, windowMs, pausedForMs = 0 }: BudgetWaitInput): number | null {
  const room = Math.max(0, limit - held);
  if (!(limit > 0) || !Number.isFinite(limit) || queued <= room) return null;
  // Each step back along the line is a window, until the call lands among the first `limit`:
  // the n-th of those past the room waits for the n-th held slot to free (an in-flight one, or
  // past the held ones, a slot of a call that starts now: both a window from now).
  const steps = Math.floor((queued - room - 1) / limit);
  return steps * windowMs + Math.max(pausedForMs, heldFreesAt(queued - steps * limit - room, freeing, windowMs));
}

/** When the n-th held slot to free (1-based) frees: an answered one by its second, an in-flight one a window from now. */
function heldFreesAt(n: number, freeing: readonly number[], windowMs: number): number {
  let count = 0;
  for (let s = 0; s < freeing.length; s++) {
    count += freeing[s] ?? 0;
    // The second's end: the latest it frees, so the wait is never shown shorter than it is.
    if (count >= n) return Math.min(windowMs, (s + 1) * 1_000);
  }
  return windowMs;
}
