import { describe, expect, it } from 'vitest';
import { ModelError } from '../brain/errors.ts';
import { ManualClock } from '../clock/manualClock.ts';
import { FakeModel } from './fakeModel.ts';
import { statsOfRecords } from './batches.ts';
import { Scheduler } from './scheduler.ts';
import type { BatchStats, SchedulerConfig, SchedulerEvent } from './types.ts';

/** Submits `rounds` batches of `size` jobs, one every `everyMs`, and returns each batch's stats. */
async function rounds(config: Partial<SchedulerConfig>, size: number, count: number, everyMs: number, fail = false): Promise<BatchStats[]> {
  const clock = new ManualClock();
  const events: SchedulerEvent[] = [];
  const model = new FakeModel<number>(clock, () => (fail ? { latencyMs: 50, fail: new ModelError('invalid-key', 'no') } : { latencyMs: 500 }));
  const scheduler = new Scheduler<number, string>({ model, clock, config, onEvent: (e) => events.push(e) });
  for (let round = 0; round < count; round++) {
    for (let i = 0; i < size; i++) void scheduler.submit({ key: `a${i}`, batch: `b${round}`, request: i, fallback: () => 'fb' });
    await clock.advance(everyMs);
  }
  await clock.runAll();
  return events.flatMap((e) => (e.type === 'batch' ? [e.stats] : []));
}

describe('batch figures', () => {
  it('one at a time reads the sum of its calls and 1.0×, even behind a round that overran its interval', async () => {
    // Ten 500 ms calls one at a time take 5 s; a new round comes every 3 s and waits its turn.
    const stats = await rounds({ strategy: 'sequential' }, 10, 4, 3_000);
    expect(stats).toHaveLength(4);
    for (const batch of stats) {
      expect(batch.wallMs).toBe(5_000);
      expect(batch.sumLatencyMs).toBe(5_000);
      expect(batch.speedup).toBe(1);
    }
    expect(stats.map((b) => b.waitedMs)).toEqual([0, 2_000, 4_000, 6_000]);
  });

  it('one at a time with retries still reads at most 1.0×: a backoff is not the call\'s time', async () => {
    // Every job's first attempt fails after 500 ms and is retried after a 1 s backoff. One call
    // in flight at a time: while a job waits out its backoff, the next job's call runs, so each
    // job's span (first send to answer) holds other jobs' calls: summed, they exceed the wall.
    const clock = new ManualClock();
    const model = new FakeModel<number>(clock, (_request, attempt) => (attempt === 1 ? { latencyMs: 500, fail: new ModelError('server', 'busy') } : { latencyMs: 500 }));
    const events: SchedulerEvent[] = [];
    const scheduler = new Scheduler<number, string>({
      model, clock, config: { strategy: 'sequential', backoffBaseMs: 1_000, backoffMaxMs: 1_000, maxAttempts: 2 }, random: () => 1, onEvent: (e) => events.push(e),
    });
    const jobs = Array.from({ length: 4 }, (_, i) => scheduler.submit({ key: `a${i}`, batch: 'b0', request: i, fallback: () => 'fb' }));
    await clock.runAll();
    const results = await Promise.all(jobs);
    expect(results.every((r) => r.source === 'fake')).toBe(true);
    const spans = results.reduce((sum, r) => sum + r.record.endedAt - (r.record.startedAt ?? 0), 0);
    const [batch] = events.flatMap((e) => (e.type === 'batch' ? [e.stats] : []));
    // Eight attempts of 500 ms, one at a time: 4 s of calls, whatever the backoffs overlapped.
    expect(results.map((r) => r.record.callMs)).toEqual([1_000, 1_000, 1_000, 1_000]);
    expect(batch?.sumLatencyMs).toBe(4_000);
    expect(batch?.wallMs).toBeGreaterThanOrEqual(4_000);
    expect(batch?.speedup).toBeLessThanOrEqual(1);
    expect(spans).toBeGreaterThan(batch?.wallMs ?? Infinity);
    // The same figures from the records alone (a host with no batch of its own, a community phase).
    expect(statsOfRecords('b0', results.map((r) => r.record))).toEqual(batch);
    expect(statsOfRecords('b0', [])).toBeUndefined();
  });

  it('all together reads the real gain', async () => {
    const [batch] = await rounds({ concurrency: 10, rpm: 1_000 }, 10, 1, 3_000);
    expect(batch).toMatchObject({ wallMs: 500, sumLatencyMs: 5_000, speedup: 10, waitedMs: 0, answered: 10, fallbacks: 0 });
  });

  it('a batch whose calls all failed says so: nothing answered', async () => {
    const [batch] = await rounds({ concurrency: 2 }, 10, 1, 1_000, true);
    expect(batch).toMatchObject({ size: 10, answered: 0, fallbacks: 10 });
  });

  it('a batch behind the budget says how many calls it has still to send, until the last is sent', async () => {
    const clock = new ManualClock();
    const model = new FakeModel<number>(clock, () => ({ latencyMs: 500 }));
    const scheduler = new Scheduler<number, string>({ model, clock, config: { concurrency: 10, rpm: 4 } });
    const jobs = Array.from({ length: 10 }, (_, i) => scheduler.submit({ key: `a${i}`, batch: 'b0', request: i, fallback: () => 'fb' }));
    // Not one sent yet: the page has no lane for it, and is told nothing.
    expect(scheduler.metrics().unsent).toEqual([]);
    await clock.advance(0);
    expect(scheduler.metrics().unsent).toEqual([{ id: 'b0', calls: 6 }]);
    // Its four calls answered, it is still under way.
    await clock.advance(1_000);
    expect(scheduler.metrics()).toMatchObject({ lastBatch: null, unsent: [{ id: 'b0', calls: 6 }] });
    await clock.advance(60_000);
    expect(scheduler.metrics().unsent).toEqual([{ id: 'b0', calls: 2 }]);
    // The last two leave a minute later: nothing is left to send, and the batch ends with them.
    await clock.advance(60_000);
    expect(scheduler.metrics().unsent).toEqual([]);
    await clock.runAll();
    await Promise.all(jobs);
    expect(scheduler.metrics().lastBatch).toMatchObject({ id: 'b0', size: 10 });
  });

  it('calls settled without being sent leave nothing to send', async () => {
    const clock = new ManualClock();
    const model = new FakeModel<number>(clock, () => ({ latencyMs: 500 }));
    const scheduler = new Scheduler<number, string>({ model, clock, config: { concurrency: 10, rpm: 4 } });
    const jobs = Array.from({ length: 10 }, (_, i) => scheduler.submit({ key: `a${i}`, batch: 'b0', producer: 'w', request: i, fallback: () => 'fb' }));
    await clock.advance(0);
    expect(scheduler.metrics().unsent).toEqual([{ id: 'b0', calls: 6 }]);
    scheduler.cancel('w', 'replaced');
    await clock.advance(0);
    expect(scheduler.metrics().unsent).toEqual([]);
    await clock.runAll();
    await Promise.all(jobs);
  });
});
