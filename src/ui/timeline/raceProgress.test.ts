import { describe, expect, it } from 'vitest';
import type { CallBar } from './callLog.ts';
import { estimateLeftMs, laneProgress, laneProgressText, leftText, raceCapText } from './raceProgress.ts';
import { raceWords, simsCapText } from './raceWords.ts';

const limits = { latencyMs: 500, timeoutMs: 10_000, concurrency: 64, rpm: 600 };
const sequential = { ...limits, concurrency: 1 };

/** A call that started at `start` and answered after `ms`, or is still running (ms null). */
function bar(id: number, start: number, ms: number | null): CallBar {
  return { id, agentId: id, enqueuedAt: 0, attemptStarts: [start], endedAt: ms === null ? null : start + ms, outcome: ms === null ? 'running' : 'success', errorKind: null };
}

/** `done` calls one after another of `ms` each, then one running since the last ended. */
function sequentialBars(done: number, ms: number, running: boolean): CallBar[] {
  const bars = Array.from({ length: done }, (_, i) => bar(i, i * ms, ms));
  if (running) bars.push(bar(done, done * ms, null));
  return bars;
}

describe('estimateLeftMs', () => {
  it('one at a time: the running call ends, then each waiting call takes the mean latency seen', () => {
    const bars = sequentialBars(23, 500, true);
    // 23 answered by 11,500 ms; the 24th started then and is 200 ms in; 76 wait.
    expect(estimateLeftMs(bars, 100, 11_700, sequential)).toBe(300 + 76 * 500);
  });

  it('uses the latencies seen, not the setting, once calls have answered', () => {
    const bars = sequentialBars(10, 800, false);
    expect(estimateLeftMs(bars, 20, 8_000, sequential)).toBe(10 * 800);
  });

  it('uses the latency setting before any call has answered, capped by the timeout', () => {
    expect(estimateLeftMs([], 10, 0, sequential)).toBe(5_000);
    expect(estimateLeftMs([], 10, 0, { ...sequential, timeoutMs: 300 })).toBe(3_000);
  });

  it('all together: calls go out in waves of the concurrency cap', () => {
    expect(estimateLeftMs([], 100, 0, limits)).toBe(1_000);
    expect(estimateLeftMs([], 64, 0, limits)).toBe(500);
  });

  it('waits for the budget: past rpm, a call waits for a slot freed 60 s after an answer', () => {
    // 100 calls under 60 RPM: 60 answer at 500 ms; the other 40 start at 60.5 s.
    expect(estimateLeftMs([], 100, 0, { ...limits, rpm: 60 })).toBe(61_000);
  });

  it('never reports time left in the past', () => {
    const late = [bar(0, 0, null)];
    expect(estimateLeftMs(late, 1, 2_000, sequential)).toBe(0);
  });
});

describe('laneProgress', () => {
  it('counts answered calls and reports the wall once the lane is done', () => {
    const bars = sequentialBars(10, 500, false);
    expect(laneProgress(bars, 5_012, 10, 5_100, sequential)).toEqual({ done: 10, size: 10, leftMs: 0, wallMs: 5_012 });
    expect(laneProgress(bars.slice(0, 4), null, 10, 2_000, sequential)).toEqual({ done: 4, size: 10, leftMs: 3_000, wallMs: null });
  });
});

describe('wording', () => {
  it('says how many calls and about how long is left, then the wall time', () => {
    expect(laneProgressText('One at a time', { done: 23, size: 100, leftMs: 38_300, wallMs: null })).toBe('One at a time: 23 of 100 calls, about 39 s left');
    expect(laneProgressText('All together', { done: 100, size: 100, leftMs: 0, wallMs: 512 })).toBe('All together: 100 of 100 calls in 512 ms');
    expect(laneProgressText('One at a time', { done: 0, size: 1, leftMs: 400, wallMs: null })).toBe('One at a time: 0 of 1 call, under 1 s left');
  });

  it('rounds time left up to whole seconds and turns long waits into minutes', () => {
    expect(leftText(999)).toBe('under 1 s left');
    expect(leftText(1_001)).toBe('about 2 s left');
    expect(leftText(60_000)).toBe('about 1 min left');
    expect(leftText(61_000)).toBe('about 1 min 1 s left');
  });

  it('explains the cap only when the race took fewer agents than the world has', () => {
    expect(raceCapText(10, 10, 500)).toBeNull();
    const text = raceCapText(100, 1_000, 500);
    expect(text).toContain('first 100 of the world\'s 1,000 agents');
    expect(text).toContain('50.0 s');
    expect(text).toContain('Timing panel');
  });
});

describe('the race for relationship simulations', () => {
  it('names its lanes by simulations, estimates no time left, and says when it took only the first twelve', () => {
    expect(raceWords('grid').sequential).toBe('One at a time');
    const words = raceWords('relationships');
    expect(words.sequential).toBe('One after another');
    expect(laneProgressText(words.sequential, { done: 10, size: 72, leftMs: 5_000, wallMs: null }, words.estimates)).toBe('One after another: 10 of 72 calls');
    expect(simsCapText(12, 3, 500)).toBeNull();
    expect(simsCapText(200, 3, 500)).toBe("This race takes the first 12 of the set's 200 simulations: one after another, 12 already take about 2 min 6 s. The panel above measures the whole set.");
  });
});
