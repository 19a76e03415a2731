import { describe, expect, it } from 'vitest';
import { geomean, median, middleHalf, roundRatios, turnsRatio, typical } from './summarise.ts';

describe('summarising windows taken in turns', () => {
  it('median: the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('geomean: the average of rates, 0 when one is not positive', () => {
    expect(geomean([100, 400])).toBeCloseTo(200, 9);
    expect(geomean([100, 0])).toBe(0);
    expect(geomean([])).toBe(0);
  });

  it('turnsRatio: per round a over b, then the median, so one disturbed round does not move it', () => {
    const rounds = [
      { a: [90, 90], b: [100, 100] },
      { a: [180, 180], b: [200, 200] },
      // A neighbour's burst slowed side b alone in this round.
      { a: [90, 90], b: [30, 30] },
    ];
    expect(turnsRatio(rounds)).toBe(0.9);
    // The machine twice as fast in one round as in the next changes nothing: each round divides its own windows.
    expect(turnsRatio(rounds.slice(0, 2))).toBe(0.9);
  });

  it('turnsRatio: a round with a page that drew nothing is left out; none left gives 0', () => {
    expect(turnsRatio([{ a: [90], b: [0] }, { a: [80], b: [100] }])).toBe(0.8);
    expect(turnsRatio([{ a: [90], b: [0] }])).toBe(0);
  });

  it('roundRatios: each round a over b, with the rounds in which a page drew nothing left out', () => {
    const ratios = roundRatios([{ a: [90, 90], b: [100, 100] }, { a: [90], b: [0] }, { a: [60], b: [30] }]);
    expect(ratios).toHaveLength(2);
    expect(ratios[0]).toBeCloseTo(0.9, 9);
    expect(ratios[1]).toBeCloseTo(2, 9);
  });

  it('middleHalf: from the median of the lower half to the median of the upper half', () => {
    expect(middleHalf([4, 1, 3, 2])).toEqual([1.5, 3.5]);
    // An odd count leaves its middle value out of both halves.
    expect(middleHalf([5, 1, 4, 2, 3])).toEqual([1.5, 4.5]);
    expect(middleHalf([0.8, 0.7, 0.9])).toEqual([0.7, 0.9]);
    expect(middleHalf([7])).toEqual([7, 7]);
    expect(middleHalf([])).toEqual([0, 0]);
  });

  it('typical: medians of fps, p50 and p95, and the frames summed', () => {
    const t = typical([
      { fps: 100, p50FrameMs: 10, p95FrameMs: 12, frames: 100 },
      { fps: 50, p50FrameMs: 20, p95FrameMs: 30, frames: 50 },
      { fps: 80, p50FrameMs: 12, p95FrameMs: 15, frames: 80 },
    ]);
    expect(t).toEqual({ fps: 80, p50FrameMs: 12, p95FrameMs: 15, frames: 230 });
  });
});
