import { describe, expect, it } from 'vitest';
import type { CallBar } from './callLog.ts';
import { axisEnd, barAreaHeight, geometryOf, hitTest, laneWallMs, layoutTimeline, MIN_SPAN_MS, niceStep, timeTicks, type BarGeometry, type TimelineLayout } from './timelineLayout.ts';

const bar = (id: number, enqueuedAt: number, attemptStarts: number[], endedAt: number | null, outcome: CallBar['outcome'] = endedAt === null ? 'running' : 'success'): CallBar => ({
  id, agentId: id, enqueuedAt, attemptStarts, endedAt, outcome, errorKind: attemptStarts.length > 1 ? 'server' : null,
});

/** Every bar's geometry, as the tooltip would see it. */
const geometry = (layout: TimelineLayout): BarGeometry[] => layout.bars.flatMap((_, i) => geometryOf(layout, i) ?? []);

// 1 px per ms over [0, 1000] makes the expected pixels read as times.
const options = { t0: 0, t1: 1_000, now: 700, width: 1_000, height: 100 };

describe('layoutTimeline', () => {
  it('puts every segment edge on a whole pixel, the nearest to its time', () => {
    // 0.37 px per ms: no edge but the first falls on a whole pixel before rounding.
    const layout = layoutTimeline([bar(1, 3, [7, 251.5], 999.9, 'fallback')], { ...options, width: 370 });
    const edges = geometry(layout).flatMap((g) => g.segments.flatMap((seg) => [seg.x0, seg.x1]));
    expect(edges).toEqual([1, 3, 3, 93, 93, 370]);
  });

  it('splits a call into queued, failed attempts and a final segment coloured by outcome', () => {
    const layout = layoutTimeline([bar(1, 0, [100, 400, 600], 900, 'fallback')], options);
    expect(geometryOf(layout, 0)?.segments).toEqual([
      { kind: 'queued', x0: 0, x1: 100 },
      { kind: 'failed', x0: 100, x1: 400 },
      { kind: 'failed', x0: 400, x1: 600 },
      { kind: 'fallback', x0: 600, x1: 900 },
    ]);
  });

  it('draws a running call up to now, and a success in its own colour', () => {
    const layout = layoutTimeline([bar(1, 0, [0], null), bar(2, 50, [50], 300)], options);
    expect(geometryOf(layout, 0)?.segments.at(-1)).toEqual({ kind: 'running', x0: 0, x1: 700 });
    expect(geometryOf(layout, 1)?.segments.at(-1)).toEqual({ kind: 'success', x0: 50, x1: 300 });
  });

  it('never draws a running attempt backwards when now trails its start', () => {
    const layout = layoutTimeline([bar(1, 0, [800], null)], options);
    expect(geometryOf(layout, 0)?.segments.at(-1)).toEqual({ kind: 'running', x0: 800, x1: 800 });
  });

  it('shows how a call that was never sent ended', () => {
    const layout = layoutTimeline([bar(1, 100, [], 300, 'fallback')], options);
    expect(geometryOf(layout, 0)?.segments.map((s) => s.kind)).toEqual(['queued', 'fallback']);
  });

  it('clips segments to the width and drops those outside the range', () => {
    const layout = layoutTimeline([bar(1, -500, [-300], -100), bar(2, 900, [950], 2_000)], options);
    expect(geometryOf(layout, 0)?.segments).toEqual([]);
    expect(geometryOf(layout, 1)?.segments.at(-1)).toEqual({ kind: 'success', x0: 950, x1: 1_000 });
  });

  it('gives few bars tall rows and shrinks rows to 1 px for a thousand', () => {
    const few = layoutTimeline([bar(1, 0, [0], 10), bar(2, 0, [0], 10)], { ...options, height: 20 });
    expect(few.rowHeight).toBe(10);
    expect(geometry(few).map((g) => [g.y, g.h])).toEqual([[0, 9], [10, 9]]);
    const many = Array.from({ length: 1_000 }, (_, i) => bar(i, i, [i], i + 100));
    const packed = layoutTimeline(many, { ...options, height: 200 });
    expect(packed.rowHeight).toBe(1);
    expect(Math.max(...geometry(packed).map((g) => g.y + g.h))).toBeLessThanOrEqual(200);
    expect(geometryOf(packed, 999)?.y).toBe(199);
  });

  it('keeps room for rows still to come, so a filling lane keeps its row height', () => {
    const filling = layoutTimeline([bar(1, 0, [0], 10), bar(2, 0, [0], 10)], { ...options, height: 100, rows: 10 });
    expect(filling.rowHeight).toBe(10);
    expect(geometryOf(filling, 1)?.y).toBe(10);
  });

  it('copes with no bars', () => {
    expect(layoutTimeline([], options).bars).toEqual([]);
  });

  it('groups bars into rows when asked: a simulation’s calls one after another along its row', () => {
    // Agents 0–2 are simulation 0, 3–5 simulation 1; each simulation's steps follow each other.
    const bars = [bar(0, 0, [0], 300), bar(3, 0, [0], 250), bar(1, 300, [300], 600), bar(4, 250, [250], 700), bar(2, 600, [600], 900)];
    const layout = layoutTimeline(bars, { ...options, height: 40, rows: 4, rowOf: (b) => Math.floor(b.agentId / 3) });
    expect(layout.rows).toBe(4);
    expect(layout.rowHeight).toBe(10);
    expect(geometry(layout).map((g) => [g.bar.id, g.row, g.y])).toEqual([[0, 0, 0], [3, 1, 10], [1, 0, 0], [4, 1, 10], [2, 0, 0]]);
    expect(geometryOf(layout, 4)?.segments.at(-1)).toEqual({ kind: 'success', x0: 600, x1: 900 });
    // The pointer names the call under it, not the row.
    expect(hitTest(layout, 450, 5)?.id).toBe(1);
    expect(hitTest(layout, 800, 5)?.id).toBe(2);
    expect(hitTest(layout, 100, 15)?.id).toBe(3);
    expect(hitTest(layout, 100, 25)).toBeNull();
  });

  it('makes room for a grouped bar beyond the rows asked for, and never a negative row', () => {
    const layout = layoutTimeline([bar(1, 0, [0], 10), bar(2, 0, [0], 10)], { ...options, height: 30, rows: 1, rowOf: (b) => (b.id === 1 ? -4 : 2) });
    expect(layout.rows).toBe(3);
    expect(geometry(layout).map((g) => g.row)).toEqual([0, 2]);
    expect(geometryOf(layout, 1)?.y).toBe(20);
    expect(geometryOf(layoutTimeline([bar(1, 0, [0], 10)], { ...options, rowOf: () => Number.NaN }), 0)?.row).toBe(0);
  });
});

describe('hitTest', () => {
  const layout = layoutTimeline([bar(1, 0, [0], 300), bar(2, 0, [100], 500)], { ...options, height: 20 });

  it('finds the bar under the pointer, forgiving a near miss', () => {
    expect(hitTest(layout, 150, 5)?.id).toBe(1);
    expect(hitTest(layout, 302, 5)?.id).toBe(1);
    expect(hitTest(layout, 450, 15)?.id).toBe(2);
  });

  it('finds nothing beside, below or between bars', () => {
    expect(hitTest(layout, 600, 15)).toBeNull();
    expect(hitTest(layout, 150, 25)).toBeNull();
    expect(hitTest(layoutTimeline([], options), 10, 10)).toBeNull();
  });

  it('picks the nearest of the bars sharing a pixel row', () => {
    const packed = layoutTimeline([bar(1, 0, [0], 100), bar(2, 0, [500], 600), bar(3, 0, [0], 50)], { ...options, height: 1 });
    expect(hitTest(packed, 550, 0)?.id).toBe(2);
    expect(hitTest(packed, 20, 0)?.id).toBe(3);
  });
});

describe('axis helpers', () => {
  it('ends the axis a little after the last end, or after now while a call runs', () => {
    expect(axisEnd(0, 0, [[bar(1, 0, [0], 1_000)]])).toBe(1_040);
    expect(axisEnd(0, 2_000, [[bar(1, 0, [0], 1_000)], [bar(2, 0, [0], null)]])).toBe(2_080);
    expect(axisEnd(0, 2_000, [[]], true)).toBe(2_080);
    expect(axisEnd(100, 100, [[]])).toBeCloseTo(100 + MIN_SPAN_MS * 1.04);
  });

  it('gives a wall time only once every call has ended', () => {
    expect(laneWallMs(100, [bar(1, 100, [100], 600), bar(2, 100, [150], 700)])).toBe(600);
    expect(laneWallMs(100, [bar(1, 100, [100], 600), bar(2, 100, [150], null)])).toBeNull();
    expect(laneWallMs(100, [])).toBeNull();
  });

  it('sizes the bar area in whole rows within its bounds', () => {
    expect(barAreaHeight(0)).toBe(24);
    expect(barAreaHeight(10)).toBe(100);
    expect(barAreaHeight(100, 6, 24, 150)).toBe(100);
    expect(barAreaHeight(1_000)).toBe(160);
  });

  it('picks round steps and labels ticks in ms or s', () => {
    expect([0.3, 7, 13, 240, 700, 3_000].map(niceStep)).toEqual([1, 10, 20, 500, 1_000, 5_000]);
    expect(timeTicks(0, 1_000, 500, 100).map((t) => t.label)).toEqual(['0 ms', '200 ms', '400 ms', '600 ms', '800 ms', '1000 ms']);
    const seconds = timeTicks(1_000, 11_000, 500, 100);
    expect(seconds.map((t) => t.label)).toEqual(['0 s', '2 s', '4 s', '6 s', '8 s', '10 s']);
    expect(seconds[1]?.x).toBe(100);
    expect(timeTicks(0, 3_000, 600, 100).map((t) => t.label)).toEqual(['0.0 s', '0.5 s', '1.0 s', '1.5 s', '2.0 s', '2.5 s', '3.0 s']);
    expect(timeTicks(0, 0, 400)).toEqual([]);
  });
});
