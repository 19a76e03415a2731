/**
 * The relationship simulations' panel in the classroom pane: the set's wall time against the sum
 * of the simulations' own times and the speedup, with what they mean; the spread of finish times
 * once the first pass has ended; the counts; and the exports (every transcript as JSON from the
 * worker, the scores as CSV from the scene the page holds). Shown only for this scenario.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSandbox, useSandboxContext } from '../context.ts';
import { download } from '../exportRun.ts';
import { countRender } from '../renderCount.ts';
import { errorText } from '../sendable.ts';
import { countsText, figuresText, scoresCsv, spreadText } from './simText.ts';
import './relationships.css';

const stamp = (): string => new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);

function SetFigures() {
  countRender('RelationshipsPanel.figures');
  const figures = useSandbox(useShallow((s) => {
    const scene = s.relScene?.scene;
    return {
      wallMs: scene?.wallMs ?? null,
      sumMs: scene?.sumMs ?? null,
      floorMs: scene?.floorMs ?? null,
      speedup: scene?.speedup ?? null,
      spread: scene?.spread ?? null,
      elapsedMs: scene?.elapsedMs ?? null,
      counts: scene ? countsText(scene) : null,
    };
  }));
  const { state, line } = figuresText(figures);
  const spread = spreadText(figures.spread);
  return (
    <>
      <p className={`rel-figures rel-${state}`} data-testid="rel-figures" data-state={state}>
        {line}
      </p>
      <p className="rel-explain">
        {state === 'measured'
          ? 'Wall: the whole set, from its first call until its last simulation ended. One after another: the sum of the simulations’ own times, where a simulation’s own time is the sum of each step’s longest call, what it takes alone; under a budget too tight for that, what the budget allows. Run together, the set takes about as long as its longest simulation, unless the budget sets the pace for both.'
          : state === 'running'
            ? 'The first pass over the whole set is running: its wall time, the sum of the simulations’ own times (what each takes alone) and the speedup come when every simulation has ended.'
            : 'Nothing measured yet: press Start and every simulation runs at once.'}
      </p>
      {spread === null ? null : (
        <p className="rel-spread" data-testid="rel-spread">
          {spread}
          <span className="muted"> (latest end − earliest end, over the mean end of the first pass)</span>
        </p>
      )}
      <p className="rel-counts" data-testid="rel-counts">
        {figures.counts ?? 'Waiting for the simulations…'}
      </p>
    </>
  );
}

function SimExports() {
  const { client, store } = useSandboxContext();
  const ready = useSandbox((s) => s.relScene !== null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const exportTranscripts = (): void => {
    setBusy(true);
    setProblem(null);
    client.exportSims().then(
      (text) => {
        download(`neon-relationships-${stamp()}.json`, 'application/json', text);
        setBusy(false);
      },
      (error: unknown) => {
        setProblem(`The transcripts were not exported: ${errorText(error)}`);
        setBusy(false);
      },
    );
  };
  const exportScores = (): void => {
    const scene = store.getState().relScene?.scene;
    if (scene) download(`neon-relationships-scores-${stamp()}.csv`, 'text/csv', scoresCsv(scene));
  };
  return (
    <>
      <div className="row rel-exports">
        <button type="button" data-action="export-sims" disabled={!ready || busy} onClick={exportTranscripts}>
          {busy ? 'Exporting…' : 'Export transcripts'}
        </button>
        <button type="button" data-action="export-sim-scores" disabled={!ready} onClick={exportScores}>
          Scores (CSV)
        </button>
      </div>
      {problem === null ? null : (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <p className="field-hint">Transcripts: every simulation’s pair, lines and scores as JSON. Scores: one row per simulation and scene.</p>
    </>
  );
}

/** The panel, or nothing while another scenario is on show. */
export function RelationshipsPanel() {
  countRender('RelationshipsPanel');
  const relationships = useSandbox((s) => s.world?.scenario === 'relationships');
  if (!relationships) return null;
  return (
    <section className="panel relationships" aria-label="Relationships" data-testid="relationships-panel">
      <h2>Relationships</h2>
      <SetFigures />
      <SimExports />
    </section>
  );
}
