/**
 * The game master bench: a scripted session (script.ts: realistic actions, repeats, suggestions)
 * on a LocalScenarioHost with the mock brain in real time. Turns run one after another with a
 * short reading pause between them, in which the background lane runs the upkeep and the
 * prefetch. The sequential side plays the first `sample` actions of the same session one
 * assessment at a time, with no deadline and no cache (`--baseline run`), or is taken as the sum
 * of what the mock would take for each turn's assessments one by one (`--baseline sum`, all turns).
 */
import { MockBrain } from '../brain/mockBrain.ts';
import { realClock, sleep, type Clock } from '../clock/clock.ts';
import { LocalScenarioHost } from '../scenarios/localHost.ts';
import { GameMasterRun } from '../scenarios/gamemaster/gameMasterRun.ts';
import { percentile } from '../scenarios/gamemaster/records.ts';
import { scriptedAction } from '../scenarios/gamemaster/script.ts';
import { suggestions } from '../scenarios/gamemaster/suggest.ts';
import type { GameSettings } from '../scenarios/gamemaster/types.ts';
import type { Baseline } from './benchCommunity.ts';

export interface GamemasterBenchSettings {
  readonly turns: number;
  readonly npcs: number;
  readonly latencyMs: number;
  readonly jitterMs: number;
  readonly deadlineMs: number;
  readonly cache: boolean;
  /** Likely next actions prefetched after each turn (0: none). */
  readonly prefetch: number;
  /** The player's reading pause between a reply and the next action (ms). */
  readonly readMs: number;
  /** Turns of the session played again one at a time (`--baseline run`). */
  readonly sample: number;
  readonly rpm: number;
  readonly concurrency: number;
  readonly failureRate: number;
  readonly timeoutMs: number;
  readonly seed: number;
  readonly baseline: Baseline;
}

/** Every turn's response and first-words time, and what it cost. */
export interface SessionFigures {
  readonly actions: readonly string[];
  readonly response: readonly number[];
  readonly firstWords: readonly number[];
  /** Per turn: the sum of what the mock takes for each of its assessments (one at a time, no cache). */
  readonly summed: readonly number[];
  readonly wallMs: number;
  readonly assessed: number;
  readonly fallbacks: number;
  readonly hits: number;
  readonly misses: number;
  readonly joined: number;
  readonly hitRate: number;
  readonly calls: number;
  readonly background: { readonly done: number; readonly pending: number };
  readonly prefetch: { readonly calls: number; readonly landed: number; readonly hits: number };
}

/** How long the bench waits, after the last turn, for the background lane to finish. */
const SETTLE_MS = 10_000;

function gameSettings(s: GamemasterBenchSettings, patch: Partial<GameSettings>): Partial<GameSettings> {
  return { npcs: s.npcs, seed: s.seed, deadlineMs: s.deadlineMs, cache: s.cache, prefetch: s.prefetch, askTimeoutMs: Math.max(3_000, 2 * (s.latencyMs + s.jitterMs)), ...patch };
}

/** Plays a session: the scripted actions (or `replay`'s), one turn after another. */
export async function runSession(s: GamemasterBenchSettings, clock: Clock, options: { sequential?: boolean; replay?: readonly string[] } = {}): Promise<SessionFigures> {
  const brain = new MockBrain({ clock, seed: s.seed, latencyMs: s.latencyMs, jitterMs: s.jitterMs, errorRate: s.failureRate });
  const host = new LocalScenarioHost({ model: brain, clock, seed: s.seed, config: { rpm: s.rpm, concurrency: s.concurrency, timeoutMs: s.timeoutMs } });
  const summed = new Map<number, number>();
  const patch: Partial<GameSettings> = options.sequential ? { mode: 'sequential', cache: false, prefetch: 0, background: false } : {};
  const run = new GameMasterRun(gameSettings(s, patch), host.context('gamemaster'), {
    observe: (event) => {
      if (event.lane === 'interactive') summed.set(event.turn, (summed.get(event.turn) ?? 0) + brain.plan(event.ask.draw, 1).latencyMs);
    },
  });
  try {
    const turns = options.replay?.length ?? s.turns;
    const actions: string[] = [];
    const started = clock.now();
    for (let turn = 1; turn <= turns; turn++) {
      const action = options.replay?.[turn - 1] ?? scriptedAction(s.seed, turn, actions, suggestions(run.state));
      actions.push(action);
      await run.act(action);
      if (turn < turns && s.readMs > 0) await sleep(clock, s.readMs);
    }
    const wallMs = clock.now() - started;
    for (let waited = 0; run.scene().background.pending > 0 && waited < SETTLE_MS; waited += 50) await sleep(clock, 50);
    const { state } = run;
    const scene = run.scene();
    return {
      actions, wallMs, response: state.responses, firstWords: state.firstWords, summed: actions.map((_, i) => summed.get(i + 1) ?? 0),
      assessed: state.assessed, fallbacks: state.fallbacks, hits: scene.cache.hits, misses: scene.cache.misses, joined: scene.cache.joined,
      hitRate: scene.cache.hitRate, calls: host.records.length, background: scene.background, prefetch: scene.prefetch,
    };
  } finally {
    run.cancel();
    host.dispose();
  }
}

export interface GamemasterBench {
  readonly settings: GamemasterBenchSettings;
  readonly parallel: SessionFigures;
  /** The sample played one at a time; null with `--baseline sum`. */
  readonly sequential: SessionFigures | null;
}

/** The bench: the session, then (with `--baseline run`) its first `sample` actions one at a time. */
export async function benchGamemaster(s: GamemasterBenchSettings, log: (line: string) => void = () => undefined, clock: Clock = realClock): Promise<GamemasterBench> {
  log(`Playing ${s.turns} turns (deadline ${s.deadlineMs} ms, cache ${s.cache ? 'on' : 'off'}, ${s.readMs} ms reading pause)…`);
  const parallel = await runSession(s, clock);
  let sequential: SessionFigures | null = null;
  if (s.baseline === 'run' && s.sample > 0) {
    const replay = parallel.actions.slice(0, s.sample);
    log(`Playing the first ${replay.length} of them again one assessment at a time (about ${Math.round(replay.length * 2.9)} s)…`);
    sequential = await runSession({ ...s, readMs: 0 }, clock, { sequential: true, replay });
  }
  return { settings: s, parallel, sequential };
}

const round = (ms: number): number => Math.round(ms * 10) / 10;
const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const mean = (values: readonly number[]): number => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
const p = (values: readonly number[]): { p50: number; p95: number } => ({ p50: round(percentile(values, 50)), p95: round(percentile(values, 95)) });

/** The acceptance lines of the issue, each with its figure. */
export function checks(bench: GamemasterBench): { name: string; ok: boolean; figure: string }[] {
  const json = gamemasterJson(bench) as { response: { p95: number; firstWords: { p95: number } }; sequential: { p50: number }; cacheHitRate: number; fallbackShare: number };
  return [
    { name: 'first-words p95 ≤ 500 ms', ok: json.response.firstWords.p95 <= 500, figure: `${json.response.firstWords.p95} ms` },
    { name: 'complete p95 ≤ 550 ms', ok: json.response.p95 <= 550, figure: `${json.response.p95} ms` },
    { name: 'sequential p50 > 2,000 ms', ok: json.sequential.p50 > 2000, figure: `${json.sequential.p50} ms` },
    { name: 'cache hit rate ≥ 30%', ok: json.cacheHitRate >= 0.3, figure: `${(json.cacheHitRate * 100).toFixed(1)}%` },
    { name: 'fallback share < 35%', ok: json.fallbackShare < 0.35, figure: `${(json.fallbackShare * 100).toFixed(1)}%` },
  ];
}

/** The bench as one JSON-ready object (the contract's fields first). */
export function gamemasterJson(bench: GamemasterBench): Record<string, unknown> {
  const { settings: s, parallel, sequential } = bench;
  // One at a time: measured on the sample, or each turn's assessments summed; wallMs scales it to every turn.
  const perTurn = sequential ? sequential.response : parallel.summed;
  const sequentialWallMs = mean(perTurn) * parallel.response.length;
  const parallelWallMs = parallel.response.reduce((a, b) => a + b, 0);
  return {
    scenario: 'gamemaster',
    turns: parallel.response.length,
    npcs: s.npcs,
    latencyMs: s.latencyMs,
    jitterMs: s.jitterMs,
    deadlineMs: s.deadlineMs,
    cache: s.cache ? 1 : 0,
    // Prefetch fills the cache: without one it is off.
    prefetch: s.cache ? s.prefetch : 0,
    readMs: s.readMs,
    rpm: Number.isFinite(s.rpm) ? s.rpm : null,
    baseline: s.baseline,
    sequential: { wallMs: round(sequentialWallMs), ...p(perTurn), turns: perTurn.length, summed: p(parallel.summed) },
    parallel: { wallMs: round(parallelWallMs), sessionMs: round(parallel.wallMs), calls: parallel.calls },
    speedup: round3(parallelWallMs > 0 ? sequentialWallMs / parallelWallMs : 0),
    response: { ...p(parallel.response), firstWords: p(parallel.firstWords) },
    cacheHitRate: round3(parallel.hitRate),
    cacheStats: { hits: parallel.hits, misses: parallel.misses, joined: parallel.joined },
    fallbackShare: round3(parallel.assessed > 0 ? parallel.fallbacks / parallel.assessed : 0),
    fallbacks: parallel.fallbacks,
    assessments: parallel.assessed,
    background: { done: parallel.background.done, pending: parallel.background.pending, prefetch: parallel.prefetch.calls },
    prefetchStats: parallel.prefetch,
  };
}

/** The bench as a few lines of text, with the acceptance checks. */
export function gamemasterTable(bench: GamemasterBench): string {
  const j = gamemasterJson(bench) as {
    turns: number; sequential: { p50: number; p95: number; turns: number; summed: { p50: number; p95: number } }; response: { p50: number; p95: number; firstWords: { p50: number; p95: number } };
    speedup: number; cacheHitRate: number; fallbackShare: number; fallbacks: number; assessments: number; cacheStats: { hits: number; misses: number; joined: number };
    background: { done: number }; prefetchStats: { calls: number; landed: number; hits: number }; parallel: { calls: number };
  };
  const s = bench.settings;
  const budget = Number.isFinite(s.rpm) ? `${s.rpm} rpm` : 'no rpm budget';
  const seqHow = bench.sequential ? `measured on the first ${j.sequential.turns} turns played one at a time, no cache` : 'the sum of each turn\'s assessments\' mock latencies';
  return [
    `Neon bench, gamemaster: ${j.turns} turns, ${s.npcs} NPCs, mock latency ${s.latencyMs} ms ± ${s.jitterMs} ms, deadline ${s.deadlineMs} ms, cache ${s.cache ? `on, prefetch ${s.prefetch}` : 'off (so no prefetch)'}, reading pause ${s.readMs} ms, ${budget}`,
    '',
    `Response (complete):  p50 ${j.response.p50} ms   p95 ${j.response.p95} ms`,
    `First words:          p50 ${j.response.firstWords.p50} ms   p95 ${j.response.firstWords.p95} ms`,
    `One at a time:        p50 ${j.sequential.p50} ms   p95 ${j.sequential.p95} ms  (${seqHow}; summed over all turns: p50 ${j.sequential.summed.p50} ms, p95 ${j.sequential.summed.p95} ms)`,
    `Speedup:              ${j.speedup.toFixed(2)}× (mean one-at-a-time reply ÷ mean reply)`,
    `Cache:                hit rate ${(j.cacheHitRate * 100).toFixed(1)}% (${j.cacheStats.hits} hits, ${j.cacheStats.misses} misses, ${j.cacheStats.joined} waited for a call on its way)`,
    `Fallbacks:            ${(j.fallbackShare * 100).toFixed(1)}% of ${j.assessments} assessments (${j.fallbacks})`,
    `Background:           ${j.background.done} jobs completed; prefetch ${j.prefetchStats.calls} calls, ${j.prefetchStats.landed} landed, ${j.prefetchStats.hits} hits on them; ${j.parallel.calls} calls in all`,
    '',
    ...checks(bench).map((c) => `${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.figure}`),
  ].join('\n');
}
