import { answerOf, type AnyAsk } from '../brain/ask.ts';
import { decisionAsk } from '../brain/decisionAsk.ts';
import { MockBrain } from '../brain/mockBrain.ts';
import type { Clock } from '../clock/clock.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
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
  return runJobs(strategy, requests.map((request) => ({ key: `agent-${request.agentId}`, ask: decisionAsk(request) })), settings, clock, onEvent, signal);
}

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
  const results = await Promise.all(
    jobs.map((job) => scheduler.submit({ key: job.key, batch: strategy, request: job.ask, fallback: answerOf })),
  );
  const wallMs = clock.now() - started;
  const metrics = scheduler.metrics();
  scheduler.dispose();
  return {
    strategy,
    wallMs,
    sumLatencyMs: metrics.lastBatch?.sumLatencyMs ?? 0,
    decisions: results.length,
    fallbacks: results.filter((r) => r.source === 'fallback').length,
    retries: metrics.retries,
    batch: metrics.lastBatch,
    records: results.map((r) => r.record),
  };
}
