/**
 * The selected node's details: what it does, its status, times, attempts and source, the ids of
 * its inputs, its output, the prompt sent and the raw reply, and its error. Model text is shown
 * as text (React escapes it), in boxes that scroll on their own.
 */
import type { PipelineSceneWire, PipelineViewWire } from '../../protocol/pipelineScene.ts';
import { DASH, kindText, msText, nodeMs, sourceText } from './pipeText.ts';

interface NodeDetailsProps {
  readonly id: string | null;
  readonly scene: Pick<PipelineSceneWire, 'nodes' | 'criticalPath'>;
  readonly view: Pick<PipelineViewWire, 'nodes'>;
}

function TextBox({ title, text, empty }: { readonly title: string; readonly text: string | null; readonly empty: string }) {
  return (
    <>
      <h4>{title}</h4>
      {text === null ? <p className="muted">{empty}</p> : <pre className="exchange dag-text" tabIndex={0}>{text}</pre>}
    </>
  );
}

/** The details of the node `id`, or how to choose one. */
export function NodeDetails({ id, scene, view }: NodeDetailsProps) {
  const node = scene.nodes.find((n) => n.id === id);
  const info = view.nodes.find((n) => n.id === id);
  if (id === null || node === undefined) {
    return (
      <div className="dag-details" data-testid="dag-details">
        <h3>Node</h3>
        <p className="muted">Click a node in the graph, or focus it and press Enter, to see its inputs, output, prompt and raw reply.</p>
      </div>
    );
  }
  const critical = scene.criticalPath.includes(node.id);
  return (
    <div className="dag-details" data-testid="dag-details" data-node={node.id}>
      <h3>
        Node {node.id} <span className={`dag-status-word status-${node.status}`}>{node.status}</span>
      </h3>
      {info === undefined ? null : <p className="dag-task">{info.task}</p>}
      <dl className="dag-facts">
        <dt>Kind</dt>
        <dd>{kindText(info)}</dd>
        <dt>Level</dt>
        <dd>{node.level}</dd>
        <dt>Inputs</dt>
        <dd data-testid="dag-inputs">{info === undefined || info.inputs.length === 0 ? 'none (a first step)' : info.inputs.join(', ')}</dd>
        <dt>Time</dt>
        <dd>
          {node.startMs === null ? DASH : `${msText(node.startMs)} → ${node.endMs === null ? 'running' : msText(node.endMs)}`}
          {nodeMs(node) === null ? null : ` (${msText(nodeMs(node))})`}
        </dd>
        <dt>Attempts</dt>
        <dd>{node.attempts}</dd>
        <dt>Source</dt>
        <dd>{sourceText(node.source)}</dd>
        <dt>Critical path</dt>
        <dd>{critical ? 'yes' : 'no'}</dd>
      </dl>
      {info === undefined || info.error === null ? null : (
        <p className="dag-node-error" data-testid="dag-node-error">
          {info.error}
        </p>
      )}
      <TextBox title="Output" text={info?.output ?? null} empty="No output yet." />
      <TextBox title="Prompt" text={info?.prompt ?? null} empty="No prompt: a tool, a mock answer, or not asked yet." />
      <TextBox title="Raw reply" text={info?.raw ?? null} empty="No raw reply: a tool, a mock answer, or not answered yet." />
    </div>
  );
}
