/**
 * The pipeline's DAG in place of the grid, drawn with `@xyflow/react`: read-only (nothing drags
 * or connects), fitted to the pane, zoomable. The layout (dagre, `dagLayout.ts`) is computed once
 * per shape of the graph, not per scene message, so the nodes stay put while their statuses
 * change; a new shape mounts a new graph, which fits itself again. Nodes come with their size
 * and handles, so edges are drawn at once (and in a server render) without a measuring pass. A
 * click on a node, or Enter on it, selects it, and the panel in the classroom pane shows its
 * details.
 */
import { Background, Panel, ReactFlow, useReactFlow, useStore, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo } from 'react';
import type { PipelineSceneWire, PipelineViewWire } from '../../protocol/pipelineScene.ts';
import { useSandbox } from '../context.ts';
import { countRender } from '../renderCount.ts';
import { DagNode, type DagFlowNode } from './DagNode.tsx';
import { flowEdges, flowNodes } from './dagGraph.ts';
import { dagEdges, layoutDag } from './dagLayout.ts';
import { countsText, modeText, STATUSES } from './pipeText.ts';
import { usePipeSelection } from './selection.ts';
import './pipeline.css';

/** Outside the component: xyflow warns when the node types object changes between renders. */
const NODE_TYPES = { dag: DagNode };
const FIT = { padding: 0.08 };
/** The graph is read-only: a node's keys select it, nothing moves or is deleted. */
const NODE_HELP = 'Press Enter or Space to show this step’s details in the Pipeline panel; Escape clears the choice.';
const ARIA_LABELS = { 'node.a11yDescription.default': NODE_HELP, 'node.a11yDescription.keyboardDisabled': NODE_HELP };

/** The graph's shape (ids and inputs) as text: the layout's memo key, and the graph's. */
function shapeOf(view: PipelineViewWire): string {
  return JSON.stringify(view.nodes.map((n) => [n.id, n.inputs]));
}

/** The layout of a shape, from its text, so the memo depends on the shape alone. */
function layoutOf(shape: string) {
  const nodes = (JSON.parse(shape) as [string, string[]][]).map(([id, inputs]) => ({ id, inputs }));
  return layoutDag(nodes.map((n) => n.id), dagEdges(nodes));
}

/** The selection a batch of xyflow changes asks for: a node selected, none (its unselection), or no change (undefined). */
export function selectionFrom(changes: readonly NodeChange<DagFlowNode>[], selected: string | null): string | null | undefined {
  let next: string | null | undefined;
  for (const change of changes) {
    if (change.type !== 'select') continue;
    if (change.selected) return change.id;
    if (change.id === selected) next = null;
  }
  return next;
}

function StatusLegend() {
  return (
    <ul className="dag-legend" aria-label="Legend">
      {STATUSES.map((status) => (
        <li key={status}>
          <span className={`dag-swatch status-${status}`} aria-hidden="true" />
          {status}
        </li>
      ))}
      <li>
        <span className="dag-swatch critical" aria-hidden="true" />
        critical path (thick border)
      </li>
    </ul>
  );
}

/**
 * Zoom buttons of our own rather than xyflow's Controls, whose panel is a plain div with an
 * aria-label (a name on an element with no role, which axe flags); these are a named group.
 */
function ZoomButtons() {
  const flow = useReactFlow();
  return (
    <Panel position="bottom-left" className="dag-zoom" role="group" aria-label="Zoom">
      <button type="button" aria-label="Zoom in" onClick={() => { void flow.zoomIn(); }}>+</button>
      <button type="button" aria-label="Zoom out" onClick={() => { void flow.zoomOut(); }}>−</button>
      <button type="button" aria-label="Fit the graph to the pane" onClick={() => { void flow.fitView(FIT); }}>Fit</button>
    </Panel>
  );
}

/**
 * Fits the graph to the pane once xyflow can zoom and the pane has a size, and again whenever
 * that size changes (the race tab shrinks the grid pane; a phone hides and shows it). xyflow's
 * own `fitView` prop waits for nodes to be measured, and these never need measuring (their size
 * and handles are given), so a graph that got no new scene after mounting would not be fitted.
 */
function FitToPane() {
  const flow = useReactFlow();
  const size = useStore((s) => (s.panZoom !== null && s.width > 0 && s.height > 0 ? `${s.width}x${s.height}` : null));
  useEffect(() => {
    if (size !== null) void flow.fitView(FIT);
  }, [size, flow]);
  return null;
}

function Graph({ scene, view }: { readonly scene: PipelineSceneWire; readonly view: PipelineViewWire }) {
  const [selected, select] = usePipeSelection();
  const shape = shapeOf(view);
  const placed = useMemo(() => layoutOf(shape), [shape]);
  const nodes = useMemo(() => flowNodes(scene, view, placed, selected), [scene, view, placed, selected]);
  const edges = useMemo(() => flowEdges(scene, view), [scene, view]);
  const onNodesChange = useCallback((changes: NodeChange<DagFlowNode>[]) => {
    const next = selectionFrom(changes, selected);
    if (next !== undefined) select(next);
  }, [selected, select]);
  return (
    <div className="dag-flow">
      <ReactFlow
        key={shape}
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        minZoom={0.1}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        zoomOnDoubleClick={false}
        colorMode="dark"
        defaultMarkerColor="#8b97b8"
        ariaLabelConfig={ARIA_LABELS}
        aria-label="The DAG, left to right: Tab to a step, Enter for its details"
      >
        <Background gap={24} size={1} />
        <ZoomButtons />
        <FitToPane />
      </ReactFlow>
    </div>
  );
}

/** The DAG and its counts, or a line saying it is on its way. */
export function PipelineBoard() {
  countRender('PipelineBoard');
  const pipe = useSandbox((s) => s.pipeScene);
  const summary = pipe === null ? 'Waiting for the pipeline…' : `${pipe.scene.dag} · ${modeText(pipe.scene.mode)} · ${countsText(pipe.scene.nodes)}`;
  return (
    <section className="dag-board" aria-label="The DAG" data-testid="dag-graph">
      <p className="dag-summary" data-testid="dag-summary">
        {summary}
      </p>
      {pipe === null ? null : <Graph scene={pipe.scene} view={pipe.view} />}
      <StatusLegend />
    </section>
  );
}
