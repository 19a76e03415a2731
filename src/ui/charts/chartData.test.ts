import { describe, expect, it } from 'vitest';
import type { MetricSample } from '../store.ts';
import {
  callsPerMinuteSeries,
  describeCalls,
  describeLatency,
  describeQueue,
  formatAgo,
  latencyHistogram,
  MAX_POINTS,
  niceStep,
  queueDepthSeries,
  timeTicks,
} from './chartData.ts';

const sample = (t: number, callsLastMinute: number, extra: Partial<MetricSample> = {}): MetricSample => ({
  t,
  callsLastMinute,
  rpmLimit: 60,
  queued: 0,
  inFlight: 0,
  ...extra,
});

/** Ten minutes of ticks every 100 ms: the size the client keeps. */
const tenMinutes = (): MetricSample[] =>
  Array.from({ length: 6_000 }, (_, i) => sample(1_000_000 + i * 100, i % 50, { queued: i % 7, inFlight: i % 3 }));

describe('niceStep', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(3)).toBe(5);
    expect(niceStep(41.7)).toBe(50);
    expect(niceStep(2000)).toBe(2000);
    expect(niceStep(2001)).toBe(5000);
    expect(niceStep(0.01)).toBe(1);
  });
});

describe('callsPerMinuteSeries', () => {
  it('is empty for no history', () => {
    expect(callsPerMinuteSeries([])).toEqual({ calls: [], budget: [] });
  });

  it('keeps every sample of a short history, in seconds before the newest', () => {
    const { calls, budget } = callsPerMinuteSeries([sample(0, 1), sample(500, 2), sample(1_000, 3, { rpmLimit: 90 })]);
    expect(calls).toEqual([{ x: -1, y: 1 }, { x: -0.5, y: 2 }, { x: 0, y: 3 }]);
    expect(budget.map((p) => p.y)).toEqual([60, 60, 90]);
  });

  it('downsamples ten minutes of 6,000 samples to at most ~300 points ending at 0', () => {
    const { calls, budget } = callsPerMinuteSeries(tenMinutes());
    expect(calls.length).toBeLessThanOrEqual(MAX_POINTS + 1);
    expect(calls.length).toBeGreaterThan(100);
    expect(budget).toHaveLength(calls.length);
    expect(calls.at(-1)?.x).toBe(0);
    expect(calls[0]?.x).toBeGreaterThanOrEqual(-600);
    for (let i = 1; i < calls.length; i++) expect(calls[i]?.x).toBeGreaterThan(calls[i - 1]?.x ?? -Infinity);
  });

  it('keeps a one-sample spike (bucket max, not mean)', () => {
    const history = tenMinutes().map((s) => ({ ...s, callsLastMinute: 10 }));
    history[3_001] = { ...history[3_001] ?? sample(0, 0), callsLastMinute: 99 };
    const { calls } = callsPerMinuteSeries(history);
    expect(Math.max(...calls.map((p) => p.y))).toBe(99);
    expect(calls.filter((p) => p.y === 99)).toHaveLength(1);
  });

  it('keeps old buckets stable while the window slides', () => {
    const history = tenMinutes();
    const before = callsPerMinuteSeries(history.slice(0, 5_000));
    const after = callsPerMinuteSeries(history.slice(20, 5_020));
    // Shift `after` by the 2 s the window moved; interior buckets must match exactly.
    const shifted = new Map(after.calls.map((p) => [Math.round((p.x + 2) * 10), p.y]));
    const interior = before.calls.slice(10, -10);
    expect(interior.length).toBeGreaterThan(100);
    expect(interior.every((p) => shifted.get(Math.round(p.x * 10)) === p.y)).toBe(true);
  });
});

describe('queueDepthSeries', () => {
  it('gives queued and in-flight lines of equal length', () => {
    const { queued, inFlight } = queueDepthSeries(tenMinutes());
    expect(queued.length).toBe(inFlight.length);
    expect(queued.length).toBeLessThanOrEqual(MAX_POINTS + 1);
    expect(Math.max(...queued.map((p) => p.y))).toBe(6);
    expect(Math.max(...inFlight.map((p) => p.y))).toBe(2);
  });

  it('maps single samples directly', () => {
    expect(queueDepthSeries([sample(5, 0, { queued: 4, inFlight: 2 })])).toEqual({ queued: [{ x: 0, y: 4 }], inFlight: [{ x: 0, y: 2 }] });
  });
});

describe('latencyHistogram', () => {
  it('gives no bins for no latencies', () => {
    expect(latencyHistogram([])).toEqual({ edges: [], labels: [], counts: [] });
    expect(latencyHistogram([Number.NaN])).toEqual({ edges: [], labels: [], counts: [] });
  });

  it('uses round edges and counts every value once', () => {
    const values = Array.from({ length: 1_000 }, (_, i) => 300 + (i % 400) + 0.5);
    const h = latencyHistogram(values, 12);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(1_000);
    expect(h.edges).toHaveLength(h.counts.length + 1);
    expect(h.labels).toHaveLength(h.counts.length);
    expect(h.counts.length).toBeGreaterThanOrEqual(8);
    expect(h.counts.length).toBeLessThanOrEqual(14);
    const step = (h.edges[1] ?? 0) - (h.edges[0] ?? 0);
    expect([10, 20, 50, 100]).toContain(step);
    expect(h.edges.every((e) => e % step === 0)).toBe(true);
    expect(h.edges[0]).toBeLessThanOrEqual(300.5);
    expect(h.edges.at(-1)).toBeGreaterThan(699.5);
    expect(h.labels[0]).toBe(`${h.edges[0]}–${h.edges[1]}`);
  });

  it('puts equal values in one bin', () => {
    const h = latencyHistogram([500, 500, 500]);
    expect(h.counts).toEqual([3]);
    expect(h.edges).toEqual([500, 550]);
    expect(latencyHistogram([0]).counts).toEqual([1]);
  });

  it('labels thousands with separators', () => {
    const h = latencyHistogram([1_000, 12_000]);
    expect(h.labels.at(-1)).toMatch(/^12,000–/);
  });
});

describe('descriptions', () => {
  it('states calls against the budget', () => {
    expect(describeCalls([], 60)).toBe('No calls yet; the budget is 60 calls a minute');
    expect(describeCalls([sample(0, 50), sample(1, 42)], 600)).toBe('42 calls in the last minute against a budget of 60; peak 50');
    expect(describeCalls([sample(0, 60)], 60)).toContain('(budget reached)');
    expect(describeCalls([sample(0, 1)], 60)).toMatch(/^1 call in/);
  });

  it('states the latency median and busiest bin', () => {
    expect(describeLatency([], latencyHistogram([]))).toBe('No call latencies yet');
    const values = [100, 480, 490, 495, 900];
    expect(describeLatency(values, latencyHistogram(values))).toBe(
      'Latency of the last 5 calls: median 490 ms; most took between 400 and 500 ms',
    );
  });

  it('states the queue', () => {
    expect(describeQueue([])).toBe('Nothing queued yet');
    expect(describeQueue([sample(0, 0, { queued: 9 }), sample(1, 0, { queued: 3, inFlight: 2 })])).toBe(
      '3 calls queued and 2 in flight; peak queue 9',
    );
  });

  it('puts time ticks on whole minutes or round seconds', () => {
    expect(timeTicks(-600, 0)).toEqual([-600, -480, -360, -240, -120, 0]);
    expect(timeTicks(-60, 0)).toEqual([-60, -50, -40, -30, -20, -10, 0]);
    expect(timeTicks(-90, 0)).toEqual([-90, -75, -60, -45, -30, -15, 0]);
    expect(timeTicks(-7.5, 0)).toEqual([-6, -4, -2, 0]);
    expect(timeTicks(-3_600, 0)).toHaveLength(7);
    expect(timeTicks(0, 0)).toEqual([0]);
  });

  it('formats the time axis as m:ss before now', () => {
    expect(formatAgo(-90)).toBe('-1:30');
    expect(formatAgo(0)).toBe('0:00');
    expect(formatAgo(-600)).toBe('-10:00');
    expect(formatAgo(-0.2)).toBe('0:00');
  });
});
