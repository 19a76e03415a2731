/**
 * Runs a DAG in one of three modes, and only sequences: `sequential` one node at a time in
 * topological order (the baseline), `levels` each level's nodes together with a barrier after the
 * level (the classic executor), `ready` each node the moment its own inputs are done. In every
 * mode a node that fails (after its retries) marks everything downstream `skipped`, and the
 * nodes beside it carry on. Each attempt of a node is either an agent step (a model call through
 * the scheduler, with its timeout and fallback) or a tool in the pool; `failNode` makes every
 * attempt of one node fail.
 */
import { sleep, type Clock } from '../../clock/clock.ts';
import { criticalPath, levelGroups, levelsOf, topoOrder } from './dag.ts';
import type { ToolRunner } from './tools.ts';
import type { AgentNode, Dag, DagNode, Mode, NodeRun, NodeSource, RunFigures, StepReply } from './types.ts';

/** Wait between a failed attempt of a node and its next, times the attempt number. */
export const NODE_BACKOFF_MS = 250;

export interface AgentResult {
  readonly output: StepReply;
  readonly source: NodeSource;
  readonly prompt: string | null;
  readonly raw: string | null;
  /** Why the call failed, when it fell back. */
  readonly error: string | null;
}

/** What the executor runs on. */
export interface ExecEnv {
  readonly clock: Clock;
  readonly seed: number;
  readonly tools: ToolRunner;
  /** One attempt of an agent step: its call through the scheduler (which answers, or falls back). */
  agent(node: AgentNode, inputs: Readonly<Record<string, unknown>>, attempt: number): Promise<AgentResult>;
  /** Every attempt of this node fails (the page's `failNode`). */
  readonly failNode: string | null;
  /** Resolves when the next node may start (a paused page holds it; Step lets one through). */
  ready?(): Promise<void>;
  /** A node's state changed. */
  onChange(node: NodeRun): void;
  cancelled(): boolean;
}

export interface ExecResult {
  readonly nodes: readonly NodeRun[];
  readonly figures: RunFigures;
}

/** The nodes of `dag` before a run: all waiting. */
export function initialRuns(dag: Dag): NodeRun[] {
  const levels = levelsOf(dag);
  return dag.nodes.map((node) => ({ id: node.id, level: levels.get(node.id) ?? 0, status: 'waiting', startMs: null, endMs: null, attempts: 0, source: null, output: null, prompt: null, raw: null, error: null }));
}

/** Runs `dag` in `mode`; resolves when every node is done, failed or skipped (or the run was cancelled). */
export async function execute(dag: Dag, mode: Mode, env: ExecEnv): Promise<ExecResult> {
  const t0 = env.clock.now();
  const runs = new Map(initialRuns(dag).map((run) => [run.id, run]));
  const set = (id: string, patch: Partial<NodeRun>): void => {
    const before = runs.get(id);
    if (!before) return;
    const after = { ...before, ...patch };
    runs.set(id, after);
    env.onChange(after);
  };
  const statusOf = (id: string) => runs.get(id)?.status;
  /** Runs a node whose inputs are settled: skipped if one of them did not finish, else its attempts. */
  const settle = async (node: DagNode): Promise<void> => {
    const blocked = node.inputs.find((input) => statusOf(input) !== 'done');
    if (blocked !== undefined) {
      set(node.id, { status: 'skipped', error: `Skipped: its input ${blocked} ${statusOf(blocked) === 'failed' ? 'failed' : 'was skipped'}.` });
      return;
    }
    await env.ready?.();
    if (env.cancelled()) return;
    const inputs: Record<string, unknown> = {};
    for (const input of node.inputs) inputs[input] = runs.get(input)?.output ?? null;
    await runNode(node, inputs, env, t0, (patch) => {
      set(node.id, patch);
    });
  };
  if (mode === 'sequential') {
    for (const node of topoOrder(dag)) {
      if (env.cancelled()) break;
      await settle(node);
    }
  } else if (mode === 'levels') {
    for (const level of levelGroups(dag)) {
      if (env.cancelled()) break;
      await Promise.all(level.map((node) => settle(node)));
    }
  } else {
    await runReady(dag, env, settle, statusOf);
  }
  const nodes = dag.nodes.map((node) => runs.get(node.id)).filter((run): run is NodeRun => run !== undefined);
  return { nodes, figures: figuresOf(dag, nodes) };
}

/** `ready`: each node starts when its last input has settled; a failure's descendants are skipped at once. */
async function runReady(dag: Dag, env: ExecEnv, settle: (node: DagNode) => Promise<void>, statusOf: (id: string) => string | undefined): Promise<void> {
  const started = new Set<string>();
  const terminal = (id: string): boolean => ['done', 'failed', 'skipped'].includes(statusOf(id) ?? '');
  await new Promise<void>((resolve) => {
    const launch = (): void => {
      if (env.cancelled()) {
        resolve();
        return;
      }
      for (const node of dag.nodes) {
        if (started.has(node.id) || !node.inputs.every(terminal)) continue;
        started.add(node.id);
        void settle(node).then(launch);
      }
      if (dag.nodes.every((node) => terminal(node.id))) resolve();
    };
    launch();
  });
}

/** A node's attempts: the first, then up to `retries` more after a backoff; done or failed. */
async function runNode(node: DagNode, inputs: Readonly<Record<string, unknown>>, env: ExecEnv, t0: number, set: (patch: Partial<NodeRun>) => void): Promise<void> {
  const startMs = env.clock.now() - t0;
  set({ status: 'running', startMs });
  let lastError = '';
  for (let attempt = 1; attempt <= node.retries + 1; attempt++) {
    if (env.cancelled()) return;
    if (attempt > 1) {
      set({ status: 'retrying', attempts: attempt - 1, error: lastError });
      await sleep(env.clock, NODE_BACKOFF_MS * (attempt - 1));
      set({ status: 'running' });
    }
    try {
      const result = await attempt1(node, inputs, env, attempt);
      set({ status: 'done', endMs: env.clock.now() - t0, attempts: attempt, ...result });
      return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
  }
  set({ status: 'failed', endMs: env.clock.now() - t0, attempts: node.retries + 1, error: `${node.id} failed after ${node.retries + 1} attempt${node.retries === 0 ? '' : 's'}: ${lastError.replace(/[.\s]+$/, '')}.` });
}

/** One attempt; throws when it failed. */
async function attempt1(node: DagNode, inputs: Readonly<Record<string, unknown>>, env: ExecEnv, attempt: number): Promise<Pick<NodeRun, 'output' | 'source' | 'prompt' | 'raw' | 'error'>> {
  if (env.failNode === node.id) {
    await Promise.resolve();
    throw new Error(`injected fault (failNode=${node.id})`);
  }
  if (node.kind === 'tool') {
    const output = await withTimeout(env.tools.run(node.tool, env.seed, node.size), node.timeoutMs, env.clock, `the ${node.tool} tool`);
    return { output, source: 'tool', prompt: null, raw: null, error: null };
  }
  const result = await env.agent(node, inputs, attempt);
  if (result.source === 'fallback' && node.fallback === 'fail') throw new Error(`its model call failed (${result.error ?? 'no reason given'}) and its fallback is "fail"`);
  return { output: result.output, source: result.source, prompt: result.prompt, raw: result.raw, error: result.error };
}

/** `promise`, or a rejection once `timeoutMs` has passed (a tool in a worker cannot be stopped; its answer is ignored). */
function withTimeout<T>(promise: Promise<T>, timeoutMs: number | undefined, clock: Clock, what: string): Promise<T> {
  if (timeoutMs === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(() => {
      reject(new Error(`${what} took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    promise.then(
      (value) => {
        clock.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clock.clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The run's figures from its nodes' times: wall, the sum (one at a time), the critical path. */
export function figuresOf(dag: Dag, nodes: readonly NodeRun[]): RunFigures {
  const durations = new Map<string, number>();
  let first = Infinity;
  let last = 0;
  for (const node of nodes) {
    if (node.startMs === null || node.endMs === null) continue;
    durations.set(node.id, node.endMs - node.startMs);
    first = Math.min(first, node.startMs);
    last = Math.max(last, node.endMs);
  }
  const wallMs = first === Infinity ? 0 : last - Math.min(first, 0);
  let sequentialMs = 0;
  for (const ms of durations.values()) sequentialMs += ms;
  const path = criticalPath(dag, durations);
  return { wallMs, sequentialMs, criticalPathMs: path.ms, criticalPath: path.path, speedup: wallMs > 0 ? sequentialMs / wallMs : 1 };
}

