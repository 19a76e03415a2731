import { useSandboxContext } from '../context.ts';
import { callsCsv, download, metricsCsv, runJson, type RunExport } from '../exportRun.ts';
import { SETTLED_CAP } from '../timeline/callLog.ts';

/** Downloads the run's call records and metrics as CSV and JSON. */
export function ExportPanel() {
  const ctx = useSandboxContext();
  const gather = (): RunExport => {
    const { config, live, history, world } = ctx.store.getState();
    return { config, metrics: live.metrics, calls: ctx.client.calls.settledCalls(), history, names: (world?.agents ?? []).map((a) => a.name) };
  };
  const stamp = (): string => new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return (
    <section className="panel export" aria-label="Export">
      <h2>Export the run</h2>
      <div className="row">
        <button type="button" onClick={() => { download(`neon-calls-${stamp()}.csv`, 'text/csv', callsCsv(gather())); }}>
          Calls (CSV)
        </button>
        <button type="button" onClick={() => { download(`neon-metrics-${stamp()}.csv`, 'text/csv', metricsCsv(gather())); }}>
          Metrics (CSV)
        </button>
        <button type="button" onClick={() => { download(`neon-run-${stamp()}.json`, 'application/json', runJson(gather(), new Date())); }}>
          All (JSON)
        </button>
      </div>
      <p className="field-hint">Every settled call (the newest {SETTLED_CAP.toLocaleString('en')}) and the load over the last 10 minutes. Never the API key.</p>
    </section>
  );
}
