/**
 * The DAG's layered layout, left to right: each step right of every step it waits for. dagre
 * (`@dagrejs/dagre`) rather than elkjs: dagre is small and synchronous, so the layout is a pure
 * function of the graph, computed during render and tested directly; elkjs lays out in a promise
 * (a worker, in the browser) and weighs many times more, for layouts this page does not need.
 */
import dagre from '@dagrejs/dagre';

/** The size every node is drawn at (px at zoom 1); the node's CSS keeps to it. */
export const NODE_WIDTH = 188;
export const NODE_HEIGHT = 58;

export interface LayoutEdge {
  readonly source: string;
  readonly target: string;
}

/** A node's top-left corner, as the graph component places nodes. */
export interface Placed {
  readonly x: number;
  readonly y: number;
}

/**
 * Top-left positions for nodes of `NODE_WIDTH` × `NODE_HEIGHT`, layered left to right along the
 * edges; an edge to or from an unknown node is ignored (the worker only sends checked DAGs).
 */
export function layoutDag(nodes: readonly string[], edges: readonly LayoutEdge[]): Map<string, Placed> {
  const graph = new dagre.graphlib.Graph();
  // Ranks 64 px apart leave room for the arrows; 16 px between the nodes of one rank keeps a
  // wide level (ten nodes) short enough to read once fitted to the pane.
  graph.setGraph({ rankdir: 'LR', ranksep: 64, nodesep: 16, marginx: 8, marginy: 8 });
  graph.setDefaultEdgeLabel(() => ({}));
  const known = new Set(nodes);
  for (const id of nodes) graph.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of edges) {
    if (known.has(edge.source) && known.has(edge.target) && edge.source !== edge.target) graph.setEdge(edge.source, edge.target);
  }
  dagre.layout(graph);
  const placed = new Map<string, Placed>();
  for (const id of nodes) {
    const { x = 0, y = 0 } = graph.node(id) as { x?: number; y?: number };
    // dagre gives centres.
    placed.set(id, { x: x - NODE_WIDTH / 2, y: y - NODE_HEIGHT / 2 });
  }
  return placed;
}

/** The edges of a DAG from each node's inputs: input → node. */
export function dagEdges(nodes: readonly { readonly id: string; readonly inputs: readonly string[] }[]): LayoutEdge[] {
  return nodes.flatMap((node) => node.inputs.map((input) => ({ source: input, target: node.id })));
}
