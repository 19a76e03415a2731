/**
 * A list of many small records checked without zod's per-object cost, for the tick's per-call
 * lists (thousands a second when 1,000 agents think). Zod checks every object and copies it; in
 * the page, whose CSP has no 'unsafe-eval', it cannot compile its checks either, so a tick of
 * 1,000 answers cost ~0.1 ms of main-thread JavaScript per frame in parsing and the garbage it
 * leaves. Here a hand-written guard accepts the plain, common shape as it is (no copy), and
 * anything else — a null where a record was, an error object, a wrong type — goes through the
 * full schema, so a refusal still names the field. Rule: a guard may only accept what its schema
 * accepts (it may refuse more); protocol/bulkArray.test.ts checks that on arbitrary input.
 */
import { z } from 'zod';

/** `z.array(item)`, with `isPlain` as the fast path for each element. */
export function bulkArray<T extends z.ZodType>(item: T, isPlain: (value: unknown) => boolean) {
  const full = z.array(item);
  return z.unknown().transform((value, ctx): z.output<T>[] => {
    if (Array.isArray(value) && allPlain(value, isPlain)) return value as z.output<T>[];
    const parsed = full.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, input: undefined } as Parameters<typeof ctx.addIssue>[0]);
    return z.NEVER;
  });
}

/** Every index, holes too (`every` would skip a hole, which zod refuses). */
function allPlain(list: readonly unknown[], isPlain: (value: unknown) => boolean): boolean {
  for (let i = 0; i < list.length; i++) if (!isPlain(list[i])) return false;
  return true;
}

/**
 * Exactly `n` enumerable keys: with every one of a schema's `n` fields checked, the record has no
 * others, so the fast path hands on what zod would (zod drops unknown keys). No allocation.
 */
export function hasKeys(v: object, n: number): boolean {
  let count = 0;
  for (const key in v) if (++count > n || key === '__proto__') return false;
  return count === n;
}

/** A record (not null, not an array). */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** What `z.number()` accepts: finite numbers. */
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isNumOrNull = (v: unknown): boolean => v === null || isNum(v);
export const isStr = (v: unknown): v is string => typeof v === 'string';
export const isStrOrNull = (v: unknown): boolean => v === null || typeof v === 'string';
