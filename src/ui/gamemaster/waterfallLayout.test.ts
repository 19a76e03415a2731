import { describe, expect, it } from 'vitest';
import { makeTurn } from './gmScene.fixture.ts';
import { axisOf, lastMs, MIN_WIDTH, niceStep, waterfallLayout } from './waterfallLayout.ts';

describe('the waterfall axis', () => {
  it('picks round tick spacings', () => {
    expect(niceStep(90)).toBe(100);
    expect(niceStep(181)).toBe(200);
    expect(niceStep(210)).toBe(250);
    expect(niceStep(300)).toBe(500);
    expect(niceStep(0)).toBe(1);
    expect(niceStep(Number.NaN)).toBe(1);
  });

  it('rounds the furthest time up to a tick, at least 100 ms', () => {
    expect(axisOf(452)).toEqual({ maxMs: 500, stepMs: 100 });
    expect(axisOf(905)).toEqual({ maxMs: 1000, stepMs: 200 });
    expect(axisOf(2_140)).toEqual({ maxMs: 2_500, stepMs: 500 });
    expect(axisOf(500)).toEqual({ maxMs: 500, stepMs: 100 });
    expect(axisOf(0)).toEqual({ maxMs: 100, stepMs: 20 });
  });

  it('reaches the deadline, the reply and the last end (or start, for a bar still open)', () => {
    expect(lastMs(makeTurn())).toBe(905);
    expect(lastMs(makeTurn({ bars: [], deadlineMs: 450, responseMs: 300 }))).toBe(450);
    expect(lastMs(makeTurn({ bars: [{ name: 'x', lane: 'background', source: 'model', startMs: 1_200, endMs: null, late: false }] }))).toBe(1_200);
  });
});

describe('waterfallLayout', () => {
  const layout = waterfallLayout(makeTurn());

  it('puts the turn’s bars first and the background lane after, in their order', () => {
    expect(layout.maxMs).toBe(1000);
    expect(layout.interactive.map((r) => r.name)).toEqual(['world', 'pacing', 'npc:0', 'narration']);
    expect(layout.background.map((r) => r.name)).toEqual(['reputation', 'memory:0', 'prefetch:0:npc:1']);
    expect(new Set([...layout.interactive, ...layout.background].map((r) => r.key)).size).toBe(7);
  });

  it('maps times to % of the axis', () => {
    expect(layout.interactive[0]).toMatchObject({ source: 'model', left: 0, width: 32, open: false });
    expect(layout.interactive[2]).toMatchObject({ source: 'fallback', left: 0, width: 61, late: true });
    expect(layout.background[0]).toMatchObject({ left: 45.5, width: 34.5 });
    expect(layout.ticks.map((t) => t.ms)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(layout.ticks.at(-1)?.at).toBe(100);
    expect(layout.deadline).toEqual({ ms: 450, at: 45 });
    expect(layout.reply).toEqual({ ms: 452, at: 45.2 });
    expect(layout.firstWords).toEqual({ ms: 180, at: 18 });
  });

  it('keeps a cache hit visible, and ends open bars at the reply (a turn’s) or the axis (background)', () => {
    expect(layout.interactive[1]).toMatchObject({ source: 'cache', width: MIN_WIDTH });
    expect(layout.background[2]).toMatchObject({ open: true, left: 46, width: 54 });
    const fellBack = waterfallLayout(makeTurn({ bars: [{ name: 'npc:0', lane: 'interactive', source: 'fallback', startMs: 0, endMs: null, late: false }] }));
    expect(fellBack.interactive[0]).toMatchObject({ open: true, left: 0, width: 90.4 });
  });

  it('never runs a bar off the axis', () => {
    const edge = waterfallLayout(makeTurn({ responseMs: 100, deadlineMs: 100, firstWordsMs: 0, bars: [{ name: 'world', lane: 'interactive', source: 'model', startMs: 100, endMs: 100, late: false }] }));
    const row = edge.interactive[0];
    expect(row && row.left + row.width).toBeLessThanOrEqual(100);
    expect(row?.width).toBe(MIN_WIDTH);
  });

  it('has no deadline line for a turn played one at a time', () => {
    expect(waterfallLayout(makeTurn({ mode: 'sequential', deadlineMs: null })).deadline).toBeNull();
  });
});
