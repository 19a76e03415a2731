/**
 * Tools in the pool against tools on one thread: one level of `count` CPU tools sent to the Node
 * pool at once, then the same tools one after another on the main thread (`inlineTools`). The
 * ratio pool / one thread is what a level of tool nodes gains from the pool (≤ 0.6 on 2 cores).
 */
import { inlineTools, type ToolRunner } from '../scenarios/pipeline/tools.ts';
import type { ToolName } from '../scenarios/pipeline/types.ts';
import { NodeToolPool } from './nodeToolPool.ts';

export interface ToolBenchSettings {
  readonly tool: ToolName;
  /** In units of 100,000 items (`tools.ts`). */
  readonly size: number;
  /** Tools in the level. */
  readonly count: number;
  readonly seed: number;
  /** Each side is measured this many times, alternating, and its fastest wall kept (see benchToolPool). */
  readonly rounds: number;
}

export interface ToolBenchFigures {
  readonly tool: ToolName;
  readonly size: number;
  readonly count: number;
  readonly workers: number;
  readonly rounds: number;
  readonly poolWallMs: number;
  readonly oneThreadWallMs: number;
  /** poolWallMs / oneThreadWallMs: below 1, the pool gains. */
  readonly ratio: number;
}

/**
 * `sort` of 2,000,000 numbers: about 230 ms a run on one core of the 2-core machine this was tuned
 * on (150–400 ms is the aim: long beside a thread's message round trip, short enough to bench
 * often). `stats` at the same size takes about as long but allocates twice the memory, and its
 * walls varied more there.
 */
export const TOOL_BENCH_DEFAULTS: ToolBenchSettings = { tool: 'sort', size: 20, count: 4, seed: 1, rounds: 3 };

/** A warm-up size: enough to compile the tool's hot loops, small beside a measured run. */
const WARM_SIZE = 1;

const round1 = (ms: number): number => Math.round(ms * 10) / 10;

/** Wall time of `count` runs of the tool, each with its own seed, all sent at once to `runner`. */
async function levelWall(runner: ToolRunner, settings: ToolBenchSettings): Promise<number> {
  const start = performance.now();
  await Promise.all(Array.from({ length: settings.count }, (_, i) => runner.run(settings.tool, settings.seed + i, settings.size)));
  return performance.now() - start;
}

/** Wall time of the same `count` runs one after another on the main thread. */
async function oneThreadWall(settings: ToolBenchSettings): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < settings.count; i++) await inlineTools.run(settings.tool, settings.seed + i, settings.size);
  return performance.now() - start;
}

/** Runs a level of `count` tools in the Node pool, then one after another on the main thread, and compares their walls. */
export async function benchToolPool(overrides: Partial<ToolBenchSettings> = {}): Promise<ToolBenchFigures> {
  const settings: ToolBenchSettings = { ...TOOL_BENCH_DEFAULTS, ...overrides };
  for (const key of ['count', 'rounds'] as const) {
    if (!Number.isInteger(settings[key]) || settings[key] < 1) throw new RangeError(`${key} must be a whole number of at least 1 (got ${settings[key]}).`);
  }
  const pool = new NodeToolPool();
  try {
    // Warm-up, not measured: the first run on each thread starts it (a thread, tsx's loader, the
    // modules: about half a second) and compiles the tool, which is no part of a level's cost.
    // One run per thread, all at once, so the pool creates every thread it will use.
    await levelWall(pool, { ...settings, count: pool.workers, size: WARM_SIZE });
    // The main thread compiles the tool too, so neither side pays for its first run.
    await inlineTools.run(settings.tool, settings.seed, WARM_SIZE);
    // Each side's fastest of a few rounds, taken in turns: another process on a 2-core machine (a
    // build, a browser) steals a core for a while, and the least disturbed round is the one that
    // says what the pool itself costs. Both sides are treated alike, so the ratio stays fair.
    let poolWallMs = Infinity;
    let oneThreadWallMs = Infinity;
    for (let round = 0; round < settings.rounds; round++) {
      poolWallMs = Math.min(poolWallMs, await levelWall(pool, settings));
      oneThreadWallMs = Math.min(oneThreadWallMs, await oneThreadWall(settings));
    }
    return {
      tool: settings.tool,
      size: settings.size,
      count: settings.count,
      workers: pool.workers,
      rounds: settings.rounds,
      poolWallMs: round1(poolWallMs),
      oneThreadWallMs: round1(oneThreadWallMs),
      ratio: Math.round((poolWallMs / oneThreadWallMs) * 1000) / 1000,
    };
  } finally {
    await pool.dispose();
  }
}
