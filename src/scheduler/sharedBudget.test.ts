import { describe, expect, it } from 'vitest';
import { ModelError } from '../brain/errors.ts';
import { ManualClock } from '../clock/manualClock.ts';
import { BudgetCoordinator, inProcessLink } from './budgetCoordinator.ts';
import { FakeModel, type Script } from './fakeModel.ts';
import { Scheduler } from './scheduler.ts';
import { SharedBudget } from './sharedBudget.ts';
import type { SchedulerConfig } from './types.ts';

/** Two tabs' schedulers with one key, on one clock, sharing one coordinator. */
function twoTabs(config: Partial<SchedulerConfig>, script: (request: number, attempt: number) => Script = () => ({ latencyMs: 300 })) {
  const clock = new ManualClock();
  const coordinator = new BudgetCoordinator({ clock, today: () => '2026-11-26' });
  const tab = () => {
    const model = new FakeModel<number>(clock, script);
    const budget = new SharedBudget(inProcessLink(coordinator), 'key-hash', clock);
    const scheduler = new Scheduler<number, string>({ model, clock, budget, config, random: () => 0.5 });
    const submit = (n: number) => scheduler.submit({ key: `agent-${n}`, request: n, fallback: () => 'fb' });
    return { model, budget, scheduler, submit };
  };
  return { clock, coordinator, a: tab(), b: tab() };
}

/** The most starts in any rolling 60 s window. */
function busiestMinute(starts: readonly number[]): number {
  const sorted = [...starts].sort((x, y) => x - y);
  let worst = 0;
  for (const [i, t] of sorted.entries()) worst = Math.max(worst, sorted.filter((s, j) => j >= i && s < t + 60_000).length);
  return worst;
}

describe('a budget shared across tabs', () => {
  it('two tabs at rpm=10 with one key send at most 10 requests together in any 60 s', async () => {
    const { clock, a, b } = twoTabs({ rpm: 10, concurrency: 20 });
    const jobs = [];
    // Both tabs want far more than the budget, in bursts, for five minutes.
    for (let t = 0; t < 300_000; t += 7_000) {
      for (let i = 0; i < 6; i++) jobs.push(a.submit(t + i), b.submit(t + i));
      await clock.advance(7_000);
    }
    const starts = [...a.model.starts, ...b.model.starts].map((s) => s.at);
    expect(busiestMinute(starts)).toBe(10);
    // Neither tab starves: both got a fair part of the budget.
    expect(a.model.starts.length).toBeGreaterThan(10);
    expect(b.model.starts.length).toBeGreaterThan(10);
    // And each shows the key's total use, not only its own.
    await a.budget.refresh();
    await b.budget.refresh();
    expect(a.scheduler.metrics().callsLastMinute).toBe(b.scheduler.metrics().callsLastMinute);
    a.scheduler.dispose();
    b.scheduler.dispose();
    await Promise.all(jobs);
  });

  it('each tab says how long its queue waits, from when the key\'s slots free as last heard', async () => {
    const { clock, a, b } = twoTabs({ rpm: 10, concurrency: 20 });
    const first = Array.from({ length: 10 }, (_, i) => a.submit(i));
    await clock.advance(1_000);
    // Tab a spent the key's minute; b's calls wait for slots freeing ~59.3 s from now.
    const waiting = Array.from({ length: 5 }, (_, i) => b.submit(i));
    await clock.advance(0);
    await b.budget.refresh();
    expect(b.scheduler.metrics()).toMatchObject({ queued: 5, callsLastMinute: 10, budgetWaitMs: 60_000 });
    // Heard a second ago: the slots are a second nearer, and so is the wait.
    await clock.advance(1_000);
    expect(b.scheduler.metrics().budgetWaitMs).toBe(59_000);
    await clock.runAll();
    await Promise.all([...first, ...waiting]);
  });

  it('two tabs with a daily limit of 15 send 15 requests in all, then both fall back', async () => {
    const { clock, a, b } = twoTabs({ rpm: 1_000, concurrency: 4, dailyLimit: 15 });
    const jobs = Array.from({ length: 20 }, (_, i) => [a.submit(i), b.submit(i)]).flat();
    await clock.runAll();
    const results = await Promise.all(jobs);
    expect(a.model.starts.length + b.model.starts.length).toBe(15);
    expect(results.filter((r) => r.source === 'fake')).toHaveLength(15);
    expect(a.scheduler.metrics().liveDisabled?.kind).toBe('quota-exhausted');
    expect(b.scheduler.metrics().liveDisabled?.kind).toBe('quota-exhausted');
  });

  it("a 429 in one tab holds back the other tab's requests too", async () => {
    const limited = new ModelError('rate-limit', '429', { status: 429, retryAfterMs: 5_000 });
    const { clock, a, b } = twoTabs({ rpm: 1_000, concurrency: 1 }, (r, attempt) =>
      r === 0 && attempt === 1 ? { latencyMs: 100, fail: limited } : { latencyMs: 100 });
    void a.submit(0);
    await clock.advance(100); // a's call fails with the 429
    void b.submit(1);
    await clock.advance(4_000);
    expect(b.model.starts).toHaveLength(0);
    await clock.advance(1_100);
    expect(b.model.starts).toHaveLength(1);
    expect(b.model.starts[0]?.at).toBeGreaterThanOrEqual(5_100);
  });

  it('a tab that vanishes mid-call frees its slots after its timeout, plus the minute', async () => {
    const { clock, coordinator, b } = twoTabs({ rpm: 2, concurrency: 5, timeoutMs: 3_000 });
    // Another tab took both slots with a 3 s timeout, then was closed: it never answers.
    const gone = coordinator.connect();
    expect(coordinator.take('key-hash', gone, 2, { rpm: 2, dailyLimit: 0, maxCallMs: 3_000 }).granted).toBe(2);
    void b.submit(1);
    await clock.advance(62_999);
    expect(b.model.starts).toHaveLength(0);
    await clock.advance(1_001); // 3 s timeout + 60 s, then the next poll
    expect(b.model.starts).toHaveLength(1);
  });
});
