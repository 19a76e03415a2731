/**
 * The scene as the graph component's nodes and edges: each node placed by the layout, labelled
 * for a screen reader, tagged for the tests (`dag-node`, its id and status) and marked when on
 * the critical path; each edge from an input to the node that reads it. Pure, so what the graph
 * shows is tested without a browser.
 */
import { MarkerType, Position, type Edge } from '@xyflow/react';
import type { PipelineSceneWire, PipelineViewWire } from '../../protocol/pipelineScene.ts';
import type { DagFlowNode } from './DagNode.tsx';
import { NODE_HEIGHT, NODE_WIDTH, type Placed } from './dagLayout.ts';
import { formatMs } from '../timeline/timelineText.ts';
import { attemptsText, kindText, nodeMs } from './pipeText.ts';

/** Where edges attach: the middle of the left side (in) and of the right side (out). */
const HANDLES = [
  { type: 'target' as const, position: Position.Left, x: 0, y: NODE_HEIGHT / 2 - 0.5, width: 1, height: 1 },
  { type: 'source' as const, position: Position.Right, x: NODE_WIDTH - 1, y: NODE_HEIGHT / 2 - 0.5, width: 1, height: 1 },
];

/**
 * Arrowhead colours, as values: xyflow names each marker after its colour and draws it in an SVG
 * of its own, so they cannot be CSS variables; these are styles.css's --muted and --accent-2.
 */
const EDGE_COLOUR = '#8b97b8';
const CRITICAL_COLOUR = '#ff4fd8';

/** Consecutive pairs of the critical path, as edge ids. */
function criticalEdges(path: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (let i = 1; i < path.length; i++) ids.add(edgeId(path[i - 1] ?? '', path[i] ?? ''));
  return ids;
}

/** An edge's id: "ingest->stats". */
export function edgeId(source: string, target: string): string {
  return `${source}->${target}`;
}

/** The graph's nodes: one per scene node, in the scene's order. */
export function flowNodes(scene: Pick<PipelineSceneWire, 'nodes' | 'criticalPath'>, view: Pick<PipelineViewWire, 'nodes'>, placed: ReadonlyMap<string, Placed>, selected: string | null): DagFlowNode[] {
  const views = new Map(view.nodes.map((n) => [n.id, n]));
  const critical = new Set(scene.criticalPath);
  return scene.nodes.map((node) => {
    const info = views.get(node.id);
    const onPath = critical.has(node.id);
    const ms = nodeMs(node);
    const isSelected = node.id === selected;
    // Not a fresh literal, so xyflow's attribute type accepts the data-* keys beside aria-pressed.
    const attributes = { 'data-testid': 'dag-node', 'data-node': node.id, 'data-status': node.status, 'aria-pressed': isSelected };
    return {
      id: node.id,
      type: 'dag' as const,
      position: placed.get(node.id) ?? { x: 0, y: 0 },
      // Known sizes and handles: the graph needs no measuring pass before its edges and fitView.
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
      handles: HANDLES,
      selected: isSelected,
      className: `dag-node status-${node.status}${onPath ? ' critical' : ''}`,
      ariaRole: 'button' as const,
      domAttributes: attributes,
      data: {
        id: node.id,
        kind: kindText(info),
        status: node.status,
        time: ms === null ? null : formatMs(ms),
        attempts: attemptsText(node.attempts),
        critical: onPath,
      },
    };
  });
}

/** The graph's edges: input → node, the critical path's edges marked, edges into a running node animated. */
export function flowEdges(scene: Pick<PipelineSceneWire, 'nodes' | 'criticalPath'>, view: Pick<PipelineViewWire, 'nodes'>): Edge[] {
  const status = new Map(scene.nodes.map((n) => [n.id, n.status]));
  const critical = criticalEdges(scene.criticalPath);
  return view.nodes.flatMap((node) =>
    node.inputs.map((input): Edge => {
      const id = edgeId(input, node.id);
      const onPath = critical.has(id);
      const target = status.get(node.id);
      return {
        id,
        source: input,
        target: node.id,
        className: onPath ? 'dag-edge critical' : 'dag-edge',
        animated: target === 'running' || target === 'retrying',
        ariaLabel: `${input} feeds ${node.id}${onPath ? ' (critical path)' : ''}`,
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: onPath ? CRITICAL_COLOUR : EDGE_COLOUR },
        focusable: false,
        selectable: false,
      };
    }),
  );
}
