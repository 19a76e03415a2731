/**
 * The JSON a live model must answer each of the game master's questions in: the shape sent as
 * the response schema, and the zod check that reads the reply. A reply that fails the check
 * throws ModelError('bad-output'), so that assessment alone falls back. The narration is prose,
 * streamed, read as text.
 */
import { z } from 'zod';
import { ModelError } from '../../brain/errors.ts';
import type { PortableSchema } from '../../brain/prompt.ts';
import { jsonReply, type ReplySpec } from '../replySpec.ts';
import { EMOTES, OUTCOMES, TENSIONS, type Emote, type Outcome, type Tension } from './types.ts';

export type { ReplySpec } from '../replySpec.ts';

/** How the world takes the action; `reputation` is the change to the village's opinion. */
export interface WorldReply {
  readonly outcome: Outcome;
  readonly consequence: string;
  readonly reputation: number;
}
export interface PacingReply {
  readonly tension: Tension;
  readonly beat: string;
}
/** One NPC's reaction; `disposition` is the change toward the player. */
export interface NpcReply {
  readonly emote: Emote;
  readonly line: string;
  readonly disposition: number;
}
/** The village's opinion of the player after the turn (background). */
export interface ReputationReply {
  readonly reputation: number;
  readonly summary: string;
}
export interface MemoryReply {
  readonly memory: string;
}
/** What one NPC tells another; `shift` is the listener's change of disposition. */
export interface GossipReply {
  readonly line: string;
  readonly shift: number;
}

const TEXT_MAX = 400;
export const NARRATION_MAX = 1_200;
const text = z.string().trim().min(1).max(TEXT_MAX);
const change = (max: number): z.ZodNumber => z.number().min(-max).max(max);
const changeSchema = (max: number, description: string): PortableSchema => ({ type: 'number', minimum: -max, maximum: max, description });
const enumSchema = (values: readonly string[], description: string): PortableSchema => ({ type: 'string', enum: values, description });
const textSchema = (description: string): PortableSchema => ({ type: 'string', description });

export const worldReply: ReplySpec<WorldReply> = spec(
  {
    type: 'object',
    properties: {
      outcome: enumSchema(OUTCOMES, 'allowed: it happens; noticed: it happens and someone saw; blocked: it is stopped.'),
      consequence: textSchema('One short sentence: what changes in the world.'),
      reputation: changeSchema(0.5, "The change to the village's opinion of the player."),
    },
    required: ['outcome', 'consequence', 'reputation'],
  },
  z.object({ outcome: z.enum(OUTCOMES), consequence: text, reputation: change(0.5) }),
);

export const pacingReply: ReplySpec<PacingReply> = spec(
  {
    type: 'object',
    properties: { tension: enumSchema(TENSIONS, 'The tension of the scene now.'), beat: textSchema('One short sentence: what the story needs next.') },
    required: ['tension', 'beat'],
  },
  z.object({ tension: z.enum(TENSIONS), beat: text }),
);

export const npcReply: ReplySpec<NpcReply> = spec(
  {
    type: 'object',
    properties: {
      emote: enumSchema(EMOTES, 'The face the NPC makes.'),
      line: textSchema('What the NPC says or does, one sentence.'),
      disposition: changeSchema(0.6, "The change of the NPC's feeling toward the player."),
    },
    required: ['emote', 'line', 'disposition'],
  },
  z.object({ emote: z.enum(EMOTES), line: text, disposition: change(0.6) }),
);

export const reputationReply: ReplySpec<ReputationReply> = spec(
  {
    type: 'object',
    properties: { reputation: changeSchema(1, "The village's opinion of the player now, -1 to 1."), summary: textSchema('One short sentence.') },
    required: ['reputation', 'summary'],
  },
  z.object({ reputation: change(1), summary: text }),
);

export const memoryReply: ReplySpec<MemoryReply> = spec(
  { type: 'object', properties: { memory: textSchema('One short sentence in the first person.') }, required: ['memory'] },
  z.object({ memory: text }),
);

export const gossipReply: ReplySpec<GossipReply> = spec(
  {
    type: 'object',
    properties: { line: textSchema('What the speaker says, one sentence.'), shift: changeSchema(0.3, "The change of the listener's feeling toward the player.") },
    required: ['line', 'shift'],
  },
  z.object({ line: text, shift: change(0.3) }),
);

/** The narration: prose as it streams in, one short paragraph. */
export const narrationReply: ReplySpec<string> = {
  schema: { type: 'string', description: 'Two or three sentences of second-person narration.' },
  parse: (raw) => {
    const checked = z.string().trim().min(1).safeParse(raw);
    if (!checked.success) throw new ModelError('bad-output', 'The model sent an empty narration.');
    // Too long is clipped, not refused: the words that came are still the story.
    return checked.data.length > NARRATION_MAX ? `${checked.data.slice(0, NARRATION_MAX - 1)}…` : checked.data;
  },
};

/** A JSON reply whose checked value is the scenario's value as it is. */
function spec<S extends z.ZodType>(schema: PortableSchema, check: S): ReplySpec<z.infer<S>> {
  return jsonReply(schema, check, (value) => value);
}
