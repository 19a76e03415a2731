/**
 * The JSON a live model must answer each of the community's questions in: the shape sent as the
 * response schema, and the zod check that reads the reply. A reply that fails the check throws
 * ModelError('bad-output'), so the scheduler falls back for that persona alone.
 */
import { z } from 'zod';
import type { PortableSchema } from '../../brain/prompt.ts';
import { jsonReply, type ReplySpec } from '../replySpec.ts';
import type { Topic } from './types.ts';

/** A reply shape and its reader. */
export type { ReplySpec } from '../replySpec.ts';

export interface ArgumentReply {
  readonly argument: string;
  /** The position argued, −1 (against) to 1 (for). */
  readonly stance: number;
}
/** One new belief and why, per topic (in topic order). */
export type UpdateReply = readonly { readonly belief: number; readonly reason: string }[];
export interface TextReply {
  readonly text: string;
}
export interface PostReply {
  readonly topic: number;
  readonly text: string;
}
export type ReactionsReply = readonly { readonly post: number; readonly up: boolean }[];
/** The chosen option's index (0: for, 1: against), per topic. */
export type VoteReply = readonly number[];
export interface InterviewReply {
  readonly answer: string;
}

const TEXT_MAX = 600;
const text = z.string().trim().min(1).max(TEXT_MAX);
const belief = z.number().min(-1).max(1);
const beliefSchema = { type: 'number', minimum: -1, maximum: 1, description: 'From -1 (strongly against) to 1 (strongly for).' } as const;

/** A debater's argument: `{ argument, stance }`. */
export const argumentReply: ReplySpec<ArgumentReply> = jsonReply(
  { type: 'object', properties: { argument: { type: 'string', description: 'Two or three sentences.' }, stance: beliefSchema }, required: ['argument', 'stance'] },
  z.object({ argument: text, stance: belief }),
  (value) => value,
);

/** A chat line or similar: `{ text }`. */
export const textReply: ReplySpec<TextReply> = jsonReply(
  { type: 'object', properties: { text: { type: 'string', description: 'One to three sentences.' } }, required: ['text'] },
  z.object({ text }),
  (value) => value,
);

/** An interview's answer: `{ answer }`. */
export const interviewReply: ReplySpec<InterviewReply> = jsonReply(
  { type: 'object', properties: { answer: { type: 'string', description: 'One to three sentences, in your own voice.' } }, required: ['answer'] },
  z.object({ answer: text }),
  (value) => value,
);

/** A belief update: `{ t0: { belief, reason }, t1: … }`, one entry per topic. */
export function updateReply(topics: readonly Topic[]): ReplySpec<UpdateReply> {
  const entry = z.object({ belief, reason: z.string().trim().max(TEXT_MAX) });
  const entrySchema: PortableSchema = { type: 'object', properties: { belief: beliefSchema, reason: { type: 'string', description: 'One short sentence.' } }, required: ['belief', 'reason'] };
  return jsonReply(
    { type: 'object', properties: Object.fromEntries(topics.map((t) => [t.key, entrySchema])), required: topics.map((t) => t.key) },
    z.object(Object.fromEntries(topics.map((t) => [t.key, entry]))),
    (value) => topics.map((t) => value[t.key] ?? { belief: 0, reason: '' }),
  );
}

/** A post: `{ topic, text }`, the topic by its key. */
export function postReply(topics: readonly Topic[]): ReplySpec<PostReply> {
  const keys = topics.map((t) => t.key);
  return jsonReply(
    { type: 'object', properties: { topic: { type: 'string', enum: keys, description: 'The topic the post is about.' }, text: { type: 'string', description: 'One to three sentences.' } }, required: ['topic', 'text'] },
    z.object({ topic: z.enum(keys as [string, ...string[]]), text }),
    (value) => ({ topic: keys.indexOf(value.topic), text: value.text }),
  );
}

/** Reactions to the posts shown: `{ "post-12": "up" | "down", … }`, one per post. */
export function reactionsReply(postIds: readonly number[]): ReplySpec<ReactionsReply> {
  const keys = postIds.map((id) => `post-${id}`);
  const vote = { type: 'string', enum: ['up', 'down'] } as const;
  return jsonReply(
    { type: 'object', properties: Object.fromEntries(keys.map((key) => [key, vote])), required: keys },
    z.object(Object.fromEntries(keys.map((key) => [key, z.enum(['up', 'down'])]))),
    (value) => postIds.map((post, index) => ({ post, up: value[keys[index] ?? ''] === 'up' })),
  );
}

/** A vote: `{ t0: <one of t0's options>, … }`. */
export function voteReply(topics: readonly Topic[]): ReplySpec<VoteReply> {
  return jsonReply(
    { type: 'object', properties: Object.fromEntries(topics.map((t) => [t.key, { type: 'string', enum: [...t.options] }])), required: topics.map((t) => t.key) },
    z.object(Object.fromEntries(topics.map((t) => [t.key, z.enum(t.options)]))),
    (value) => topics.map((t) => t.options.indexOf(value[t.key] ?? t.options[0])),
  );
}
