import type { GmSceneMessage } from '../../protocol/protocol.ts';
import { useSandbox, useSandboxContext } from '../context.ts';
import { beliefsCsv, callsCsv, communityJson, download, gameMasterJson, gameMasterTurnsCsv, metricsCsv, phasesCsv, runJson, type CommunityExport, type RunExport } from '../exportRun.ts';
import { SETTLED_CAP } from '../timeline/callLog.ts';
import { formatCount } from '../numbers.ts';

const stamp = (): string => new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);

/** A community's beliefs, phases and scene as CSV and JSON; only while the world on screen is a community. */
function CommunityExportRow() {
  const ctx = useSandboxContext();
  const community = useSandbox((s) => s.world?.scenario === 'community');
  const ready = useSandbox((s) => s.scene !== null);
  if (!community) return null;
  const gather = (): CommunityExport | null => {
    const { scene, world, live } = ctx.store.getState();
    if (!scene || !world) return null;
    // The newest tick of this world carries every persona's beliefs now; the scene has the rest.
    const tick = live.frame?.curr;
    const beliefs = tick?.worldId === world.worldId ? tick.beliefs : null;
    return { scene, names: world.agents.map((a) => a.name), beliefs, topicCount: world.topics };
  };
  const save = (kind: string, ext: 'csv' | 'json', write: (run: CommunityExport) => string): void => {
    const run = gather();
    if (run) download(`neon-community-${kind}-${stamp()}.${ext}`, ext === 'csv' ? 'text/csv' : 'application/json', write(run));
  };
  return (
    <>
      <h3>The community</h3>
      <div className="row">
        <button type="button" disabled={!ready} onClick={() => { save('beliefs', 'csv', beliefsCsv); }}>
          Beliefs (CSV)
        </button>
        <button type="button" disabled={!ready} onClick={() => { save('phases', 'csv', phasesCsv); }}>
          Phases (CSV)
        </button>
        <button type="button" disabled={!ready} onClick={() => { save('run', 'json', (run) => communityJson(run, new Date())); }}>
          Community (JSON)
        </button>
      </div>
      <p className="field-hint">Every persona’s beliefs now, each finished phase’s timing; the JSON adds the belief histograms per epoch, the hottest posts and the vote.</p>
    </>
  );
}

/** A game master's turns as CSV and its scene and turns as JSON; only while the world on screen is a game master. */
function GameMasterExportRow() {
  const ctx = useSandboxContext();
  const gamemaster = useSandbox((s) => s.world?.scenario === 'gamemaster');
  const ready = useSandbox((s) => s.gmScene !== null);
  if (!gamemaster) return null;
  const save = (kind: string, ext: 'csv' | 'json', write: (message: GmSceneMessage) => string): void => {
    const { gmScene } = ctx.store.getState();
    if (gmScene) download(`neon-gamemaster-${kind}-${stamp()}.${ext}`, ext === 'csv' ? 'text/csv' : 'application/json', write(gmScene));
  };
  return (
    <>
      <h3>The game master</h3>
      <div className="row">
        <button type="button" disabled={!ready} onClick={() => { save('turns', 'csv', gameMasterTurnsCsv); }}>
          Turns (CSV)
        </button>
        <button type="button" disabled={!ready} onClick={() => { save('run', 'json', (message) => gameMasterJson(message, new Date())); }}>
          Game master (JSON)
        </button>
      </div>
      <p className="field-hint">The newest 50 turns: each one’s action, reply and first-words times, and where each assessment came from (model, cache or fallback); the JSON adds the scene’s figures and every turn’s waterfall.</p>
    </>
  );
}

/** Downloads the run's call records and metrics as CSV and JSON, and a community's or a game master's own data. */
export function ExportPanel() {
  const ctx = useSandboxContext();
  const gather = (): RunExport => {
    const { config, live, history, world } = ctx.store.getState();
    return { config, metrics: live.metrics, calls: ctx.client.calls.settledCalls(), history, names: (world?.agents ?? []).map((a) => a.name) };
  };
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
      <p className="field-hint">Every settled call (the newest {formatCount(SETTLED_CAP)}) and the load over the last 10 minutes. Never the API key.</p>
      <CommunityExportRow />
      <GameMasterExportRow />
    </section>
  );
}
