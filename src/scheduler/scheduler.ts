import { isFatal, isRetryable, ModelError, toModelError } from '../brain/errors.ts';
import type { Model, ModelReply } from '../brain/model.ts';
import type { Clock } from '../clock/clock.ts';
import { TimerWheel } from '../clock/timerWheel.ts';
import { AbortableCall, type CallListener } from './abortableCall.ts';
import { backoffDelay } from './backoff.ts';
import { LocalBudget, type Budget } from './budget.ts';
import { budgetWaitMs } from './budgetWait.ts';
import { WINDOW_MS } from './keyLedger.ts';
import { Dispatch, type DispatchHost } from './dispatch.ts';
import { validateJobTimeout, validateSchedulerConfig } from './config.ts';
import { InFlight, insertInOrder, recordOf, type Entry, type JobListener } from './entry.ts';
import { FairRotation, flowKey } from './fairness.ts';
import { attemptTimeout, laneCounts, laneLimits, nextGroup } from './lanes.ts';
import { Outcomes } from './outcomes.ts';
import type { Counter } from './tallies.ts';
import type { Job, JobResult, SchedulerConfig, SchedulerEvent, SchedulerMetrics } from './types.ts';

export type { JobListener } from './entry.ts';

export interface SchedulerOptions<Req, Res> {
  readonly model: Model<Req, Res>;
  readonly clock: Clock;
  readonly config?: Partial<SchedulerConfig>;
  /** Uniform [0, 1) for backoff jitter; inject a seeded one for reproducible runs. */
  readonly random?: () => number;
  readonly onEvent?: (event: SchedulerEvent) => void;
  /** The key's budget (rolling window, 429 pause, day count); a fresh one of its own by default. */
  readonly budget?: Budget;
}

/**
 * Runs model calls for jobs: interactive jobs before background ones (which take only what is
 * left over, `lanes.ts`), within a lane flows (producers, or a producer's lines of calls) taking
 * turns, each in order of submission (`fairness.ts`), at most `concurrency` at once (one for
 * `sequential`), each request under the key's budget (`rpm` in any rolling minute, a day's
 * limit, a server's pause), each attempt under a timeout (the job's own, or `timeoutMs`), with
 * retries for transient failures and the job's fallback when it finally fails. A failure only
 * ever touches its own job, except the two that no retry can fix (invalid key, daily quota):
 * those switch live calls off and every waiting job falls back at once. One scheduler serves
 * many producers (worlds, and later other scenarios) in turn or together, and outlives them:
 * `cancel` drops one producer's jobs.
 */
export class Scheduler<Req, Res> {
  private config: SchedulerConfig;
  private model: Model<Req, Res>;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly onEvent: ((event: SchedulerEvent) => void) | undefined;

  private queue: Entry<Req, Res>[] = [];
  private readonly busyKeys = new Set<string>();
  private readonly inFlight = new InFlight<Req, Res>();
  private budget: Budget;
  private readonly outcomes: Outcomes;
  private nextId = 1;
  private liveDisabled: ModelError | null = null;
  private readonly producerCaps = new Map<string, number>();
  private disposed = false;
  private readonly dispatch: Dispatch<Entry<Req, Res>>;
  private readonly rotation = new FairRotation();
  /** Attempts' timeouts: a batch's attempts share a timer per instant they fall due (`TimerWheel`). */
  private readonly timeouts: TimerWheel;

  constructor(options: SchedulerOptions<Req, Res>) {
    this.model = options.model;
    this.clock = options.clock;
    this.random = options.random ?? Math.random;
    this.onEvent = options.onEvent;
    this.outcomes = new Outcomes(this.onEvent);
    this.config = validateSchedulerConfig(options.config ?? {});
    this.budget = options.budget ?? LocalBudget.fresh(options.clock);
    this.dispatch = new Dispatch(options.clock, this.dispatchHost());
    this.timeouts = new TimerWheel(options.clock);
  }

  /** Queues a job; the promise always resolves, with the model's answer or the fallback (throws on a bad `timeoutMs`). */
  submit(job: Job<Req, Res>): Promise<JobResult<Res>> {
    validateJobTimeout(job.timeoutMs);
    return new Promise<JobResult<Res>>((resolve) => {
      this.enqueue(job, resolve, 0);
    });
  }

  /**
   * `submit` for a batch of jobs: `listener.settled(tag, …)` hears each job's end exactly as its
   * promise would have resolved, once, and never within this call (a disposed scheduler's
   * fallback is told on a microtask). One listener serves the whole batch, so a job costs no
   * promise, resolving functions or reaction, and its end no microtask (throws on a bad `timeoutMs`).
   */
  submitTo(job: Job<Req, Res>, listener: JobListener<Res>, tag: number): void {
    validateJobTimeout(job.timeoutMs);
    this.enqueue(job, listener, tag);
  }

  private enqueue(job: Job<Req, Res>, done: Entry<Req, Res>['done'], tag: number): void {
    const now = this.clock.now();
    const entry: Entry<Req, Res> = {
      id: this.nextId++, job, flowKey: flowKey(job), enqueuedAt: now, done, tag, attempts: 0, attemptStarts: undefined,
      notBefore: 0, failedMs: 0, lastError: undefined, call: undefined, timer: undefined, budget: undefined, settled: false, prevInFlight: undefined, nextInFlight: undefined,
    };
    this.outcomes.submitted(job, now);
    if (this.disposed) {
      const error = new ModelError('unknown', 'The scheduler was disposed; nothing is sent.');
      if (typeof done === 'function') this.fallBack(entry, error);
      else queueMicrotask(() => {
        this.fallBack(entry, error);
      });
      return;
    }
    this.queue.push(entry);
    this.dispatch.schedule();
  }

  /** Changes budget, cap, strategy or timeout while running; queued jobs see it at once. */
  configure(patch: Partial<SchedulerConfig>): void {
    this.config = validateSchedulerConfig({ ...this.config, ...patch });
    this.dispatch.schedule();
  }

  /**
   * Swaps the model (e.g. after the user fixed a key) and, when it is another model, switches
   * live calls back on. The budget is the key's and is left alone: a swap never resets its
   * window or a server's pause.
   */
  setModel(model: Model<Req, Res>): void {
    if (model === this.model) return;
    this.model = model;
    this.liveDisabled = null;
    this.dispatch.schedule();
  }

  /** Switches live calls back on after a fatal failure (e.g. a daily limit that was raised). */
  enableLive(): void {
    this.liveDisabled = null;
    this.dispatch.schedule();
  }

  /**
   * Caps how many of one producer's calls are in flight at once, beside the scheduler's own cap
   * (a community's semaphore of 20); undefined lifts it. Other producers are not held back.
   */
  capProducer(producer: string, cap: number | undefined): void {
    if (cap === undefined) this.producerCaps.delete(producer);
    else this.producerCaps.set(producer, cap);
    this.dispatch.schedule();
  }

  private producerRoom(producer: string | undefined): number {
    const cap = producer === undefined ? undefined : this.producerCaps.get(producer);
    return cap === undefined ? Infinity : Math.max(0, cap - this.outcomes.tally(producer).inFlight);
  }

  /** Takes slots from another key's budget from now on; calls in flight give theirs back where they took them. */
  setBudget(budget: Budget): void {
    this.budget = budget;
    this.dispatch.schedule();
  }

  /**
   * Drops one producer's jobs (a world that was discarded): waiting ones settle with their
   * fallback without being sent, calls in flight are aborted. Slots they spent still count.
   */
  cancel(producer: string, reason = 'Cancelled'): void {
    this.drop((entry) => entry.job.producer === producer, reason);
    this.outcomes.drop(producer);
  }

  private drop(which: (entry: Entry<Req, Res>) => boolean, reason: string): void {
    const error = new ModelError('unknown', reason);
    const waiting = this.queue.filter(which);
    if (waiting.length > 0) this.queue = this.queue.filter((entry) => !which(entry));
    for (const entry of waiting) this.fallBack(entry, error);
    for (const entry of this.inFlight.list()) if (which(entry)) entry.call?.cancel(error);
  }

  /** Cancels everything and stops all timers for good. */
  dispose(): void {
    this.drop(() => true, 'Scheduler disposed');
    this.disposed = true;
    this.dispatch.stop();
  }

  /**
   * Counters, calls in flight and waiting, and the last batch: of one producer when named, else
   * of all. The budget's figures (slots held, pause) are always the key's.
   */
  metrics(producer?: string): SchedulerMetrics {
    const { liveDisabled } = this;
    const { pending, inFlight, lastBatch, lanes, ...counters } = this.outcomes.tally(producer);
    const usage = this.budget.usage();
    const queued = pending - inFlight;
    const limit = this.config.rpm;
    // The walk over the held slots (`freeing`) is only made while calls wait for the budget.
    const budgetWait = queued > limit - usage.held ? budgetWaitMs({ queued, held: usage.held, limit, freeing: this.budget.freeing(), windowMs: WINDOW_MS, pausedForMs: usage.pausedForMs }) : null;
    return {
      ...counters,
      inFlight,
      queued,
      rpmLimit: this.config.rpm,
      concurrency: this.config.concurrency,
      strategy: this.config.strategy,
      callsLastMinute: usage.held,
      budgetWaitMs: budgetWait,
      pausedForMs: usage.pausedForMs,
      liveDisabled: liveDisabled ? { kind: liveDisabled.kind, message: liveDisabled.message } : null,
      lastBatch,
      unsent: this.outcomes.unsent(),
      tokens: this.outcomes.tokens,
      lanes: laneCounts(lanes),
    };
  }

  /** The scheduler as its dispatcher sees it. */
  private dispatchHost(): DispatchHost<Entry<Req, Res>> {
    return {
      open: () => this.settleIfLiveOff(),
      ready: () => {
        // A model's own limit (a browser's 6 connections to an HTTP/1.1 host) keeps the calls that
        // could not really start in this line, where the timeline shows them waiting.
        const cap = Math.min(this.config.strategy === 'sequential' ? 1 : this.config.concurrency, this.model.maxConcurrent ?? Infinity);
        const group = nextGroup(this.queue, {
          cap, backgroundShare: this.config.backgroundShare, inFlight: this.inFlight.size, backgroundInFlight: this.outcomes.tally().lanes.background.inFlight,
          busyKeys: this.busyKeys, now: this.clock.now(), producerRoom: (producer) => this.producerRoom(producer), lastServed: this.rotation.lastServed,
        });
        if (group.nextRetryAt < Infinity) this.dispatch.wakeAt(group.nextRetryAt);
        return { entries: group.entries, limits: laneLimits(group, this.config) };
      },
      budget: () => this.budget,
      start: (entries, budget) => {
        const now = this.clock.now();
        this.queue = withoutStarted(this.queue, entries);
        // Indexed, as are the other walks over a batch's thousands of entries: a `for…of` allocates
        // an iterator result per step until it is optimised, and a walk run once is hardly ever.
        for (let i = 0; i < entries.length; i++) this.start(entries[i] as Entry<Req, Res>, now, budget);
        if (this.rotation.wantsPrune) this.rotation.prune([...this.queue, ...this.inFlight.list()].map((entry) => entry.flowKey));
      },
      dayExhausted: () => {
        this.disableLive(new ModelError('quota-exhausted', `The daily limit of ${this.config.dailyLimit} live requests is used up; agents continue on the mock brain. Raise the limit or wait until tomorrow.`));
      },
    };
  }

  /** While live calls are off, every waiting job falls back at once; false then (nothing to dispatch). */
  private settleIfLiveOff(): boolean {
    if (this.disposed) return false;
    if (!this.liveDisabled) return true;
    const error = this.liveDisabled;
    const waiting = this.queue;
    this.queue = [];
    for (const entry of waiting) this.fallBack(entry, error);
    return false;
  }

  private start(entry: Entry<Req, Res>, now: number, budget: Budget): void {
    entry.attempts++;
    const call = new AbortableCall<Entry<Req, Res>, Res>(entry.attempts);
    entry.call = call;
    entry.budget = budget;
    this.inFlight.add(entry);
    this.busyKeys.add(entry.job.key);
    this.rotation.serve(entry.flowKey);
    this.count(entry, 'inFlight');
    this.count(entry, 'callsStarted');
    if (entry.attempts === 1) {
      this.outcomes.sent(entry.job);
      entry.attemptStarts = [now];
      entry.job.onStart?.();
    } else {
      this.count(entry, 'retries');
      entry.attemptStarts?.push(now);
    }
    // Events are built only for a listener: a batch of thousands would build one per call for nobody.
    if (this.onEvent) this.onEvent({ type: 'started', id: entry.id, key: entry.job.key, batch: entry.job.batch, enqueuedAt: entry.enqueuedAt, attempt: entry.attempts, at: now });
    this.attempt(entry, call);
  }

  /**
   * Sends one attempt under its timeout; `answered` or `failed` hears how it ended. Callbacks, not
   * an async function awaiting the call: that was three promises and their microtasks more per
   * answer, on the path where a batch of thousands lands at once.
   */
  private attempt(entry: Entry<Req, Res>, call: AbortableCall<Entry<Req, Res>, Res>): void {
    // The call is its own timeout's timer (`AbortableCall.onTimer`): no closure per attempt.
    call.timeoutMs = attemptTimeout(entry.job, this.config);
    entry.timer = this.timeouts.setTimer(call, call.timeoutMs);
    // No failure may settle the job in the middle of a dispatch: every one arrives on a later
    // microtask (`AbortableCall`). A model that throws at once fails the attempt, and an injected
    // fault fails it as the model would have, slot and all (a real call that fails has spent its
    // slot too, and a classroom should see what failures cost). The call itself starts at once,
    // with its timer; the model it is sent to names the answer's source, even if another has
    // been set since.
    const fault = entry.job.fault?.();
    if (fault) call.inject(fault, this.calls, entry);
    else call.send(this.model, entry.job.request, this.calls, entry);
  }

  /** Hears every attempt's end: one object for the scheduler's calls, none per call. */
  private readonly calls: CallListener<Entry<Req, Res>, Res> = {
    answered: (entry, call, reply) => {
      const source = call.model?.source ?? this.model.source;
      this.release(entry);
      this.count(entry, 'callsSucceeded');
      this.settle(entry, reply.value, source, reply);
      this.dispatch.schedule();
    },
    failed: (entry, call, error) => {
      const now = this.clock.now();
      // The attempt's own time ends here; the backoff that may follow is not the call's.
      entry.failedMs += now - (entry.attemptStarts?.at(-1) ?? now);
      this.release(entry);
      this.count(entry, 'callsFailed');
      const reason: unknown = call.abortedWith ?? (error instanceof Error ? error : new Error(String(error)));
      this.fail(entry, toModelError(reason), now);
      this.dispatch.schedule();
    },
  };

  private release(entry: Entry<Req, Res>): void {
    if (entry.timer !== undefined) this.timeouts.clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.budget?.release();
    entry.call = undefined;
    this.inFlight.delete(entry);
    this.busyKeys.delete(entry.job.key);
    this.count(entry, 'inFlight', -1);
  }

  private count(entry: Entry<Req, Res>, counter: Counter, by = 1): void {
    this.outcomes.count(entry.job, counter, by);
  }

  private fail(entry: Entry<Req, Res>, error: ModelError, now: number): void {
    entry.lastError = error;
    this.onEvent?.({ type: 'failed-attempt', key: entry.job.key, attempt: entry.attempts, error });
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
      // The server named a delay: nobody else with this key should hit it before then either.
      (entry.budget ?? this.budget).pause(error.retryAfterMs);
      this.emit({ type: 'paused', untilMs: now + error.retryAfterMs, error });
    }
    const jitter = backoffDelay(entry.attempts, this.config.backoffBaseMs, this.config.backoffMaxMs, this.random);
    entry.notBefore = now + jitter;
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

  private fallBack(entry: Entry<Req, Res>, error: ModelError): void {
    if (entry.settled) return;
    entry.lastError = error;
    this.count(entry, 'fallbacks');
    this.settle(entry, entry.job.fallback(entry.job.request), 'fallback', undefined);
  }

  private settle(entry: Entry<Req, Res>, value: Res, source: string, reply: ModelReply<Res> | undefined): void {
    if (entry.settled) return;
    entry.settled = true;
    const record = recordOf(entry, this.clock.now(), source, reply);
    this.outcomes.settled(entry.job, record);
    // Told after the books, so a listener that reads the metrics finds this job counted.
    const { done } = entry;
    if (typeof done === 'function') done({ value, source, record });
    else done.settled(entry.tag, value, source, record);
  }

  private emit(event: SchedulerEvent): void {
    this.onEvent?.(event);
  }
}

/**
 * The queue without the entries just started. They are usually the queue's head in its order (a
 * batch of one flow starts all its jobs at once), so one walk beside them drops them with no set
 * of thousands of entries to build; only when they are not in the queue's order (flows dealt in
 * turns, `fairness.ts`) is a set used.
 */
export function withoutStarted<E>(queue: readonly E[], started: readonly E[]): E[] {
  const kept: E[] = [];
  let next = 0;
  for (let i = 0; i < queue.length; i++) {
    const entry = queue[i] as E;
    if (next < started.length && entry === started[next]) next++;
    else kept.push(entry);
  }
  if (next === started.length) return kept;
  const drop = new Set(started);
  return queue.filter((entry) => !drop.has(entry));
}
