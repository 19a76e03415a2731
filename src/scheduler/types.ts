import type { ModelError, FailureKind } from '../brain/errors.ts';
import type { TokenUsage } from '../brain/model.ts';

/** `sequential` runs one call at a time: the baseline that parallel dispatch is compared with. */
export type Strategy = 'parallel' | 'sequential';
export const STRATEGIES: readonly Strategy[] = ['parallel', 'sequential'];

export interface SchedulerConfig {
  readonly strategy: Strategy;
  /** Requests allowed in any rolling 60 s window; `Infinity` for no budget. Retries count. */
  readonly rpm: number;
  /** Calls in flight at once; `Infinity` for no cap. */
  readonly concurrency: number;
  /** Per-attempt deadline; the request is aborted when it passes. */
  readonly timeoutMs: number;
  /** Tries per job, the first included. */
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** Requests per calendar day against the budget; 0 for no daily limit (the mock has none). */
  readonly dailyLimit: number;
  /**
   * The share (0 < share ≤ 1) of the rolling minute's `rpm` slots that background jobs may fill,
   * counting every request in the window: the rest is kept for interactive work (`lanes.ts`).
   */
  readonly backgroundShare: number;
}

export const DEFAULT_SCHEDULER_CONFIG: SchedulerConfig = {
  strategy: 'parallel',
  rpm: 600,
  concurrency: 64,
  timeoutMs: 10_000,
  maxAttempts: 3,
  backoffBaseMs: 500,
  backoffMaxMs: 8_000,
  dailyLimit: 0,
  backgroundShare: 0.5,
};

/**
 * One model call someone wants made. The scheduler knows nothing about who asks beyond `key`:
 * grid agents, debaters or DAG steps all submit the same shape.
 */
export interface Job<Req, Res> {
  /** Who asks, e.g. `world-1/agent-7`. Two jobs with one key are never in flight together. */
  readonly key: string;
  /** Whose job it is (a world, a debate): counted apart, and dropped together with `cancel`. */
  readonly producer?: string;
  /**
   * A line of dependent calls within a producer, e.g. one simulation of many: the scheduler takes
   * turns between flows as between producers (`fairness.ts`). Unset: the producer's one flow.
   */
  readonly flow?: string;
  /** Jobs that became due together (one tick's expired timers); they are measured as a batch. */
  readonly batch?: string;
  readonly request: Req;
  /** The answer to use when the live call finally fails: the mock's, for grid agents. */
  fallback(request: Req): Res;
  /** Called once, when the job's first attempt is sent. */
  onStart?(): void;
  /**
   * `interactive` (the default) jobs are dispatched before any `background` job; background jobs
   * take only the budget and slots left over, so they can never delay an interactive one.
   */
  readonly lane?: Lane;
  /** This job's own per-attempt timeout (ms), instead of the scheduler's `timeoutMs`. */
  readonly timeoutMs?: number;
  /**
   * An injected failure for a classroom: while it returns an error, every attempt of this job
   * fails with it without calling the model (asked afresh at each attempt; the usual retry and
   * fallback rules apply to the error's kind, and the attempt still takes its budget slot).
   */
  readonly fault?: () => ModelError | undefined;
}

/** The scheduler's priority lanes (the rule is in `lanes.ts`). */
export type Lane = 'interactive' | 'background';

/** A job's lane: `interactive` unless it says otherwise. */
export function laneOf(job: { readonly lane?: Lane }): Lane {
  return job.lane ?? 'interactive';
}

export type Outcome = 'success' | 'fallback';

/** What happened to one job, from enqueue to answer. Times are on the scheduler's clock. */
export interface CallRecord {
  readonly id: number;
  readonly key: string;
  readonly batch: string | undefined;
  /** The lane the job ran in (`interactive` when the job named none). */
  readonly lane: Lane;
  readonly enqueuedAt: number;
  /** When the first attempt was sent; undefined if the job fell back without a call. */
  readonly startedAt: number | undefined;
  /** When each attempt was sent; empty if the job fell back without a call. */
  readonly attemptStarts: readonly number[];
  readonly endedAt: number;
  /**
   * The attempts' own time: each from its send to its answer or failure, the backoff waits
   * between them left out (other calls may run in them); 0 if the job fell back without a call.
   * What the job costs one call at a time: a batch's sum of these is its sequential equivalent.
   */
  readonly callMs: number;
  readonly attempts: number;
  readonly outcome: Outcome;
  /** Who produced the value: the model's `source`, or `fallback`. */
  readonly source: string;
  /** The last failure, when there was one (also on a success after retries). */
  readonly error: { readonly kind: FailureKind; readonly message: string } | undefined;
  readonly usage: TokenUsage | undefined;
  readonly prompt: string | undefined;
  readonly raw: string | undefined;
}

export interface JobResult<Res> {
  readonly value: Res;
  readonly source: string;
  readonly record: CallRecord;
}

/** A batch's timing: the point of the whole sandbox (definitions in `batches.ts`). */
export interface BatchStats {
  readonly id: string;
  readonly size: number;
  /** From the batch's first call sent to its last answer; 0 when no call was sent. */
  readonly wallMs: number;
  /** From the first job's enqueue to the first call sent: waiting behind earlier work. */
  readonly waitedMs: number;
  /** The sum of the jobs' `callMs` (their attempts' own time, backoff waits left out): what the batch would cost one call at a time. */
  readonly sumLatencyMs: number;
  /** sumLatencyMs / wallMs. */
  readonly speedup: number;
  /** Jobs the model answered. */
  readonly answered: number;
  /** Jobs whose call finally failed (or was never sent) and took the fallback. */
  readonly fallbacks: number;
}

/** A batch under way with calls still to send (`BatchTracker.unsent`). */
export interface BatchUnsent {
  readonly id: string;
  readonly calls: number;
}

/** One lane's jobs: waiting (retries in backoff included) and in flight. */
export interface LaneCounts {
  readonly queued: number;
  readonly inFlight: number;
}

export interface SchedulerMetrics {
  readonly callsStarted: number;
  readonly callsSucceeded: number;
  readonly callsFailed: number;
  readonly retries: number;
  readonly fallbacks: number;
  readonly jobsCompleted: number;
  readonly inFlight: number;
  readonly queued: number;
  readonly rpmLimit: number;
  readonly concurrency: number;
  readonly strategy: Strategy;
  readonly callsLastMinute: number;
  /**
   * How long until the last call waiting for the budget can start (budgetWait.ts), or null when
   * the budget has room for every waiting call.
   */
  readonly budgetWaitMs: number | null;
  /** Milliseconds until dispatch resumes after a 429 with a retry delay; 0 when not paused. */
  readonly pausedForMs: number;
  /** Why live calls are switched off (invalid key, daily quota), or null. */
  readonly liveDisabled: { readonly kind: FailureKind; readonly message: string } | null;
  readonly lastBatch: BatchStats | null;
  /** Batches that have sent calls and have more to send, of every producer. */
  readonly unsent: readonly BatchUnsent[];
  readonly tokens: TokenUsage;
  /** The same jobs by priority lane; `done` counts background jobs settled (answered or fallen back). */
  readonly lanes: {
    readonly interactive: LaneCounts;
    readonly background: LaneCounts & { readonly done: number };
  };
}

export type SchedulerEvent =
  | {
      readonly type: 'started';
      readonly id: number;
      readonly key: string;
      readonly batch: string | undefined;
      readonly enqueuedAt: number;
      readonly attempt: number;
      readonly at: number;
    }
  | { readonly type: 'failed-attempt'; readonly key: string; readonly attempt: number; readonly error: ModelError }
  | { readonly type: 'settled'; readonly record: CallRecord }
  | { readonly type: 'batch'; readonly stats: BatchStats }
  | { readonly type: 'paused'; readonly untilMs: number; readonly error: ModelError }
  | { readonly type: 'live-disabled'; readonly error: ModelError };
