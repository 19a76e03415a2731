/**
 * The pipeline's panel in the classroom pane: the run's figures (wall, one at a time, the
 * critical path, the speedup) with what each means, the Gantt chart of node times, the selected
 * node's details, the DAG's editor and the run's export. Shown only for the pipeline.
 */
import { countRender } from '../renderCount.ts';
import { useSandbox, useSandboxContext } from '../context.ts';
import { download } from '../exportRun.ts';
import { DagEditor } from './DagEditor.tsx';
import { Gantt } from './Gantt.tsx';
import { NodeDetails } from './NodeDetails.tsx';
import { figures, figuresNote, modeText, pipelineJson } from './pipeText.ts';
import { usePipeSelection } from './selection.ts';
import './pipeline.css';

const stamp = (): string => new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);

function RunFigures() {
  countRender('PipelinePanel.figures');
  const scene = useSandbox((s) => s.pipeScene?.scene ?? null);
  const shown = figures(scene);
  return (
    <>
      <p className="muted dag-mode">
        {scene === null ? 'Waiting for the pipeline…' : `${scene.dag}, run ${modeText(scene.mode)}.`} {figuresNote(shown.state)}
      </p>
      <dl className={`dag-figures dag-${shown.state}`} data-testid="dag-figures" data-state={shown.state}>
        {shown.items.map((item) => (
          <div key={item.key} className="dag-figure">
            <dt>{item.term}</dt>
            <dd>
              <strong className="dag-figure-value" data-testid={`dag-${item.key}`}>
                {item.value}
              </strong>
              <span className="dag-figure-meaning">{item.meaning}</span>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function Chart() {
  const scene = useSandbox((s) => s.pipeScene?.scene ?? null);
  if (scene === null) return null;
  return <Gantt nodes={scene.nodes} criticalPath={scene.criticalPath} wallMs={scene.wallMs} />;
}

function SelectedNode() {
  const pipe = useSandbox((s) => s.pipeScene);
  const [selected] = usePipeSelection();
  if (pipe === null) return null;
  return <NodeDetails id={selected} scene={pipe.scene} view={pipe.view} />;
}

function RunExport() {
  const { store } = useSandboxContext();
  const ready = useSandbox((s) => s.pipeScene !== null);
  const exportRun = (): void => {
    const pipe = store.getState().pipeScene;
    if (pipe) download(`neon-pipeline-${stamp()}.json`, 'application/json', pipelineJson(pipe.scene, pipe.view, new Date()));
  };
  return (
    <div className="row dag-export">
      <button type="button" data-action="export-pipeline" disabled={!ready} onClick={exportRun}>
        Export the run (JSON)
      </button>
      <span className="field-hint">The scene and every node’s inputs, output, prompt and reply.</span>
    </div>
  );
}

/** The panel, or nothing while another scenario is on show. */
export function PipelinePanel() {
  countRender('PipelinePanel');
  const pipeline = useSandbox((s) => s.world?.scenario === 'pipeline');
  if (!pipeline) return null;
  return (
    <section className="panel pipeline" aria-label="Pipeline" data-testid="pipeline-panel">
      <h2>Pipeline</h2>
      <RunFigures />
      <Chart />
      <SelectedNode />
      <h3>Edit the DAG</h3>
      <DagEditor />
      <RunExport />
    </section>
  );
}
