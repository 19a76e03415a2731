/**
 * The community bench: a whole community (every phase of every epoch, barriers between them)
 * on a LocalScenarioHost with the mock brain in real time, measured phase by phase. The
 * parallel side runs under the community's semaphore (`--concurrency`, 20 by default); the
 * sequential side either runs the same community one call at a time (`--baseline run`) or is
 * taken as the sum of the parallel calls' own time (`CallRecord.callMs`, `--baseline sum`), which is what one
 * call at a time would cost without waiting minutes to show it.
 */
import { MockBrain } from '../brain/mockBrain.ts';
import { realClock, type Clock } from '../clock/clock.ts';
import { CommunityRun } from '../scenarios/community/communityRun.ts';
import { busiestWindow, LocalScenarioHost } from '../scenarios/localHost.ts';
import type { PhaseRecord } from '../scenarios/community/types.ts';

/** How the sequential side is had: measured (`run`) or summed from the parallel calls (`sum`). */
export type Baseline = 'run' | 'sum';
export const BASELINES: readonly Baseline[] = ['run', 'sum'];

/** The community's semaphore when `--concurrency` is not given. */
export const COMMUNITY_CONCURRENCY = 20;

export interface CommunityBenchSettings {
  readonly agents: number;
  readonly topics: number;
  readonly epochs: number;
  readonly latencyMs: number;
  readonly jitterMs: number;
  /** The community's semaphore: its calls in flight at once. */
  readonly concurrency: number;
  /** Requests per rolling minute; Infinity for no budget. */
  readonly rpm: number;
  readonly failureRate: number;
  readonly seed: number;
  readonly timeoutMs: number;
  readonly baseline: Baseline;
}

/** One run of the community, measured. */
export interface CommunityRunFigures {
  readonly wallMs: number;
  /** The sum of every call's own latency, first attempt sent to answer. */
  readonly sumLatencyMs: number;
  readonly calls: number;
  readonly fallbacks: number;
  readonly retries: number;
  readonly phases: readonly PhaseRecord[];
  /** The most attempts sent in any rolling minute: what `--rpm` bounds. */
  readonly rollingMinuteMax: number;
  readonly votes: Record<string, number> | null;
}

/** Runs the community once under a semaphore of `concurrency`, on `clock` (real time by default). */
export async function runCommunityOnce(settings: CommunityBenchSettings, concurrency: number, clock: Clock = realClock): Promise<CommunityRunFigures> {
  const { agents, topics, epochs, seed } = settings;
  const brain = new MockBrain({ clock, seed, latencyMs: settings.latencyMs, jitterMs: settings.jitterMs, errorRate: settings.failureRate });
  // The scheduler itself has no cap: the community's own semaphore is what is measured.
  const host = new LocalScenarioHost({ model: brain, clock, seed, config: { rpm: settings.rpm, concurrency: Infinity, timeoutMs: settings.timeoutMs } });
  try {
    const run = new CommunityRun({ agents, topics, epochs, seed, concurrency }, host.context('community'));
    const started = clock.now();
    await run.start();
    const wallMs = clock.now() - started;
    const { records, attemptStarts } = host;
    return {
      wallMs,
      sumLatencyMs: records.reduce((sum, r) => sum + r.callMs, 0),
      calls: records.length,
      fallbacks: records.filter((r) => r.outcome === 'fallback').length,
      retries: attemptStarts.length - records.filter((r) => r.startedAt !== undefined).length,
      phases: run.state.phases,
      rollingMinuteMax: busiestWindow(attemptStarts),
      votes: run.scene().votes,
    };
  } finally {
    host.dispose();
  }
}

export interface CommunityBench {
  readonly settings: CommunityBenchSettings;
  readonly parallel: CommunityRunFigures;
  /** The measured sequential run; null with `--baseline sum`. */
  readonly sequential: CommunityRunFigures | null;
  /** The sequential wall: measured, or the sum of the parallel calls' own time. */
  readonly sequentialWallMs: number;
  readonly speedup: number;
}

/** The bench: the parallel run, then (with `--baseline run`) the sequential one. */
export async function benchCommunity(settings: CommunityBenchSettings, log: (line: string) => void = () => undefined, clock: Clock = realClock): Promise<CommunityBench> {
  log(`Running ${settings.agents} personas over ${settings.epochs} epoch(s), ${settings.concurrency} calls at a time…`);
  const parallel = await runCommunityOnce(settings, settings.concurrency, clock);
  let sequential: CommunityRunFigures | null = null;
  if (settings.baseline === 'run') {
    log(`Running the same community one call at a time (about ${Math.round(parallel.sumLatencyMs / 1000)} s)…`);
    sequential = await runCommunityOnce(settings, 1, clock);
  }
  const sequentialWallMs = sequential?.wallMs ?? parallel.sumLatencyMs;
  return { settings, parallel, sequential, sequentialWallMs, speedup: parallel.wallMs > 0 ? sequentialWallMs / parallel.wallMs : 1 };
}

const round = (ms: number): number => Math.round(ms * 10) / 10;
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** The best a phase of `calls` can do under the semaphore: ⌈calls / concurrency⌉ latencies. */
export function ceilingMs(calls: number, concurrency: number, latencyMs: number): number {
  return Math.ceil(calls / concurrency) * latencyMs;
}

/** The bench as one JSON-ready object (the contract's fields first). */
export function communityJson(bench: CommunityBench): Record<string, unknown> {
  const { settings: s, parallel, sequential } = bench;
  return {
    scenario: 'community',
    agents: s.agents,
    topics: s.topics,
    epochs: s.epochs,
    latencyMs: s.latencyMs,
    jitterMs: s.jitterMs,
    concurrency: s.concurrency,
    rpm: Number.isFinite(s.rpm) ? s.rpm : null,
    baseline: s.baseline,
    sequential: { wallMs: round(bench.sequentialWallMs), sumLatencyMs: round(sequential?.sumLatencyMs ?? parallel.sumLatencyMs) },
    parallel: { wallMs: round(parallel.wallMs), sumLatencyMs: round(parallel.sumLatencyMs), calls: parallel.calls, fallbacks: parallel.fallbacks, retries: parallel.retries },
    speedup: round3(bench.speedup),
    phases: parallel.phases.map((p) => ({
      name: p.name,
      epoch: p.epoch,
      calls: p.calls,
      wallMs: round(p.wallMs),
      sumLatencyMs: round(p.sumLatencyMs),
      speedup: round3(p.speedup),
      fallbacks: p.fallbacks,
      ceilingMs: ceilingMs(p.calls, s.concurrency, s.latencyMs),
    })),
    rollingMinuteMax: parallel.rollingMinuteMax,
    fallbacks: parallel.fallbacks,
    votes: parallel.votes,
  };
}

/** The bench as a table: one row per phase, then the totals. */
export function communityTable(bench: CommunityBench): string {
  const { settings: s, parallel } = bench;
  const budget = Number.isFinite(s.rpm) ? `${s.rpm} rpm` : 'no rpm budget';
  const cols: [string, number][] = [['phase', 16], ['epoch', 6], ['calls', 7], ['wall ms', 10], ['sum ms', 11], ['speedup', 9], ['fallbacks', 11], ['ceiling ms', 12]];
  const row = (cells: string[]): string => cells.map((cell, i) => (i === 0 ? cell.padEnd(cols[0]?.[1] ?? 0) : cell.padStart(cols[i]?.[1] ?? 0))).join('');
  const baseline = bench.sequential ? `sequential run (1 at a time): ${round(bench.sequentialWallMs).toFixed(1)} ms wall` : `sequential = sum of the calls' own time: ${round(bench.sequentialWallMs).toFixed(1)} ms (not run)`;
  return [
    `Neon bench, community: ${s.agents} personas, ${s.topics} topics, ${s.epochs} epoch(s), mock latency ${s.latencyMs} ms ± ${s.jitterMs} ms, semaphore ${s.concurrency}, ${budget}, failure rate ${s.failureRate}`,
    '',
    row(cols.map(([name]) => name)),
    ...parallel.phases.map((p) =>
      row([p.name, String(p.epoch), String(p.calls), round(p.wallMs).toFixed(1), round(p.sumLatencyMs).toFixed(1), `${p.speedup.toFixed(2)}×`, String(p.fallbacks), String(ceilingMs(p.calls, s.concurrency, s.latencyMs))]),
    ),
    '',
    `Parallel: ${round(parallel.wallMs).toFixed(1)} ms wall for ${parallel.calls} calls (${parallel.fallbacks} fallbacks, ${parallel.retries} retries); ${baseline}.`,
    `Speedup: ${bench.speedup.toFixed(2)}× (sequential wall ÷ parallel wall). Busiest rolling minute: ${parallel.rollingMinuteMax} requests.`,
    'The ceiling is ⌈calls ÷ semaphore⌉ × latency: the best a phase can do with that many calls at a time.',
  ].join('\n');
}
