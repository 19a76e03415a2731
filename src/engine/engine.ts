import { answerOf, type AnyAsk } from '../brain/ask.ts';
import { decisionAsk } from '../brain/decisionAsk.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { CallRecord, SchedulerEvent } from '../scheduler/types.ts';
import { createWorld } from '../sim/world.ts';
import { requestFor } from '../sim/perception.ts';
import { step } from '../sim/step.ts';
import type { Decision, SimInput, StepResult, WorldConfig, WorldState } from '../sim/types.ts';

/** A decision that reached an agent, with the call record that produced it. */
export interface DecisionEvent {
  readonly type: 'decision';
  readonly agentId: number;
  readonly decision: Decision;
  readonly source: 'gemini' | 'openai' | 'mock' | 'fallback';
  readonly record: CallRecord;
}

export type EngineEvent = SchedulerEvent | DecisionEvent;

export interface EngineOptions {
  readonly world: WorldConfig;
  /** A world to go on from (a loaded save) instead of a fresh one built from `world`. */
  readonly initial?: WorldState | undefined;
  /**
   * Where the world's jobs go: in the browser, the session's one scheduler, which worlds before
   * and after this one share, so the key's budget never restarts with a world.
   */
  readonly scheduler: Scheduler<AnyAsk, unknown>;
  /** Names this world in job keys and as their producer, so several worlds can share one scheduler. */
  readonly worldId?: string;
  /** Decisions as they reach agents (the scheduler reports its own events to its owner). */
  readonly onEvent?: (event: DecisionEvent) => void;
}

/**
 * One grid world wired to a scheduler: the grid is one producer of jobs. `tick()` applies the
 * answers that arrived since the last tick, steps the sim, and submits a job for every agent
 * whose timer expired. It never waits for a model: answers land in the inbox and are applied
 * on a later tick, so movement goes on while agents think.
 */
export class WorldEngine {
  readonly scheduler: Scheduler<AnyAsk, unknown>;
  private current: WorldState;
  private inbox: SimInput[] = [];
  /** The world's name in job keys (`world-3/7`) and its producer name in the scheduler. */
  readonly worldId: string;
  private readonly onEvent: ((event: DecisionEvent) => void) | undefined;
  private disposed = false;

  constructor(options: EngineOptions) {
    this.current = options.initial ?? createWorld(options.world);
    this.worldId = options.worldId ?? 'world';
    this.onEvent = options.onEvent;
    this.scheduler = options.scheduler;
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

  /**
   * The world is discarded: its waiting jobs settle without being sent and its calls in flight
   * are aborted. The scheduler, and the slots those calls spent, live on.
   */
  dispose(): void {
    this.disposed = true;
    this.scheduler.cancel(this.worldId, 'The world was replaced.');
  }

  private submit(agentIds: readonly number[], batch: string): void {
    for (const agentId of agentIds) {
      const request = requestFor(this.current, agentId);
      void this.scheduler
        .submit({
          key: `${this.worldId}/${agentId}`,
          producer: this.worldId,
          batch,
          request: decisionAsk(request),
          fallback: answerOf,
          onStart: () => this.inbox.push({ type: 'thinking', agentId }),
        })
        .then(({ value: answer, source, record }) => {
          if (this.disposed) return;
          // A decision ask answers with a Decision, live (its `parse`) or mock (its `answer`).
          const value = answer as Decision;
          const from = source === 'gemini' || source === 'openai' || source === 'mock' ? source : 'fallback';
          this.inbox.push({ type: 'decided', agentId, decision: value, source: from });
          this.onEvent?.({ type: 'decision', agentId, decision: value, source: from, record });
        });
    }
  }
}
