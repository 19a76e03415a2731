/**
 * What the game master tells the page, checked with zod where it arrives: the contract's public
 * state (`snapshot().scene`) and what its panel draws. The shapes mirror
 * `scenarios/gamemaster/sceneView.ts` and `types.ts` (checked at compile time in
 * `worker/listsAgree.test.ts`), because the protocol may not import the scenarios.
 */
import { z } from 'zod';

const source = z.enum(['model', 'cache', 'fallback']);
const assessment = z.object({ name: z.string(), source, ms: z.number() });
const late = z.object({ name: z.string(), ms: z.number(), applied: z.boolean() });
const turnBackground = z.object({ jobs: z.number(), prefetch: z.number(), pending: z.number(), done: z.number() });

/** The contract's `lastTurn`, with first words, the rest of the reply and late answers. */
export const lastTurnSchema = z.object({
  turn: z.number(),
  action: z.string(),
  responseMs: z.number(),
  firstWordsMs: z.number(),
  narration: z.string(),
  lines: z.array(z.string()),
  assessments: z.array(assessment),
  late: z.array(late),
  background: turnBackground,
});

/** The contract's `scene` for `scenario=gamemaster`. */
export const gameMasterSceneSchema = z.object({
  turns: z.number(),
  lastTurn: lastTurnSchema.nullable(),
  response: z.object({ p50: z.number(), p95: z.number(), firstWords: z.object({ p50: z.number(), p95: z.number() }) }),
  cache: z.object({ hits: z.number(), misses: z.number(), hitRate: z.number(), joined: z.number() }),
  background: z.object({ pending: z.number(), done: z.number() }),
  prefetch: z.object({ calls: z.number(), landed: z.number(), hits: z.number() }),
  fallbacks: z.number(),
  assessed: z.number(),
});

const bar = z.object({
  name: z.string(),
  lane: z.enum(['interactive', 'background']),
  source,
  startMs: z.number(),
  endMs: z.number().nullable(),
  late: z.boolean(),
});

const turnRecord = z.object({
  turn: z.number(),
  action: z.string(),
  mode: z.enum(['parallel', 'sequential']),
  responseMs: z.number(),
  firstWordsMs: z.number(),
  narration: z.string(),
  lines: z.array(z.string()),
  assessments: z.array(assessment),
  late: z.array(late),
  background: turnBackground,
  deadlineMs: z.number().nullable(),
  bars: z.array(bar),
});

/** What the game master's panel draws besides the grid (which the tick carries). */
export const gameMasterViewSchema = z.object({
  places: z.array(z.object({ id: z.string(), name: z.string(), x: z.number(), y: z.number() })),
  player: z.object({ x: z.number(), y: z.number(), place: z.string().nullable(), inventory: z.array(z.string()) }),
  npcs: z.array(z.object({
    id: z.number(),
    name: z.string(),
    trade: z.string(),
    temper: z.string(),
    place: z.string(),
    disposition: z.number(),
    emote: z.string(),
    inReach: z.boolean(),
    memory: z.array(z.string()),
  })),
  period: z.string(),
  reputation: z.number(),
  tension: z.string(),
  log: z.array(z.object({ turn: z.number(), action: z.string(), text: z.string(), source })),
  streaming: z.string().nullable(),
  suggestions: z.array(z.string()),
  gossip: z.array(z.string()),
  lastTurn: turnRecord.nullable(),
  turns: z.array(turnRecord),
  deadlineMs: z.number(),
  mode: z.enum(['parallel', 'sequential']),
  cacheEnabled: z.boolean(),
});

export type GameMasterSceneWire = z.infer<typeof gameMasterSceneSchema>;
export type GameMasterViewWire = z.infer<typeof gameMasterViewSchema>;
export type LastTurnWire = z.infer<typeof lastTurnSchema>;
export type TurnRecordWire = z.infer<typeof turnRecord>;
