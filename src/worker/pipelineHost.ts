/**
 * The pipeline inside the session: a PipelineRun on the session's one scheduler (its agent steps
 * are asks; its tools go to the pool of workers, never this thread), the DAG's nodes as the
 * agents the list and the timeline name, and the scene the page draws the graph, the Gantt and
 * the figures from. A node starts only while the session runs (or one per Step).
 */
import type { AnyAsk } from '../brain/ask.ts';
import type { Clock } from '../clock/clock.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { BatchStats } from '../scheduler/types.ts';
import { idNumber } from '../scenarios/pipeline/asks.ts';
import { PipelineRun } from '../scenarios/pipeline/pipelineRun.ts';
import type { ToolRunner } from '../scenarios/pipeline/tools.ts';
import type { Dag } from '../scenarios/pipeline/types.ts';
import { schedulerContext, type SchedulerContext } from '../scenarios/schedulerContext.ts';
import type { SandboxConfig } from '../protocol/config.ts';
import type { PipeSceneMessage, TickMessage, WorldMessage } from '../protocol/protocol.ts';
import { AskerBoard } from './askerBoard.ts';
import type { CallJournal } from './callJournal.ts';
import { pipelineWire } from './pipelineWire.ts';
import { RunGate } from './runGate.ts';
import { SceneThrottle } from './sceneThrottle.ts';
import type { HostTickParts, ScenarioHost } from './scenarioHost.ts';
import { emptyGrid } from './worldMessage.ts';

/** The board's width in nodes (no one sees it: the graph replaces the grid). */
const COLUMNS = 10;

export interface PipelineHostOptions {
  readonly worldId: number;
  readonly config: SandboxConfig;
  readonly dag: Dag;
  readonly tools: ToolRunner;
  readonly scheduler: Scheduler<AnyAsk, unknown>;
  readonly clock: Clock;
  readonly journal: CallJournal;
  readonly postScene: (message: PipeSceneMessage) => void;
}

export class PipelineHost implements ScenarioHost {
  readonly producer: string;
  readonly run: PipelineRun;
  private readonly made: SchedulerContext;
  private readonly gate = new RunGate();
  private readonly scenes: SceneThrottle;
  private readonly board: AskerBoard;
  /** Node index by the `who` of its asks. */
  private readonly indexOf: ReadonlyMap<number, number>;
  private disposed = false;

  constructor(private readonly options: PipelineHostOptions) {
    const { config, scheduler, clock, dag } = options;
    this.producer = `world-${options.worldId}`;
    this.board = new AskerBoard(dag.nodes.length, options.journal);
    this.indexOf = new Map(dag.nodes.map((node, i) => [idNumber(node.id), i]));
    this.scenes = new SceneThrottle(clock, () => {
      options.postScene(this.sceneMessage());
    });
    this.made = schedulerContext(scheduler, clock, this.producer, {
      ready: () => this.gate.wait(),
      onSubmit: (who) => {
        this.board.submitted(this.nodeOf(who));
      },
      onStart: (who) => {
        this.board.started(this.nodeOf(who));
      },
      onAnswer: (who, result) => {
        if (this.disposed) return;
        const node = dag.nodes[this.nodeOf(who)];
        const value = result.value as { text?: unknown };
        this.board.answered(this.nodeOf(who), result.source, result.record, typeof value.text === 'string' ? value.text : '', node ? `step ${node.id}` : '');
      },
    });
    this.run = new PipelineRun({ dag, mode: config.mode, seed: config.seed, failNode: config.failNode === '' ? null : config.failNode }, this.made.context, options.tools, options.worldId);
    this.run.onChange(() => {
      this.scenes.changed();
    });
    this.scenes.changed();
  }

  setRunning(running: boolean): void {
    this.gate.setRunning(running);
    if (running) void this.run.start();
  }

  /** Step while paused: the next node may start. */
  step(): void {
    this.gate.step();
    void this.run.start();
  }

  noteBatch(stats: BatchStats): void {
    this.made.noteBatch(stats);
  }

  /** The DAG's nodes as a world: one agent per node, named by its id. */
  worldMessage(): WorldMessage {
    const { dag } = this.options;
    const agents = dag.nodes.map((node, id) => ({ id, name: node.id, traits: [node.kind === 'tool' ? `tool: ${node.tool}` : 'agent step'], goal: node.kind === 'agent' ? node.prompt : `${node.tool} over the seed's data` }));
    return { type: 'world', worldId: this.options.worldId, ...emptyGrid(COLUMNS, Math.max(1, Math.ceil(agents.length / COLUMNS))), pois: [], agents, scenario: 'pipeline', topics: 0 };
  }

  tickMessage(parts: HostTickParts): { message: TickMessage; transfer: Transferable[] } {
    return this.board.tickMessage(parts, COLUMNS);
  }

  sceneMessage(): PipeSceneMessage {
    return { type: 'pipeScene', worldId: this.options.worldId, scene: pipelineWire.scene(this.run.scene()), view: pipelineWire.view(this.run.view()) };
  }

  dispose(): void {
    this.disposed = true;
    this.run.cancel();
    this.scenes.stop();
    this.gate.dispose();
    this.options.scheduler.cancel(this.producer, 'The pipeline was replaced.');
  }

  /** A node's index from its asks' `who` (a hash of its id). */
  private nodeOf(who: number): number {
    return this.indexOf.get(who) ?? 0;
  }
}
