import { z } from 'zod';
import { DIRECTIONS, type Decision } from '../sim/types.ts';

/** The reply every brain must give, checked at the boundary. */
export const decisionSchema = z.object({
  thought: z.string().min(1).max(500),
  plan: z.string().min(1).max(500),
  action: z.enum(DIRECTIONS),
  say: z.string().max(200).optional(),
});

/** Parses an unknown value into a Decision, or returns the first schema problem as a sentence. */
export function parseDecision(value: unknown): { ok: true; decision: Decision } | { ok: false; problem: string } {
  const result = decisionSchema.safeParse(value);
  if (result.success) {
    const { say, ...rest } = result.data;
    return { ok: true, decision: say === undefined ? rest : { ...rest, say } };
  }
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'reply';
  return { ok: false, problem: `${where}: ${issue?.message ?? 'invalid'}` };
}
