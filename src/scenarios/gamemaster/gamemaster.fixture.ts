/**
 * A game master on fake time for tests: a ManualClock, a MockBrain (or any model), a
 * LocalScenarioHost and a GameMasterRun, and a way to play a turn while the clock moves.
 */
import type { AnyAsk } from '../../brain/ask.ts';
import { MockBrain, type MockBrainOptions } from '../../brain/mockBrain.ts';
import type { CallOptions, Model, ModelReply } from '../../brain/model.ts';
import { sleep } from '../../clock/clock.ts';
import { ManualClock } from '../../clock/manualClock.ts';
import type { SchedulerConfig } from '../../scheduler/types.ts';
import { LocalScenarioHost } from '../localHost.ts';
import type { ScenarioContext } from '../scenario.ts';
import { GameMasterRun, type GameMasterOptions } from './gameMasterRun.ts';
import type { LastTurnScene } from './sceneView.ts';
import type { GameSettings } from './types.ts';

export const PRODUCER = 'gm-test';

export interface HarnessOptions extends GameMasterOptions {
  /** Mock latency and faults (default 100 ms, no faults). */
  readonly mock?: Partial<Omit<MockBrainOptions, 'clock'>>;
  /** Another model instead of the MockBrain, built on the harness's clock. */
  readonly model?: (clock: ManualClock) => Model<AnyAsk, unknown>;
  /** The scheduler's limits (default: no budget, no cap). */
  readonly config?: Partial<SchedulerConfig>;
}

export interface Harness {
  readonly clock: ManualClock;
  readonly host: LocalScenarioHost;
  readonly ctx: ScenarioContext;
  readonly run: GameMasterRun;
}

/** A game master of `settings` on fake time. */
export function gameHarness(settings: Partial<GameSettings> = {}, options: HarnessOptions = {}): Harness {
  const clock = new ManualClock();
  const model = options.model?.(clock) ?? new MockBrain({ clock, latencyMs: 100, ...options.mock });
  const host = new LocalScenarioHost({ model, clock, config: { rpm: Infinity, concurrency: Infinity, ...options.config }, seed: settings.seed ?? 1 });
  const ctx = host.context(PRODUCER);
  const run = new GameMasterRun(settings, ctx, options.observe ? { observe: options.observe } : {});
  return { clock, host, ctx, run };
}

/** Plays `text` and moves fake time (in `stepMs` steps) until its reply is composed. */
export async function play(harness: Harness, text: string, stepMs = 5): Promise<LastTurnScene> {
  const reply = harness.run.act(text);
  const progress = { done: false };
  void reply.then(() => (progress.done = true), () => (progress.done = true));
  for (let i = 0; i < 100_000 && !progress.done; i++) await harness.clock.advance(stepMs);
  return reply;
}

/** Moves fake time until nothing is pending (late answers, background, prefetch). */
export async function settleAll(harness: Harness): Promise<void> {
  await harness.clock.runAll();
}

/**
 * A model that answers like a live one, on the harness's clock: `latency(ask)` ms, then `reply(ask)`
 * (default: the ask's mock answer) put through the ask's own parser, as a live reply would be.
 */
export function liveLike(clock: ManualClock, latency: (ask: AnyAsk) => number, reply?: (ask: AnyAsk) => string | undefined): Model<AnyAsk, unknown> {
  return {
    source: 'gemini',
    async call(ask: AnyAsk, options: CallOptions): Promise<ModelReply<unknown>> {
      await sleep(clock, latency(ask), options.signal);
      const answer = ask.answer();
      const raw = reply?.(ask) ?? (ask.format === 'text' ? String(answer) : JSON.stringify(answer));
      return { value: ask.parse(raw), raw };
    },
  };
}
