/**
 * The JSON a live model must answer each of the simulations' questions in: the shape sent as the
 * response schema, and the zod check that reads the reply. A reply that fails the check throws
 * ModelError('bad-output'), so that one call falls back (`simState.ts` says when a simulation
 * with too many of them fails).
 */
import { z } from 'zod';
import type { PortableSchema } from '../../brain/prompt.ts';
import { jsonReply, type ReplySpec } from '../replySpec.ts';
import { EMOTIONS, MOVES, VALUES, type ActReply, type AppraisalReply, type CommitReply, type ContextReply, type ReflectReply } from './types.ts';

const TEXT_MAX = 400;
const text = z.string().trim().min(1).max(TEXT_MAX);
const unit = z.number().min(0).max(1);
const textSchema = (description: string): PortableSchema => ({ type: 'string', description });
const enumSchema = (values: readonly string[], description: string): PortableSchema => ({ type: 'string', enum: values, description });

export const contextReply: ReplySpec<ContextReply> = jsonReply(
  {
    type: 'object',
    properties: { setting: textSchema('One sentence: where the two are and what is happening.'), topic: enumSchema(VALUES, 'What the scene is about.') },
    required: ['setting', 'topic'],
  },
  z.object({ setting: text, topic: z.enum(VALUES) }),
  (value) => value,
);

export const actReply: ReplySpec<ActReply> = jsonReply(
  {
    type: 'object',
    properties: {
      move: enumSchema(MOVES, 'What you do.'),
      topic: enumSchema(VALUES, 'What you talk about.'),
      line: textSchema('What you say, one or two sentences.'),
    },
    required: ['move', 'topic', 'line'],
  },
  z.object({ move: z.enum(MOVES), topic: z.enum(VALUES), line: text }),
  (value) => value,
);

export const appraisalReply: ReplySpec<AppraisalReply> = jsonReply(
  {
    type: 'object',
    properties: {
      emotion: enumSchema(EMOTIONS, 'How you feel about what your partner just did.'),
      intensity: { type: 'number', minimum: 0, maximum: 1, description: '0 barely, 1 overwhelmingly.' },
      why: textSchema('One short sentence.'),
    },
    required: ['emotion', 'intensity', 'why'],
  },
  z.object({ emotion: z.enum(EMOTIONS), intensity: unit, why: text }),
  (value) => value,
);

export const reflectReply: ReplySpec<ReflectReply> = jsonReply(
  {
    type: 'object',
    properties: {
      reflection: textSchema('One or two sentences about the scene and your partner.'),
      affinity: { type: 'number', minimum: -1, maximum: 1, description: 'How you now feel about your partner, -1 (cold) to 1 (close).' },
    },
    required: ['reflection', 'affinity'],
  },
  z.object({ reflection: text, affinity: z.number().min(-1).max(1) }),
  (value) => value,
);

export const commitReply: ReplySpec<CommitReply> = jsonReply(
  {
    type: 'object',
    properties: {
      commitment: { type: 'number', minimum: 0, maximum: 1, description: "The pair's commitment to each other now, 0 (none) to 1 (complete)." },
      reason: textSchema('One sentence.'),
    },
    required: ['commitment', 'reason'],
  },
  z.object({ commitment: unit, reason: text }),
  (value) => value,
);
