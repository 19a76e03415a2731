import type { BatchStats, BatchUnsent, CallRecord } from './types.ts';

interface OpenBatch {
  size: number;
  pending: number;
  /** Jobs neither sent nor settled: waiting for the budget, a slot or their turn. */
  unsent: number;
  /** Whether any of its calls has been sent: before that the page has no lane for it. */
  sent: boolean;
  firstEnqueue: number;
  /** When the batch's first call was sent; Infinity while none has been. */
  firstStart: number;
  lastEnd: number;
  sumLatencyMs: number;
  answered: number;
  fallbacks: number;
}

/**
 * Groups settled jobs by batch id and reports each batch once its last job has settled.
 *
 * A batch's wall time runs from its first call *sent* to its last answer. Time spent waiting
 * before that, behind an earlier batch that is still running (one at a time, a 5 s round does
 * not fit in a 3 s think interval), is reported apart as `waitedMs`: counting it would make a
 * sequential round look slower than the sum of its own calls. So a sequential round reads its
 * calls' sum and 1.0×, and a parallel round reads its real gain.
 */
export class BatchTracker {
  private readonly open = new Map<string, OpenBatch>();

  /** Counts a job into its batch when it is submitted. */
  add(id: string, enqueuedAt: number): void {
    const batch = this.open.get(id);
    if (batch) {
      batch.size++;
      batch.pending++;
      batch.unsent++;
      batch.firstEnqueue = Math.min(batch.firstEnqueue, enqueuedAt);
    } else {
      this.open.set(id, openBatch(1, enqueuedAt));
    }
  }

  /** A job's first attempt was sent (a retry is not a new send). */
  sent(id: string): void {
    const batch = this.open.get(id);
    if (!batch) return;
    batch.unsent--;
    batch.sent = true;
  }

  /**
   * The batches under way that still have calls to send, and how many: a batch of 10,000 behind a
   * budget of 600 a minute has sent 600 and finished them, and is not done for 16 minutes.
   * Without this the page, which sees calls only once they leave, took its lane for finished.
   */
  unsent(): BatchUnsent[] {
    const list: BatchUnsent[] = [];
    for (const [id, batch] of this.open) if (batch.sent && batch.unsent > 0) list.push({ id, calls: batch.unsent });
    return list;
  }

  /** Adds a settled job; returns the batch's stats if it was the batch's last pending job. */
  settle(record: CallRecord): BatchStats | undefined {
    if (record.batch === undefined) return undefined;
    const batch = this.open.get(record.batch);
    if (!batch) return undefined;
    batch.pending--;
    // Settled without being sent (live calls off, its producer cancelled).
    if (record.attempts === 0) batch.unsent--;
    addSettled(batch, record);
    if (batch.pending > 0) return undefined;
    this.open.delete(record.batch);
    return statsOf(record.batch, batch);
  }
}

/**
 * A batch's figures from all its settled records at once, by the same rules: for a host that
 * reports no batch of its own (a community phase run on a bare host); undefined for no records.
 */
export function statsOfRecords(id: string, records: readonly CallRecord[]): BatchStats | undefined {
  if (records.length === 0) return undefined;
  const batch = openBatch(records.length, Math.min(...records.map((r) => r.enqueuedAt)));
  for (const record of records) addSettled(batch, record);
  return statsOf(id, batch);
}

function openBatch(size: number, enqueuedAt: number): OpenBatch {
  return { size, pending: size, unsent: size, sent: false, firstEnqueue: enqueuedAt, firstStart: Infinity, lastEnd: enqueuedAt, sumLatencyMs: 0, answered: 0, fallbacks: 0 };
}

/** Counts a settled job's times and outcome into its batch. */
function addSettled(batch: OpenBatch, record: CallRecord): void {
  batch.lastEnd = Math.max(batch.lastEnd, record.endedAt);
  if (record.startedAt !== undefined) {
    batch.firstStart = Math.min(batch.firstStart, record.startedAt);
    batch.sumLatencyMs += record.callMs;
  }
  if (record.outcome === 'fallback') batch.fallbacks++;
  else batch.answered++;
}

function statsOf(id: string, batch: OpenBatch): BatchStats {
  const sent = batch.firstStart < Infinity;
  const wallMs = sent ? batch.lastEnd - batch.firstStart : 0;
  return {
    id,
    size: batch.size,
    wallMs,
    waitedMs: (sent ? batch.firstStart : batch.lastEnd) - batch.firstEnqueue,
    sumLatencyMs: batch.sumLatencyMs,
    speedup: wallMs > 0 ? batch.sumLatencyMs / wallMs : 1,
    answered: batch.answered,
    fallbacks: batch.fallbacks,
  };
}
