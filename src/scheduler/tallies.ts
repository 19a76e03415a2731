import type { BatchStats, Lane } from './types.ts';

/** One lane's jobs within a tally. */
export interface LaneTally {
  /** Submitted and not yet settled. */
  pending: number;
  inFlight: number;
  /** Settled, answered or fallen back. */
  done: number;
}

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
  /** `pending`, `inFlight` and `jobsCompleted` again, split by priority lane. */
  readonly lanes: Record<Lane, LaneTally>;
}

export type Counter = 'callsStarted' | 'callsSucceeded' | 'callsFailed' | 'retries' | 'fallbacks' | 'jobsCompleted' | 'pending' | 'inFlight';


function freshTally(): Tally {
  return {
    callsStarted: 0, callsSucceeded: 0, callsFailed: 0, retries: 0, fallbacks: 0, jobsCompleted: 0, pending: 0, inFlight: 0, lastBatch: null,
    lanes: { interactive: { pending: 0, inFlight: 0, done: 0 }, background: { pending: 0, inFlight: 0, done: 0 } },
  };
}

/**
 * Counts `by` on `counter`, and on its lane's counter for the three kept per lane (`pending`,
 * `inFlight`, and `jobsCompleted` as `done`). Named fields, not `tally[counter]`: a job counts
 * seven times from submit to answer, and a store keyed by a name that varies is a slow lookup
 * each time, thousands of jobs at once.
 */
function bump(tally: Tally, counter: Counter, by: number, lane: Lane | undefined): void {
  switch (counter) {
    case 'pending':
      tally.pending += by;
      if (lane !== undefined) tally.lanes[lane].pending += by;
      return;
    case 'inFlight':
      tally.inFlight += by;
      if (lane !== undefined) tally.lanes[lane].inFlight += by;
      return;
    case 'jobsCompleted':
      tally.jobsCompleted += by;
      if (lane !== undefined) tally.lanes[lane].done += by;
      return;
    case 'callsStarted':
      tally.callsStarted += by;
      return;
    case 'callsSucceeded':
      tally.callsSucceeded += by;
      return;
    case 'callsFailed':
      tally.callsFailed += by;
      return;
    case 'retries':
      tally.retries += by;
      return;
    case 'fallbacks':
      tally.fallbacks += by;
      return;
    default: {
      // A counter added to `Counter` must be counted here too: the compiler says so.
      const unknown: never = counter;
      throw new Error(`No tally for counter ${String(unknown)}`);
    }
  }
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

  /** Counts `by` on `counter`; with a lane, on that lane's matching counter too. */
  add(producer: string | undefined, counter: Counter, by = 1, lane?: Lane): void {
    bump(this.total, counter, by, lane);
    if (producer === undefined) return;
    let tally = this.byProducer.get(producer);
    if (!tally) {
      tally = freshTally();
      this.byProducer.set(producer, tally);
    }
    bump(tally, counter, by, lane);
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
