import { describe, expect, it } from 'vitest';
import { CLUSTER_GAP, clusters, column, deffuant, hegselmannKrause, histogram, HISTOGRAM_BINS, mean, spread, within } from './opinion.ts';

describe('deffuant', () => {
  it('moves a share of the way toward a view within the threshold', () => {
    expect(deffuant(0, 0.4, 0.5, 0.5)).toBeCloseTo(0.2, 12);
    expect(deffuant(0.2, -0.2, 0.5, 0.25)).toBeCloseTo(0.1, 12);
    expect(deffuant(0.3, 0.5, 0.5, 1)).toBeCloseTo(0.5, 12);
  });

  it('ignores a view beyond the threshold, and counts the threshold itself as within', () => {
    expect(deffuant(0, 0.6, 0.5, 0.5)).toBe(0);
    expect(deffuant(-1, 1, 1.99, 0.5)).toBe(-1);
    expect(deffuant(0, 0.5, 0.5, 0.5)).toBe(0.25);
  });

  it('does not move with a rate of zero', () => {
    expect(deffuant(0.1, 0.2, 1, 0)).toBe(0.1);
  });
});

describe('hegselmannKrause', () => {
  it('moves toward the mean of the views within reach only', () => {
    // 0.4 and 0.2 are within 0.5 of 0; -0.9 is not: the mean of those within is 0.3.
    expect(hegselmannKrause(0, [0.4, 0.2, -0.9], 0.5, 0.5)).toBeCloseTo(0.15, 12);
    expect(hegselmannKrause(0, [0.4, 0.2, -0.9], 0.5, 1)).toBeCloseTo(0.3, 12);
  });

  it('stays put when no view is within reach, or none is heard', () => {
    expect(hegselmannKrause(0.5, [-0.5, -1], 0.3, 0.5)).toBe(0.5);
    expect(hegselmannKrause(0.5, [], 2, 0.5)).toBe(0.5);
  });

  it('is Deffuant for a single view', () => {
    for (const [b, v] of [[0, 0.3], [0.5, -0.2], [-0.7, -0.1]] as const) {
      expect(hegselmannKrause(b, [v], 0.65, 0.5)).toBe(deffuant(b, v, 0.65, 0.5));
    }
  });

  it('pulls two views on either side to their middle when both are within reach', () => {
    expect(hegselmannKrause(0.5, [1, -1], 1.5, 1)).toBe(0);
    // With only one side within reach, the belief moves toward that side.
    expect(hegselmannKrause(0.5, [1, -1], 1, 0.5)).toBe(0.75);
  });
});

describe('within, mean, spread, column', () => {
  it('keeps the views that persuade', () => {
    expect(within(0, [0.1, -0.3, 0.6, -0.2], 0.3)).toEqual([0.1, -0.3, -0.2]);
  });

  it('has zero for no values', () => {
    expect(mean([])).toBe(0);
    expect(spread([])).toBe(0);
  });

  it('takes the population standard deviation', () => {
    expect(mean([1, -1, 0.5, -0.5])).toBe(0);
    expect(spread([1, -1])).toBe(1);
    expect(spread([0.3, 0.3, 0.3])).toBe(0);
  });

  it('reads one topic of beliefs[persona][topic]', () => {
    expect(column([[0.1, 0.2], [0.3, 0.4], [0.5]], 1)).toEqual([0.2, 0.4, 0]);
  });
});

describe('clusters', () => {
  it('splits sorted beliefs wherever neighbours are more than the gap apart', () => {
    const { all } = clusters([0.9, -0.8, 0.85, -0.75, 0.1, 0.05, 0]);
    expect(all.map((c) => c.size)).toEqual([2, 3, 2]);
    expect(all[0]?.center).toBeCloseTo(-0.775, 12);
    expect(all[1]?.center).toBeCloseTo(0.05, 12);
    expect(all[2]?.center).toBeCloseTo(0.875, 12);
  });

  it('keeps two beliefs exactly the gap apart together', () => {
    expect(clusters([0, CLUSTER_GAP]).all).toHaveLength(1);
    expect(clusters([0, CLUSTER_GAP + 0.001]).all).toHaveLength(2);
    expect(clusters([0, 0.5], 0.6).all).toHaveLength(1);
  });

  it('counts as major only camps of at least 5% of the personas, and at least 2', () => {
    // 40 personas: 5% is 2; a lone straggler is no camp.
    const forty = [...Array<number>(20).fill(-0.5), ...Array<number>(19).fill(0.5), 0];
    expect(clusters(forty).all).toHaveLength(3);
    expect(clusters(forty).major.map((c) => c.size)).toEqual([20, 19]);
    // 100 personas: 5% is 5, so a group of 4 does not count.
    const hundred = [...Array<number>(96).fill(0.2), -0.9, -0.9, -0.9, -0.9];
    expect(clusters(hundred).major.map((c) => c.size)).toEqual([96]);
    // Few personas: the floor of 2 holds.
    expect(clusters([0, 0.5, 0.52]).major).toHaveLength(1);
  });

  it('has no cluster for no beliefs, one for a single belief', () => {
    expect(clusters([])).toEqual({ all: [], major: [] });
    expect(clusters([0.3]).all).toEqual([{ center: 0.3, size: 1 }]);
  });
});

describe('histogram', () => {
  it('counts beliefs into equal bins over [-1, 1], 1 itself in the last', () => {
    const counts = histogram([-1, -0.95, -0.1, 0, 0.05, 0.99, 1]);
    expect(counts).toHaveLength(HISTOGRAM_BINS);
    expect(counts).toEqual([2, 0, 0, 0, 1, 2, 0, 0, 0, 2]);
  });

  it('clamps values outside the range into the end bins, and takes a bin count', () => {
    expect(histogram([-3, 2], 4)).toEqual([1, 0, 0, 1]);
    expect(histogram([], 5)).toEqual([0, 0, 0, 0, 0]);
    expect(histogram([-0.5, 0.5], 2)).toEqual([1, 1]);
  });
});
