import { describe, expect, it } from 'vitest';
import { ModelError } from '../brain/errors.ts';
import { ManualClock } from '../clock/manualClock.ts';
import { FakeModel } from './fakeModel.ts';
import { RollingWindow } from './rollingWindow.ts';
import { Scheduler } from './scheduler.ts';

/** A small seeded generator so the randomized load is the same on every run. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The most starts any rolling 60 s window held, checked at every start against the limit then in force. */
function worstWindow(starts: readonly number[], limitAt: (t: number) => number): { worst: number; violations: number } {
  let worst = 0;
  let violations = 0;
  for (const t of starts) {
    const inWindow = starts.filter((s) => s > t - 60_000 && s <= t).length;
    worst = Math.max(worst, inWindow);
    if (inWindow > limitAt(t)) violations++;
  }
  return { worst, violations };
}

describe('RPM budget over a rolling 60 s window', () => {
  it.each([
    { rpm: 5, seed: 1 },
    { rpm: 12, seed: 2 },
    { rpm: 30, seed: 3 },
    { rpm: 100, seed: 4 },
  ])('never exceeds $rpm requests in any window under randomized load (seed $seed)', async ({ rpm, seed }) => {
    const random = lcg(seed);
    const clock = new ManualClock();
    const model = new FakeModel<number>(clock, () => {
      const roll = random();
      // Some calls fail and retry: retries are requests too, and must fit the same budget.
      return roll < 0.15 ? { latencyMs: 50 + random() * 400, fail: new ModelError('server', '503') } : { latencyMs: 50 + random() * 2000 };
    });
    const scheduler = new Scheduler<number, string>({ model, clock, random, config: { rpm, concurrency: 8, backoffBaseMs: 200 } });
    const jobs: Promise<unknown>[] = [];
    // Bursts of jobs at random moments over five minutes.
    for (let t = 0; t < 300_000; t += Math.floor(random() * 20_000)) {
      await clock.advance(t - clock.now());
      const burst = 1 + Math.floor(random() * rpm);
      for (let i = 0; i < burst; i++) jobs.push(scheduler.submit({ key: `k${jobs.length}`, request: jobs.length, fallback: () => 'fb' }));
    }
    await clock.runAll();
    await Promise.all(jobs);
    const starts = model.starts.map((s) => s.at);
    const { worst, violations } = worstWindow(starts, () => rpm);
    expect(violations).toBe(0);
    // The budget is used, not just respected: some window is full.
    expect(worst).toBe(rpm);
  });

  it('honours a budget lowered and raised mid-run', async () => {
    const clock = new ManualClock();
    const model = new FakeModel<number>(clock, () => ({ latencyMs: 100 }));
    const scheduler = new Scheduler<number, string>({ model, clock, config: { rpm: 60, concurrency: 4 } });
    const jobs = Array.from({ length: 400 }, (_, i) => scheduler.submit({ key: `k${i}`, request: i, fallback: () => 'fb' }));
    const changes: [number, number][] = [[0, 60], [90_000, 10], [240_000, 120]];
    await clock.advance(90_000);
    scheduler.configure({ rpm: 10 });
    await clock.advance(150_000);
    scheduler.configure({ rpm: 120 });
    await clock.runAll();
    await Promise.all(jobs);
    const limitAt = (t: number): number => changes.filter(([at]) => at <= t).at(-1)?.[1] ?? 60;
    const starts = model.starts.map((s) => s.at);
    // After lowering, no new start may happen until the window has drained below the new limit.
    expect(worstWindow(starts, limitAt).violations).toBe(0);
    // The 60 starts made at 60 s hold the window until 120 s; then 10 per minute.
    expect(starts.filter((t) => t >= 90_000 && t < 120_000)).toHaveLength(0);
    expect(starts.filter((t) => t >= 120_000 && t < 240_000)).toHaveLength(20);
  });

  it('starts a throttled crowd as fast as the budget allows, and no faster', async () => {
    const clock = new ManualClock();
    const model = new FakeModel<number>(clock, () => ({ latencyMs: 500 }));
    const scheduler = new Scheduler<number, string>({ model, clock, config: { rpm: 30, concurrency: Infinity } });
    const jobs = Array.from({ length: 100 }, (_, i) => scheduler.submit({ key: `k${i}`, request: i, fallback: () => 'fb' }));
    await clock.runAll();
    await Promise.all(jobs);
    const starts = model.starts.map((s) => s.at);
    // 30 at once, then each next 30 exactly a minute after the previous ones were answered.
    expect(starts.filter((t) => t === 0)).toHaveLength(30);
    expect(starts.filter((t) => t === 60_500)).toHaveLength(30);
    expect(starts.filter((t) => t === 121_000)).toHaveLength(30);
    expect(Math.max(...starts)).toBe(181_500);
  });
});

describe('RollingWindow', () => {
  it('holds a slot while the call is in flight and for windowMs after its answer', () => {
    const window = new RollingWindow(1000);
    window.record();
    window.record();
    window.record();
    expect(window.canStart(500, 3)).toBe(false);
    // All three in flight: no time frees a slot, only an answer does.
    expect(window.nextSlotAt(500, 3)).toBe(Infinity);
    window.release(600);
    window.release(700);
    expect(window.count(800)).toBe(3);
    expect(window.nextSlotAt(800, 3)).toBe(1600);
    expect(window.nextSlotAt(800, 2)).toBe(1700);
    expect(window.canStart(1600, 3)).toBe(true);
    expect(window.count(1700)).toBe(1);
    window.release(1800);
    expect(window.count(2800)).toBe(0);
  });

  it('bounds the requests that can *arrive* in any window, however late each arrives', async () => {
    // Calls that take 0-3 s to reach the server: the server sees each at a random moment of its flight.
    const random = lcg(9);
    const clock = new ManualClock();
    const arrivals: number[] = [];
    const model = new FakeModel<number>(clock, () => {
      const latencyMs = 200 + random() * 3_000;
      const at = clock.now() + random() * latencyMs;
      arrivals.push(at);
      return { latencyMs };
    });
    const scheduler = new Scheduler<number, string>({ model, clock, config: { rpm: 30, concurrency: 20 } });
    const jobs = Array.from({ length: 200 }, (_, i) => scheduler.submit({ key: `k${i}`, request: i, fallback: () => 'fb' }));
    await clock.runAll();
    await Promise.all(jobs);
    arrivals.sort((a, b) => a - b);
    let worst = 0;
    for (let i = 0; i < arrivals.length; i++) {
      const end = (arrivals[i] ?? 0) + 60_000;
      let j = i;
      while (j < arrivals.length && (arrivals[j] ?? Infinity) < end) j++;
      worst = Math.max(worst, j - i);
    }
    expect(worst).toBeLessThanOrEqual(30);
    expect(worst).toBeGreaterThanOrEqual(28);
  });
});
