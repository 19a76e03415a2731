/**
 * The tick's lists take a fast path (bulkArray.ts) that must never accept what their zod schema
 * refuses, nor hand on anything the schema would not. Checked on records whose fields are each
 * either a valid value or anything at all, and through the whole tick message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bulkArray } from './bulkArray.ts';
import { tickFixture } from './protocol.fixture.ts';
import { TICK_LISTS, workerMessageSchema } from './protocol.ts';

const anything = fc.anything({ withTypedArray: true, withNullPrototype: true, withBoxedValues: true, withSparseArray: true });
const num = fc.oneof(fc.integer(), fc.double(), fc.constant(Number.NaN), fc.constant(Infinity));
const nullable = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.constant(null));
/** Valid-looking values per field (with near misses: NaN, Infinity, wrong enum words). */
const FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  id: num, agentId: num, batch: nullable(fc.string()), enqueuedAt: num, startedAt: nullable(num), attempt: num,
  attemptStarts: fc.array(num, { maxLength: 3 }), endedAt: num, attempts: num, outcome: fc.constantFrom('success', 'fallback', 'running'),
  source: fc.constantFrom('mock', 'gemini', 'openai', 'fallback', 'none', 'other'), errorKind: nullable(fc.constantFrom('server', 'timeout', 'nope')),
  thought: fc.string(), plan: fc.string(), say: fc.string(), action: fc.constantFrom('N', 'E', 'S', 'W', 'STAY', 'UP'), decisions: num, latencyMs: nullable(num),
  error: nullable(fc.record({ kind: fc.constantFrom('server', 'nope'), message: fc.string() })),
};
/** A record with each field either from FIELDS or anything, sometimes missing. */
const recordish = fc.dictionary(fc.constantFrom(...Object.keys(FIELDS)), fc.constant(0), { minKeys: 0, maxKeys: 14 }).chain((keys) =>
  fc.record(Object.fromEntries(Object.keys(FIELDS).map((k) => [k, k in keys ? fc.oneof(anything, FIELDS[k] ?? anything) : (FIELDS[k] ?? anything)])), { requiredKeys: [] }),
);
const lists = fc.oneof(fc.array(fc.oneof(recordish, anything), { maxLength: 4 }), anything);

describe('bulkArray: the fast path agrees with zod', () => {
  for (const [name, { item, isPlain }] of Object.entries(TICK_LISTS)) {
    it(`${name}: accepts exactly what z.array accepts, and hands on the same values`, () => {
      const fast = bulkArray(item as z.ZodType, isPlain);
      const full = z.array(item as z.ZodType);
      fc.assert(
        fc.property(lists, (value) => {
          const a = fast.safeParse(value);
          const b = full.safeParse(value);
          expect(a.success).toBe(b.success);
          if (a.success && b.success) expect(a.data).toEqual(b.data);
          if (!a.success) expect(a.error.issues[0]?.message.length ?? 0).toBeGreaterThan(0);
        }),
        { numRuns: 2_000 },
      );
    });
  }

  it('takes the fast path for plain records of every list (no copy) and names a bad field through the message', () => {
    const call = { id: 1, agentId: 1, batch: 'b', enqueuedAt: 0, startedAt: 1, attemptStarts: [1], endedAt: 2, callMs: 1, attempts: 1, outcome: 'success' as const, source: 'mock', errorKind: null };
    const calls = [call];
    const started = [{ id: 1, agentId: 1, batch: null, enqueuedAt: 0, startedAt: 1, attempt: 1 }];
    const updates = [{ id: 1, thought: 't', plan: 'p', action: 'N' as const, say: '', source: 'mock' as const, decisions: 1, latencyMs: 500, attempts: 1, error: null }];
    const ok = workerMessageSchema.safeParse(tickFixture({ calls, started, updates }));
    // The same arrays, not copies: zod would have built new ones, so each list took its fast path.
    expect(ok.success && ok.data.type === 'tick' && ok.data.calls).toBe(calls);
    expect(ok.success && ok.data.type === 'tick' && ok.data.started).toBe(started);
    expect(ok.success && ok.data.type === 'tick' && ok.data.updates).toBe(updates);
    const bad = workerMessageSchema.safeParse(tickFixture({ calls: [{ ...call, endedAt: 'soon' as unknown as number }] }));
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['calls', 0, 'endedAt']);
  });
});
