/**
 * The save file: one run as versioned JSON (settings without the key, the world, a slot for the
 * scenario, and the call log if asked for). Checkpoints use the same shape. `readSave` checks a
 * file with zod and says what is wrong with a bad one in one sentence (`saveProblems.ts`).
 */
import { z } from 'zod';
import { version as packageVersion } from '../../package.json';
import { CONFIG_FIELDS, CONFIG_KEYS, type SandboxConfig } from './config.ts';
import { callSummary } from './protocol.ts';
import { crossCheck, describe, issueSentence, parseText, withWorldSettings } from './saveProblems.ts';

/** The marker that says "this is a Neon save", whatever the file is called. */
export const SAVE_FORMAT = 'neon-save';
/**
 * The layout's version. Raise it when a field changes meaning or a required one is added, and
 * teach `readSave` to read the older ones; a file with a higher number is from a newer release.
 */
export const SAVE_VERSION = 1;
/** The release that wrote a file: shown when a newer release's file cannot be read. */
export const APP_VERSION: string = packageVersion;

/** The largest grid side a save may have: the app makes at most 245 (10,000 agents). */
export const MAX_SIDE = 1_024;
/** As the `agents` setting allows. */
export const MAX_AGENTS = 10_000;
const MAX_COUNT = Number.MAX_SAFE_INTEGER;

const whole = (min: number, max: number) => {
  const what = `must be a whole number from ${min} to ${max}`;
  return z.number(what).int(what).min(min, what).max(max, what);
};
/** Any whole number: positions are checked against the grid afterwards, to say which grid. */
const integer = z.number('must be a whole number').int('must be a whole number');
const share = z.number('must be a number from 0 to 1').min(0, 'must be a number from 0 to 1').max(1, 'must be a number from 0 to 1');
const text = z.string('must be text');
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, `must be one of ${values.join(', ')}`);
const list = <T extends z.ZodType>(item: T) => z.array(item, 'must be a list');
const direction = oneOf(['N', 'E', 'S', 'W', 'STAY']);

const worldConfig = z.object(
  {
    seed: whole(0, 2_147_483_647),
    width: whole(2, MAX_SIDE),
    height: whole(2, MAX_SIDE),
    agents: whole(1, MAX_AGENTS),
    thinkIntervalTicks: whole(1, 6_000),
    align: z.boolean('must be true or false'),
    perceptionRadius: whole(0, 100),
    memoryLimit: whole(0, 1_000),
  },
  'must be an object',
);

const agent = z.object(
  {
    id: integer,
    name: text,
    traits: list(text),
    goal: oneOf(['find-water', 'find-food', 'visit-library', 'meet-people', 'explore']),
    x: integer,
    y: integer,
    needs: z.object({ hunger: share, thirst: share }, 'must be an object'),
    memories: list(z.object({ tick: whole(0, MAX_COUNT), text }, 'must be an object')),
    thought: text,
    plan: text,
    action: direction,
    heading: direction,
    say: text,
    state: oneOf(['idle', 'queued', 'thinking', 'decided', 'fellBack']),
    thinkTimer: whole(0, 1_000_000),
    source: oneOf(['gemini', 'openai', 'mock', 'fallback', 'none']),
    decisions: whole(0, MAX_COUNT),
  },
  'must be an object',
);

const world = z.object(
  {
    tick: whole(0, MAX_COUNT),
    config: worldConfig,
    /** Wall cells, `y * width + x`. */
    walls: list(integer),
    pois: list(z.object({ kind: oneOf(['food', 'water', 'plaza', 'library']), name: text, x: integer, y: integer }, 'must be an object')),
    agents: list(agent),
  },
  'must be an object',
);

/**
 * A call as saved. Files written before `callMs` (the attempts' own time) lack it: theirs is the
 * call's span from its first send to its end, the figure those releases counted one at a time.
 */
function savedCall() {
  return z.preprocess((value) => {
    if (typeof value !== 'object' || value === null || 'callMs' in value) return value;
    const { startedAt, endedAt } = value as { startedAt?: unknown; endedAt?: unknown };
    return { ...value, callMs: typeof startedAt === 'number' && typeof endedAt === 'number' ? endedAt - startedAt : 0 };
  }, callSummary);
}

/**
 * Settings by the same rules as a link (`config.ts`). One missing (a setting added after the
 * file was written) takes its default, or the world's value for those that shape the world.
 * Keys that are not settings are dropped unread, `apiKey` among them: a save never holds a key.
 */
const settings = z.object(CONFIG_FIELDS, 'must be an object').partial();

export const saveFileSchema = z.object({
  format: z.literal(SAVE_FORMAT),
  version: z.literal(SAVE_VERSION),
  /** The release that wrote it (package.json `version`). */
  app: text,
  /** ISO 8601. */
  savedAt: text,
  settings,
  world,
  /** Scenarios come in a later release; the slot is here so version 1 files can carry one then. */
  scenario: z.null('must be null: this release has no scenarios'),
  /** The settled calls the page showed, when the save was asked for with them. */
  calls: list(savedCall()).optional(),
});

type DeepReadonly<T> = T extends readonly (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
type Parsed = z.output<typeof saveFileSchema>;

/** A checked save: every setting filled in. */
export type SaveFile = DeepReadonly<Omit<Parsed, 'settings'>> & { readonly settings: SandboxConfig };
export type SavedWorldData = SaveFile['world'];
export type SaveResult = { readonly ok: true; readonly save: SaveFile } | { readonly ok: false; readonly error: string };

/** A new save of this release. Only the settings' own keys are copied: never anything else. */
export function newSave(parts: { settings: SandboxConfig; world: SavedWorldData; savedAt: Date; calls?: SaveFile['calls'] }): SaveFile {
  const copied = Object.fromEntries(CONFIG_KEYS.map((key) => [key, parts.settings[key]])) as unknown as SandboxConfig;
  return {
    format: SAVE_FORMAT,
    version: SAVE_VERSION,
    app: APP_VERSION,
    savedAt: parts.savedAt.toISOString(),
    settings: copied,
    scenario: null,
    ...(parts.calls ? { calls: parts.calls } : {}),
    // Last, so the biggest part can be written a slice at a time after the rest (worker/saveRun.ts).
    world: parts.world,
  };
}

/**
 * Checks a save: the parsed object, or the file's text as read (then "not JSON" and "cut off"
 * can be told apart). A bad file gets one sentence, for the person who chose it.
 */
export function readSave(value: unknown): SaveResult {
  const json = typeof value === 'string' ? parseText(value) : { ok: true as const, value };
  if (!json.ok) return json;
  const head = headProblem(json.value);
  if (head !== null) return { ok: false, error: head };
  const parsed = saveFileSchema.safeParse(json.value);
  if (!parsed.success) return { ok: false, error: issueSentence(parsed.error.issues[0], json.value) };
  const save: SaveFile = { ...parsed.data, settings: withWorldSettings(parsed.data.settings, parsed.data.world) };
  const problem = crossCheck(save);
  return problem === null ? { ok: true, save } : { ok: false, error: problem };
}

/**
 * What makes a file not a save of this release at all, before its fields are read: not an
 * object, no marker, another format, or a version this release does not read.
 */
function headProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `This is not a Neon save: it holds ${describe(value)} where a save holds an object marked "format": "${SAVE_FORMAT}".`;
  }
  const file = value as Record<string, unknown>;
  if (!('format' in file)) {
    // The export button's JSON is the likeliest wrong file to be opened.
    if ('exportedAt' in file && 'calls' in file) return 'This is a Neon run export (calls and metrics), not a save: use Save to make a file that Open can load.';
    return `This is not a Neon save: it has no "format": "${SAVE_FORMAT}" marker.`;
  }
  if (file.format !== SAVE_FORMAT) return `This file's format is ${describe(file.format)}, not '${SAVE_FORMAT}', so it is not a Neon save.`;
  const { version, app } = file;
  if (version === undefined) return `This save has no version number; this release of Neon reads save version ${SAVE_VERSION}.`;
  if (typeof version === 'number' && Number.isInteger(version) && version > SAVE_VERSION) {
    const by = typeof app === 'string' ? `Neon ${describe(app)}, ` : '';
    return `This save comes from a newer release (${by}save version ${version}); this release (${APP_VERSION}) reads save version ${SAVE_VERSION}, so update Neon to open it.`;
  }
  if (version !== SAVE_VERSION) return `This save's version is ${describe(version)}, which no release of Neon writes; this release reads save version ${SAVE_VERSION}.`;
  return null;
}
