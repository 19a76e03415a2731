/**
 * A DAG run on the session's scheduler: agent steps are asks (one batch per run, so the timeline
 * shows the run), tools go to the pool, and the executor sequences them in the chosen mode. What
 * the page reads is derived from the nodes' states (`sceneView.ts`).
 */
import type { ScenarioContext } from '../scenario.ts';
import { stepAsk } from './asks.ts';
import { execute, initialRuns, type AgentResult, type ExecEnv } from './executor.ts';
import { sceneOf, viewOf, type PipelineScene, type PipelineView } from './sceneView.ts';
import type { ToolRunner } from './tools.ts';
import type { Dag, Mode, NodeRun, NodeSource, RunFigures } from './types.ts';

export interface PipelineSettings {
  readonly dag: Dag;
  readonly mode: Mode;
  readonly seed: number;
  /** Every attempt of this node fails; null for none. */
  readonly failNode: string | null;
}

const SOURCES: Readonly<Record<string, NodeSource>> = { gemini: 'model', openai: 'model', mock: 'mock', fallback: 'fallback' };

/** The batch a run's calls are measured as. */
export function runBatch(producer: string, run: number, mode: Mode): string {
  return `${producer}:run-${run}-${mode}`;
}

export class PipelineRun {
  private nodes: NodeRun[];
  private result: RunFigures | null = null;
  private readonly listeners = new Set<() => void>();
  private cancelled = false;
  private startedAt: number | null = null;
  private running: Promise<void> | undefined;

  constructor(
    readonly settings: PipelineSettings,
    private readonly ctx: ScenarioContext,
    private readonly tools: ToolRunner,
    /** Which run of the session this is: its batch and its draws. */
    private readonly run = 1,
  ) {
    this.nodes = initialRuns(settings.dag);
  }

  get state(): readonly NodeRun[] {
    return this.nodes;
  }

  /** The run's figures once every node has settled. */
  get figures(): RunFigures | null {
    return this.result;
  }

  get started(): boolean {
    return this.startedAt !== null;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The contract's scene now. */
  scene(): PipelineScene {
    return sceneOf(this.settings.dag, this.settings.mode, this.nodes, this.result);
  }

  /** The panel's view now. */
  view(): PipelineView {
    return viewOf(this.settings.dag, this.nodes, this.tools.workers);
  }

  /** Runs the DAG once; a second call gets the same run. */
  start(): Promise<void> {
    this.running ??= this.go();
    return this.running;
  }

  cancel(): void {
    this.cancelled = true;
  }

  private async go(): Promise<void> {
    this.startedAt = this.ctx.clock.now();
    const { dag, mode } = this.settings;
    const result = await execute(dag, mode, this.env());
    if (this.cancelled) return;
    this.nodes = [...result.nodes];
    this.result = result.figures;
    this.changed();
  }

  private env(): ExecEnv {
    const { ctx, settings } = this;
    const index = new Map(settings.dag.nodes.map((node, i) => [node.id, i]));
    const batch = runBatch(ctx.producer, this.run, settings.mode);
    return {
      clock: ctx.clock,
      seed: settings.seed,
      tools: this.tools,
      failNode: settings.failNode,
      ...(ctx.ready ? { ready: () => ctx.ready?.() ?? Promise.resolve() } : {}),
      agent: async (node, inputs): Promise<AgentResult> => {
        const ask = stepAsk(node, inputs, settings.seed, this.run);
        const answer = await ctx.ask(ask, {
          key: `${ctx.producer}/agent-${index.get(node.id) ?? 0}`,
          batch,
          ...(node.timeoutMs === undefined ? {} : { timeoutMs: node.timeoutMs }),
        });
        return {
          output: answer.value,
          source: SOURCES[answer.source] ?? 'model',
          prompt: answer.record.prompt ?? null,
          raw: answer.record.raw ?? null,
          error: answer.record.error?.message ?? null,
        };
      },
      onChange: (node) => {
        if (this.cancelled) return;
        this.nodes = this.nodes.map((old) => (old.id === node.id ? node : old));
        this.changed();
      },
      cancelled: () => this.cancelled,
    };
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
