import { isFatal, isRetryable, ModelError, toModelError } from '../brain/errors.ts';
import { addUsage, ZERO_TOKENS, type Model, type ModelReply, type TokenUsage } from '../brain/model.ts';
import { raceAbort, type Clock, type TimerHandle } from '../clock/clock.ts';
import { backoffDelay } from './backoff.ts';
import { BatchTracker } from './batches.ts';
import { validateSchedulerConfig } from './config.ts';
import { insertInOrder, recordOf, type Entry } from './entry.ts';
import { RollingWindow } from './rollingWindow.ts';
import type {
  BatchStats, CallRecord, Job, JobResult, SchedulerConfig, SchedulerEvent, SchedulerMetrics,
} from './types.ts';

export interface SchedulerOptions<Req, Res> {
  readonly model: Model<Req, Res>;
  readonly clock: Clock;
  readonly config?: Partial<SchedulerConfig>;
  /** Uniform [0, 1) for backoff jitter; inject a seeded one for reproducible runs. */
  readonly random?: () => number;
  readonly onEvent?: (event: SchedulerEvent) => void;
  /** How many call records to keep for inspection. */
  readonly recordLimit?: number;
}

/**
 * Runs model calls for jobs: in order of submission, at most `concurrency` at once (one for
 * `sequential`), at most `rpm` starts in any rolling minute, each attempt under a timeout, with
 * retries for transient failures and the job's fallback when it finally fails. A failure only
 * ever touches its own job, except the two that no retry can fix (invalid key, daily quota):
 * those switch live calls off and every waiting job falls back at once.
 */
export class Scheduler<Req, Res> {
  private config: SchedulerConfig;
  private model: Model<Req, Res>;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly onEvent: ((event: SchedulerEvent) => void) | undefined;
  private readonly recordLimit: number;

  private queue: Entry<Req, Res>[] = [];
  private readonly busyKeys = new Set<string>();
  private readonly inFlight = new Set<Entry<Req, Res>>();
  private readonly window = new RollingWindow();
  private readonly batches = new BatchTracker();
  private records: CallRecord[] = [];
  private nextId = 1;
  private pausedUntil = 0;
  private liveDisabled: ModelError | null = null;
  private wake: { at: number; handle: TimerHandle } | undefined;
  private pumpQueued = false;
  private disposed = false;
  private counters = { callsStarted: 0, callsSucceeded: 0, callsFailed: 0, retries: 0, fallbacks: 0, jobsCompleted: 0 };
  private tokens: TokenUsage = ZERO_TOKENS;
  private lastBatch: BatchStats | null = null;

  constructor(options: SchedulerOptions<Req, Res>) {
    this.model = options.model;
    this.clock = options.clock;
    this.random = options.random ?? Math.random;
    this.onEvent = options.onEvent;
    this.recordLimit = options.recordLimit ?? 5_000;
    this.config = validateSchedulerConfig(options.config ?? {});
  }

  /** Queues a job; the promise always resolves, with the model's answer or the fallback. */
  submit(job: Job<Req, Res>): Promise<JobResult<Res>> {
    return new Promise<JobResult<Res>>((resolve) => {
      const now = this.clock.now();
      const entry: Entry<Req, Res> = {
        id: this.nextId++, job, enqueuedAt: now, resolve, attempts: 0, startedAt: undefined, attemptStarts: [],
        notBefore: now, lastError: undefined, controller: undefined,
      };
      if (job.batch !== undefined) this.batches.add(job.batch, now);
      this.queue.push(entry);
      this.schedulePump();
    });
  }

  /** Changes budget, cap, strategy or timeout while running; queued jobs see it at once. */
  configure(patch: Partial<SchedulerConfig>): void {
    this.config = validateSchedulerConfig({ ...this.config, ...patch });
    this.schedulePump();
  }

  get currentConfig(): SchedulerConfig {
    return this.config;
  }

  /** Swaps the live model (e.g. after the user fixed a key) and switches live calls back on. */
  setModel(model: Model<Req, Res>): void {
    this.model = model;
    this.liveDisabled = null;
    this.pausedUntil = 0;
    this.schedulePump();
  }

  /** Aborts every call and settles every job with its fallback; the scheduler stays usable. */
  cancelAll(reason = 'Cancelled'): void {
    const error = new ModelError('unknown', reason);
    for (const entry of this.queue) this.fallBack(entry, error);
    this.queue = [];
    for (const entry of this.inFlight) entry.controller?.abort(error);
  }

  /** Cancels everything and stops all timers for good. */
  dispose(): void {
    this.cancelAll('Scheduler disposed');
    this.disposed = true;
    if (this.wake) this.clock.clearTimeout(this.wake.handle);
    this.wake = undefined;
  }

  metrics(): SchedulerMetrics {
    const now = this.clock.now();
    const { liveDisabled } = this;
    return {
      ...this.counters,
      inFlight: this.inFlight.size,
      queued: this.queue.length,
      rpmLimit: this.config.rpm,
      concurrency: this.config.concurrency,
      strategy: this.config.strategy,
      callsLastMinute: this.window.count(now),
      pausedForMs: Math.max(0, this.pausedUntil - now),
      liveDisabled: liveDisabled ? { kind: liveDisabled.kind, message: liveDisabled.message } : null,
      lastBatch: this.lastBatch,
      tokens: this.tokens,
    };
  }

  /** The most recent call records, oldest first. */
  recentRecords(limit = this.recordLimit): readonly CallRecord[] {
    return this.records.slice(-limit);
  }

  private schedulePump(): void {
    // Coalesce: a tick that submits a thousand jobs triggers one pump, after all are queued.
    if (this.pumpQueued || this.disposed) return;
    this.pumpQueued = true;
    queueMicrotask(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  /** Starts every job that may start now, and sets one timer for the next moment one may. */
  private pump(): void {
    if (this.disposed) return;
    if (this.liveDisabled) {
      const error = this.liveDisabled;
      const waiting = this.queue;
      this.queue = [];
      for (const entry of waiting) this.fallBack(entry, error);
      return;
    }
    const now = this.clock.now();
    if (now < this.pausedUntil) {
      this.setWake(this.pausedUntil);
      return;
    }
    const cap = this.config.strategy === 'sequential' ? 1 : this.config.concurrency;
    let nextRetryAt = Infinity;
    let started = false;
    for (const entry of this.queue) {
      if (this.inFlight.size >= cap) break;
      if (!this.window.canStart(now, this.config.rpm)) {
        // Infinity: every slot is held by a call in flight, and its answer pumps again.
        const freeAt = this.window.nextSlotAt(now, this.config.rpm);
        if (freeAt < Infinity) this.setWake(freeAt);
        break;
      }
      if (this.busyKeys.has(entry.job.key)) continue;
      if (entry.notBefore > now) {
        nextRetryAt = Math.min(nextRetryAt, entry.notBefore);
        continue;
      }
      this.start(entry, now);
      started = true;
    }
    if (started) this.queue = this.queue.filter((entry) => entry.controller === undefined);
    if (nextRetryAt < Infinity) this.setWake(nextRetryAt);
  }

  private setWake(at: number): void {
    if (this.wake && this.wake.at <= at) return;
    if (this.wake) this.clock.clearTimeout(this.wake.handle);
    const handle = this.clock.setTimeout(() => {
      this.wake = undefined;
      this.pump();
    }, at - this.clock.now());
    this.wake = { at, handle };
  }

  private start(entry: Entry<Req, Res>, now: number): void {
    entry.attempts++;
    entry.controller = new AbortController();
    this.inFlight.add(entry);
    this.busyKeys.add(entry.job.key);
    this.window.record();
    this.counters.callsStarted++;
    if (entry.attempts === 1) {
      entry.startedAt = now;
      entry.job.onStart?.();
    } else {
      this.counters.retries++;
    }
    entry.attemptStarts.push(now);
    this.emit({ type: 'started', id: entry.id, key: entry.job.key, batch: entry.job.batch, enqueuedAt: entry.enqueuedAt, attempt: entry.attempts, at: now });
    void this.attempt(entry, entry.controller);
  }

  private async attempt(entry: Entry<Req, Res>, controller: AbortController): Promise<void> {
    const { timeoutMs } = this.config;
    const timer = this.clock.setTimeout(() => {
      controller.abort(new ModelError('timeout', `No answer within ${timeoutMs} ms; the call was aborted.`));
    }, timeoutMs);
    try {
      const reply = await raceAbort(
        this.model.call(entry.job.request, { signal: controller.signal, attempt: entry.attempts }),
        controller.signal,
      );
      this.release(entry, timer);
      this.counters.callsSucceeded++;
      this.succeed(entry, reply);
    } catch (error) {
      this.release(entry, timer);
      this.counters.callsFailed++;
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
      this.fail(entry, toModelError(reason));
    }
    this.schedulePump();
  }

  private release(entry: Entry<Req, Res>, timer: TimerHandle): void {
    this.clock.clearTimeout(timer);
    this.window.release(this.clock.now());
    entry.controller = undefined;
    this.inFlight.delete(entry);
    this.busyKeys.delete(entry.job.key);
  }

  private fail(entry: Entry<Req, Res>, error: ModelError): void {
    entry.lastError = error;
    this.emit({ type: 'failed-attempt', key: entry.job.key, attempt: entry.attempts, error });
    const now = this.clock.now();
    if (isFatal(error.kind)) {
      this.disableLive(error);
      this.fallBack(entry, error);
      return;
    }
    if (this.disposed || this.liveDisabled || !isRetryable(error.kind) || entry.attempts >= this.config.maxAttempts) {
      this.fallBack(entry, error);
      return;
    }
    if (error.retryAfterMs !== undefined) {
      // The server named a delay: nobody else should hit it before then either.
      this.pausedUntil = Math.max(this.pausedUntil, now + error.retryAfterMs);
      this.emit({ type: 'paused', untilMs: this.pausedUntil, error });
    }
    const jitter = backoffDelay(entry.attempts, this.config.backoffBaseMs, this.config.backoffMaxMs, this.random);
    entry.notBefore = Math.max(now + jitter, this.pausedUntil);
    insertInOrder(this.queue, entry);
  }

  private disableLive(error: ModelError): void {
    if (this.liveDisabled) return;
    this.liveDisabled = error;
    this.emit({ type: 'live-disabled', error });
    const waiting = this.queue;
    this.queue = [];
    for (const entry of waiting) this.fallBack(entry, error);
  }

  private succeed(entry: Entry<Req, Res>, reply: ModelReply<Res>): void {
    if (reply.usage) this.tokens = addUsage(this.tokens, reply.usage);
    this.settle(entry, reply.value, this.model.source, reply);
  }

  private fallBack(entry: Entry<Req, Res>, error: ModelError): void {
    entry.lastError = error;
    this.counters.fallbacks++;
    this.settle(entry, entry.job.fallback(entry.job.request), 'fallback', undefined);
  }

  private settle(entry: Entry<Req, Res>, value: Res, source: string, reply: ModelReply<Res> | undefined): void {
    const record = recordOf(entry, this.clock.now(), source, reply);
    this.counters.jobsCompleted++;
    this.records.push(record);
    if (this.records.length > this.recordLimit * 2) this.records = this.records.slice(-this.recordLimit);
    entry.resolve({ value, source, record });
    this.emit({ type: 'settled', record });
    const batch = this.batches.settle(record);
    if (batch) {
      this.lastBatch = batch;
      this.emit({ type: 'batch', stats: batch });
    }
  }

  private emit(event: SchedulerEvent): void {
    this.onEvent?.(event);
  }
}
