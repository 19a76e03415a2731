import { describe, expect, it } from 'vitest';
import type { CallBar } from './callLog.ts';
import { batchTitle, describeBar, formatMs, nameOf, namesById, speedupText, sumLatencyMs, summarizeBars } from './timelineText.ts';

const bar = (over: Partial<CallBar>): CallBar => ({ id: 1, agentId: 1, enqueuedAt: 0, attemptStarts: [0], endedAt: 500, outcome: 'success', errorKind: null, ...over });

describe('timeline text', () => {
  it('formats durations in ms below a second and in s above', () => {
    expect([0, 540.4, 1_250, 50_340].map(formatMs)).toEqual(['0 ms', '540 ms', '1.25 s', '50.3 s']);
    // Large durations read in minutes and hours, never as millions of ms.
    expect([1_020_500, 9_157_566].map(formatMs)).toEqual(['17 min 0 s', '2 h 32 min']);
  });

  it('summarises a lane for screen readers', () => {
    const bars = [...Array.from({ length: 9 }, (_, i) => bar({ id: i, endedAt: 100 + i * 10 })), bar({ id: 9, endedAt: 540, outcome: 'fallback', errorKind: 'timeout' })];
    expect(summarizeBars(bars)).toBe('10 calls: 9 succeeded, 1 fell back, longest 540 ms');
    expect(summarizeBars([bar({ endedAt: null, outcome: 'running' }), bar({ attemptStarts: [0, 300], endedAt: 800 })])).toBe('2 calls: 1 succeeded, 0 fell back, 1 running, 1 retried, longest 800 ms');
    expect(summarizeBars([])).toBe('no calls yet');
  });

  it('describes a bar for its tooltip', () => {
    expect(describeBar(bar({ enqueuedAt: 0, attemptStarts: [100, 400], endedAt: 900, outcome: 'fallback', errorKind: 'timeout' }), 'Ada', 1_000)).toEqual([
      'Ada', 'Latency: 800 ms', 'Waited in line: 100 ms', 'Attempts: 2', 'Outcome: fell back to the mock (timeout)',
    ]);
    expect(describeBar(bar({ attemptStarts: [0, 300], endedAt: 600, errorKind: 'rate-limit' }), 'Bo', 700).at(-1)).toBe('Outcome: succeeded (after rate-limit)');
    expect(describeBar(bar({ endedAt: null, outcome: 'running' }), 'Cy', 250)).toEqual(['Cy', 'Latency: running (250 ms so far)', 'Attempts: 1', 'Outcome: running']);
  });

  it('gives the speedup only once both lanes are done', () => {
    expect(speedupText(4_950, 500)).toBe('9.9×');
    expect(speedupText(null, 500)).toBeNull();
    expect(speedupText(4_950, null)).toBeNull();
    expect(speedupText(4_950, 0)).toBeNull();
  });

  it('names agents by id and labels batches', () => {
    const names = namesById([{ id: 3, name: 'Ada' }]);
    expect(nameOf(names, 3)).toBe('Ada');
    expect(nameOf(names, 4)).toBe('Agent 4');
    expect(nameOf(namesById(undefined), -1)).toBe('Unknown caller');
    expect(batchTitle('1:tick-42')).toBe('Tick 42');
    expect(batchTitle('other')).toBe('Calls outside a batch');
    expect(batchTitle('world-2:turn-4')).toBe('Turn 4');
    expect(batchTitle('world-2:turn-4:background')).toBe('Turn 4 · background');
    expect(batchTitle('world-3:e1:beliefs-debate')).toBe('Epoch 1 · beliefs-debate');
    expect(batchTitle('world-12:e2:vote')).toBe('Epoch 2 · vote');
    expect(batchTitle('world-3:tick-7')).toBe('Tick 7');
    expect(batchTitle('something:else')).toBe('something:else');
    expect(batchTitle('world-3:sims')).toBe('All simulations');
    expect(batchTitle('world-3:retry-4-1')).toBe('Retry of simulation 4');
    expect(batchTitle('world-3:retry-12-2')).toBe('Retry of simulation 12 · attempt 2');
    expect(sumLatencyMs([bar({ callMs: 500 }), bar({ attemptStarts: [100], endedAt: 300, callMs: 200 }), bar({ endedAt: null, outcome: 'running' })])).toBe(700);
    // A retried call counts its two attempts, not the backoff between them (other calls ran then).
    expect(sumLatencyMs([bar({ attemptStarts: [0, 1_500], endedAt: 2_000, callMs: 1_000 })])).toBe(1_000);
  });
});
