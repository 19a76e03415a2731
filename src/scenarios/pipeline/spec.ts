/**
 * A DAG spec as JSON, checked with zod, then as a graph: a duplicate id, an input that names no
 * node, or a cycle is refused with a sentence that names them. What passes is a `Dag`.
 */
import { z } from 'zod';
import { findCycle } from './dag.ts';
import { TOOL_NAMES, type Dag, type DagNode } from './types.ts';

export const MAX_NODES = 200;

const id = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'must be 1 to 40 letters, digits, - or _, starting with a letter');
const common = {
  id,
  inputs: z.array(z.string()).max(MAX_NODES).default([]),
  retries: z.number().int().min(0).max(5).default(1),
  timeoutMs: z.number().int().min(100).max(600_000).optional(),
};
const agentSchema = z.object({
  ...common,
  kind: z.literal('agent'),
  prompt: z.string().trim().min(1).max(2_000).default('Summarise what your inputs say, in two sentences.'),
  weight: z.number().min(0).max(100).default(1),
  fallback: z.enum(['mock', 'fail']).default('mock'),
}).strict();
const toolSchema = z.object({
  ...common,
  kind: z.literal('tool'),
  tool: z.enum(TOOL_NAMES),
  size: z.number().min(0.01).max(100).default(10),
}).strict();
const nodeSchema = z.discriminatedUnion('kind', [agentSchema, toolSchema]);

/** The JSON a DAG is written in. */
export const dagSpecSchema = z.object({
  name: z.string().trim().min(1).max(60).default('custom'),
  nodes: z.array(nodeSchema).min(1, 'must have at least one node').max(MAX_NODES, `must have at most ${MAX_NODES} nodes`),
}).strict();

export type DagSpec = z.input<typeof dagSpecSchema>;

export type DagCheck = { readonly ok: true; readonly dag: Dag } | { readonly ok: false; readonly error: string };

/** Checks a spec (an object, or its JSON text): the DAG, or why not in one sentence. */
export function checkDag(input: unknown): DagCheck {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch (error) {
      return { ok: false, error: `The DAG is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
    }
  }
  const parsed = dagSpecSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the DAG';
    return { ok: false, error: `The DAG's ${where} ${issue?.message ?? 'is invalid'}.` };
  }
  const nodes: DagNode[] = parsed.data.nodes.map((node) =>
    node.kind === 'agent'
      ? { id: node.id, kind: 'agent', inputs: node.inputs, prompt: node.prompt, weight: node.weight, retries: node.retries, timeoutMs: node.timeoutMs, fallback: node.fallback }
      : { id: node.id, kind: 'tool', inputs: node.inputs, tool: node.tool, size: node.size, retries: node.retries, timeoutMs: node.timeoutMs, fallback: 'fail' },
  );
  const problem = graphProblem(nodes);
  return problem === null ? { ok: true, dag: { name: parsed.data.name, nodes } } : { ok: false, error: problem };
}

/** A duplicate id, a missing input, a node reading itself, or a cycle, in a sentence; null when none. */
function graphProblem(nodes: readonly DagNode[]): string | null {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const node of nodes) (seen.has(node.id) ? twice : seen).add(node.id);
  if (twice.size > 0) return `Duplicate node id${twice.size === 1 ? '' : 's'}: ${[...twice].join(', ')}; each node needs its own.`;
  for (const node of nodes) {
    const missing = node.inputs.filter((input) => !seen.has(input));
    if (missing.length > 0) return `Node ${node.id} reads from ${missing.map((m) => `"${m}"`).join(', ')}, which ${missing.length === 1 ? 'is not a node' : 'are not nodes'}.`;
    if (new Set(node.inputs).size !== node.inputs.length) return `Node ${node.id} lists an input twice.`;
  }
  const cycle = findCycle(nodes);
  return cycle === null ? null : `The DAG has a cycle: ${cycle.join(' → ')}; a step cannot wait for itself.`;
}
