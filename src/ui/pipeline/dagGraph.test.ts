import type { NodeChange } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import type { DagFlowNode } from './DagNode.tsx';
import { sameNodeData } from './DagNode.tsx';
import { edgeId, flowEdges, flowNodes } from './dagGraph.ts';
import { dagEdges, layoutDag, NODE_HEIGHT, NODE_WIDTH } from './dagLayout.ts';
import { failedNodes, fixtureView, makePipeScene, MEASURED } from './pipeScene.fixture.ts';
import { selectionFrom } from './PipelineBoard.tsx';

const view = fixtureView();
const placed = layoutDag(view.nodes.map((n) => n.id), dagEdges(view.nodes));

describe('flowNodes', () => {
  it('tags each node with its id and status, sizes it for the layout and places it there', () => {
    const { scene } = makePipeScene();
    const nodes = flowNodes(scene, view, placed, null);
    expect(nodes.map((n) => n.domAttributes)).toEqual(scene.nodes.map((n) => ({ 'data-testid': 'dag-node', 'data-node': n.id, 'data-status': n.status, 'aria-pressed': false })));
    const [first] = nodes;
    expect(first?.position).toEqual(placed.get('ingest'));
    expect(first?.measured).toEqual({ width: NODE_WIDTH, height: NODE_HEIGHT });
    expect(first?.handles?.map((h) => h.type)).toEqual(['target', 'source']);
    expect(nodes.map((n) => n.data.status)).toEqual(['done', 'done', 'retrying', 'running', 'waiting']);
    expect(nodes.map((n) => n.data.time)).toEqual(['1.00 s', '800 ms', null, null, null]);
    expect(nodes[2]?.data.attempts).toBe('2 attempts');
    expect(nodes[1]?.data.kind).toBe('tool · stats');
  });

  it('marks the critical path with a class and in the accessible text, and the selected node as pressed', () => {
    const { scene } = makePipeScene(MEASURED);
    const nodes = flowNodes(scene, view, placed, 'stats');
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(byId.get('patterns')?.className).toBe('dag-node status-done critical');
    expect(byId.get('patterns')?.data.critical).toBe(true);
    expect(byId.get('stats')?.className).toBe('dag-node status-done');
    expect(byId.get('stats')?.data.critical).toBe(false);
    expect(byId.get('stats')?.selected).toBe(true);
    expect(byId.get('stats')?.domAttributes).toMatchObject({ 'aria-pressed': true });
    expect(nodes.every((n) => n.ariaRole === 'button')).toBe(true);
  });

  it('shows a failed node and its skipped descendant by status', () => {
    const { scene } = makePipeScene({ nodes: failedNodes() });
    const nodes = flowNodes(scene, view, placed, null);
    expect(nodes.map((n) => [n.id, n.className])).toEqual([
      ['ingest', 'dag-node status-done'],
      ['stats', 'dag-node status-done'],
      ['patterns', 'dag-node status-failed'],
      ['analysis', 'dag-node status-done'],
      ['report', 'dag-node status-skipped'],
    ]);
  });
});

describe('flowEdges', () => {
  it('draws an edge from each input to its node, the critical path’s marked, those into a running node animated', () => {
    const measured = flowEdges(makePipeScene(MEASURED).scene, view);
    expect(measured.map((e) => e.id)).toEqual(['ingest->stats', 'ingest->patterns', 'ingest->analysis', 'stats->report', 'patterns->report', 'analysis->report']);
    expect(measured.filter((e) => e.className === 'dag-edge critical').map((e) => e.id)).toEqual([edgeId('ingest', 'patterns'), edgeId('patterns', 'report')]);
    expect(measured.find((e) => e.id === 'patterns->report')?.ariaLabel).toBe('patterns feeds report (critical path)');
    const running = flowEdges(makePipeScene().scene, view);
    expect(running.filter((e) => e.animated).map((e) => e.id)).toEqual(['ingest->patterns', 'ingest->analysis']);
  });
});

describe('selection from the graph', () => {
  const select = (id: string, selected: boolean): NodeChange<DagFlowNode> => ({ type: 'select', id, selected });

  it('selects the node a click or Enter selected, clears on its unselection, ignores the rest', () => {
    expect(selectionFrom([select('a', false), select('b', true)], 'a')).toBe('b');
    expect(selectionFrom([select('a', false)], 'a')).toBeNull();
    expect(selectionFrom([select('c', false)], 'a')).toBeUndefined();
    expect(selectionFrom([{ type: 'dimensions', id: 'a' }], 'a')).toBeUndefined();
  });

  it('redraws a node only when what it shows changes', () => {
    const data = { id: 'a', kind: 'agent', status: 'running' as const, time: null, attempts: null, critical: false };
    expect(sameNodeData(data, { ...data })).toBe(true);
    expect(sameNodeData(data, { ...data, status: 'done' })).toBe(false);
    expect(sameNodeData(data, { ...data, critical: true })).toBe(false);
  });
});
