import { answerOf, type AnyAsk } from '../brain/ask.ts';
import { decisionAsk } from '../brain/decisionAsk.ts';
import { MockBrain } from '../brain/mockBrain.ts';
import type { Clock } from '../clock/clock.ts';
import { Scheduler, type JobListener } from '../scheduler/scheduler.ts';
import type { BatchStats, CallRecord, SchedulerConfig, SchedulerEvent, Strategy } from '../scheduler/types.ts';
import { hash32, Rng } from '../sim/rng.ts';
import type { DecisionRequest } from '../sim/types.ts';

const SALT_BACKOFF = 0x6261636b;

/** Seeded backoff jitter, so a run with the same seed retries at the same moments. */
function backoffRandom(seed: number): () => number {
  const rng = new Rng(hash32(seed, SALT_BACKOFF));
  return () => rng.next();
}

/** How one batch is run: the mock brain's latency and faults, and the scheduler's limits. */
export interface BatchSettings {
  readonly latencyMs: number;
  readonly jitterMs: number;
  readonly rpm: number;
  readonly concurrency: number;
  readonly failureRate: number;
  readonly seed: number;
  readonly timeoutMs: number;
}

export interface BatchRun {
  readonly strategy: Strategy;
  readonly wallMs: number;
  readonly sumLatencyMs: number;
  readonly decisions: number;
  readonly fallbacks: number;
  readonly retries: number;
  readonly batch: BatchStats | null;
  readonly records: readonly CallRecord[];
}

/**
 * Runs one batch of requests through a fresh scheduler and a fresh mock brain, and measures the
 * wall time from the first submit to the last answer. Two runs with the same requests and
 * settings see identical calls, whatever the strategy, because the mock draws each call's
 * latency and fate from (seed, agent, tick, attempt), never from call order. The bench and the
 * classroom race both use it.
 */
export function runBatch(
  strategy: Strategy,
  requests: readonly DecisionRequest[],
  settings: BatchSettings,
  clock: Clock,
  onEvent?: (event: SchedulerEvent) => void,
  signal?: AbortSignal,
): Promise<BatchRun> {
  return runJobs(strategy, decisionJobs(requests), settings, clock, onEvent, signal);
}

/** A grid batch's jobs: each agent's decision, keyed by the agent. */
export function decisionJobs(requests: readonly DecisionRequest[]): BatchJob[] {
  return requests.map((request) => ({ key: `agent-${request.agentId}`, ask: decisionAsk(request) }));
}

/** Jobs submitted between two yields to the dispatcher (`runJobs`). */
const SUBMIT_SLICE = 500;

/** One question of a batch: its key (ending in the asker's id) and the ask. */
export interface BatchJob {
  readonly key: string;
  readonly ask: AnyAsk;
}

/** `runBatch` for any asks (a community phase's, say): the same scheduler, mock and measure. */
export async function runJobs(
  strategy: Strategy,
  jobs: readonly BatchJob[],
  settings: BatchSettings,
  clock: Clock,
  onEvent?: (event: SchedulerEvent) => void,
  /** Aborting it drops the run: waiting calls settle unsent, calls in flight are aborted. */
  signal?: AbortSignal,
): Promise<BatchRun> {
  const brain = new MockBrain({ clock, seed: settings.seed, latencyMs: settings.latencyMs, jitterMs: settings.jitterMs, errorRate: settings.failureRate });
  const config: Partial<SchedulerConfig> = { strategy, rpm: settings.rpm, concurrency: settings.concurrency, timeoutMs: settings.timeoutMs };
  const scheduler = new Scheduler({ model: brain, clock, config, random: backoffRandom(settings.seed), ...(onEvent ? { onEvent } : {}) });
  signal?.addEventListener('abort', () => {
    scheduler.dispose();
  }, { once: true });
  const started = clock.now();
  const settled = new Settled(jobs.length);
  for (let i = 0; i < jobs.length; i++) {
    // The dispatcher starts what is queued once the submitting code yields. Yielding after each
    // slice of the batch sends its first calls while the rest are still being queued, rather than
    // none until the last is queued (for 10,000 jobs, some 20 ms later, and every answer with them).
    if (i > 0 && i % SUBMIT_SLICE === 0) await Promise.resolve();
    const job = jobs[i] as BatchJob;
    scheduler.submitTo({ key: job.key, batch: strategy, request: job.ask, fallback: answerOf }, settled, i);
  }
  await settled.all;
  const wallMs = clock.now() - started;
  const metrics = scheduler.metrics();
  scheduler.dispose();
  return {
    strategy,
    wallMs,
    sumLatencyMs: metrics.lastBatch?.sumLatencyMs ?? 0,
    decisions: jobs.length,
    fallbacks: settled.fallbacks,
    retries: metrics.retries,
    batch: metrics.lastBatch,
    records: settled.records,
  };
}

/**
 * A batch's jobs as they settle: each record in its job's place, the fallbacks counted, and one
 * promise for the whole batch. A promise per job, gathered by `Promise.all`, was a promise, its
 * two resolving functions and a reaction per job, all alive until the batch ended, and a
 * microtask more per answer, on the path where the batch's answers land at once.
 */
class Settled implements JobListener<unknown> {
  readonly records: CallRecord[];
  fallbacks = 0;
  readonly all: Promise<void>;
  private left: number;
  private resolve: (() => void) | undefined;

  constructor(size: number) {
    this.records = new Array<CallRecord>(size);
    this.left = size;
    this.all = size === 0 ? Promise.resolve() : new Promise<void>((resolve) => {
      this.resolve = resolve;
    });
  }

  settled(tag: number, _value: unknown, source: string, record: CallRecord): void {
    this.records[tag] = record;
    if (source === 'fallback') this.fallbacks++;
    if (--this.left === 0) this.resolve?.();
  }
}
