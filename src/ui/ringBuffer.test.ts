import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ringBuffer.ts';

describe('RingBuffer', () => {
  it('keeps the newest items up to its capacity, oldest first', () => {
    const ring = new RingBuffer<number>(3);
    expect(ring.toArray()).toEqual([]);
    expect(ring.oldest()).toBeUndefined();
    for (let i = 1; i <= 7; i++) ring.push(i);
    expect(ring.size).toBe(3);
    expect(ring.toArray()).toEqual([5, 6, 7]);
    expect(ring.oldest()).toBe(5);
  });

  it('shifts from the old end and keeps order across the wrap', () => {
    const ring = new RingBuffer<string>(3);
    for (const item of ['a', 'b', 'c', 'd']) ring.push(item);
    expect(ring.shift()).toBe('b');
    ring.push('e');
    expect(ring.toArray()).toEqual(['c', 'd', 'e']);
    expect([ring.shift(), ring.shift(), ring.shift(), ring.shift()]).toEqual(['c', 'd', 'e', undefined]);
    expect(ring.size).toBe(0);
    ring.push('f');
    expect(ring.toArray()).toEqual(['f']);
  });

  it('clears, and refuses a capacity that is not a whole number of at least 1', () => {
    const ring = new RingBuffer<number>(2);
    ring.push(1);
    ring.clear();
    expect(ring.size).toBe(0);
    expect(ring.toArray()).toEqual([]);
    for (const bad of [0, -1, 1.5, NaN]) expect(() => new RingBuffer(bad)).toThrow(RangeError);
  });

  it('matches an unbounded array trimmed to the capacity, whatever the mix of pushes and shifts', () => {
    // null stands for a shift; a number is pushed.
    const operations = fc.array(fc.option(fc.integer(), { nil: null }), { maxLength: 200 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), operations, (capacity, ops) => {
        const ring = new RingBuffer<number>(capacity);
        let model: number[] = [];
        for (const op of ops) {
          if (op === null) {
            expect(ring.shift()).toBe(model.shift());
          } else {
            ring.push(op);
            model = [...model, op].slice(-capacity);
          }
          expect(ring.toArray()).toEqual(model);
          expect(ring.size).toBeLessThanOrEqual(capacity);
        }
      }),
    );
  });
});
