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
/** Between two nodes of one column (px at zoom 1). */
const NODE_SEP = 16;

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
 * edges, a level of more than `COLUMN_MAX` nodes in several columns; an edge to or from an
 * unknown node is ignored (the worker only sends checked DAGs).
 */
export function layoutDag(nodes: readonly string[], edges: readonly LayoutEdge[]): Map<string, Placed> {
  const graph = new dagre.graphlib.Graph();
  // Ranks 64 px apart leave room for the arrows; 16 px between the nodes of one rank keeps a
  // wide level (ten nodes) short enough to read once fitted to the pane; a longer one is wrapped.
  graph.setGraph({ rankdir: 'LR', ranksep: 64, nodesep: NODE_SEP, marginx: 8, marginy: 8 });
  graph.setDefaultEdgeLabel(() => ({}));
  const known = new Set(nodes);
  for (const id of nodes) graph.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of edges) {
    if (known.has(edge.source) && known.has(edge.target) && edge.source !== edge.target) graph.setEdge(edge.source, edge.target);
  }
  dagre.layout(graph);
  const centres = new Map<string, Placed>();
  for (const id of nodes) {
    const { x = 0, y = 0 } = graph.node(id) as { x?: number; y?: number };
    centres.set(id, { x, y });
  }
  return wrapTallLevels(centres);
}

/** A level of more nodes than this is wrapped into columns side by side (`wrapTallLevels`). */
export const COLUMN_MAX = 12;
/** Between two columns of a wrapped level: room for the edges that cross to the inner columns. */
const WRAP_GAP = 32;
/** A wrapped level aims at this width to height: about a pane's, so that fitting leaves it largest. */
const WRAP_ASPECT = 1.75;

/**
 * dagre puts a level in one column: `wide` with 98 regions is a column 7,000 px tall, fitted to
 * a pane at a tenth of its size, each node a sliver. A level of more than `COLUMN_MAX` nodes is
 * wrapped instead into a block of columns about as wide as it is tall on screen, in the DAG's
 * order down each column; every level to its right moves right by the block's extra width, so each
 * node still stands right of every node it waits for (nodes of one level never wait for each
 * other). Takes dagre's centres; returns top-left corners.
 */
function wrapTallLevels(centres: ReadonlyMap<string, Placed>): Map<string, Placed> {
  const levels = new Map<number, string[]>();
  for (const [id, { x }] of centres) {
    const level = levels.get(x);
    if (level) level.push(id);
    else levels.set(x, [id]);
  }
  const placed = new Map<string, Placed>();
  let shift = 0;
  for (const x of [...levels.keys()].sort((a, b) => a - b)) {
    // Each level's ids are in the DAG's own order (the map's), as a wrapped block keeps them.
    const ids = levels.get(x) ?? [];
    const left = x - NODE_WIDTH / 2 + shift;
    if (ids.length <= COLUMN_MAX) {
      for (const id of ids) placed.set(id, { x: left, y: (centres.get(id)?.y ?? 0) - NODE_HEIGHT / 2 });
      continue;
    }
    // Down each column in the DAG's order (region-1 first): dagre's order within one column was
    // for its edges' crossings, which a block of columns cannot keep anyway.
    const pitchX = NODE_WIDTH + WRAP_GAP;
    const pitchY = NODE_HEIGHT + NODE_SEP;
    const columns = Math.ceil(ids.length / Math.max(COLUMN_MAX, Math.ceil(Math.sqrt((ids.length * pitchX) / pitchY / WRAP_ASPECT))));
    // Balanced: 13 nodes make two columns of 7, not 12 and 1.
    const rows = Math.ceil(ids.length / columns);
    const ys = ids.map((id) => centres.get(id)?.y ?? 0);
    const middle = (Math.min(...ys) + Math.max(...ys)) / 2;
    const top = middle - (rows * pitchY - NODE_SEP) / 2;
    ids.forEach((id, i) => placed.set(id, { x: left + Math.floor(i / rows) * pitchX, y: top + (i % rows) * pitchY }));
    shift += (columns - 1) * pitchX;
  }
  // In the order the nodes were given.
  return new Map([...centres.keys()].map((id) => [id, placed.get(id) ?? { x: 0, y: 0 }]));
}

/** The edges of a DAG from each node's inputs: input → node. */
export function dagEdges(nodes: readonly { readonly id: string; readonly inputs: readonly string[] }[]): LayoutEdge[] {
  return nodes.flatMap((node) => node.inputs.map((input) => ({ source: input, target: node.id })));
}
