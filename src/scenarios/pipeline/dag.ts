/**
 * Graph facts of a checked DAG: each node's level (the classic executor's grouping), the order
 * nodes may run in one at a time, who depends on whom, and the critical path of node times.
 */
import type { Dag, DagNode } from './types.ts';

/** Each node's level: 0 for a node with no inputs, else one more than its highest input's. */
export function levelsOf(dag: Dag): ReadonlyMap<string, number> {
  const levels = new Map<string, number>();
  for (const node of topoOrder(dag)) {
    let level = 0;
    for (const input of node.inputs) level = Math.max(level, (levels.get(input) ?? 0) + 1);
    levels.set(node.id, level);
  }
  return levels;
}

/** The nodes grouped by level, level 0 first; within a level, in the spec's order. */
export function levelGroups(dag: Dag): readonly (readonly DagNode[])[] {
  const levels = levelsOf(dag);
  const groups: DagNode[][] = [];
  for (const node of dag.nodes) {
    const level = levels.get(node.id) ?? 0;
    (groups[level] ??= []).push(node);
  }
  return groups;
}

/**
 * The nodes so that every node comes after its inputs: Kahn's algorithm, taking ready nodes in
 * the spec's order (so a chain written in order runs in that order). Throws on a cycle; a
 * checked DAG has none.
 */
export function topoOrder(dag: Dag): readonly DagNode[] {
  const indegree = new Map(dag.nodes.map((node) => [node.id, node.inputs.length]));
  const out: DagNode[] = [];
  const done = new Set<string>();
  while (out.length < dag.nodes.length) {
    const next = dag.nodes.find((node) => !done.has(node.id) && (indegree.get(node.id) ?? 0) === 0);
    if (!next) throw new Error('The DAG has a cycle.');
    out.push(next);
    done.add(next.id);
    for (const node of dag.nodes) if (node.inputs.includes(next.id)) indegree.set(node.id, (indegree.get(node.id) ?? 0) - node.inputs.filter((i) => i === next.id).length);
  }
  return out;
}

/** A cycle among the nodes, as ids with the first repeated at the end (`a → b → a`), or null. */
export function findCycle(nodes: readonly { id: string; inputs: readonly string[] }[]): string[] | null {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const state = new Map<string, 'open' | 'closed'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'closed') return null;
    if (state.get(id) === 'open') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'open');
    path.push(id);
    // Follow edges the way data flows: from an input to the node that reads it.
    for (const node of nodes) {
      if (!node.inputs.includes(id)) continue;
      const cycle = visit(node.id);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'closed');
    return null;
  };
  for (const node of nodes) {
    if (!byId.has(node.id)) continue;
    const cycle = visit(node.id);
    if (cycle) return cycle;
  }
  return null;
}

/** Every node that reads, directly or not, from `id`. */
export function descendantsOf(dag: Dag, id: string): ReadonlySet<string> {
  const out = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const from = stack.pop();
    for (const node of dag.nodes) {
      if (from !== undefined && node.inputs.includes(from) && !out.has(node.id)) {
        out.add(node.id);
        stack.push(node.id);
      }
    }
  }
  return out;
}

/**
 * The longest chain of node times from a source to a sink (`durations` by id; a node without
 * one counts 0): the least time any executor needs, however many run at once.
 */
export function criticalPath(dag: Dag, durations: ReadonlyMap<string, number>): { ms: number; path: string[] } {
  const best = new Map<string, { ms: number; path: string[] }>();
  for (const node of topoOrder(dag)) {
    let before: { ms: number; path: string[] } = { ms: 0, path: [] };
    for (const input of node.inputs) {
      const candidate = best.get(input);
      if (candidate && candidate.ms > before.ms) before = candidate;
    }
    best.set(node.id, { ms: before.ms + (durations.get(node.id) ?? 0), path: [...before.path, node.id] });
  }
  let top: { ms: number; path: string[] } = { ms: 0, path: [] };
  for (const entry of best.values()) if (entry.ms > top.ms) top = entry;
  return top;
}
