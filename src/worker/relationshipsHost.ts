/**
 * The relationship simulations inside the session: a RelationshipsRun on the session's one
 * scheduler (each simulation its own flow, so the scheduler takes turns between them), the
 * `failSim` fault read at every attempt (so turning it off lets a retry succeed without a
 * rebuild), and the messages the page draws from: cards in place of the grid, the open
 * simulation's transcript, the askers as agents for the list and the timeline.
 */
import type { AnyAsk } from '../brain/ask.ts';
import type { Clock } from '../clock/clock.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { BatchStats, CallRecord } from '../scheduler/types.ts';
import { failSimFault, RelationshipsRun } from '../scenarios/relationships/relationshipsRun.ts';
import { detailOf, exportOf } from '../scenarios/relationships/sceneView.ts';
import { schedulerContext, type SchedulerContext } from '../scenarios/schedulerContext.ts';
import type { SandboxConfig } from '../protocol/config.ts';
import type { RelSceneMessage, TickMessage, WorldMessage } from '../protocol/protocol.ts';
import { AskerBoard } from './askerBoard.ts';
import type { CallJournal } from './callJournal.ts';
import { RunGate } from './runGate.ts';
import { relationshipsWire } from './relationshipsWire.ts';
import { SceneThrottle } from './sceneThrottle.ts';
import type { HostTickParts, ScenarioHost } from './scenarioHost.ts';
import { emptyGrid } from './worldMessage.ts';

/** Askers per simulation: the scene master and the pair. */
const ASKERS = 3;

export interface RelationshipsHostOptions {
  readonly worldId: number;
  readonly config: SandboxConfig;
  readonly scheduler: Scheduler<AnyAsk, unknown>;
  readonly clock: Clock;
  readonly journal: CallJournal;
  readonly postScene: (message: RelSceneMessage) => void;
}

export class RelationshipsHost implements ScenarioHost {
  readonly producer: string;
  readonly run: RelationshipsRun;
  private readonly made: SchedulerContext;
  private readonly gate = new RunGate();
  private readonly scenes: SceneThrottle;
  private readonly board: AskerBoard;
  private failSim: number;
  private open: number | null = null;
  private disposed = false;

  constructor(private readonly options: RelationshipsHostOptions) {
    const { config, scheduler, clock } = options;
    this.producer = `world-${options.worldId}`;
    this.board = new AskerBoard(config.sims * ASKERS, options.journal);
    this.failSim = config.failSim;
    this.scenes = new SceneThrottle(clock, () => {
      options.postScene(this.sceneMessage());
    });
    this.made = schedulerContext(scheduler, clock, this.producer, {
      ready: () => this.gate.wait(),
      onSubmit: (who) => {
        this.board.submitted(who);
      },
      onStart: (who) => {
        this.board.started(who);
      },
      onAnswer: (who, result) => {
        if (!this.disposed) this.answered(who, result.value, result.source, result.record);
      },
    });
    this.run = new RelationshipsRun({ sims: config.sims, scenes: config.scenes, seed: config.seed }, this.made.context, { rpm: config.rpm, fault: failSimFault(() => this.failSim) });
    this.run.onChange(() => {
      this.scenes.changed();
    });
    this.scenes.changed();
  }

  /** The session runs (steps go on) or is paused (every simulation waits before its next step). */
  setRunning(running: boolean): void {
    this.gate.setRunning(running);
    if (running) this.begin();
  }

  /** Step while paused: every running simulation takes one step. */
  step(): void {
    const running = this.run.state.filter((sim) => sim.status === 'running').length;
    for (let i = 0; i < Math.max(1, running); i++) this.gate.step();
    this.begin();
  }

  /** `failSim` changed: from the next attempt on, that simulation's calls fail (or no longer do). */
  setFailSim(failSim: number): void {
    this.failSim = failSim;
  }

  noteBatch(stats: BatchStats): void {
    this.made.noteBatch(stats);
  }

  /** Why simulation `sim` cannot be retried, or null when its retry has begun. */
  retry(sim: number): string | null {
    const problem = this.run.retryProblem(sim);
    if (problem !== null) return problem;
    void this.run.retry(sim).catch(() => undefined);
    return null;
  }

  /** The simulation whose transcript travels with each scene (null: none). */
  openSim(sim: number | null): void {
    this.open = sim;
    this.scenes.changed();
  }

  /** Every simulation's transcript and scores as JSON text. */
  exportText(): string {
    return JSON.stringify(exportOf(this.run.state, this.run.figures, this.run.settings), null, 2);
  }

  /** The askers as a world: three rows per simulation on a small grid no one sees (the cards replace it). */
  worldMessage(): WorldMessage {
    const agents = this.run.state.flatMap((sim) => [
      { id: sim.id * ASKERS, name: `Sim ${sim.id} · scene master`, traits: ['scene master'], goal: `Take ${sim.pair[0].name} and ${sim.pair[1].name} through ${sim.scenes} scenes` },
      ...sim.pair.map((p, i) => ({ id: sim.id * ASKERS + i + 1, name: `Sim ${sim.id} · ${p.name}`, traits: [`likes ${p.likes.join(' and ')}`, `dislikes ${p.dislikes}`], goal: `A relationship with ${sim.pair[i === 0 ? 1 : 0].name}` })),
    ]);
    return { type: 'world', worldId: this.options.worldId, ...emptyGrid(ASKERS, this.run.state.length), pois: [], agents, scenario: 'relationships', topics: 0 };
  }

  /** The tick message: each asker's state, and what those that answered since the last tick said. */
  tickMessage(parts: HostTickParts): { message: TickMessage; transfer: Transferable[] } {
    return this.board.tickMessage(parts, ASKERS);
  }

  sceneMessage(): RelSceneMessage {
    const sim = this.open === null ? undefined : this.run.state[this.open];
    return { type: 'relScene', worldId: this.options.worldId, scene: wireScene(this.run), detail: sim ? relationshipsWire.detail(detailOf(sim)) : null };
  }

  dispose(): void {
    this.disposed = true;
    this.run.cancel();
    this.scenes.stop();
    this.gate.dispose();
    this.options.scheduler.cancel(this.producer, 'The simulations were replaced.');
  }

  private begin(): void {
    if (!this.run.started) void this.run.start();
  }

  private answered(who: number, value: unknown, source: string, record: CallRecord): void {
    const sim = this.run.state[Math.floor(who / ASKERS)];
    const plan = sim ? `scene ${sim.scene} of ${sim.scenes}${sim.step ? ` · ${sim.step}` : ''}` : '';
    this.board.answered(who, source, record, replyLine(value), plan);
  }
}

function wireScene(run: RelationshipsRun): RelSceneMessage['scene'] {
  return relationshipsWire.scene(run.scene());
}

/** What an asker said, in a line, whatever it was asked. */
function replyLine(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const v = value as Record<string, unknown>;
  const text = v.line ?? v.setting ?? v.why ?? v.reflection ?? v.reason;
  return typeof text === 'string' ? text : '';
}
