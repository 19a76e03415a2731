/**
 * The typed messages between the page and the simulation worker. Both directions are
 * discriminated unions on `type`, parsed with zod where they arrive, so neither side ever trusts
 * an `any`. `render/` and `ui/` import this file (and `config.ts`), never the worker's internals.
 */
import { z } from 'zod';
import { SCENARIOS } from './config.ts';
import { communitySceneSchema, communityViewSchema, personaStorySchema } from './scene.ts';
import { gameMasterSceneSchema, gameMasterViewSchema, lastTurnSchema } from './gamemasterScene.ts';
import { relationshipsSceneSchema, simDetailSchema } from './relationshipsScene.ts';
import { pipelineSceneSchema, pipelineViewSchema } from './pipelineScene.ts';
import { bulkArray, hasKeys, isNum, isNumOrNull, isRecord, isStr, isStrOrNull } from './bulkArray.ts';
import { packRecords, unpackRecords } from './recordColumns.ts';

/** Agent states as sent per tick in a Uint8Array (index = code). */
export const AGENT_STATES = ['idle', 'queued', 'thinking', 'decided', 'fellBack', 'retrying'] as const;
export type AgentStateName = (typeof AGENT_STATES)[number];
export const STATE_CODE: Readonly<Record<AgentStateName, number>> = {
  idle: 0, queued: 1, thinking: 2, decided: 3, fellBack: 4, retrying: 5,
};

// The wire's copies of lists the sim and brain own (directions, sources, failure kinds): the
// protocol may not import them, so worker/listsAgree.test.ts checks at compile time that they agree.
const direction = z.enum(['N', 'E', 'S', 'W', 'STAY']);
const source = z.enum(['gemini', 'openai', 'mock', 'fallback', 'none']);
const failureKind = z.enum([
  'invalid-key', 'rate-limit', 'quota-exhausted', 'server', 'network', 'timeout', 'blocked', 'truncated', 'bad-output', 'unknown',
]);
const failure = z.object({ kind: failureKind, message: z.string() });
const tokens = z.object({ promptTokens: z.number(), outputTokens: z.number(), totalTokens: z.number() });
const problem = z.object({ key: z.string(), message: z.string() });

// ---- page → worker ----

const seq = z.number().int().nonnegative();

export const commandSchema = z.discriminatedUnion('type', [
  /** `patch` is checked key by key in the worker (config.ts), so one bad key loses nothing else. */
  z.object({
    type: z.literal('configure'),
    seq,
    patch: z.record(z.string(), z.unknown()),
    /** Never echoed back: the page only learns `hasKey` and where the key may go. */
    apiKey: z.string().optional(),
    /** Where `apiKey` may be sent (a remembered key's endpoints); by default where calls go now. */
    keyOrigins: z.array(z.string()).optional(),
    /** The user agreed to send the key to this origin, where live calls now go. */
    allowOrigin: z.string().optional(),
  }),
  z.object({ type: z.literal('start'), seq }),
  z.object({ type: z.literal('pause'), seq }),
  z.object({ type: z.literal('step'), seq }),
  z.object({ type: z.literal('reset'), seq, seed: z.number().int().min(0).max(2_147_483_647).optional() }),
  z.object({ type: z.literal('select'), seq, agentId: z.number().int().nonnegative().nullable() }),
  /** Runs the current agents' next decisions twice with the mock, one at a time and all together. */
  z.object({ type: z.literal('race'), seq }),
  /** Asks for the run as a save file (see saveFile.ts); answered by a `saved` message, then the ack. */
  z.object({ type: z.literal('save'), seq, withCalls: z.boolean().optional() }),
  /** Replaces the run with a save file; checked in the worker, and a bad one changes nothing (the ack says why). */
  z.object({ type: z.literal('load'), seq, save: z.unknown() }),
  /** Puts a question to one persona of a community; answered by an `interview` message. Changes nothing in the run. */
  z.object({ type: z.literal('interview'), seq, agentId: z.number().int().nonnegative(), question: z.string().max(500) }),
  /** The player's action in the game master; answered by an `acted` message with the turn, then the ack. */
  z.object({ type: z.literal('act'), seq, text: z.string().max(1_000) }),
  /** Runs a failed relationship simulation again, alone; the ack says why not when it cannot be. */
  z.object({ type: z.literal('retrySim'), seq, sim: z.number().int().nonnegative() }),
  /** Opens one relationship simulation's transcript (sent with each scene), or closes it. */
  z.object({ type: z.literal('openSim'), seq, sim: z.number().int().nonnegative().nullable() }),
  /** Asks the OpenAI-compatible server at the base URL for its models (with the key bound to it), answered by a `connection` message. */
  z.object({ type: z.literal('testConnection'), seq }),
  /** Loads a DAG spec into the pipeline (a new world); the ack says why in a sentence when it is refused. */
  z.object({ type: z.literal('loadDag'), seq, spec: z.unknown() }),
  /** Every relationship simulation's transcript and scores, answered by an `exported` message. */
  z.object({ type: z.literal('exportSims'), seq }),
]);
export type Command = z.infer<typeof commandSchema>;
/** A command before the client numbers it. */
export type CommandBody = Command extends infer C ? (C extends { seq: number } ? Omit<C, 'seq'> : never) : never;

/**
 * Sent once, before any command: a port to the shared worker that keeps live keys' budgets for
 * every tab, or null where the browser has none (then this tab keeps its own).
 */
export const coordinatorMessageSchema = z.object({
  type: z.literal('coordinator'),
  port: z.custom<MessagePort>((value) => typeof MessagePort !== 'undefined' && value instanceof MessagePort).nullable(),
});
export type CoordinatorMessage = z.infer<typeof coordinatorMessageSchema>;

// ---- worker → page ----

const poi = z.object({ kind: z.enum(['food', 'water', 'plaza', 'library']), name: z.string(), x: z.number(), y: z.number() });
const agentInfo = z.object({ id: z.number(), name: z.string(), traits: z.array(z.string()), goal: z.string() });

/** An agent's newest decision, as both the per-tick updates and the inspector carry it. */
const decisionFields = {
  thought: z.string(),
  plan: z.string(),
  action: direction,
  say: z.string(),
  source,
  decisions: z.number(),
};

/** What changed for an agent when a decision was applied to it. */
const agentUpdate = z.object({
  id: z.number(),
  ...decisionFields,
  latencyMs: z.number().nullable(),
  attempts: z.number(),
  error: failure.nullable(),
});

const lastCall = z.object({
  latencyMs: z.number().nullable(),
  attempts: z.number(),
  outcome: z.enum(['success', 'fallback']),
  source: z.string(),
  error: failure.nullable(),
  prompt: z.string().nullable(),
  raw: z.string().nullable(),
  tokens: tokens.nullable(),
});

/** Everything the inspector shows about the selected agent, refreshed every tick. */
const agentDetail = z.object({
  id: z.number(),
  name: z.string(),
  traits: z.array(z.string()),
  goal: z.string(),
  x: z.number(),
  y: z.number(),
  state: z.enum(AGENT_STATES),
  needs: z.object({ hunger: z.number(), thirst: z.number() }),
  memories: z.array(z.string()),
  ...decisionFields,
  /** Where it walks now: `action` until a wall turns it (sim `Agent.heading`). */
  heading: direction,
  lastCall: lastCall.nullable(),
});

/** Which call, for whom, in which batch, queued when: shared by its starts and its summary. */
const callIdentity = {
  id: z.number(),
  agentId: z.number(),
  batch: z.string().nullable(),
  enqueuedAt: z.number(),
};

/** One settled job, on the worker's clock (ms), for timelines and exports. */
export const callSummary = z.object({
  ...callIdentity,
  startedAt: z.number().nullable(),
  /** When each attempt was sent: the gaps between them are retry backoff. */
  attemptStarts: z.array(z.number()),
  endedAt: z.number(),
  /** The attempts' own time, backoff waits left out: what the call costs one at a time (`CallRecord.callMs`). */
  callMs: z.number(),
  attempts: z.number(),
  outcome: z.enum(['success', 'fallback']),
  source: z.string(),
  errorKind: failureKind.nullable(),
});

/** A call's attempt leaving: timelines draw it running until its summary arrives. */
const callStart = z.object({
  ...callIdentity,
  startedAt: z.number(),
  attempt: z.number(),
});

// The fast paths of the tick's lists (bulkArray.ts): the plain shape only; the rest goes to zod.
const DIRECTIONS = new Set<unknown>(direction.options);
const SOURCES = new Set<unknown>(source.options);
const OUTCOMES = new Set<unknown>(['success', 'fallback']);
const FAILURE_KINDS = new Set<unknown>(failureKind.options);
/** The fields of each of a tick's per-call lists, in the order its columns are packed. */
const TICK_LIST_KEYS = {
  started: Object.keys(callStart.shape),
  calls: Object.keys(callSummary.shape),
  updates: Object.keys(agentUpdate.shape),
} as const;

// Each guard checks every field of its schema, so "exactly as many keys as the schema has" means
// "no others". Counted from the schemas: a field added to one cannot silently close its fast path.
const isIdentity = (v: Record<string, unknown>): boolean => isNum(v.id) && isNum(v.agentId) && isStrOrNull(v.batch) && isNum(v.enqueuedAt);
const isPlainStart = (v: unknown): boolean => isRecord(v) && hasKeys(v, TICK_LIST_KEYS.started.length) && isIdentity(v) && isNum(v.startedAt) && isNum(v.attempt);
const isPlainSummary = (v: unknown): boolean =>
  isRecord(v) && hasKeys(v, TICK_LIST_KEYS.calls.length) && isIdentity(v) && isNumOrNull(v.startedAt) && Array.isArray(v.attemptStarts) && v.attemptStarts.every(isNum) && isNum(v.endedAt) && isNum(v.callMs) && isNum(v.attempts) &&
  OUTCOMES.has(v.outcome) && isStr(v.source) && (v.errorKind === null || FAILURE_KINDS.has(v.errorKind));
/** An update without an error (an error object is rare: zod checks it). */
const isPlainUpdate = (v: unknown): boolean =>
  isRecord(v) && hasKeys(v, TICK_LIST_KEYS.updates.length) && isNum(v.id) && isStr(v.thought) && isStr(v.plan) && DIRECTIONS.has(v.action) && isStr(v.say) && SOURCES.has(v.source) && isNum(v.decisions) &&
  isNumOrNull(v.latencyMs) && isNum(v.attempts) && v.error === null;
/** Each tick list's item schema and its fast path (exported for bulkArray.test.ts). */
export const TICK_LISTS = {
  started: { item: callStart, isPlain: isPlainStart },
  calls: { item: callSummary, isPlain: isPlainSummary },
  updates: { item: agentUpdate, isPlain: isPlainUpdate },
} as const;
// Each list may arrive as columns (recordColumns.ts: the worker packs them) or as a plain array.
const callStarts = z.preprocess(unpackRecords, bulkArray(callStart, isPlainStart));
const callSummaries = z.preprocess(unpackRecords, bulkArray(callSummary, isPlainSummary));
const agentUpdates = z.preprocess(unpackRecords, bulkArray(agentUpdate, isPlainUpdate));

/** One side of a race: what started and settled since the last race message, and its wall time once done. */
const raceLane = z.object({ started: z.array(callStart), calls: z.array(callSummary), wallMs: z.number().nullable() });

const batchStats = z.object({
  id: z.string(),
  size: z.number(),
  wallMs: z.number(),
  waitedMs: z.number(),
  sumLatencyMs: z.number(),
  speedup: z.number(),
  answered: z.number(),
  fallbacks: z.number(),
});

const metrics = z.object({
  callsStarted: z.number(),
  callsSucceeded: z.number(),
  callsFailed: z.number(),
  retries: z.number(),
  fallbacks: z.number(),
  inFlight: z.number(),
  queued: z.number(),
  rpmLimit: z.number(),
  concurrency: z.number(),
  callsLastMinute: z.number(),
  budgetWaitMs: z.number().nullable(),
  pausedForMs: z.number(),
  liveDisabled: failure.nullable(),
  lastBatch: batchStats.nullable(),
  /** Batches that have sent calls and have more to send: their lanes are not finished. */
  unsent: z.array(z.object({ id: z.string(), calls: z.number() })),
  tokens,
  latencyP50: z.number().nullable(),
  latencyP95: z.number().nullable(),
  ticksPerSecond: z.number(),
  /** Live requests sent today, against `dailyLimit` (0: no limit). */
  requestsToday: z.number(),
  dailyLimit: z.number(),
});

export const workerMessageSchema = z.discriminatedUnion('type', [
  /** A new world: sent on start and on every reset or change that rebuilds it. */
  z.object({
    type: z.literal('world'),
    worldId: z.number(),
    width: z.number(),
    height: z.number(),
    walls: z.instanceof(Uint8Array),
    pois: z.array(poi),
    agents: z.array(agentInfo),
    /** The scenario this world belongs to (`grid`, or the community's personas on their grid). */
    scenario: z.enum(SCENARIOS),
    /** Belief columns per agent in each tick's `beliefs` (the community's topics); 0 for the grid. */
    topics: z.number().int().nonnegative(),
  }),
  /** One tick. `positions` is [x0, y0, x1, y1, …] and `states` one code per agent, both transferred. */
  z.object({
    type: z.literal('tick'),
    worldId: z.number(),
    tick: z.number(),
    running: z.boolean(),
    tickMs: z.number(),
    positions: z.instanceof(Uint16Array),
    states: z.instanceof(Uint8Array),
    updates: agentUpdates,
    selected: agentDetail.nullable(),
    /** The worker's clock (ms) at this tick: the time axis of every call time. */
    now: z.number(),
    started: callStarts,
    calls: callSummaries,
    metrics,
    /** The community's beliefs, [agent × topic] as hundredths (−100…100); null for the grid. */
    beliefs: z.instanceof(Int8Array).nullable(),
    /** Pairs talking now, [a0, b0, a1, b1, …], joined by a line; null when no one is. */
    links: z.instanceof(Uint16Array).nullable(),
    /** A word shown over each agent (a game master NPC's emote), '' for none; null for no labels. */
    emotes: z.array(z.string()).nullable(),
  }),
  /** A scenario's public state (the contract's `scene`) and what its panels draw, at most 4 times a second. */
  z.object({
    type: z.literal('scene'),
    worldId: z.number(),
    scene: communitySceneSchema,
    view: communityViewSchema,
    /** The selected persona's story, or null. */
    persona: personaStorySchema.nullable(),
  }),
  /** The game master's public state and what its panel draws, at most 4 times a second. */
  z.object({ type: z.literal('gmScene'), worldId: z.number(), scene: gameMasterSceneSchema, view: gameMasterViewSchema }),
  /** The relationship simulations' public state and cards, and the open simulation's transcript, at most 4 times a second. */
  z.object({ type: z.literal('relScene'), worldId: z.number(), scene: relationshipsSceneSchema, detail: simDetailSchema.nullable() }),
  /** The pipeline's public state and what its panel draws, at most 4 times a second. */
  z.object({ type: z.literal('pipeScene'), worldId: z.number(), scene: pipelineSceneSchema, view: pipelineViewSchema }),
  /** What the connection test found: the server's models, or what went wrong in one sentence. */
  z.object({
    type: z.literal('connection'),
    seq: z.number(),
    result: z.union([
      z.object({ ok: z.literal(true), models: z.array(z.string()) }),
      z.object({ ok: z.literal(false), reason: z.enum(['down', 'cors', 'key', 'not-found', 'other']), message: z.string() }),
    ]),
  }),
  /** A scenario's export as text (JSON), answering `exportSims`. */
  z.object({ type: z.literal('exported'), seq: z.number(), text: z.string() }),
  /** One game master turn, answering an `act` command. */
  z.object({ type: z.literal('acted'), seq: z.number(), turn: lastTurnSchema }),
  /** A persona's answer to an interview question (the run is unchanged). */
  z.object({ type: z.literal('interview'), seq: z.number(), agentId: z.number(), question: z.string(), answer: z.string(), source: z.string(), prompt: z.string().nullable() }),
  /** The settings in force, after a configure (problems name the keys that were refused). */
  z.object({
    type: z.literal('config'),
    seq: z.number().nullable(),
    config: z.record(z.string(), z.unknown()),
    hasKey: z.boolean(),
    /** The endpoints (origins) the key may go to. */
    keyOrigins: z.array(z.string()),
    /** Live calls would go where the key may not: the page asks before it does. */
    keyBlocked: z.object({ origin: z.string(), host: z.string() }).nullable(),
    problems: z.array(problem),
  }),
  /** A command has been handled and its effects posted; `error` says in one sentence why it failed, if it did. */
  z.object({ type: z.literal('ack'), seq: z.number(), error: z.string().optional() }),
  /** The run as a save file, answering a `save` command. */
  z.object({ type: z.literal('saved'), seq: z.number(), save: z.unknown() }),
  /** The run as a save file (its JSON text in parts, for `load` to join), every few seconds: what a restarted worker resumes from (never the key). */
  z.object({ type: z.literal('checkpoint'), save: z.unknown() }),
  /** A race's progress (deltas since the previous race message), and its result once done. */
  z.object({
    type: z.literal('race'),
    raceId: z.number(),
    /** `cancelled`: a reset (or the worker shutting down) stopped it before it finished. */
    status: z.enum(['running', 'done', 'cancelled']),
    size: z.number(),
    startedAt: z.number(),
    now: z.number(),
    sequential: raceLane,
    parallel: raceLane,
    /** A third lane, when the race has one: a pipeline's nodes each as soon as its inputs are ready. */
    ready: raceLane.optional(),
  }),
  /** Something the user should read, in one sentence; `code` lets the page replace or clear it. */
  z.object({ type: z.literal('notice'), code: z.string(), level: z.enum(['info', 'warning', 'error']), message: z.string().nullable() }),
]);
export type WorkerMessage = z.infer<typeof workerMessageSchema>;
export type WorldMessage = Extract<WorkerMessage, { type: 'world' }>;
export type TickMessage = Extract<WorkerMessage, { type: 'tick' }>;
export type AgentUpdate = z.infer<typeof agentUpdate>;
export type AgentDetail = z.infer<typeof agentDetail>;
export type CallSummary = z.infer<typeof callSummary>;
export type CallStart = z.infer<typeof callStart>;
export type RaceMessage = Extract<WorkerMessage, { type: 'race' }>;
export type SceneMessage = Extract<WorkerMessage, { type: 'scene' }>;
export type InterviewMessage = Extract<WorkerMessage, { type: 'interview' }>;
export type GmSceneMessage = Extract<WorkerMessage, { type: 'gmScene' }>;
export type RelSceneMessage = Extract<WorkerMessage, { type: 'relScene' }>;
export type PipeSceneMessage = Extract<WorkerMessage, { type: 'pipeScene' }>;
export type ConnectionResult = Extract<WorkerMessage, { type: 'connection' }>['result'];
export type ActedMessage = Extract<WorkerMessage, { type: 'acted' }>;
export type RaceLane = z.infer<typeof raceLane>;
export type Metrics = z.infer<typeof metrics>;
export type BatchSummary = z.infer<typeof batchStats>;

/**
 * The tick as the worker posts it: its per-call lists as columns (recordColumns.ts), their
 * buffers added to `transfer`. The page's schema unpacks them before it checks them.
 */
export function packTick(message: TickMessage, transfer: Transferable[]): unknown {
  return {
    ...message,
    started: packRecords(message.started, TICK_LIST_KEYS.started, transfer),
    calls: packRecords(message.calls, TICK_LIST_KEYS.calls, transfer),
    updates: packRecords(message.updates, TICK_LIST_KEYS.updates, transfer),
  };
}
