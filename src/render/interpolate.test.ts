import { describe, expect, it } from 'vitest';
import { alphaAt, findMovers, interpolateMovers, interpolatePositions } from './interpolate.ts';
import type { FramePair } from './source.ts';
import { tickOf } from './testFrames.ts';

function pair(prev: readonly number[] | null, curr: readonly number[], receivedAt = 1000, tickMs = 100): FramePair {
  return { prev: prev ? tickOf(prev, tickMs) : null, curr: tickOf(curr, tickMs), receivedAt };
}

describe('alphaAt', () => {
  it('runs from 0 at arrival to 1 one tick later', () => {
    const p = pair([0, 0], [1, 1]);
    expect(alphaAt(p, 1000)).toBe(0);
    expect(alphaAt(p, 1025)).toBeCloseTo(0.25);
    expect(alphaAt(p, 1100)).toBe(1);
  });

  it('clamps before arrival and after the tick', () => {
    const p = pair([0, 0], [1, 1]);
    expect(alphaAt(p, 900)).toBe(0);
    expect(alphaAt(p, 5000)).toBe(1);
  });

  it('treats a zero tick length as arrived', () => {
    expect(alphaAt(pair([0, 0], [1, 1], 1000, 0), 1000)).toBe(1);
  });
});

describe('interpolatePositions', () => {
  it('blends halfway at the midpoint of a tick', () => {
    const out = interpolatePositions(pair([0, 10, 4, 4], [2, 8, 4, 5]), 1050, new Float32Array(4));
    expect(Array.from(out)).toEqual([1, 9, 4, 4.5]);
  });

  it('holds at prev before arrival and at curr after the tick', () => {
    const p = pair([0, 0], [3, 6]);
    expect(Array.from(interpolatePositions(p, 0, new Float32Array(2)))).toEqual([0, 0]);
    expect(Array.from(interpolatePositions(p, 99_999, new Float32Array(2)))).toEqual([3, 6]);
  });

  it('uses curr as is when there is no prev', () => {
    const out = interpolatePositions(pair(null, [5, 7, 1, 2]), 1050, new Float32Array(4));
    expect(Array.from(out)).toEqual([5, 7, 1, 2]);
  });

  it('uses curr as is when the agent count changed', () => {
    const out = interpolatePositions(pair([0, 0], [5, 7, 1, 2]), 1050, new Float32Array(4));
    expect(Array.from(out)).toEqual([5, 7, 1, 2]);
  });

  it('writes into the given buffer when it is big enough and grows it otherwise', () => {
    const buffer = new Float32Array(8);
    const p = pair([0, 0], [2, 2]);
    expect(interpolatePositions(p, 1050, buffer)).toBe(buffer);
    const grown = interpolatePositions(p, 1050, new Float32Array(1));
    expect(grown.length).toBe(2);
    expect(Array.from(grown)).toEqual([1, 1]);
  });
});

describe('findMovers and interpolateMovers', () => {
  it('lists the agents on another cell than at the tick before, and blends only those', () => {
    const p = pair([0, 0, 4, 4, 7, 7], [1, 0, 4, 4, 7, 6]);
    const { movers, count } = findMovers(p, new Int32Array(0));
    expect(Array.from(movers.subarray(0, count))).toEqual([0, 2]);
    const out = Float32Array.from([9, 9, 9, 9, 9, 9]);
    interpolateMovers(p, 0.5, movers, count, out);
    // The one standing still is not touched: it was placed when the tick arrived.
    expect(Array.from(out)).toEqual([0.5, 0, 9, 9, 7, 6.5]);
  });

  it('blends like interpolatePositions at every alpha', () => {
    const p = pair([0, 10, 4, 4, 3, 3], [2, 8, 4, 5, 3, 3], 1000);
    const { movers, count } = findMovers(p, new Int32Array(3));
    for (const now of [1000, 1025, 1050, 1099, 1200]) {
      const full = interpolatePositions(p, now, new Float32Array(6));
      const some = interpolatePositions(p, 1000, new Float32Array(6));
      interpolateMovers(p, alphaAt(p, now), movers, count, some);
      expect(Array.from(some)).toEqual(Array.from(full));
    }
  });

  it('finds none without a tick before or when the agent count changed', () => {
    expect(findMovers(pair(null, [1, 1]), new Int32Array(1)).count).toBe(0);
    expect(findMovers(pair([0, 0], [1, 1, 2, 2]), new Int32Array(2)).count).toBe(0);
  });
});
