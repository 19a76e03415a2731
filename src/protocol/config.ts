/**
 * The sandbox's settings: the keys shared by the URL query and `window.sandbox.configure`
 * (docs/ARCHITECTURE.md, "Contracts"). One table of zod schemas checks both, so a link and a
 * devtools call accept exactly the same values and reject the same mistakes with the same words.
 */
import { z } from 'zod';
import { DAG_MODES, DAG_PRESETS } from './pipelineScene.ts';

/** Milliseconds per simulation tick at speed ×1: ten ticks a second. */
export const TICK_MS = 100;

/** A whole number read from a number or a numeric string; '' and '1e' are not numbers. */
const wholeNumber = (min: number, max: number) => {
  const what = `must be a whole number from ${min} to ${max}`;
  return z.preprocess(numeric, z.number(what).int(what).min(min, what).max(max, what));
};
const decimal = (min: number, max: number) => {
  const what = `must be a number from ${min} to ${max}`;
  return z.preprocess(numeric, z.number(what).min(min, what).max(max, what));
};

/** Plain decimal notation only: `Number()` would also read '0x10' as 16, '0b1' and '1_0' no. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

function numeric(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return DECIMAL.test(text) ? Number(text) : NaN;
}

const flag = z.preprocess(
  // 0 and 1 as numbers too: the contract's `align` (0|1) is the same in a link and in configure().
  (value) => (value === '1' || value === 'true' || value === 1 ? true : value === '0' || value === 'false' || value === 0 ? false : value),
  z.boolean('must be 0 or 1'),
);

/**
 * The Gemini model used unless a setting names another. The brain has the same default for the
 * CLI (`DEFAULT_GEMINI_MODEL`); the protocol may not import it, so a test checks they agree
 * (`worker/listsAgree.test.ts`).
 */
export const DEFAULT_MODEL = 'gemini-2.5-flash';

const modelName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][\w.\-/]{0,99}$/, `must be a model name such as ${DEFAULT_MODEL}`);

/** Longer than any real endpoint, short enough for the address bar (Chromium drops a long one on reload). */
const MAX_URL_LENGTH = 2_000;

const baseUrl = z
  .string()
  .trim()
  .max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`)
  .refine((text) => text === '' || /^https?:\/\/[^\s]+$/.test(text), 'must be an http(s) URL, or empty for Google');

/** Where live calls go when no base URL is set: Google's Gemini API, the SDK's default. */
export const GOOGLE_ORIGIN = 'https://generativelanguage.googleapis.com';

/** The origin (scheme, host, port) that live calls go to for a `baseUrl` setting. */
export function endpointOrigin(baseUrl: string): string {
  if (baseUrl === '') return GOOGLE_ORIGIN;
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}

/** An origin as a person reads it: `evil.test`, `127.0.0.1:8788`. */
export function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/** The scenarios (as `scenarios/scenario.ts` names them; checked equal in `worker/listsAgree.test.ts`). */
export const SCENARIOS = ['grid', 'community', 'gamemaster', 'relationships', 'pipeline'] as const;
export type ScenarioKey = (typeof SCENARIOS)[number];

/** Every shareable key with its rule. Adding a key here adds it to the URL and to configure(). */
export const CONFIG_FIELDS = {
  agents: wholeNumber(1, 10_000),
  thinkInterval: wholeNumber(100, 600_000),
  align: flag,
  strategy: z.enum(['parallel', 'sequential'], 'must be parallel or sequential'),
  rpm: wholeNumber(1, 1_000_000),
  concurrency: wholeNumber(1, 10_000),
  timeout: wholeNumber(100, 600_000),
  brain: z.enum(['mock', 'gemini', 'openai'], 'must be mock, gemini or openai'),
  latency: wholeNumber(0, 600_000),
  jitter: wholeNumber(0, 600_000),
  failureRate: decimal(0, 1),
  seed: wholeNumber(0, 2_147_483_647),
  speed: decimal(0.25, 4),
  model: modelName,
  baseUrl,
  temperature: decimal(0, 2),
  maxTokens: wholeNumber(16, 65_536),
  /** Live requests allowed per calendar day; 0 for no daily limit. */
  dailyLimit: wholeNumber(0, 10_000_000),
  /** Which workload runs: the grid's batch of expired timers, or a community in phases. */
  scenario: z.enum(SCENARIOS, `must be one of ${SCENARIOS.join(', ')}`),
  /** The community's rounds of phases. */
  epochs: wholeNumber(1, 20),
  /** The community's topics, each with a belief per persona. */
  topics: wholeNumber(1, 6),
  /** The community's mean openness: 0.9 consensus, 0.45 two camps, 0 many (scenarios/community/population.ts). */
  openness: decimal(0, 1),
  /** The game master's NPCs. */
  npcs: wholeNumber(1, 50),
  /** The game master composes its reply this many ms after the action, from what has arrived. */
  deadline: wholeNumber(50, 10_000),
  /** The game master's answer cache (1 on, 0 off for comparison). */
  cache: flag,
  /** Relationship simulations run at once. */
  sims: wholeNumber(1, 200),
  /** Scenes per relationship simulation. */
  scenes: wholeNumber(1, 10),
  /** Every call of this simulation fails (a classroom's injected fault); -1 for none. Changing it rebuilds nothing. */
  failSim: wholeNumber(-1, 199),
  /** The pipeline's DAG: a preset (a DAG of one's own is loaded with `loadDag`). */
  dag: z.enum(DAG_PRESETS, `must be one of ${DAG_PRESETS.join(', ')}`),
  /** The width of the `wide` DAG's middle level: 98 makes a DAG of 100 nodes. */
  fanout: wholeNumber(2, 198),
  /** How the pipeline runs its DAG: level by level, each node when its inputs are ready, or one at a time. */
  mode: z.enum(DAG_MODES, `must be one of ${DAG_MODES.join(', ')}`),
  /** Every attempt of this pipeline node fails (a classroom's injected fault); empty for none. */
  failNode: z.string().regex(/^([A-Za-z][A-Za-z0-9_-]{0,39})?$/, 'must be a node id (letters, digits, - or _) or empty'),
} as const;

export type ConfigKey = keyof typeof CONFIG_FIELDS;
export const CONFIG_KEYS = Object.keys(CONFIG_FIELDS) as ConfigKey[];

export type SandboxConfig = { readonly [K in ConfigKey]: z.output<(typeof CONFIG_FIELDS)[K]> };

export const DEFAULT_CONFIG: SandboxConfig = {
  agents: 10,
  thinkInterval: 3_000,
  align: true,
  strategy: 'parallel',
  rpm: 600,
  concurrency: 64,
  timeout: 10_000,
  brain: 'mock',
  latency: 500,
  jitter: 50,
  failureRate: 0,
  seed: 1,
  speed: 1,
  model: DEFAULT_MODEL,
  baseUrl: '',
  temperature: 0.7,
  maxTokens: 512,
  dailyLimit: 0,
  scenario: 'grid',
  epochs: 2,
  topics: 3,
  openness: 0.45,
  npcs: 6,
  deadline: 450,
  cache: true,
  sims: 6,
  scenes: 3,
  failSim: -1,
  dag: 'diamond',
  fanout: 10,
  mode: 'levels',
  failNode: '',
};

/**
 * What each scenario sets differently from the grid's defaults for the keys they share: a
 * community of 24 personas under a semaphore of 20, as the lesson has it.
 */
const SCENARIO_DEFAULTS: Readonly<Record<ScenarioKey, Partial<SandboxConfig>>> = {
  grid: {},
  community: { agents: 24, concurrency: 20 },
  // Hosted models answer in 100–800 ms: the game master's lesson is a reply inside 500 ms anyway.
  gamemaster: { latency: 450, jitter: 350 },
  relationships: {},
  // A DAG's steps at a second each: the issue's figures (3 s level by level, 5 s one at a time) read straight off the page.
  pipeline: { latency: 1_000, jitter: 0 },
};

/** The defaults in force for a scenario. */
export function defaultsFor(scenario: ScenarioKey): SandboxConfig {
  return { ...DEFAULT_CONFIG, ...SCENARIO_DEFAULTS[scenario], scenario };
}

/**
 * The settings after a switch to `next`: a key still at the old scenario's default takes the
 * new one's (24 personas, not the grid's 10 agents); a key the user set keeps its value.
 */
export function switchScenario(config: SandboxConfig, next: ScenarioKey): SandboxConfig {
  const from = defaultsFor(config.scenario);
  const to = defaultsFor(next);
  const out: Record<string, unknown> = { ...config, scenario: next };
  for (const key of CONFIG_KEYS) if (config[key] === from[key]) out[key] = to[key];
  return out as SandboxConfig;
}

export type ConfigPatch = Partial<SandboxConfig>;

/** A rejected value, named so the page can say which key was wrong and why. */
export interface ConfigProblem {
  readonly key: string;
  readonly message: string;
}

/**
 * Checks a patch key by key: good values are kept, each bad or unknown key becomes a problem.
 * Nothing throws, so one typo in a shared link cannot cost the rest of the link.
 */
export function checkPatch(input: Readonly<Record<string, unknown>>): { patch: ConfigPatch; problems: ConfigProblem[] } {
  const patch: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const [key, raw] of Object.entries(input)) {
    if (!isConfigKey(key)) {
      problems.push({ key, message: `${key} is not a setting (known: ${CONFIG_KEYS.join(', ')}).` });
      continue;
    }
    const result = CONFIG_FIELDS[key].safeParse(raw);
    if (result.success) patch[key] = result.data;
    else problems.push({ key, message: `${key} ${result.error.issues[0]?.message ?? 'is invalid'} (got ${describe(raw)}); using ${String(DEFAULT_CONFIG[key])}.` });
  }
  return { patch, problems };
}

/**
 * A link's settings as the worker should get them: the good values, plus a refused `baseUrl`
 * as written, because the worker must know that the user asked for an endpoint it cannot use
 * (live calls then stop; they must not go to the endpoint in force instead). The worker names
 * that one; `problems` names the rest.
 */
export function linkSettings(search: string): { patch: Record<string, unknown>; problems: ConfigProblem[] } {
  const { patch, problems } = configFromQuery(search);
  const baseUrl = new URLSearchParams(search).get('baseUrl');
  if (baseUrl === null || !problems.some((p) => p.key === 'baseUrl')) return { patch, problems };
  return { patch: { ...patch, baseUrl }, problems: problems.filter((p) => p.key !== 'baseUrl') };
}

/**
 * Reads the settings from a URL query. Keys that are not settings are left alone (other tools
 * share the URL), except `apiKey`: a key never belongs in a link, so it is refused by name.
 */
export function configFromQuery(search: string): { patch: ConfigPatch; problems: ConfigProblem[] } {
  const params = new URLSearchParams(search);
  const input: Record<string, string> = {};
  const problems: ConfigProblem[] = [];
  for (const [key, value] of params) {
    if (key.toLowerCase() === 'apikey') problems.push({ key: 'apiKey', message: 'An API key in a link was ignored: enter it in the page instead, where it is never shared.' });
    else if (isConfigKey(key)) input[key] = value;
  }
  const checked = checkPatch(input);
  return { patch: checked.patch, problems: [...problems, ...checked.problems] };
}

/** The query string that reproduces `config`, listing only keys that differ from its scenario's defaults. */
export function queryFromConfig(config: SandboxConfig): string {
  const params = new URLSearchParams();
  const defaults = defaultsFor(config.scenario);
  // The scenario first, so a link reads from what it is to how it is set.
  if (config.scenario !== DEFAULT_CONFIG.scenario) params.set('scenario', config.scenario);
  for (const key of CONFIG_KEYS) {
    const value = config[key];
    if (key === 'scenario' || value === defaults[key]) continue;
    params.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function isConfigKey(key: string): key is ConfigKey {
  return Object.hasOwn(CONFIG_FIELDS, key);
}

function describe(raw: unknown): string {
  if (typeof raw === 'string') return `'${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}'`;
  if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint') return String(raw);
  try {
    // JSON.stringify returns undefined for functions and symbols, whatever its typing says.
    const text = JSON.stringify(raw) as string | undefined;
    // A notice is a sentence: a huge object is named by its start, as a long string is.
    return text === undefined ? typeof raw : text.length > 40 ? `${text.slice(0, 40)}…` : text;
  } catch {
    return typeof raw;
  }
}
