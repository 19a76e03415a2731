/**
 * One step of the DAG as the graph draws it: its id, its kind (and a tool's name), its status as
 * a colour and a word, its time once ended and its attempts when more than one. The node itself
 * (xyflow's wrapper) is the focusable button, named by these words (a name must hold the visible
 * text, so there is no aria-label): spaces between them, and "critical path" for a screen reader
 * where the border says it. This is only what is drawn inside it, with the handles the edges
 * attach to (not connectable).
 */
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { NodeStatus } from './pipeText.ts';

/** What a node draws, as words already (so the node does no formatting of its own). */
export interface DagNodeData extends Record<string, unknown> {
  readonly id: string;
  readonly kind: string;
  readonly status: NodeStatus;
  /** "1.00 s" once ended, else null. */
  readonly time: string | null;
  /** "2 attempts", or null for one. */
  readonly attempts: string | null;
  readonly critical: boolean;
}

export type DagFlowNode = Node<DagNodeData, 'dag'>;

function DagNodeView({ data }: NodeProps<DagFlowNode>) {
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <span className="dag-node-line">
        <span className="dag-node-id">{data.id}</span>{' '}
        <span className="dag-node-kind">{data.kind}</span>{' '}
      </span>
      <span className="dag-node-line">
        <span className="dag-node-status">{data.status}</span>
        {data.time === null ? null : <>{' '}<span className="dag-node-time">{data.time}</span></>}
        {data.attempts === null ? null : <>{' '}<span className="dag-node-attempts">{data.attempts}</span></>}
        {data.critical ? <span className="dag-sr-only">, critical path</span> : null}
      </span>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </>
  );
}

/** Whether two versions of a node draw the same. */
export function sameNodeData(a: DagNodeData, b: DagNodeData): boolean {
  return a.id === b.id && a.kind === b.kind && a.status === b.status && a.time === b.time && a.attempts === b.attempts && a.critical === b.critical;
}

/** A node of the graph, drawn again only when what it shows has changed. */
export const DagNode = memo(DagNodeView, (prev, next) => sameNodeData(prev.data, next.data));
