/**
 * What the page reads of a pipeline run: the contract's scene (each node's level, status, times
 * and source; the run's wall, one-at-a-time sum, critical path and speedup once it has ended),
 * and the panel's view (the spec as JSON, each node's task, output, prompt and raw reply).
 */
import type { Dag, Mode, NodeRun, NodeSource, NodeStatus, RunFigures } from './types.ts';

export interface PipelineScene {
  readonly dag: string;
  readonly mode: Mode;
  readonly nodes: readonly {
    readonly id: string;
    readonly level: number;
    readonly status: NodeStatus;
    readonly startMs: number | null;
    readonly endMs: number | null;
    readonly source: NodeSource | null;
    readonly attempts: number;
  }[];
  readonly wallMs: number | null;
  readonly sequentialMs: number | null;
  readonly criticalPathMs: number | null;
  readonly speedup: number | null;
  readonly criticalPath: readonly string[];
}

export interface PipelineView {
  readonly spec: string;
  readonly nodes: readonly {
    readonly id: string;
    readonly kind: 'agent' | 'tool';
    readonly inputs: readonly string[];
    readonly task: string;
    readonly output: string | null;
    readonly prompt: string | null;
    readonly raw: string | null;
    readonly error: string | null;
  }[];
  readonly workers: number;
}

/** The contract's scene. */
export function sceneOf(dag: Dag, mode: Mode, nodes: readonly NodeRun[], figures: RunFigures | null): PipelineScene {
  return {
    dag: dag.name,
    mode,
    nodes: nodes.map((n) => ({ id: n.id, level: n.level, status: n.status, startMs: n.startMs, endMs: n.endMs, source: n.source, attempts: n.attempts })),
    wallMs: figures?.wallMs ?? null,
    sequentialMs: figures?.sequentialMs ?? null,
    criticalPathMs: figures?.criticalPathMs ?? null,
    speedup: figures?.speedup ?? null,
    criticalPath: figures?.criticalPath ?? [],
  };
}

/** The DAG back as the JSON a user edits: only what differs from the defaults is written. */
export function specText(dag: Dag): string {
  const nodes = dag.nodes.map((node) => {
    const common = { id: node.id, kind: node.kind, ...(node.inputs.length > 0 ? { inputs: node.inputs } : {}) };
    const retries = node.retries === 1 ? {} : { retries: node.retries };
    const timeout = node.timeoutMs === undefined ? {} : { timeoutMs: node.timeoutMs };
    if (node.kind === 'tool') return { ...common, tool: node.tool, size: node.size, ...retries, ...timeout };
    return { ...common, prompt: node.prompt, ...(node.weight === 1 ? {} : { weight: node.weight }), ...retries, ...timeout, ...(node.fallback === 'mock' ? {} : { fallback: node.fallback }) };
  });
  return JSON.stringify({ name: dag.name, nodes }, null, 2);
}

/** The panel's view: the spec and each node's details. */
export function viewOf(dag: Dag, nodes: readonly NodeRun[], workers: number): PipelineView {
  const runs = new Map(nodes.map((n) => [n.id, n]));
  return {
    spec: specText(dag),
    workers,
    nodes: dag.nodes.map((node) => {
      const run = runs.get(node.id);
      return {
        id: node.id,
        kind: node.kind,
        inputs: node.inputs,
        task: node.kind === 'agent' ? node.prompt : `${node.tool} over ${(node.size * 100_000).toLocaleString('en')} items`,
        output: run?.output === null || run?.output === undefined ? null : JSON.stringify(run.output, null, 2),
        prompt: run?.prompt ?? null,
        raw: run?.raw ?? null,
        error: run?.error ?? null,
      };
    }),
  };
}
