import { mockFallback } from '../brain/mockBrain.ts';
import type { Model } from '../brain/model.ts';
import type { Clock } from '../clock/clock.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import type { CallRecord, SchedulerConfig, SchedulerEvent } from '../scheduler/types.ts';
import { createWorld } from '../sim/world.ts';
import { requestFor } from '../sim/perception.ts';
import { step } from '../sim/step.ts';
import type { Decision, DecisionRequest, SimInput, StepResult, WorldConfig, WorldState } from '../sim/types.ts';

/** A decision that reached an agent, with the call record that produced it. */
export interface DecisionEvent {
  readonly type: 'decision';
  readonly agentId: number;
  readonly decision: Decision;
  readonly source: 'gemini' | 'mock' | 'fallback';
  readonly record: CallRecord;
}

export type EngineEvent = SchedulerEvent | DecisionEvent;

export interface EngineOptions {
  readonly world: WorldConfig;
  /** Any model of agent decisions: a Brain, or one wrapped (e.g. with a daily limit). */
  readonly brain: Model<DecisionRequest, Decision>;
  readonly clock: Clock;
  readonly scheduler?: Partial<SchedulerConfig>;
  /** Names this world in job keys, so several worlds can share one scheduler's log. */
  readonly worldId?: string;
  readonly random?: () => number;
  readonly onEvent?: (event: EngineEvent) => void;
}

/**
 * One grid world wired to a scheduler and a brain: the grid is one producer of jobs. `tick()`
 * applies the answers that arrived since the last tick, steps the sim, and submits a job for
 * every agent whose timer expired. It never waits for a model: answers land in the inbox and
 * are applied on a later tick, so movement goes on while agents think.
 */
export class WorldEngine {
  readonly scheduler: Scheduler<DecisionRequest, Decision>;
  private current: WorldState;
  private inbox: SimInput[] = [];
  private readonly worldId: string;
  private readonly onEvent: ((event: EngineEvent) => void) | undefined;

  constructor(options: EngineOptions) {
    this.current = createWorld(options.world);
    this.worldId = options.worldId ?? 'world';
    this.onEvent = options.onEvent;
    this.scheduler = new Scheduler<DecisionRequest, Decision>({
      model: options.brain,
      clock: options.clock,
      config: options.scheduler ?? {},
      ...(options.random ? { random: options.random } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    });
  }

  get state(): WorldState {
    return this.current;
  }

  /** Advances the world one tick and sends the expired agents' jobs. */
  tick(): StepResult {
    const inputs = this.inbox;
    this.inbox = [];
    const result = step(this.current, inputs);
    this.current = result.state;
    if (result.expired.length > 0) this.submit(result.expired, `${this.worldId}:tick-${result.state.tick}`);
    return result;
  }

  /** Swaps the brain (and switches live calls back on if a fatal error had stopped them). */
  setBrain(brain: Model<DecisionRequest, Decision>): void {
    this.scheduler.setModel(brain);
  }

  /** Answers waiting to be applied on the next tick. */
  get pendingInputs(): number {
    return this.inbox.length;
  }

  dispose(): void {
    this.scheduler.dispose();
  }

  private submit(agentIds: readonly number[], batch: string): void {
    for (const agentId of agentIds) {
      const request = requestFor(this.current, agentId);
      void this.scheduler
        .submit({
          key: `${this.worldId}/${agentId}`,
          batch,
          request,
          fallback: mockFallback,
          onStart: () => this.inbox.push({ type: 'thinking', agentId }),
        })
        .then(({ value, source, record }) => {
          const from = source === 'gemini' || source === 'mock' ? source : 'fallback';
          this.inbox.push({ type: 'decided', agentId, decision: value, source: from });
          this.onEvent?.({ type: 'decision', agentId, decision: value, source: from, record });
        });
    }
  }
}
