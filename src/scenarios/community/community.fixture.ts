/**
 * A community on fake time for tests: a ManualClock, a MockBrain (or any model), a
 * LocalScenarioHost and a CommunityRun, plus every state the run went through, so a test can
 * look at each phase's before and after.
 */
import type { AnyAsk } from '../../brain/ask.ts';
import { MockBrain, type MockBrainOptions } from '../../brain/mockBrain.ts';
import type { Model } from '../../brain/model.ts';
import { ManualClock } from '../../clock/manualClock.ts';
import type { CallRecord, SchedulerConfig } from '../../scheduler/types.ts';
import { CommunityRun, phaseBatch } from './communityRun.ts';
import { LocalScenarioHost } from '../localHost.ts';
import type { CommunitySettings, CommunityState, PhaseName } from './types.ts';

export const PRODUCER = 'community-test';

export interface HarnessOptions {
  /** Mock latency and faults (default 100 ms, no faults). */
  readonly mock?: Partial<Omit<MockBrainOptions, 'clock'>>;
  /** Another model instead of the MockBrain, built on the harness's clock. */
  readonly model?: (clock: ManualClock) => Model<AnyAsk, unknown>;
  /** The scheduler's own limits (default: no budget, no cap: the community's semaphore rules). */
  readonly config?: Partial<SchedulerConfig>;
}

export interface Harness {
  readonly clock: ManualClock;
  readonly host: LocalScenarioHost;
  readonly run: CommunityRun;
  /** Every state the run published, in order (a phase began, a phase ended, the run finished). */
  readonly states: CommunityState[];
}

/** A community of `settings` on fake time, not started. */
export function communityHarness(settings: Partial<CommunitySettings>, options: HarnessOptions = {}): Harness {
  const clock = new ManualClock();
  const model = options.model?.(clock) ?? new MockBrain({ clock, latencyMs: 100, ...options.mock });
  const host = new LocalScenarioHost({ model, clock, config: { rpm: Infinity, concurrency: Infinity, ...options.config }, seed: settings.seed ?? 1 });
  const run = new CommunityRun(settings, host.context(PRODUCER));
  const states: CommunityState[] = [];
  run.onChange(() => states.push(run.state));
  return { clock, host, run, states };
}

/** Starts the run and moves fake time until it is done; returns the harness. */
export async function runToEnd(harness: Harness): Promise<Harness> {
  const done = harness.run.start();
  for (let round = 0; round < 100 && !harness.run.state.done; round++) await harness.clock.runAll();
  await done;
  return harness;
}

/** A community of `settings` run to its end on fake time. */
export function runCommunity(settings: Partial<CommunitySettings>, options: HarnessOptions = {}): Promise<Harness> {
  return runToEnd(communityHarness(settings, options));
}

/** The settled calls of one phase of one epoch. */
export function recordsOf(harness: Harness, epoch: number, phase: PhaseName): CallRecord[] {
  const batch = phaseBatch(PRODUCER, epoch, phase);
  return harness.host.records.filter((record) => record.batch === batch);
}

/** The persona id a call's key ends with (`…/persona-17`, `…/debate-t0-for-persona-17`). */
export function personaOfKey(key: string): number | undefined {
  const match = /persona-(\d+)$/.exec(key);
  return match ? Number(match[1]) : undefined;
}

/** The state as phase `phase` of `epoch` began, and as it ended. */
export function aroundPhase(harness: Harness, epoch: number, phase: PhaseName): { before: CommunityState; after: CommunityState } {
  const begin = harness.states.findIndex((s) => s.epoch === epoch && s.phase === phase);
  const before = harness.states[begin];
  const after = harness.states[begin + 1];
  if (!before || !after) throw new RangeError(`No phase ${phase} in epoch ${epoch}`);
  return { before, after };
}
