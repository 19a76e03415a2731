import { realClock } from '../clock/clock.ts';
import { runBatch as runEngineBatch, type BatchRun, type BatchSettings } from '../engine/batchRun.ts';
import type { Strategy } from '../scheduler/types.ts';
import { requestFor } from '../sim/perception.ts';
import { createWorld, defaultWorldConfig } from '../sim/world.ts';
import type { DecisionRequest } from '../sim/types.ts';

export type { BatchRun } from '../engine/batchRun.ts';

export interface BenchSettings extends BatchSettings {
  readonly agents: number;
}

/** The requests of one batch: every agent of a fresh aligned world, asked on the same tick. */
export function benchRequests(settings: BenchSettings): DecisionRequest[] {
  const world = createWorld(defaultWorldConfig({ agents: settings.agents, seed: settings.seed, align: true }));
  return world.agents.map((agent) => requestFor(world, agent.id));
}

/** Runs the bench's batch with one strategy, in real time. */
export function runBatch(strategy: Strategy, settings: BenchSettings): Promise<BatchRun> {
  return runEngineBatch(strategy, benchRequests(settings), settings, realClock);
}
