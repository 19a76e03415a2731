/**
 * The columns must give back exactly the newest `capacity` calls pushed, in order, whatever the
 * mix of fields, across growth, wrap-around, clears and the word table's pruning.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallSummary } from '../../protocol/protocol.ts';
import { SettledCalls } from './settledCalls.ts';

const time = fc.double({ min: 0, max: 1e7, noNaN: true });
const call: fc.Arbitrary<CallSummary> = fc
  .record({
    id: fc.nat(),
    agentId: fc.nat(),
    // A few shared batch ids and many unique ones, as batches come and go.
    batch: fc.oneof(fc.constant(null), fc.constantFrom('tick-1', 'tick-2', 'race'), fc.uuid()),
    enqueuedAt: time,
    startedAt: fc.oneof(fc.constant(null), time),
    extra: fc.array(time, { maxLength: 3 }),
    endedAt: time,
    callMs: time,
    attempts: fc.integer({ min: 0, max: 5 }),
    outcome: fc.constantFrom('success' as const, 'fallback' as const),
    source: fc.constantFrom('mock', 'gemini', 'openai', 'fallback', 'other'),
    errorKind: fc.constantFrom(null, 'timeout' as const, 'server' as const),
    shape: fc.constantFrom('none', 'started', 'own'),
  })
  .map(({ extra, shape, ...c }) => ({
    ...c,
    attemptStarts: shape === 'none' || c.startedAt === null ? (shape === 'own' ? extra : []) : shape === 'started' ? [c.startedAt] : [c.startedAt, ...extra],
  }));
/** Pushes, with now and then a clear. */
const steps = fc.array(fc.oneof({ arbitrary: call, weight: 20 }, { arbitrary: fc.constant('clear' as const), weight: 1 }), { maxLength: 300 });

describe('SettledCalls: the newest settled calls as columns', () => {
  it('gives back exactly the newest calls pushed, oldest first, like a plain ring', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), steps, (capacity, list) => {
        const kept = new SettledCalls(capacity);
        let plain: CallSummary[] = [];
        for (const step of list) {
          if (step === 'clear') {
            kept.clear();
            plain = [];
          } else {
            kept.push(step);
            plain = [...plain, step].slice(-capacity);
          }
        }
        expect(kept.size).toBe(plain.length);
        expect(kept.toArray()).toEqual(plain);
        // The word table is pruned: it holds no more than a few words per call kept.
        expect(kept.wordCount).toBeLessThanOrEqual(8 * Math.max(1, plain.length) + 64);
      }),
      { numRuns: 300 },
    );
  });

  it('grows past its first columns and wraps at its capacity', () => {
    const kept = new SettledCalls(3_000);
    const make = (id: number): CallSummary => ({ id, agentId: id % 7, batch: `b-${Math.floor(id / 100)}`, enqueuedAt: id, startedAt: id + 1, attemptStarts: [id + 1], endedAt: id + 2, callMs: 1, attempts: 1, outcome: 'success', source: 'mock', errorKind: null });
    for (let id = 0; id < 5_000; id++) kept.push(make(id));
    const all = kept.toArray();
    expect(all).toHaveLength(3_000);
    expect(all[0]).toEqual(make(2_000));
    expect(all[2_999]).toEqual(make(4_999));
  });

  it('refuses a capacity that is not a whole number of at least 1', () => {
    expect(() => new SettledCalls(0)).toThrow(RangeError);
    expect(() => new SettledCalls(1.5)).toThrow(RangeError);
  });
});
