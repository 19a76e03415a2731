import { describe, expect, it } from 'vitest';
import { ganttLayout, ganttTicks, latestMs, pct } from './ganttLayout.ts';
import { failedNodes, measuredNodes, runningNodes } from './pipeScene.fixture.ts';

describe('ganttLayout', () => {
  it('draws each node from its start to its end on an axis that ends at the run’s wall', () => {
    const layout = ganttLayout(measuredNodes(), ['ingest', 'patterns', 'report'], 3_000);
    expect(layout.spanMs).toBe(3_000);
    const bars = Object.fromEntries(layout.rows.map((r) => [r.id, r.bar]));
    expect(bars.ingest).toEqual({ x0: 0, x1: 1 / 3, open: false });
    expect(bars.stats?.x0).toBeCloseTo(1 / 3);
    expect(bars.stats?.x1).toBeCloseTo(0.6);
    expect(bars.report).toEqual({ x0: 2 / 3, x1: 1, open: false });
    expect(layout.rows.filter((r) => r.critical).map((r) => r.id)).toEqual(['ingest', 'patterns', 'report']);
    expect(layout.ticks.map((t) => t.label)).toEqual(['0 s', '1 s', '2 s', '3 s']);
    expect(layout.ticks.map((t) => t.at)).toEqual([0, 1 / 3, 2 / 3, 1]);
  });

  it('runs a running bar to the latest time seen, open, and draws no bar for a node not started', () => {
    const layout = ganttLayout(runningNodes(), [], null);
    // The latest time seen is stats' end at 1.8 s: the axis is two whole seconds.
    expect(latestMs(runningNodes(), null)).toBe(1_800);
    expect(layout.spanMs).toBe(2_000);
    const row = (id: string) => layout.rows.find((r) => r.id === id);
    expect(row('analysis')?.bar).toEqual({ x0: 0.5, x1: 0.9, open: true });
    expect(row('patterns')?.bar?.open).toBe(true);
    expect(row('report')?.bar).toBeNull();
    expect(row('report')?.status).toBe('waiting');
  });

  it('keeps a skipped node barless and a failed one to its end; an instant step still shows', () => {
    const layout = ganttLayout(failedNodes(), [], 2_000);
    expect(layout.rows.find((r) => r.id === 'report')?.bar).toBeNull();
    expect(layout.rows.find((r) => r.id === 'patterns')?.bar).toEqual({ x0: 0.5, x1: 1, open: false });
    const instant = ganttLayout([{ id: 'a', level: 0, status: 'done', startMs: 500, endMs: 500, source: 'tool', attempts: 1 }], [], 500);
    const bar = instant.rows[0]?.bar;
    expect((bar?.x1 ?? 0) - (bar?.x0 ?? 0)).toBeGreaterThan(0);
  });

  it('spans at least a second before anything has run, with ticks in tenths', () => {
    const layout = ganttLayout(runningNodes().map((n) => ({ ...n, status: 'waiting' as const, startMs: null, endMs: null })), [], null);
    expect(layout.spanMs).toBe(1_000);
    expect(layout.ticks.map((t) => t.label)).toEqual(['0.0 s', '0.5 s', '1.0 s']);
    expect(layout.rows.every((r) => r.bar === null)).toBe(true);
  });

  it('labels ticks with as many decimals as their step needs, and writes percentages short', () => {
    expect(ganttTicks(10_000, 2_000).map((t) => t.label)).toEqual(['0 s', '2 s', '4 s', '6 s', '8 s', '10 s']);
    expect(ganttTicks(200, 50).map((t) => t.label)).toEqual(['0.00 s', '0.05 s', '0.10 s', '0.15 s', '0.20 s']);
    expect(ganttTicks(0, 100)).toEqual([]);
    expect(pct(1 / 3)).toBe('33.333%');
    expect(pct(1)).toBe('100%');
  });
});
