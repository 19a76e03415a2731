import { addUsage, ZERO_TOKENS, type TokenUsage } from '../brain/model.ts';
import { BatchTracker } from './batches.ts';
import { Tallies, type Counter, type Tally } from './tallies.ts';
import { laneOf, type BatchUnsent, type CallRecord, type Job, type SchedulerEvent } from './types.ts';

/**
 * What became of the scheduler's jobs: counts per producer and in all, batch timing and token
 * use. Kept apart from dispatch, which decides what starts when; this only books what happened.
 * Call records are not kept here: each goes out once, with the `settled` event and the job's
 * result, to whoever wants it (the session's journal keeps one per agent).
 */
export class Outcomes {
  private readonly tallies = new Tallies();
  private readonly batches = new BatchTracker();
  private tokenUse: TokenUsage = ZERO_TOKENS;

  /** `emit` absent: nobody listens, and no event is built. */
  constructor(private readonly emit?: (event: SchedulerEvent) => void) {}

  /** A job was queued (or refused at once): it is pending until it settles. */
  submitted(job: Job<unknown, unknown>, now: number): void {
    this.tallies.add(job.producer, 'pending', 1, laneOf(job));
    if (job.batch !== undefined) this.batches.add(job.batch, now);
  }

  /** A job's first attempt was sent. */
  sent(job: Job<unknown, unknown>): void {
    if (job.batch !== undefined) this.batches.sent(job.batch);
  }

  /** Batches under way with calls still to send. */
  unsent(): BatchUnsent[] {
    return this.batches.unsent();
  }

  count(job: Job<unknown, unknown>, counter: Counter, by = 1): void {
    this.tallies.add(job.producer, counter, by, laneOf(job));
  }

  /** A job settled: its record is announced, and its batch reported if it was the last. */
  settled(job: Job<unknown, unknown>, record: CallRecord): void {
    this.count(job, 'jobsCompleted');
    if (record.usage) this.tokenUse = addUsage(this.tokenUse, record.usage);
    this.emit?.({ type: 'settled', record });
    const batch = this.batches.settle(record);
    if (batch) {
      this.tallies.batch(job.producer, batch);
      this.emit?.({ type: 'batch', stats: batch });
    }
    this.count(job, 'pending', -1);
  }

  /** One producer's tally, or everyone's. */
  tally(producer?: string): Readonly<Tally> {
    return producer === undefined ? this.tallies.total : this.tallies.of(producer);
  }

  /** The producer is gone: its tally is forgotten once its last job settles. */
  drop(producer: string): void {
    this.tallies.drop(producer);
  }

  get tokens(): TokenUsage {
    return this.tokenUse;
  }
}
