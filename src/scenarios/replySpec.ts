/**
 * How a scenario reads a live model's JSON reply: the shape sent as the response schema, and a
 * zod check that reads the reply. A reply that fails the check throws ModelError('bad-output'),
 * so the scheduler falls back for that one ask alone. Every scenario's replies are built here.
 */
import type { z } from 'zod';
import { ModelError } from '../brain/errors.ts';
import type { PortableSchema } from '../brain/prompt.ts';

/** A reply shape and its reader. */
export interface ReplySpec<Res> {
  readonly schema: PortableSchema;
  parse(raw: string): Res;
}

/** A JSON reply checked with `check`, then turned into the scenario's value by `read`. */
export function jsonReply<S extends z.ZodType, Res>(schema: PortableSchema, check: S, read: (value: z.infer<S>) => Res): ReplySpec<Res> {
  return {
    schema,
    parse: (raw) => {
      const parsed = check.safeParse(readJson(raw));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'reply';
        throw new ModelError('bad-output', `The model reply does not match the asked shape (${where}: ${issue?.message ?? 'invalid'}).`);
      }
      return read(parsed.data);
    },
  };
}

/** The reply's JSON; models sometimes wrap it in a Markdown fence even when asked for JSON only. */
export function readJson(raw: string): unknown {
  const trimmed = raw.trim();
  const body = /^```(?:json)?\s*\n?([\s\S]*?)\n?```$/i.exec(trimmed)?.[1]?.trim() ?? trimmed;
  if (body === '') throw new ModelError('bad-output', 'The model sent an empty reply.');
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new ModelError('bad-output', 'The model reply is not valid JSON.', { cause: error });
  }
}
