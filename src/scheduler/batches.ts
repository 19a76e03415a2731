import type { BatchStats, CallRecord } from './types.ts';

interface OpenBatch {
  size: number;
  pending: number;
  firstEnqueue: number;
  lastEnd: number;
  sumLatencyMs: number;
  fallbacks: number;
}

/** Groups settled jobs by batch id and reports each batch once its last job has settled. */
export class BatchTracker {
  private readonly open = new Map<string, OpenBatch>();

  /** Counts a job into its batch when it is submitted. */
  add(id: string, enqueuedAt: number): void {
    const batch = this.open.get(id);
    if (batch) {
      batch.size++;
      batch.pending++;
      batch.firstEnqueue = Math.min(batch.firstEnqueue, enqueuedAt);
    } else {
      this.open.set(id, { size: 1, pending: 1, firstEnqueue: enqueuedAt, lastEnd: enqueuedAt, sumLatencyMs: 0, fallbacks: 0 });
    }
  }

  /** Adds a settled job; returns the batch's stats if it was the batch's last pending job. */
  settle(record: CallRecord): BatchStats | undefined {
    if (record.batch === undefined) return undefined;
    const batch = this.open.get(record.batch);
    if (!batch) return undefined;
    batch.pending--;
    batch.lastEnd = Math.max(batch.lastEnd, record.endedAt);
    if (record.startedAt !== undefined) batch.sumLatencyMs += record.endedAt - record.startedAt;
    if (record.outcome === 'fallback') batch.fallbacks++;
    if (batch.pending > 0) return undefined;
    this.open.delete(record.batch);
    const wallMs = batch.lastEnd - batch.firstEnqueue;
    return {
      id: record.batch,
      size: batch.size,
      wallMs,
      sumLatencyMs: batch.sumLatencyMs,
      speedup: wallMs > 0 ? batch.sumLatencyMs / wallMs : 1,
      fallbacks: batch.fallbacks,
    };
  }
}
