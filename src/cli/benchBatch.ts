import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { realClock } from '../clock/clock.ts';
import { decisionJobs, runJobs, type BatchRun, type BatchSettings } from '../engine/batchRun.ts';
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

/**
 * Collects the garbage of the bench's own setup before the batch's clock starts. Building a
 * world of 10,000 agents, their requests and the batch's jobs (another ~4 MB: a key and an ask
 * per agent) leaves ~15 MB of young objects, which the young generation's collector would
 * otherwise copy (and promote) inside the measured window, on the first allocations of the
 * batch: a cost of building the world, not of the batch. Only that is
 * moved: the window still holds every per-job cost of a real batch (submit, dispatch, call,
 * answer, settle), and the garbage the batch itself makes is still collected inside it.
 * (`gc` is reached the documented way, without a flag on the command line; where it cannot be,
 * nothing is done.)
 */
function settleHeap(): void {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc === 'function') (gc as () => void)();
  } catch {
    // No collection: the batch is measured as it was.
  }
}

/**
 * Runs the bench's batch with one strategy, in real time. Its jobs (each agent's key and ask) are
 * made before the heap is settled, with the world and the requests: like them they are the
 * batch's input, made before its clock starts in any case.
 */
export function runBatch(strategy: Strategy, settings: BenchSettings): Promise<BatchRun> {
  const jobs = decisionJobs(benchRequests(settings));
  settleHeap();
  return runJobs(strategy, jobs, settings, realClock);
}
