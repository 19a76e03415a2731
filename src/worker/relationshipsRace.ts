/**
 * The classroom race for the relationship simulations: the whole set (up to RACE_MAX_SIMS), once
 * with every simulation at once and once one after another, each on a fresh scheduler and mock
 * with the current latencies and limits, never the session's scheduler or budget.
 */
import { MockBrain } from '../brain/mockBrain.ts';
import type { Clock } from '../clock/clock.ts';
import type { BatchSettings } from '../engine/batchRun.ts';
import { LocalScenarioHost } from '../scenarios/localHost.ts';
import { RelationshipsRun, scenesOf } from '../scenarios/relationships/relationshipsRun.ts';
import { CALLS_PER_SCENE } from '../scenarios/relationships/simRun.ts';
import type { RelationshipSettings } from '../scenarios/relationships/types.ts';
import type { LaneRun } from './raceRunner.ts';

import { RACE_MAX_SIMS } from '../protocol/relationshipsScene.ts';

/** A race lane over a set of `settings` (capped at RACE_MAX_SIMS), and how many calls each lane makes. */
export function relationshipsRace(settings: RelationshipSettings, batch: BatchSettings, clock: Clock): { size: number; lane: LaneRun } {
  const sims = Math.min(settings.sims, RACE_MAX_SIMS);
  const race: LaneRun = async (lane, onEvent, signal) => {
    const model = new MockBrain({ clock, seed: batch.seed, latencyMs: batch.latencyMs, jitterMs: batch.jitterMs, errorRate: batch.failureRate });
    const host = new LocalScenarioHost({ model, clock, config: { rpm: batch.rpm, concurrency: batch.concurrency, timeoutMs: batch.timeoutMs }, seed: batch.seed, onEvent });
    const run = new RelationshipsRun({ ...settings, sims }, host.context('race'));
    signal.addEventListener('abort', () => {
      run.cancel();
      host.dispose();
    }, { once: true });
    await run.start(lane === 'sequential' ? 'one-by-one' : 'together');
    host.dispose();
    return { wallMs: run.figures?.wallMs ?? clock.now() - (run.began ?? clock.now()) };
  };
  // Calls in each lane when none fails: what the race panel counts its progress in.
  let size = 0;
  for (let id = 0; id < sims; id++) size += scenesOf(settings, id) * CALLS_PER_SCENE;
  return { size, lane: race };
}
