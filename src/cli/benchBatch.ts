import { MockBrain, mockFallback } from '../brain/mockBrain.ts';
import { realClock, type Clock } from '../clock/clock.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import type { BatchStats, SchedulerConfig, Strategy } from '../scheduler/types.ts';
import { requestFor } from '../sim/perception.ts';
import { createWorld, defaultWorldConfig } from '../sim/world.ts';
import type { DecisionRequest } from '../sim/types.ts';

export interface BenchSettings {
  readonly agents: number;
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
}

/** The requests of one batch: every agent of a fresh aligned world, asked on the same tick. */
export function benchRequests(settings: BenchSettings): DecisionRequest[] {
  const world = createWorld(defaultWorldConfig({ agents: settings.agents, seed: settings.seed, align: true }));
  return world.agents.map((agent) => requestFor(world, agent.id));
}

/**
 * Runs one batch through the real scheduler and the mock brain in real time and measures the
 * wall time from the first submit to the last answer. Both strategies get identical requests
 * and, because the mock's latency is seeded per (agent, tick, attempt), identical latencies.
 */
export async function runBatch(strategy: Strategy, settings: BenchSettings, clock: Clock = realClock): Promise<BatchRun> {
  const requests = benchRequests(settings);
  const brain = new MockBrain({
    clock,
    seed: settings.seed,
    latencyMs: settings.latencyMs,
    jitterMs: settings.jitterMs,
    errorRate: settings.failureRate,
  });
  const config: Partial<SchedulerConfig> = {
    strategy,
    rpm: settings.rpm,
    concurrency: settings.concurrency,
    timeoutMs: settings.timeoutMs,
  };
  const scheduler = new Scheduler({ model: brain, clock, config, random: seededUniform(settings.seed) });
  const started = clock.now();
  const results = await Promise.all(
    requests.map((request) =>
      scheduler.submit({ key: `agent-${request.agentId}`, batch: 'bench', request, fallback: mockFallback }),
    ),
  );
  const wallMs = clock.now() - started;
  const metrics = scheduler.metrics();
  scheduler.dispose();
  const finished = metrics.lastBatch;
  return {
    strategy,
    wallMs,
    sumLatencyMs: finished?.sumLatencyMs ?? 0,
    decisions: results.length,
    fallbacks: results.filter((r) => r.source === 'fallback').length,
    retries: metrics.retries,
    batch: finished,
  };
}

/** A small seeded uniform generator for backoff jitter, so bench runs repeat. */
function seededUniform(seed: number): () => number {
  let state = (seed ^ 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
