import type { BudgetLimits } from './budget.ts';
import { readyEntries, type Entry } from './entry.ts';
import { fairOrder } from './fairness.ts';
import type { LaneTally } from './tallies.ts';
import { laneOf, type Job, type Lane, type SchedulerConfig, type SchedulerMetrics } from './types.ts';

/**
 * Priority lanes: `interactive` jobs (the default: a player waiting for a reply) before
 * `background` jobs (upkeep nobody is waiting for), which run in the budget left over.
 *
 * The rule, at every dispatch:
 * 1. Interactive jobs that may start (key free, backoff over, producer under its cap) take the
 *    free concurrency slots and the key's budget first, under the full `rpm`, whatever order they
 *    were submitted in relative to background jobs.
 * 2. Only when all of them were granted and started, so that no interactive job is left waiting
 *    for a slot, may background jobs start, and then only within two reserves:
 *    - at most ⌊cap × backgroundShare⌋ background calls in flight (at least 1, at most cap − 1), when the cap (`concurrency`, 1 for
 *      `sequential`, or the model's own `maxConcurrent`, whichever is least) is finite and > 1;
 *    - a background request is sent only while the key's rolling window holds fewer than
 *      B = ⌊rpm × backgroundShare⌋ slots (at least 1), counting every request in it, of either lane
 *      or scheduler: the ledger is simply asked for slots with `rpm` = B.
 * 3. Within each lane, flows take turns (`fairness.ts`), each flow in submission order (a retry
 *    keeps its lane and its place); the lanes share the per-key rule (two jobs with one key are
 *    never in flight together) and producer caps.
 *
 * Why background work can never hold what an interactive job needs:
 * - Slots in flight: background calls alone never hold more than their share of the cap (and
 *   never all of it), so cap − ⌊cap × share⌋ slots are always free of them; an interactive job
 *   that finds none is behind other interactive calls only.
 * - Budget: background requests never hold more than B of the window's slots. (Proof, as for the
 *   rolling window: at the latest start s among the background requests holding a slot at t,
 *   each of them already held its slot, since a slot is held without a break from send to
 *   answer + 60 s; and s was allowed only because fewer than B slots were held, so at most B
 *   are held by background requests at t.) So rpm − B slots are always out of their reach, and
 *   the window is full for an interactive job only when interactive requests hold at least
 *   rpm − B of it themselves.
 * - Order: step 1 runs before step 2 at each dispatch, and a short grant in step 1 skips step 2,
 *   so an interactive job waiting for a slot is always the next one to get it.
 *
 * Stated exceptions, where a strict reserve would starve the background lane for ever: with a
 * cap of 1 (`sequential`) a background call may take the one slot, and an interactive job may
 * then wait for that call (at most its timeout); with an `rpm` so small that B rounds to 0, B is 1.
 * An interactive job held back by itself (its key in flight, its backoff, its producer's cap) is
 * not waiting for a slot: background work may go meanwhile, within the same reserves.
 */

/** How many of the rolling window's slots may be held when a background request is sent. */
export function backgroundRpm(rpm: number, share: number): number {
  return rpm === Infinity ? Infinity : Math.max(1, Math.floor(rpm * share));
}

/**
 * How many background calls may be in flight under a cap of `cap` calls in all: the same share
 * as of the budget, and always one short of the cap, so a turn's fan-out (several interactive
 * calls at once) finds room beside the background work, not just one slot.
 */
export function backgroundCap(cap: number, share: number): number {
  return Number.isFinite(cap) && cap > 1 ? Math.max(1, Math.min(cap - 1, Math.floor(cap * share))) : cap;
}

/** One attempt's deadline for this job: its own timeout, or the scheduler's. */
export function attemptTimeout(job: Pick<Job<unknown, unknown>, 'timeoutMs'>, config: SchedulerConfig): number {
  return job.timeoutMs ?? config.timeoutMs;
}

/** What the lanes see of the scheduler at one dispatch. */
export interface LaneState {
  /** Calls that may be in flight at once, both lanes together. */
  readonly cap: number;
  /** The background lane's share of the cap (and of the budget). */
  readonly backgroundShare: number;
  readonly inFlight: number;
  readonly backgroundInFlight: number;
  readonly busyKeys: ReadonlySet<string>;
  readonly now: number;
  readonly producerRoom: (producer: string | undefined) => number;
  /** When each flow was last served, for the turns within a lane (`fairness.ts`). */
  readonly lastServed: ReadonlyMap<string, number>;
}

/** The jobs to start at one dispatch, all of one lane, and when the first backoff seen ends. */
export interface LaneGroup<E> {
  readonly lane: Lane;
  readonly entries: E[];
  readonly nextRetryAt: number;
}

/** The jobs that may start now under the rule above: the interactive ones if any, else background ones. */
export function nextGroup<Req, Res>(queue: readonly Entry<Req, Res>[], state: LaneState): LaneGroup<Entry<Req, Res>> {
  const room = state.cap - state.inFlight;
  const pick = (lane: Lane, laneRoom: number) =>
    readyEntries(fairOrder(queue.filter((entry) => laneOf(entry.job) === lane), state.lastServed), laneRoom, state.busyKeys, state.now, state.producerRoom);
  const interactive = pick('interactive', room);
  if (interactive.ready.length > 0) return { lane: 'interactive', entries: interactive.ready, nextRetryAt: interactive.nextRetryAt };
  const background = pick('background', Math.min(room, backgroundCap(state.cap, state.backgroundShare) - state.backgroundInFlight));
  return { lane: 'background', entries: background.ready, nextRetryAt: Math.min(interactive.nextRetryAt, background.nextRetryAt) };
}

/**
 * The limits a group's slots are taken under: background's share of `rpm`, and a deadline long
 * enough for the longest attempt among them (a slot's holder may vanish; see `keyLedger.ts`).
 */
export function laneLimits<Req, Res>(group: LaneGroup<Entry<Req, Res>>, config: SchedulerConfig): BudgetLimits {
  let maxCallMs = config.timeoutMs;
  const { entries } = group;
  for (let i = 0; i < entries.length; i++) maxCallMs = Math.max(maxCallMs, attemptTimeout((entries[i] as Entry<Req, Res>).job, config));
  const rpm = group.lane === 'background' ? backgroundRpm(config.rpm, config.backgroundShare) : config.rpm;
  return { rpm, dailyLimit: config.dailyLimit, maxCallMs };
}

/** A tally's lane counters as the metrics show them: waiting, in flight, and background's done. */
export function laneCounts({ interactive, background }: Readonly<Record<Lane, LaneTally>>): SchedulerMetrics['lanes'] {
  return {
    interactive: { queued: interactive.pending - interactive.inFlight, inFlight: interactive.inFlight },
    background: { queued: background.pending - background.inFlight, inFlight: background.inFlight, done: background.done },
  };
}
