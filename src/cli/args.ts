import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command-line mistake, printed as one line without a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses flags strictly: an unknown flag or a missing value is a UsageError, not a silent default. */
export function parseFlags<T extends Options>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: joinDashedValues(argv, options), strict: true, allowPositionals: false, options }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error));
  }
}

/**
 * `--agents -3` is a mistake in the number, not a missing value: join it as `--agents=-3` so the
 * range check names it, instead of node's "argument is ambiguous".
 */
function joinDashedValues(argv: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : '';
    if (options[name]?.type === 'string' && next !== undefined && /^-\d|^-\.\d|^-Infinity$/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

interface NumberRule {
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** The smallest value is excluded (e.g. rpm > 0). */
  readonly positive?: boolean;
}

/** Reads a numeric flag, rejecting anything that is not a number within the rule. */
export function numberFlag(name: string, raw: string | undefined, fallback: number, rule: NumberRule = {}): number {
  if (raw === undefined) return fallback;
  const value = raw.trim() === '' ? NaN : Number(raw);
  const what = describeRule(rule);
  const bad = (): UsageError => new UsageError(`--${name} must be ${what} (got '${raw}').`);
  if (!Number.isFinite(value)) throw bad();
  if (rule.integer && !Number.isInteger(value)) throw bad();
  if (rule.positive && value <= 0) throw bad();
  if (rule.min !== undefined && value < rule.min) throw bad();
  if (rule.max !== undefined && value > rule.max) throw bad();
  return value;
}

function describeRule(rule: NumberRule): string {
  const kind = rule.integer ? 'whole number' : 'number';
  if (rule.min !== undefined && rule.max !== undefined) return `a ${kind} from ${rule.min} to ${rule.max}`;
  if (rule.positive) return `a positive ${kind}`;
  if (rule.min !== undefined) return `a ${kind} of at least ${rule.min}`;
  return `a ${kind}`;
}

/** Runs a CLI main, turning expected errors into one line on stderr and a non-zero exit. */
export function runMain(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const expected = error instanceof Error && (error.name === 'UsageError' || error.name === 'ConfigError');
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${name}: ${message}${expected ? ` Run 'npm run ${name} -- --help' for the flags.` : ''}\n`);
      process.exit(expected ? 2 : 1);
    },
  );
}
