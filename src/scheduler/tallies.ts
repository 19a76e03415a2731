import type { BatchStats } from './types.ts';

/** What happened to one producer's jobs (or to all of them). */
export interface Tally {
  callsStarted: number;
  callsSucceeded: number;
  callsFailed: number;
  retries: number;
  fallbacks: number;
  jobsCompleted: number;
  /** Submitted and not yet settled. */
  pending: number;
  inFlight: number;
  lastBatch: BatchStats | null;
}

export type Counter = 'callsStarted' | 'callsSucceeded' | 'callsFailed' | 'retries' | 'fallbacks' | 'jobsCompleted' | 'pending' | 'inFlight';

function freshTally(): Tally {
  return { callsStarted: 0, callsSucceeded: 0, callsFailed: 0, retries: 0, fallbacks: 0, jobsCompleted: 0, pending: 0, inFlight: 0, lastBatch: null };
}

/**
 * Counts per producer (a world, a debate, a DAG) beside the scheduler's totals. One scheduler
 * outlives many producers, and each wants its own figures: a rebuilt world starts from zero
 * while the key's budget does not. A producer that was dropped is forgotten once its last job
 * has settled, so the map does not grow with every rebuild.
 */
export class Tallies {
  readonly total: Tally = freshTally();
  private readonly byProducer = new Map<string, Tally>();
  private readonly dropped = new Set<string>();

  /** The producer's tally; a fresh zero one when it has none (yet). */
  of(producer: string): Readonly<Tally> {
    return this.byProducer.get(producer) ?? freshTally();
  }

  add(producer: string | undefined, counter: Counter, by = 1): void {
    this.total[counter] += by;
    if (producer === undefined) return;
    let tally = this.byProducer.get(producer);
    if (!tally) {
      tally = freshTally();
      this.byProducer.set(producer, tally);
    }
    tally[counter] += by;
    if (tally.pending === 0 && this.dropped.has(producer)) this.forget(producer);
  }

  batch(producer: string | undefined, stats: BatchStats): void {
    this.total.lastBatch = stats;
    const tally = producer === undefined ? undefined : this.byProducer.get(producer);
    if (tally) tally.lastBatch = stats;
  }

  /** The producer is gone: forget its tally once nothing of it is pending. */
  drop(producer: string): void {
    if (this.of(producer).pending === 0) this.forget(producer);
    else this.dropped.add(producer);
  }

  private forget(producer: string): void {
    this.byProducer.delete(producer);
    this.dropped.delete(producer);
  }
}
