import { describe, expect, it } from 'vitest';
import { BIN_LABELS, binRange, describeHistogram, sides, signed1, snapshotLabel, topicSnapshots } from './histogramData.ts';
import { makeScene } from './scene.fixture.ts';

describe('histogram data', () => {
  it('labels ten bins from −1 to 1 by their centres, with real minus signs', () => {
    expect(BIN_LABELS).toEqual(['−0.9', '−0.7', '−0.5', '−0.3', '−0.1', '0.1', '0.3', '0.5', '0.7', '0.9']);
    expect(binRange(0)).toBe('−1.0 to −0.8');
    expect(binRange(4)).toBe('−0.2 to 0.0');
    expect(binRange(9)).toBe('0.8 to 1.0');
    expect(signed1(-0.04)).toBe('0.0');
  });

  it('takes one topic of every snapshot, oldest first', () => {
    const { view } = makeScene({ view: { histograms: [...makeScene().view.histograms, { epoch: 1, topics: [[1, 1, 1, 1, 1, 1, 1, 1, 1, 15]] }] } });
    const snaps = topicSnapshots(view.histograms, 0);
    expect(snaps.map((s) => s.label)).toEqual(['Start', 'After epoch 1']);
    expect(snaps[1]?.counts).toHaveLength(10);
    // Epoch 1 has no topic 2: left out rather than drawn as zeros.
    expect(topicSnapshots(view.histograms, 2).map((s) => s.epoch)).toEqual([0]);
    expect(snapshotLabel(2)).toBe('After epoch 2');
  });

  it('says the split in words', () => {
    expect(sides([3, 2, 2, 3, 2, 2, 3, 2, 2, 3])).toEqual({ against: 12, forIt: 12 });
    const snaps = topicSnapshots(makeScene().view.histograms, 2);
    expect(describeHistogram('park', snaps)).toBe('Beliefs on park, personas per bin from −1 to 1. start: 12 below 0 (against), 12 at 0 or above (for).');
    expect(describeHistogram('park', [])).toBe('Beliefs on park: no snapshot yet.');
  });
});
