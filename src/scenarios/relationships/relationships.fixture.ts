/**
 * Relationship simulations on fake time for tests: a ManualClock, a MockBrain (or any model), a
 * LocalScenarioHost and a RelationshipsRun.
 */
import type { AnyAsk } from '../../brain/ask.ts';
import { MockBrain, type MockBrainOptions } from '../../brain/mockBrain.ts';
import type { Model } from '../../brain/model.ts';
import { ManualClock } from '../../clock/manualClock.ts';
import type { SchedulerConfig } from '../../scheduler/types.ts';
import { LocalScenarioHost } from '../localHost.ts';
import { RelationshipsRun, type RunOptions } from './relationshipsRun.ts';
import type { RelationshipSettings } from './types.ts';

export const PRODUCER = 'relationships-test';

export interface HarnessOptions extends RunOptions {
  /** Mock latency and faults (default 100 ms, no jitter, no faults). */
  readonly mock?: Partial<Omit<MockBrainOptions, 'clock'>>;
  readonly model?: (clock: ManualClock) => Model<AnyAsk, unknown>;
  /** The scheduler's own limits (default: no budget, no cap). */
  readonly config?: Partial<SchedulerConfig>;
}

export interface Harness {
  readonly clock: ManualClock;
  readonly host: LocalScenarioHost;
  readonly run: RelationshipsRun;
}

/** A set of simulations of `settings` on fake time, not started. */
export function relationshipsHarness(settings: Partial<RelationshipSettings>, options: HarnessOptions = {}): Harness {
  const clock = new ManualClock();
  const model = options.model?.(clock) ?? new MockBrain({ clock, latencyMs: 100, jitterMs: 0, ...options.mock });
  const host = new LocalScenarioHost({ model, clock, config: { rpm: Infinity, concurrency: Infinity, ...options.config }, seed: settings.seed ?? 1 });
  const run = new RelationshipsRun(settings, host.context(PRODUCER), { ...(options.fault ? { fault: options.fault } : {}), ...(options.rpm === undefined ? {} : { rpm: options.rpm }) });
  return { clock, host, run };
}

/** Moves fake time until `done` settles (at most `rounds` rounds of timers). */
export async function settle<T>(clock: ManualClock, done: Promise<T>, rounds = 10_000): Promise<T> {
  const state = { finished: false };
  const finish = (): void => {
    state.finished = true;
  };
  void done.then(finish, finish);
  for (let round = 0; round < rounds && !state.finished; round++) await clock.runAll();
  return done;
}

/** A set run to its end on fake time. */
export async function runSet(settings: Partial<RelationshipSettings>, options: HarnessOptions = {}): Promise<Harness> {
  const harness = relationshipsHarness(settings, options);
  await settle(harness.clock, harness.run.start());
  return harness;
}
