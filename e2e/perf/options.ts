/**
 * The command line of `npm run perf`: the full run by default, `--quick` for CI, and `--only` /
 * `--sizes` to measure one part alone. Pure (argv and env in, options out), so it is unit-tested.
 */
import { parseArgs } from 'node:util';

/** The three parts of a run, in the order they are measured. */
export const PARTS = ['sizes', 'thinking', 'scenarios'] as const;
export type Part = (typeof PARTS)[number];

export interface PerfOptions {
  readonly quick: boolean;
  /** The parts to measure. */
  readonly parts: ReadonlySet<Part>;
  /** Agent counts of the size comparison, ascending. */
  readonly sizes: readonly number[];
  /** Rounds of the size comparison, whose pages take turns (sizeRuns.ts): each ratio is the median over rounds. */
  readonly rounds: number;
  /** Length of each window of the size comparison's turns (ms). */
  readonly sizeWindowMs: number;
  /** Length of the scenarios' windows (ms). */
  readonly windowMs: number;
  /** Rounds of the thinking check's turns (thinkingRuns.ts). */
  readonly thinkingRounds: number;
  /** Length of each window of the thinking check: two of the thinking world's 1 s intervals (ms). */
  readonly thinkingWindowMs: number;
}

/** A mistake on the command line: printed in one line, exit 2, not a crash. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const FULL_SIZES: readonly number[] = [100, 1_000, 10_000];
/** The sizes the goals name; the quick run measures only these. */
export const QUICK_SIZES: readonly number[] = [1_000, 10_000];
/** The app accepts 1 to 10,000 agents (src/protocol/config.ts). */
const MAX_AGENTS = 10_000;

export const USAGE = `npm run perf [-- options]   (after vite build; NEON_DIST=dir serves another build)

  --quick                 CI mode: sizes 1,000 and 10,000 in 6 rounds of turns (12 in a full run),
                          4 rounds of the thinking check's turns (16 in a full run), each scenario
                          once in a 2.5 s window (rougher figures)
  --only PARTS            measure only these, comma-separated: ${PARTS.join(',')}
  --sizes N,N             agent counts of the size comparison (1 to ${MAX_AGENTS})
  --help                  this text

'npm run perf --quick' works too (npm hands it over as npm_config_quick), as does
'npm run perf --sizes=1000' (npm_config_sizes). --only needs the '--': npm keeps an --only of its
own and drops any value but prod.`;

/** npm turns `npm run perf --quick` into npm_config_quick=true instead of passing the flag on. */
function envFlag(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

function parseParts(raw: string): Set<Part> {
  const parts = new Set<Part>();
  for (const word of raw.split(',').map((w) => w.trim())) {
    const part = PARTS.find((p) => p === word);
    if (part === undefined) throw new UsageError(`--only takes ${PARTS.join(', ')} separated by commas (got '${raw}').`);
    parts.add(part);
  }
  return parts;
}

function parseSizes(raw: string): number[] {
  const sizes = new Set<number>();
  for (const word of raw.split(',').map((w) => w.trim())) {
    const n = /^\d+$/.test(word) ? Number(word) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > MAX_AGENTS) throw new UsageError(`--sizes takes whole numbers from 1 to ${MAX_AGENTS} separated by commas (got '${raw}').`);
    sizes.add(n);
  }
  return [...sizes].sort((a, b) => a - b);
}

/** The options of a run, or 'help'. Flags on the command line win over npm's environment. */
export function parseOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): PerfOptions | 'help' {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { quick: { type: 'boolean' }, only: { type: 'string' }, sizes: { type: 'string' }, help: { type: 'boolean' } },
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error));
  }
  if (values.help === true) return 'help';
  const quick = values.quick === true || envFlag(env.npm_config_quick);
  // npm's own (deprecated) --only config swallows `npm run perf --only=…`, so only the flag counts.
  const only = values.only;
  // An empty npm variable means unset; an empty flag on the command line is a mistake to name.
  const sizes = values.sizes ?? (env.npm_config_sizes || undefined);
  return {
    quick,
    parts: only === undefined ? new Set(PARTS) : parseParts(only),
    sizes: sizes === undefined ? (quick ? QUICK_SIZES : FULL_SIZES) : parseSizes(sizes),
    // 12 rounds put the median within ~2 points of itself from run to run at 1,000 agents (0.876,
    // 0.887, 0.889); 6 are rougher, and what CI can afford. 1 s holds 60+ frames even at 10,000.
    rounds: quick ? 6 : 12,
    sizeWindowMs: 1_000,
    // 2.5 s still holds 60+ frames at the 30 fps floor, enough for a p95; 5 s steadies the figures.
    windowMs: quick ? 2_500 : 5_000,
    // A round of the thinking check is four 2 s windows and the pauses between (~12 s). With 8
    // rounds, three full runs of one build read x1.21, x1.29 and x1.29, the middle half of each
    // run's rounds ~0.2 wide: 16 cut the median's wander by ~1/√2 for ~1.5 minutes more.
    thinkingRounds: quick ? 4 : 16,
    thinkingWindowMs: 2_000,
  };
}
