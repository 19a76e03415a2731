import { describe, expect, it } from 'vitest';
import type { CallBar } from './callLog.ts';
import { simGrouping, simOf } from './simRows.ts';

const bar = (agentId: number): CallBar => ({ id: agentId, agentId, enqueuedAt: 0, attemptStarts: [0], endedAt: 10, outcome: 'success', errorKind: null });

describe('simGrouping', () => {
  it('puts each simulation’s three askers on one row of the first pass', () => {
    const grouping = simGrouping('world-3:sims', 'relationships', 12);
    expect(grouping?.rows).toBe(12);
    expect([0, 1, 2, 3, 5, 33, 35].map((id) => grouping?.rowOf(bar(id)))).toEqual([0, 0, 0, 1, 1, 11, 11]);
    expect(grouping?.rowLabel(4)).toBe('Sim 4');
    expect(simOf(-1)).toBe(0);
    // Before the first scene message the set's size is unknown: at least one row.
    expect(simGrouping('world-3:sims', 'relationships', 0)?.rows).toBe(1);
  });

  it('gives a retry one row, labelled with its simulation', () => {
    const grouping = simGrouping('world-3:retry-4-2', 'relationships', 12);
    expect(grouping?.rows).toBe(1);
    expect(grouping?.rowOf(bar(13))).toBe(0);
    expect(grouping?.rowLabel(0)).toBe('Sim 4');
  });

  it('leaves every other batch a row per call', () => {
    expect(simGrouping('world-3:sims', 'community', 12)).toBeNull();
    expect(simGrouping('world-3:sims', undefined, 12)).toBeNull();
    expect(simGrouping('world-3:e1:debate', 'relationships', 12)).toBeNull();
    expect(simGrouping('other', 'relationships', 12)).toBeNull();
  });
});
