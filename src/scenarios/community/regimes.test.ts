import { describe, expect, it } from 'vitest';
import { runCommunity } from './community.fixture.ts';
import { clusters, column, spread } from './opinion.ts';
import { OPENNESS_PRESETS, thresholdOf } from './population.ts';
import type { CommunityState } from './types.ts';

/** Major camps per topic (clusters holding at least 5% of the personas). */
function camps(beliefs: CommunityState['beliefs'], topics: number): number[] {
  return Array.from({ length: topics }, (_, topic) => clusters(column(beliefs, topic)).major.length);
}

/** The beliefs at the end of each epoch, from the history (epoch 0: the start). */
function byEpoch(state: CommunityState): CommunityState['beliefs'][] {
  const last = new Map<number, CommunityState['beliefs']>();
  for (const snap of state.history) last.set(snap.epoch, snap.beliefs);
  return [...last.values()];
}

// 40 personas over 8 epochs settle within a few hundred milliseconds of fake-time run each.
const settings = { agents: 40, epochs: 8 } as const;

describe('bounded confidence in the community', () => {
  it('moves beliefs in every epoch (not static)', async () => {
    const { state } = (await runCommunity({ ...settings, epochs: 4, seed: 1 })).run;
    const epochs = byEpoch(state);
    expect(epochs).toHaveLength(5);
    for (let e = 1; e < epochs.length; e++) {
      const before = epochs[e - 1] ?? [];
      const moved = (epochs[e] ?? []).flatMap((row, id) => row.map((b, t) => Math.abs(b - (before[id]?.[t] ?? 0))));
      // Not static: the average belief moves by more than 0.01 in every epoch.
      expect(moved.reduce((a, b) => a + b, 0) / moved.length).toBeGreaterThan(0.01);
    }
    // Every belief stays in [-1, 1].
    expect(state.beliefs.flat().every((b) => b >= -1 && b <= 1)).toBe(true);
  });

  it('maps the presets onto thresholds of about 1.8, 1 and 0.2', () => {
    expect(thresholdOf(OPENNESS_PRESETS.consensus)).toBeCloseTo(1.82, 2);
    expect(thresholdOf(OPENNESS_PRESETS.polarisation)).toBeCloseTo(1.01, 2);
    expect(thresholdOf(OPENNESS_PRESETS.fragmentation)).toBeCloseTo(0.2, 2);
  });

  describe.each([1, 2])('the three documented regimes (seed %i)', (seed) => {
    it('consensus: open minds end in one camp on every topic', async () => {
      const { state } = (await runCommunity({ ...settings, seed, openness: OPENNESS_PRESETS.consensus })).run;
      expect(camps(state.beliefs, 3)).toEqual([1, 1, 1]);
      for (let t = 0; t < 3; t++) expect(spread(column(state.beliefs, t))).toBeLessThan(0.1);
      // Everyone agrees, so everyone votes the same way on each topic.
      for (let t = 0; t < 3; t++) expect(new Set(state.votes?.map((row) => row[t])).size).toBe(1);
    });

    it('polarisation: medium minds split into two camps on every topic', async () => {
      const { state } = (await runCommunity({ ...settings, seed, openness: OPENNESS_PRESETS.polarisation })).run;
      expect(camps(state.beliefs, 3)).toEqual([2, 2, 2]);
      for (let t = 0; t < 3; t++) {
        const major = clusters(column(state.beliefs, t)).major;
        // One camp for, one against.
        expect(Math.min(...major.map((c) => c.center))).toBeLessThan(0);
        expect(Math.max(...major.map((c) => c.center))).toBeGreaterThan(0);
      }
    });

    it('fragmentation: closed minds stay in many small camps', async () => {
      const { state } = (await runCommunity({ ...settings, seed, openness: OPENNESS_PRESETS.fragmentation })).run;
      const counts = camps(state.beliefs, 3);
      for (const count of counts) expect(count).toBeGreaterThanOrEqual(4);
      // More camps than at the start: the beliefs clumped, they did not merely stay spread out.
      const start = camps(byEpoch(state)[0] ?? [], 3);
      expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(start.reduce((a, b) => a + b, 0));
    });
  });
});
