/**
 * What the relationship simulations tell the page, checked with zod where it arrives: the
 * contract's public state (`snapshot().scene`), each simulation's card, and the transcript of the
 * one the page has open. The shapes mirror `scenarios/relationships/sceneView.ts` (the worker's
 * `relationshipsWire.ts` copies one into the other and the compiler checks it), because the
 * protocol may not import the scenarios.
 */
import { z } from 'zod';

/** The most simulations a race takes: twelve of three scenes one after another at 500 ms is already two minutes. */
export const RACE_MAX_SIMS = 12;

const status = z.enum(['running', 'done', 'failed']);
const pairOf = <T extends z.ZodType>(item: T) => z.tuple([item, item]);

/** One simulation's card: the contract's fields, then what the card draws. */
export const simCardSchema = z.object({
  id: z.number(),
  status,
  scene: z.number(),
  scenes: z.number(),
  commitment: z.array(z.number()),
  error: z.string().nullable(),
  names: pairOf(z.string()),
  hues: pairOf(z.number()),
  emotions: pairOf(z.string()),
  step: z.string().nullable(),
  calls: z.number(),
  fallbacks: z.number(),
  ownMs: z.number(),
  retries: z.number(),
  retrying: z.boolean(),
});

/** The contract's `scene` for `scenario=relationships`, with the set's progress. */
export const relationshipsSceneSchema = z.object({
  sims: z.array(simCardSchema),
  wallMs: z.number().nullable(),
  sumMs: z.number().nullable(),
  /** The least one after another could take under the same budget (0: no budget binds). */
  floorMs: z.number().nullable(),
  speedup: z.number().nullable(),
  /** (latest − earliest end) / mean end of the first pass, once it has ended. */
  spread: z.number().nullable(),
  /** From the start of the first pass to now, or to its end; null before it starts. */
  elapsedMs: z.number().nullable(),
  running: z.number(),
  done: z.number(),
  failed: z.number(),
});

const persona = z.object({
  name: z.string(),
  likes: pairOf(z.string()),
  dislikes: z.string(),
  warmth: z.number(),
  assertiveness: z.number(),
  hue: z.number(),
});

/** The open simulation: its pair, transcript and scores. */
export const simDetailSchema = z.object({
  id: z.number(),
  status,
  error: z.string().nullable(),
  pair: pairOf(persona),
  setting: z.string().nullable(),
  affinity: pairOf(z.number()),
  emotions: pairOf(z.string()),
  commitment: z.array(z.number()),
  memories: pairOf(z.array(z.string())),
  transcript: z.array(z.object({
    scene: z.number(),
    step: z.string(),
    speaker: z.union([z.literal('master'), z.literal(0), z.literal(1)]),
    text: z.string(),
    source: z.string(),
    ms: z.number(),
  })),
  calls: z.number(),
  fallbacks: z.number(),
  ownMs: z.number(),
  retries: z.number(),
});

export type SimCardWire = z.infer<typeof simCardSchema>;
export type RelationshipsSceneWire = z.infer<typeof relationshipsSceneSchema>;
export type SimDetailWire = z.infer<typeof simDetailSchema>;
