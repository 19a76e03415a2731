/**
 * The relationships bench: a set of simulations on a LocalScenarioHost with the mock brain in
 * real time, all at once (parallel) and, with `--baseline run`, one after another (sequential).
 * With `--baseline sum` the sequential side is the sum of the simulations' own times (each
 * step's longest call), which is what one after another would cost without waiting for it.
 * Reports the finish-time spread (how evenly a tight budget was shared) and the failed ones.
 */
import { MockBrain } from '../brain/mockBrain.ts';
import { realClock, type Clock } from '../clock/clock.ts';
import { busiestWindow, LocalScenarioHost } from '../scenarios/localHost.ts';
import { failSimFault, RelationshipsRun, type PassFigures } from '../scenarios/relationships/relationshipsRun.ts';
import type { Baseline } from './benchCommunity.ts';

export interface RelationshipsBenchSettings {
  readonly sims: number;
  readonly scenes: number;
  /** Simulation k plays (k mod scenes) + 1 scenes: unequal lengths, to see a short one is not starved. */
  readonly uneven: boolean;
  /** Every call of this simulation fails; -1 for none. */
  readonly failSim: number;
  readonly latencyMs: number;
  readonly jitterMs: number;
  readonly rpm: number;
  readonly concurrency: number;
  readonly failureRate: number;
  readonly seed: number;
  readonly timeoutMs: number;
  readonly baseline: Baseline;
}

export interface RelationshipsRunFigures extends PassFigures {
  readonly calls: number;
  readonly fallbacks: number;
  readonly retries: number;
  readonly rollingMinuteMax: number;
  readonly errors: readonly string[];
  /** Each simulation's scenes, by id. */
  readonly scenes: readonly number[];
  /** The finish times of those done (a failed one ends early by failing). */
  readonly doneFinishMs: readonly number[];
}

/** Runs the set once, all together or one after another, on `clock` (real time by default). */
export async function runRelationshipsOnce(settings: RelationshipsBenchSettings, order: 'together' | 'one-by-one', clock: Clock = realClock): Promise<RelationshipsRunFigures> {
  const { seed, failSim } = settings;
  const brain = new MockBrain({ clock, seed, latencyMs: settings.latencyMs, jitterMs: settings.jitterMs, errorRate: settings.failureRate });
  const host = new LocalScenarioHost({ model: brain, clock, seed, config: { rpm: settings.rpm, concurrency: settings.concurrency, timeoutMs: settings.timeoutMs } });
  try {
    const run = new RelationshipsRun({ sims: settings.sims, scenes: settings.scenes, seed, uneven: settings.uneven }, host.context('relationships'), { rpm: settings.rpm, fault: failSimFault(() => failSim) });
    await run.start(order);
    const figures = run.figures;
    if (!figures) throw new Error('The set of simulations did not finish.');
    const { records, attemptStarts } = host;
    return {
      ...figures,
      calls: records.length,
      fallbacks: records.filter((r) => r.outcome === 'fallback').length,
      retries: attemptStarts.length - records.filter((r) => r.startedAt !== undefined).length,
      rollingMinuteMax: busiestWindow(attemptStarts),
      errors: run.state.flatMap((sim) => (sim.error === null ? [] : [sim.error])),
      scenes: run.state.map((sim) => sim.scenes),
      doneFinishMs: figures.finishMs.filter((_, id) => run.state[id]?.status === 'done'),
    };
  } finally {
    host.dispose();
  }
}

export interface RelationshipsBench {
  readonly settings: RelationshipsBenchSettings;
  readonly parallel: RelationshipsRunFigures;
  readonly sequential: RelationshipsRunFigures | null;
  readonly sequentialWallMs: number;
  readonly speedup: number;
}

/** The bench: the set all at once, then (with `--baseline run`) one after another. */
export async function benchRelationships(settings: RelationshipsBenchSettings, log: (line: string) => void = () => undefined, clock: Clock = realClock): Promise<RelationshipsBench> {
  log(`Running ${settings.sims} simulations of ${settings.scenes} scene(s) at once…`);
  const parallel = await runRelationshipsOnce(settings, 'together', clock);
  let sequential: RelationshipsRunFigures | null = null;
  if (settings.baseline === 'run') {
    log(`Running them one after another (about ${Math.round(parallel.sumMs / 1000)} s)…`);
    sequential = await runRelationshipsOnce(settings, 'one-by-one', clock);
  }
  // Not run: the sum of their own times, or what the budget allows one after another if that is more.
  const sequentialWallMs = sequential?.wallMs ?? Math.max(parallel.sumMs, parallel.floorMs);
  return { settings, parallel, sequential, sequentialWallMs, speedup: parallel.wallMs > 0 ? sequentialWallMs / parallel.wallMs : 1 };
}

const round = (ms: number): number => Math.round(ms * 10) / 10;
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Finish times in figures: the spread (max − min) / mean, and the coefficient of variation (none: zeros). */
export function finishSpread(finishMs: readonly number[]): { minMs: number; maxMs: number; meanMs: number; spread: number; cv: number } {
  const n = Math.max(1, finishMs.length);
  const mean = finishMs.reduce((sum, ms) => sum + ms, 0) / n;
  const variance = finishMs.reduce((sum, ms) => sum + (ms - mean) ** 2, 0) / n;
  const min = finishMs.length === 0 ? 0 : Math.min(...finishMs);
  const max = finishMs.length === 0 ? 0 : Math.max(...finishMs);
  return { minMs: round(min), maxMs: round(max), meanMs: round(mean), spread: round3(mean > 0 ? (max - min) / mean : 0), cv: round3(mean > 0 ? Math.sqrt(variance) / mean : 0) };
}

/** Mean finish time by length (scenes), for sets of unequal length. */
function byLength(run: RelationshipsRunFigures): Record<string, { sims: number; meanFinishMs: number }> {
  const groups = new Map<number, number[]>();
  run.scenes.forEach((scenes, id) => {
    groups.set(scenes, [...(groups.get(scenes) ?? []), run.finishMs[id] ?? 0]);
  });
  const out: Record<string, { sims: number; meanFinishMs: number }> = {};
  for (const [scenes, finish] of [...groups].sort((a, b) => a[0] - b[0])) out[String(scenes)] = { sims: finish.length, meanFinishMs: round(finish.reduce((s, x) => s + x, 0) / finish.length) };
  return out;
}

/** The bench as one JSON-ready object (the contract's fields first). */
export function relationshipsJson(bench: RelationshipsBench): Record<string, unknown> {
  const { settings: s, parallel } = bench;
  return {
    scenario: 'relationships',
    sims: s.sims,
    scenes: s.scenes,
    uneven: s.uneven,
    latencyMs: s.latencyMs,
    jitterMs: s.jitterMs,
    rpm: Number.isFinite(s.rpm) ? s.rpm : null,
    concurrency: Number.isFinite(s.concurrency) ? s.concurrency : null,
    failSim: s.failSim,
    baseline: s.baseline,
    sequential: { wallMs: round(bench.sequentialWallMs) },
    parallel: { wallMs: round(parallel.wallMs), sumMs: round(parallel.sumMs), budgetFloorMs: parallel.floorMs, calls: parallel.calls, fallbacks: parallel.fallbacks, retries: parallel.retries },
    speedup: round3(bench.speedup),
    done: parallel.done,
    failed: parallel.failed,
    failures: parallel.errors,
    finish: finishSpread(parallel.doneFinishMs),
    ...(s.uneven ? { finishByScenes: byLength(parallel) } : {}),
    rollingMinuteMax: parallel.rollingMinuteMax,
    fallbacks: parallel.fallbacks,
  };
}

/** The bench as a few lines of text. */
export function relationshipsTable(bench: RelationshipsBench): string {
  const { settings: s, parallel } = bench;
  const budget = Number.isFinite(s.rpm) ? `${s.rpm} rpm` : 'no rpm budget';
  const finish = finishSpread(parallel.doneFinishMs);
  const held = parallel.floorMs > parallel.sumMs ? ` (the budget's floor: ${s.rpm} a minute for ${parallel.calls} calls)` : ' (the sum of their own times)';
  const baseline = bench.sequential ? `one after another (run): ${round(bench.sequentialWallMs).toFixed(1)} ms` : `one after another ≥ ${round(bench.sequentialWallMs).toFixed(1)} ms${held}, not run`;
  return [
    `Neon bench, relationships: ${s.sims} simulations × ${s.scenes} scene(s)${s.uneven ? ' (uneven: 1 to scenes)' : ''}, mock latency ${s.latencyMs} ms ± ${s.jitterMs} ms, ${budget}, failure rate ${s.failureRate}${s.failSim >= 0 ? `, failSim ${s.failSim}` : ''}`,
    '',
    `All at once: ${round(parallel.wallMs).toFixed(1)} ms wall for ${parallel.calls} calls (${parallel.fallbacks} fallbacks, ${parallel.retries} retries); ${baseline}.`,
    `Speedup: ${bench.speedup.toFixed(2)}×. Done ${parallel.done}, failed ${parallel.failed}.`,
    `Finish times of those done: ${finish.minMs.toFixed(0)} to ${finish.maxMs.toFixed(0)} ms, mean ${finish.meanMs.toFixed(0)} ms; spread (max − min) / mean ${(finish.spread * 100).toFixed(1)}%, CV ${(finish.cv * 100).toFixed(1)}%.`,
    ...(s.uneven ? [`Mean finish by length: ${Object.entries(byLength(parallel)).map(([scenes, g]) => `${scenes} scene(s): ${g.meanFinishMs.toFixed(0)} ms (${g.sims})`).join('; ')}.`] : []),
    ...parallel.errors.map((error) => `- ${error}`),
    `Busiest rolling minute: ${parallel.rollingMinuteMax} requests.`,
  ].join('\n');
}
