import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manualClock.ts';
import { requestFor } from '../sim/perception.ts';
import type { DecisionRequest } from '../sim/types.ts';
import { createWorld, defaultWorldConfig } from '../sim/world.ts';
import { ModelError } from './errors.ts';
import { MockBrain, mockFallback, type MockBrainOptions } from './mockBrain.ts';
import { mockDecision } from './mockPolicy.ts';
import { parseDecision } from './schema.ts';

const world = createWorld(defaultWorldConfig({ agents: 20, seed: 5 }));
const requests: DecisionRequest[] = world.agents.map((a) => requestFor(world, a.id));
const first = requests[0] as DecisionRequest;

function brain(options: Partial<MockBrainOptions> = {}): { clock: ManualClock; brain: MockBrain } {
  const clock = new ManualClock();
  return { clock, brain: new MockBrain({ clock, latencyMs: 500, ...options }) };
}

/** Settles a promise into a plain outcome so tests can check it without awaiting forever. */
function track<T>(promise: Promise<T>): { done: boolean; value?: T; error?: unknown } {
  const state: { done: boolean; value?: T; error?: unknown } = { done: false };
  promise.then(
    (value) => Object.assign(state, { done: true, value }),
    (error: unknown) => Object.assign(state, { done: true, error }),
  );
  return state;
}

describe('MockBrain', () => {
  it('answers after exactly latencyMs of fake time with the mock decision', async () => {
    const { clock, brain: b } = brain();
    const call = track(b.decide(first, { signal: new AbortController().signal, attempt: 1 }));
    await clock.advance(499);
    expect(call.done).toBe(false);
    await clock.advance(1);
    expect(call.done).toBe(true);
    expect(call.value?.value).toEqual(mockDecision(first));
    expect(call.value?.raw).toBe(JSON.stringify(mockDecision(first)));
    expect(call.value?.prompt).toContain(first.name);
    expect(parseDecision(JSON.parse(call.value?.raw ?? ''))).toMatchObject({ ok: true });
    expect(b.source).toBe('mock');
    expect(mockFallback(first)).toEqual(mockDecision(first));
  });

  it('draws jitter within bounds, deterministically per (seed, agent, tick, attempt)', () => {
    const { brain: b } = brain({ jitterMs: 100, seed: 9 });
    const latencies = requests.flatMap((r) => [1, 2, 3].map((attempt) => b.plan(r, attempt).latencyMs));
    for (const l of latencies) {
      expect(l).toBeGreaterThanOrEqual(400);
      expect(l).toBeLessThanOrEqual(600);
    }
    expect(new Set(latencies).size).toBe(latencies.length);
    expect(brain({ jitterMs: 100, seed: 9 }).brain.plan(first, 2)).toEqual(b.plan(first, 2));
    expect(brain({ latencyMs: 10, jitterMs: 100 }).brain.plan(first, 1).latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('honours a jittered latency exactly in fake time', async () => {
    const { clock, brain: b } = brain({ jitterMs: 200 });
    const latency = b.plan(first, 1).latencyMs;
    const call = track(b.decide(first, { signal: new AbortController().signal, attempt: 1 }));
    await clock.advance(latency - 0.5);
    expect(call.done).toBe(false);
    await clock.advance(0.5);
    expect(call.done).toBe(true);
  });

  it('rejects at once with the signal reason when aborted during latency', async () => {
    const { clock, brain: b } = brain();
    const controller = new AbortController();
    const call = track(b.decide(first, { signal: controller.signal, attempt: 1 }));
    await clock.advance(100);
    const reason = new Error('timeout');
    controller.abort(reason);
    await clock.advance(0);
    expect(call).toMatchObject({ done: true, error: reason });
    expect(clock.pending).toBe(0);
  });

  it('hangs until aborted when the hang fault is drawn', async () => {
    const { clock, brain: b } = brain({ hangRate: 1 });
    const controller = new AbortController();
    const call = track(b.decide(first, { signal: controller.signal, attempt: 1 }));
    await clock.advance(60_000);
    expect(call.done).toBe(false);
    controller.abort(new Error('deadline'));
    await clock.advance(0);
    expect(call.error).toEqual(new Error('deadline'));
  });

  it('throws classified errors for each injected fault', async () => {
    const cases = [
      [{ errorRate: 1 }, 'server', 503],
      [{ rateLimitRate: 1 }, 'rate-limit', 429],
      [{ malformedRate: 1 }, 'bad-output', undefined],
    ] as const;
    for (const [rates, kind, status] of cases) {
      const { clock, brain: b } = brain(rates);
      const call = track(b.decide(first, { signal: new AbortController().signal, attempt: 1 }));
      await clock.advance(500);
      expect(call.error).toBeInstanceOf(ModelError);
      expect(call.error).toMatchObject({ kind, status });
      if (kind === 'rate-limit') expect(call.error).toMatchObject({ retryAfterMs: 1000 });
    }
  });

  it('fails at roughly the configured rates over 2,000 draws, and their sum overall', () => {
    const { brain: b } = brain({ hangRate: 0.05, errorRate: 0.1, rateLimitRate: 0.15, malformedRate: 0.2 });
    const counts = { none: 0, hang: 0, server: 0, 'rate-limit': 0, malformed: 0 };
    for (let i = 0; i < 2000; i++) {
      const r = requests[i % requests.length] as DecisionRequest;
      counts[b.plan({ ...r, tick: Math.floor(i / requests.length) }, 1).fault] += 1;
    }
    expect(counts.hang / 2000).toBeCloseTo(0.05, 1);
    expect(counts.server / 2000).toBeCloseTo(0.1, 1);
    expect(counts['rate-limit'] / 2000).toBeCloseTo(0.15, 1);
    expect(counts.malformed / 2000).toBeCloseTo(0.2, 1);
    expect(counts.none / 2000).toBeGreaterThan(0.45);
    expect(counts.none / 2000).toBeLessThan(0.55);
  });

  it('lets a retry succeed where the first attempt failed', async () => {
    const { clock, brain: b } = brain({ errorRate: 0.5, seed: 3 });
    const retried = requests.find((r) => b.plan(r, 1).fault === 'server' && b.plan(r, 2).fault === 'none');
    if (!retried) throw new Error('no such request among 20 at 50% failure');
    const one = track(b.decide(retried, { signal: new AbortController().signal, attempt: 1 }));
    const two = track(b.decide(retried, { signal: new AbortController().signal, attempt: 2 }));
    await clock.advance(500);
    expect(one.error).toBeInstanceOf(ModelError);
    expect(two.value?.value).toEqual(mockDecision(retried));
  });

  it('validates options and can be reconfigured while running', () => {
    const clock = new ManualClock();
    expect(() => new MockBrain({ clock, latencyMs: -1 })).toThrow(RangeError);
    expect(() => new MockBrain({ clock, latencyMs: 1, errorRate: 1.5 })).toThrow(RangeError);
    expect(() => new MockBrain({ clock, latencyMs: 1, jitterMs: Number.NaN })).toThrow(RangeError);
    const b = new MockBrain({ clock, latencyMs: 100 });
    b.configure({ latencyMs: 50, errorRate: 1 });
    expect(b.options).toMatchObject({ latencyMs: 50, errorRate: 1 });
    expect(b.plan(first, 1)).toEqual({ latencyMs: 50, fault: 'server' });
    expect(() => { b.configure({ hangRate: 2 }); }).toThrow(RangeError);
    expect(b.options.hangRate).toBeUndefined();
  });
});
