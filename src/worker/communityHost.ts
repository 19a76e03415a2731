/**
 * The community scenario inside the session: a CommunityRun on the session's one scheduler (so
 * its calls share the key's budget, the timeline and the metrics with every world before and
 * after it), the personas' walk on their grid, and the messages the page draws from. Phases
 * start only while the session runs (or one per Step), so Pause holds the community at its next
 * barrier.
 */
import { answerOf, type Ask, type AnyAsk } from '../brain/ask.ts';
import type { Clock } from '../clock/clock.ts';
import { SceneThrottle } from './sceneThrottle.ts';
import type { BatchJob } from '../engine/batchRun.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { BatchStats } from '../scheduler/types.ts';
import { CommunityRun } from '../scenarios/community/communityRun.ts';
import { planPhase } from '../scenarios/community/phases.ts';
import type { InterviewReply } from '../scenarios/community/replies.ts';
import type { CommunityState } from '../scenarios/community/types.ts';
import type { ScenarioContext } from '../scenarios/scenario.ts';
import { schedulerContext, type SchedulerContext } from '../scenarios/schedulerContext.ts';
import type { SandboxConfig } from '../protocol/config.ts';
import type { SceneMessage, TickMessage, WorkerMessage, WorldMessage } from '../protocol/protocol.ts';
import { communityTickOf } from './communityTick.ts';
import type { HostTickParts, ScenarioHost } from './scenarioHost.ts';
import { chatTargets, stepToward } from './communityWalk.ts';
import { personaWire, replyText, sceneWire, viewWire } from './communityWire.ts';
import type { CallJournal } from './callJournal.ts';
import { RunGate } from './runGate.ts';
import type { AskerRow } from './tickMessage.ts';
import { emptyGrid } from './worldMessage.ts';
import { RACE_MAX_AGENTS } from './raceRunner.ts';

/** The phases where pairs walk to each other and a line joins them. */
const TALKING = new Set(['chat', 'beliefs-chat']);

export interface CommunityHostOptions {
  readonly worldId: number;
  readonly config: SandboxConfig;
  readonly scheduler: Scheduler<AnyAsk, unknown>;
  readonly clock: Clock;
  /** The session's journal of the current world's calls (timeline, inspector, latencies). */
  readonly journal: CallJournal;
  /** Posts a scene message to the page. */
  readonly postScene: (message: SceneMessage) => void;
}

/** What the tick message needs from the community. */
export interface CommunityTickParts {
  readonly positions: Uint16Array<ArrayBuffer>;
  readonly states: Uint8Array<ArrayBuffer>;
  readonly beliefs: Int8Array<ArrayBuffer>;
  readonly links: Uint16Array<ArrayBuffer> | null;
}

/** A persona's newest reply, as the agent list shows it. */
export type PersonaRow = AskerRow;

export class CommunityHost implements ScenarioHost {
  /** The run's name in the scheduler and in its calls' keys: `world-3`, like a grid world's. */
  readonly producer: string;
  readonly run: CommunityRun;
  private positions: Uint16Array<ArrayBuffer>;
  /** State codes (protocol STATE_CODE) per persona: queued, thinking, decided or fell back. */
  private readonly states: Uint8Array<ArrayBuffer>;
  readonly rows: PersonaRow[];
  private made: SchedulerContext | undefined;
  private readonly gate = new RunGate();
  private readonly scenes: SceneThrottle;
  private selected: number | null = null;
  private disposed = false;

  constructor(private readonly options: CommunityHostOptions) {
    this.producer = `world-${options.worldId}`;
    this.scenes = new SceneThrottle(options.clock, () => {
      this.options.postScene(this.sceneMessage());
    });
    const { config } = options;
    this.run = new CommunityRun(
      { agents: config.agents, topics: config.topics, epochs: config.epochs, seed: config.seed, concurrency: config.concurrency, openness: config.openness },
      this.context(),
    );
    this.positions = homeOf(this.run.state);
    this.states = new Uint8Array(config.agents);
    this.rows = Array.from({ length: config.agents }, () => ({ thought: '', plan: '', source: 'none' as const, decisions: 0 }));
    this.run.onChange(() => {
      this.scenes.changed();
    });
  }

  /** The session's loop runs (phases go on) or is paused (the next phase waits). */
  setRunning(running: boolean): void {
    this.gate.setRunning(running);
    if (running) void this.run.start();
  }

  /** Step while paused: lets the next phase through. */
  step(): void {
    this.gate.step();
    void this.run.start();
  }

  /** A batch of the scheduler's finished: the run reads its phase's figures from it. */
  noteBatch(stats: BatchStats): void {
    this.made?.noteBatch(stats);
  }

  /** The persona the page inspects; its story travels with the scene. */
  select(id: number | null): void {
    this.selected = id;
    this.scenes.changed();
  }

  /** One tick: everyone takes a step toward where they are headed (home, or a chat partner). */
  tick(): void {
    const state = this.run.state;
    this.positions = stepToward(this.positions, chatTargets(homeOf(state), this.talkingPairs(state)));
  }

  /** The personas as a world: their grid, no walls or places. */
  worldMessage(): WorldMessage {
    const state = this.run.state;
    const { width, height } = state.grid;
    return {
      type: 'world',
      worldId: this.options.worldId,
      ...emptyGrid(width, height),
      pois: [],
      agents: state.personas.map((p) => ({
        id: p.id,
        name: p.name,
        traits: [p.traits.temper, `into ${p.traits.interest}`, `openness ${p.traits.openness.toFixed(2)}`],
        goal: `Make up their mind on ${state.topics.length === 1 ? 'one question' : `${state.topics.length} questions`} and vote`,
      })),
      scenario: 'community',
      topics: state.topics.length,
    };
  }

  /** The tick message of the community now. */
  tickMessage(parts: HostTickParts): { message: TickMessage; transfer: Transferable[] } {
    return communityTickOf(this, parts);
  }

  /** Positions, states, beliefs and talking pairs for this tick, in fresh buffers to transfer. */
  tickParts(): CommunityTickParts {
    const state = this.run.state;
    const topics = state.topics.length;
    const beliefs = new Int8Array(state.personas.length * topics);
    state.beliefs.forEach((row, id) => {
      row.forEach((belief, topic) => {
        beliefs[id * topics + topic] = Math.round(belief * 100);
      });
    });
    const states = this.states.slice();
    state.failed.forEach((failed, id) => {
      // Greyed: its call in the latest phase fell back (and its beliefs were kept).
      if (failed && states[id] !== 1 && states[id] !== 2) states[id] = 4;
    });
    const pairs = this.talkingPairs(state);
    return { positions: this.positions.slice(), states, beliefs, links: pairs ? new Uint16Array(pairs.flat()) : null };
  }

  /** The jobs of the current phase (or, before the first wide one, everyone's first belief update), for the race. */
  raceJobs(): BatchJob[] {
    const state = this.run.state;
    const phase = state.phase !== null && state.phase !== 'debate' && state.epoch > 0 ? state.phase : 'beliefs-debate';
    const plan = planPhase(state, phase);
    return plan.calls.slice(0, RACE_MAX_AGENTS).map((call) => ({ key: `race/${call.key}`, ask: call.ask }));
  }

  /**
   * Puts a question to one persona and posts its answer, then the ack (with an error for no such
   * persona). The run is untouched: the answer is never applied to beliefs or memory.
   */
  interview(command: { seq: number; agentId: number; question: string }, post: (message: WorkerMessage, transfer: Transferable[]) => void): void {
    const { seq, agentId, question } = command;
    if (agentId >= this.run.state.personas.length) {
      post({ type: 'ack', seq, error: `There is no persona ${agentId} in this community.` }, []);
      return;
    }
    const ask: Ask<InterviewReply> = this.run.interview(agentId, question);
    // Its own producer, so the interview is not held by the community's semaphore or shown as a phase; the budget counts it.
    void this.options.scheduler.submit({ key: `interview-${seq}/${agentId}`, producer: 'interview', request: ask, fallback: answerOf }).then((result) => {
      const value = result.value as InterviewReply;
      post({ type: 'interview', seq, agentId, question, answer: value.answer, source: result.source, prompt: ask.prompt() }, []);
      post({ type: 'ack', seq }, []);
    });
  }

  /** The run stops; its waiting calls are dropped and those in flight aborted. */
  dispose(): void {
    this.disposed = true;
    this.run.cancel();
    this.scenes.stop();
    this.gate.dispose();
    this.options.scheduler.cancel(this.producer, 'The community was replaced.');
  }

  /** The scene message now. */
  sceneMessage(): SceneMessage {
    const story = this.selected === null ? null : this.run.persona(this.selected);
    return { type: 'scene', worldId: this.options.worldId, scene: sceneWire(this.run.scene()), view: viewWire(this.run.view()), persona: story && personaWire(story) };
  }

  private context(): ScenarioContext {
    const { scheduler, clock } = this.options;
    this.made = schedulerContext(scheduler, clock, this.producer, {
      ready: () => this.gate.wait(),
      onSubmit: (who) => {
        this.states[who] = 1;
      },
      onStart: (who) => {
        this.states[who] = 2;
      },
      onAnswer: (who, result) => {
        if (!this.disposed) this.answered(who, result.value, result.source, result.record);
      },
    });
    return this.made.context;
  }

  private answered(who: number, value: unknown, source: string, record: Parameters<CallJournal['answer']>[1]): void {
    const fellBack = source === 'fallback';
    this.states[who] = fellBack ? 4 : 3;
    const row = this.rows[who];
    const state = this.run.state;
    if (row) {
      row.thought = replyText(value, state.topics);
      row.plan = `${state.phase ?? 'between phases'}, epoch ${state.epoch}`;
      row.source = source === 'gemini' || source === 'openai' || source === 'mock' ? source : 'fallback';
      row.decisions++;
    }
    this.options.journal.answer(who, record);
  }

  private talkingPairs(state: CommunityState): readonly (readonly [number, number])[] | null {
    return state.phase !== null && TALKING.has(state.phase) ? state.pairs : null;
  }


}

/** The personas' home cells, [x0, y0, …]. */
function homeOf(state: CommunityState): Uint16Array<ArrayBuffer> {
  const out = new Uint16Array(state.personas.length * 2);
  for (const p of state.personas) {
    out[p.id * 2] = p.x;
    out[p.id * 2 + 1] = p.y;
  }
  return out;
}
