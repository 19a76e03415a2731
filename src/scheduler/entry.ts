import type { ModelError } from '../brain/errors.ts';
import type { ModelReply } from '../brain/model.ts';
import type { AbortableCall } from './abortableCall.ts';
import type { Budget } from './budget.ts';
import type { TimerHandle } from '../clock/clock.ts';
import { laneOf, type CallRecord, type Job, type JobResult } from './types.ts';

/** A job between submit and answer. `id` fixes its place in line, retries included. */
export interface Entry<Req, Res> {
  readonly id: number;
  readonly job: Job<Req, Res>;
  /** The job's flow (`fairness.ts`), worked out once when it is queued. */
  readonly flowKey: string;
  readonly enqueuedAt: number;
  readonly resolve: (result: JobResult<Res>) => void;
  attempts: number;
  startedAt: number | undefined;
  /** When each attempt was sent, first to last: a timeline draws the retries from these. */
  readonly attemptStarts: number[];
  /** A retry waits for its backoff: not started before this time. */
  notBefore: number;
  lastError: ModelError | undefined;
  /** Set while an attempt is in flight: aborts it. */
  call: AbortableCall<Entry<Req, Res>, Res> | undefined;
  /** The attempt in flight's timeout (`TimerWheel`). */
  timer: TimerHandle | undefined;
  /** The budget the latest attempt took its slot from: its answer frees the slot there. */
  budget: Budget | undefined;
  /** Answered or fell back: nothing more may happen to it. */
  settled: boolean;
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
    startedAt: entry.startedAt,
    // The entry is settled and never sent again, so its list is handed over, not copied.
    attemptStarts: entry.attemptStarts,
    endedAt,
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
  for (const entry of queue) {
    if (ready.length >= room) break;
    const { key, producer } = entry.job;
    if (busyKeys.has(key) || keys.has(key)) continue;
    if (entry.notBefore > now) {
      nextRetryAt = Math.min(nextRetryAt, entry.notBefore);
      continue;
    }
    const already = taken.get(producer) ?? 0;
    if (already >= producerRoom(producer)) continue;
    taken.set(producer, already + 1);
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
