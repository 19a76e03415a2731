import type { ModelError } from '../brain/errors.ts';
import type { ModelReply } from '../brain/model.ts';
import type { AbortableCall } from './abortableCall.ts';
import type { Budget } from './budget.ts';
import type { TimerHandle } from '../clock/clock.ts';
import { laneOf, type CallRecord, type Job, type JobResult } from './types.ts';

/**
 * Hears how jobs settled, once each: one object for a whole batch of jobs (`Scheduler.submitTo`),
 * told which job by the `tag` it was given, where a promise per job would cost the promise, its
 * resolving functions and a microtask each. It is told within the scheduler's own work (an
 * answer's turn), so it must not throw.
 */
export interface JobListener<Res> {
  settled(tag: number, value: Res, source: string, record: CallRecord): void;
}

/** A job between submit and answer. `id` fixes its place in line, retries included. */
export interface Entry<Req, Res> {
  readonly id: number;
  readonly job: Job<Req, Res>;
  /** The job's flow (`fairness.ts`), worked out once when it is queued. */
  readonly flowKey: string;
  readonly enqueuedAt: number;
  /** Who hears the end: a promise's `resolve` (`submit`), or a listener told with `tag` (`submitTo`). */
  readonly done: ((result: JobResult<Res>) => void) | JobListener<Res>;
  readonly tag: number;
  attempts: number;
  /**
   * When each attempt was sent, first to last (a timeline draws the retries from these); the
   * first is the job's start. Undefined until the first is sent: an array made then with its one
   * element is a third the size of an empty one grown by a push, thousands of them alive at once.
   */
  attemptStarts: number[] | undefined;
  /**
   * A retry waits for its backoff: not started before this time. 0 until a retry sets it (no
   * wait), not the submit time: a whole number is kept in the entry itself, where a time would
   * be a boxed number more per job.
   */
  notBefore: number;
  /**
   * The failed attempts' own time, each from its send to its failure (backoff waits left out):
   * with the answered attempt's, what the job cost one call at a time. 0 (a small integer, kept
   * in the entry) until an attempt fails, which is rare.
   */
  failedMs: number;
  lastError: ModelError | undefined;
  /** Set while an attempt is in flight: aborts it. */
  call: AbortableCall<Entry<Req, Res>, Res> | undefined;
  /** The attempt in flight's timeout (`TimerWheel`). */
  timer: TimerHandle | undefined;
  /** The budget the latest attempt took its slot from: its answer frees the slot there. */
  budget: Budget | undefined;
  /** Answered or fell back: nothing more may happen to it. */
  settled: boolean;
  /** Its neighbours in the scheduler's list of entries in flight (`InFlight`), while it is in it. */
  prevInFlight: Entry<Req, Res> | undefined;
  nextInFlight: Entry<Req, Res> | undefined;
}

/**
 * The entries with an attempt in flight, oldest first, as a list threaded through the entries
 * themselves: adding and removing one is a few stores, where a set hashed each of a batch's
 * thousands of entries in and out (and rebuilt its table as it grew and shrank).
 */
export class InFlight<Req, Res> {
  private head: Entry<Req, Res> | undefined;
  private tail: Entry<Req, Res> | undefined;
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(entry: Entry<Req, Res>): boolean {
    return entry.prevInFlight !== undefined || this.head === entry;
  }

  add(entry: Entry<Req, Res>): void {
    if (this.has(entry)) return;
    entry.prevInFlight = this.tail;
    entry.nextInFlight = undefined;
    if (this.tail) this.tail.nextInFlight = entry;
    else this.head = entry;
    this.tail = entry;
    this.count++;
  }

  delete(entry: Entry<Req, Res>): void {
    if (!this.has(entry)) return;
    const { prevInFlight: prev, nextInFlight: next } = entry;
    if (prev) prev.nextInFlight = next;
    else this.head = next;
    if (next) next.prevInFlight = prev;
    else this.tail = prev;
    entry.prevInFlight = undefined;
    entry.nextInFlight = undefined;
    this.count--;
  }

  /** The entries in flight now, oldest first (a copy: what is done to them may change the list). */
  list(): Entry<Req, Res>[] {
    const out: Entry<Req, Res>[] = [];
    for (let entry = this.head; entry !== undefined; entry = entry.nextInFlight) out.push(entry);
    return out;
  }
}

/** The record of a job that has just settled. */
export function recordOf<Req, Res>(
  entry: Entry<Req, Res>,
  endedAt: number,
  source: string,
  reply: ModelReply<Res> | undefined,
): CallRecord {
  return {
    id: entry.id,
    key: entry.job.key,
    batch: entry.job.batch,
    lane: laneOf(entry.job),
    enqueuedAt: entry.enqueuedAt,
    startedAt: entry.attemptStarts?.[0],
    // The entry is settled and never sent again, so its list is handed over, not copied.
    attemptStarts: entry.attemptStarts ?? [],
    endedAt,
    // An answer ends the last attempt now; a fallback's attempts all ended in failures, counted then.
    callMs: source === 'fallback' ? entry.failedMs : entry.failedMs + endedAt - (entry.attemptStarts?.at(-1) ?? endedAt),
    attempts: entry.attempts,
    outcome: source === 'fallback' ? 'fallback' : 'success',
    source,
    error: entry.lastError ? { kind: entry.lastError.kind, message: entry.lastError.message } : undefined,
    usage: reply?.usage,
    prompt: reply?.prompt,
    raw: reply?.raw,
  };
}

/**
 * The waiting entries that may start now, in line order: at most `room` of them, none whose key
 * is busy (or taken twice here), none still in backoff, and none beyond its producer's own cap
 * (`producerRoom`: how many more of that producer's calls may start now; a community's
 * semaphore). Also says when the first backoff ends.
 */
export function readyEntries<Req, Res>(
  queue: readonly Entry<Req, Res>[],
  room: number,
  busyKeys: ReadonlySet<string>,
  now: number,
  producerRoom: (producer: string | undefined) => number = () => Infinity,
): { ready: Entry<Req, Res>[]; nextRetryAt: number } {
  const ready: Entry<Req, Res>[] = [];
  const keys = new Set<string>();
  const taken = new Map<string | undefined, number>();
  let nextRetryAt = Infinity;
  for (let i = 0; i < queue.length; i++) {
    const entry = queue[i] as Entry<Req, Res>;
    if (ready.length >= room) break;
    const { key, producer } = entry.job;
    if (busyKeys.has(key) || keys.has(key)) continue;
    if (entry.notBefore > now) {
      nextRetryAt = Math.min(nextRetryAt, entry.notBefore);
      continue;
    }
    // Only a producer with a cap is counted: a batch without one costs no count per entry.
    const limit = producerRoom(producer);
    if (limit !== Infinity) {
      const already = taken.get(producer) ?? 0;
      if (already >= limit) continue;
      taken.set(producer, already + 1);
    }
    keys.add(key);
    ready.push(entry);
  }
  return { ready, nextRetryAt };
}

/** Puts a retrying job back in line at its original place (by id), ahead of jobs submitted later. */
export function insertInOrder<Req, Res>(queue: Entry<Req, Res>[], entry: Entry<Req, Res>): void {
  let low = 0;
  let high = queue.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((queue[mid]?.id ?? Infinity) < entry.id) low = mid + 1;
    else high = mid;
  }
  queue.splice(low, 0, entry);
}
