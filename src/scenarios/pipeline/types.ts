/**
 * The pipeline's data: a DAG of steps (agent steps that ask a model, tools that compute), a run's
 * state per node, and the run's figures. Plain objects, so a run can be compared in tests and
 * copied to the page.
 */

/** How a DAG is run: level by level (the classic), each node as soon as its inputs are ready, or one node at a time. */
export const MODES = ['levels', 'ready', 'sequential'] as const;
export type Mode = (typeof MODES)[number];

/** The presets (`presets.ts`). */
export const DAG_NAMES = ['diamond', 'wide', 'chain', 'uneven'] as const;
export type DagName = (typeof DAG_NAMES)[number];

/** The tools a tool node can run (`tools.ts`): real CPU work over a dataset generated from the seed. */
export const TOOL_NAMES = ['stats', 'patterns', 'sort', 'primes'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export const NODE_STATUSES = ['waiting', 'running', 'retrying', 'done', 'failed', 'skipped'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

/** Where a node's output came from. */
export type NodeSource = 'model' | 'mock' | 'fallback' | 'tool';

export interface AgentNode {
  readonly id: string;
  readonly kind: 'agent';
  readonly inputs: readonly string[];
  /** What the step is asked to do with its inputs. */
  readonly prompt: string;
  /** The mock's latency for this step, in units of the `latency` setting (an uneven DAG's slow step is 3). */
  readonly weight: number;
  /** Attempts after the first, of the whole node. */
  readonly retries: number;
  /** Per attempt (ms); absent: the scheduler's timeout. */
  readonly timeoutMs: number | undefined;
  /** When its call finally fails: `mock` uses the mock's output (source `fallback`), `fail` fails the node. */
  readonly fallback: 'mock' | 'fail';
}

export interface ToolNode {
  readonly id: string;
  readonly kind: 'tool';
  readonly inputs: readonly string[];
  readonly tool: ToolName;
  /** How much data the tool works through, in units of 100,000 items. */
  readonly size: number;
  readonly retries: number;
  readonly timeoutMs: number | undefined;
  /** A tool has nothing to fall back to: a tool that throws fails its node. */
  readonly fallback: 'fail';
}

export type DagNode = AgentNode | ToolNode;

/** A checked DAG: ids unique, inputs known, no cycle; nodes in the order given. */
export interface Dag {
  readonly name: string;
  readonly nodes: readonly DagNode[];
}

/** One node in a run. Times are ms from the run's start. */
export interface NodeRun {
  readonly id: string;
  readonly level: number;
  readonly status: NodeStatus;
  readonly startMs: number | null;
  readonly endMs: number | null;
  readonly attempts: number;
  readonly source: NodeSource | null;
  readonly output: unknown;
  /** The prompt sent and the raw reply, for an agent step a live model answered. */
  readonly prompt: string | null;
  readonly raw: string | null;
  /** Why it failed (or was skipped), in one sentence. */
  readonly error: string | null;
}

/** A run's figures, once it has ended. */
export interface RunFigures {
  /** From the start to the last node's end. */
  readonly wallMs: number;
  /** The sum of every node's own time: what one node at a time would take. */
  readonly sequentialMs: number;
  /** The longest chain of node times through the DAG: no mode can beat it. */
  readonly criticalPathMs: number;
  /** The nodes on it, first to last. */
  readonly criticalPath: readonly string[];
  readonly speedup: number;
}

/** Each agent step's reply: a few sentences and a number the next steps can weigh. */
export interface StepReply {
  readonly text: string;
  readonly score: number;
}
