import { describe, expect, it } from 'vitest';
import { ModelError } from '../brain/errors.ts';
import { ManualClock } from '../clock/manualClock.ts';
import { FakeModel, type Script } from './fakeModel.ts';
import { Scheduler } from './scheduler.ts';
import type { BatchStats, JobResult, SchedulerConfig, SchedulerEvent } from './types.ts';

function harness(script: (request: number, attempt: number) => Script, config: Partial<SchedulerConfig> = {}) {
  const clock = new ManualClock();
  const model = new FakeModel<number>(clock, script);
  const events: SchedulerEvent[] = [];
  const scheduler = new Scheduler<number, string>({
    model, clock, config, random: () => 0.5, onEvent: (event) => events.push(event),
  });
  const submit = (request: number, batch?: string, key = `agent-${request}`): Promise<JobResult<string>> =>
    scheduler.submit({ key, request, fallback: (r) => `fallback:${r}`, ...(batch === undefined ? {} : { batch }) });
  return { clock, model, scheduler, events, submit };
}

const batches = (events: SchedulerEvent[]): BatchStats[] =>
  events.flatMap((e) => (e.type === 'batch' ? [e.stats] : []));

describe('Scheduler: parallel versus sequential', () => {
  it('runs a parallel batch in about one latency and reports the speedup', async () => {
    const { clock, submit, events } = harness(() => ({ latencyMs: 500 }), { concurrency: Infinity, rpm: Infinity });
    const results = Promise.all(Array.from({ length: 10 }, (_, i) => submit(i, 'b1')));
    await clock.advance(500);
    const settled = await results;
    expect(settled.every((r) => r.source === 'fake')).toBe(true);
    const [batch] = batches(events);
    expect(batch).toMatchObject({ size: 10, wallMs: 500, sumLatencyMs: 5000, speedup: 10, fallbacks: 0 });
  });

  it('runs a sequential batch in the sum of its latencies', async () => {
    const latencies = [100, 300, 200, 400];
    const { clock, submit, events, model } = harness((r) => ({ latencyMs: latencies[r] ?? 0 }), { strategy: 'sequential' });
    void Promise.all(latencies.map((_, i) => submit(i, 'seq')));
    await clock.advance(999);
    expect(batches(events)).toHaveLength(0);
    await clock.advance(1);
    expect(batches(events)[0]).toMatchObject({ wallMs: 1000, sumLatencyMs: 1000, speedup: 1 });
    expect(model.maxInFlight).toBe(1);
  });

  it('dispatches in order of submission and never runs two jobs of one key together', async () => {
    const { clock, submit, model } = harness(() => ({ latencyMs: 100 }), { concurrency: 2 });
    void submit(1, undefined, 'a');
    void submit(2, undefined, 'a');
    void submit(3, undefined, 'b');
    void submit(4, undefined, 'c');
    await clock.advance(0);
    expect(model.starts.map((s) => s.request)).toEqual([1, 3]);
    await clock.advance(100);
    expect(model.starts.map((s) => s.request)).toEqual([1, 3, 2, 4]);
  });
});

describe('Scheduler: limits', () => {
  it('holds the concurrency cap, and a new cap applies while running', async () => {
    const { clock, submit, model, scheduler } = harness(() => ({ latencyMs: 1000 }), { concurrency: 3 });
    const all = Promise.all(Array.from({ length: 30 }, (_, i) => submit(i)));
    await clock.advance(2500);
    expect(model.maxInFlight).toBe(3);
    scheduler.configure({ concurrency: 7 });
    await clock.advance(0);
    expect(scheduler.metrics().inFlight).toBe(7);
    await clock.runAll();
    await all;
    expect(model.maxInFlight).toBe(7);
  });

  it('aborts a call at its timeout and falls back for that job only', async () => {
    const { clock, submit, model } = harness((r) => (r === 0 ? { latencyMs: 0, hang: true } : { latencyMs: 200 }), { timeoutMs: 1000 });
    const hung = submit(0);
    const fine = submit(1);
    await clock.advance(200);
    expect((await fine).source).toBe('fake');
    await clock.advance(799);
    expect(model.aborted).toBe(0);
    await clock.advance(1);
    const result = await hung;
    expect(model.aborted).toBe(1);
    expect(result).toMatchObject({ source: 'fallback', value: 'fallback:0' });
    expect(result.record.error?.kind).toBe('timeout');
    expect(result.record.endedAt - (result.record.startedAt ?? 0)).toBe(1000);
  });

  it('times out a model that ignores its abort signal', async () => {
    const clock = new ManualClock();
    const deaf = { source: 'deaf', call: () => new Promise<never>(() => undefined) };
    const scheduler = new Scheduler<number, string>({ model: deaf, clock, config: { timeoutMs: 300 } });
    const result = scheduler.submit({ key: 'k', request: 1, fallback: () => 'fb' });
    await clock.advance(300);
    expect((await result).source).toBe('fallback');
  });
});

describe('Scheduler: failures', () => {
  it('retries a server error with backoff and succeeds', async () => {
    const fail = new ModelError('server', 'HTTP 503', { status: 503 });
    const { clock, submit, scheduler, model } = harness((_r, attempt) => (attempt === 1 ? { latencyMs: 100, fail } : { latencyMs: 100 }), {
      backoffBaseMs: 400,
    });
    const result = submit(7);
    await clock.runAll();
    const settled = await result;
    expect(settled).toMatchObject({ source: 'fake', value: 'answer:7:2' });
    expect(settled.record.attempts).toBe(2);
    // Full jitter with random() = 0.5 and base 400: the retry waits 200 ms after the failure.
    expect(model.starts.map((s) => s.at)).toEqual([0, 300]);
    expect(scheduler.metrics()).toMatchObject({ retries: 1, callsFailed: 1, callsSucceeded: 1, fallbacks: 0 });
  });

  it('falls back after maxAttempts retryable failures, and does not retry bad output', async () => {
    const { clock, submit, model } = harness((r) =>
      r === 0 ? { latencyMs: 10, fail: new ModelError('server', 'down') } : { latencyMs: 10, fail: new ModelError('bad-output', 'not JSON') },
    { maxAttempts: 3 });
    const server = submit(0);
    const bad = submit(1);
    await clock.runAll();
    expect((await server).record).toMatchObject({ attempts: 3, outcome: 'fallback' });
    expect((await bad).record).toMatchObject({ attempts: 1, outcome: 'fallback', error: { kind: 'bad-output', message: 'not JSON' } });
    expect(model.starts.filter((s) => s.request === 0)).toHaveLength(3);
  });

  it('pauses all dispatch for the retry delay of a 429', async () => {
    const limited = new ModelError('rate-limit', '429', { status: 429, retryAfterMs: 5000 });
    const { clock, submit, model, scheduler } = harness(
      (r, attempt) => (r === 0 && attempt === 1 ? { latencyMs: 100, fail: limited } : { latencyMs: 100 }),
      { concurrency: 1 },
    );
    const all = Promise.all([0, 1, 2, 3].map((i) => submit(i)));
    await clock.advance(100);
    expect(scheduler.metrics().pausedForMs).toBe(5000);
    await clock.advance(4999);
    expect(model.starts).toHaveLength(1);
    await clock.advance(1);
    expect(model.starts).toHaveLength(2);
    // The rate-limited job keeps its place at the head of the line.
    expect(model.starts[1]).toMatchObject({ request: 0, attempt: 2, at: 5100 });
    await clock.runAll();
    expect((await all).every((r) => r.source === 'fake')).toBe(true);
  });

  it.each(['invalid-key', 'quota-exhausted'] as const)('on %s: no retry, live calls stop, every waiting job falls back at once', async (kind) => {
    const { clock, submit, model, scheduler, events } = harness(
      () => ({ latencyMs: 100, fail: new ModelError(kind, 'no') }),
      { concurrency: 2 },
    );
    const all = Promise.all(Array.from({ length: 10 }, (_, i) => submit(i, 'b')));
    await clock.advance(100);
    const results = await all;
    expect(model.starts).toHaveLength(2);
    expect(results.every((r) => r.source === 'fallback')).toBe(true);
    expect(results.every((r) => r.record.endedAt === 100)).toBe(true);
    expect(events.filter((e) => e.type === 'live-disabled')).toHaveLength(1);
    expect(scheduler.metrics().liveDisabled?.kind).toBe(kind);
    // Later jobs do not try the model at all until a new one is set.
    const later = submit(99);
    await clock.advance(0);
    expect((await later).record.attempts).toBe(0);
    scheduler.setModel(new FakeModel<number>(clock, () => ({ latencyMs: 10 })));
    const after = submit(100);
    await clock.advance(10);
    expect((await after).source).toBe('fake');
  });

  it('keeps the others unchanged when 30% of calls fail', async () => {
    const latency = (r: number): number => 200 + ((r * 37) % 300);
    const faulty = (r: number): Script => {
      const roll = (r * 7919) % 100;
      if (roll < 10) return { latencyMs: latency(r), fail: new ModelError('server', 'boom') };
      if (roll < 20) return { latencyMs: 0, hang: true };
      if (roll < 30) return { latencyMs: latency(r), fail: new ModelError('bad-output', 'junk') };
      return { latencyMs: latency(r) };
    };
    const run = async (script: (r: number) => Script) => {
      const { clock, submit } = harness(script, { timeoutMs: 2000, maxAttempts: 1, concurrency: Infinity });
      const all = Promise.all(Array.from({ length: 200 }, (_, i) => submit(i, 'b')));
      await clock.runAll();
      return all;
    };
    const clean = await run((r) => ({ latencyMs: latency(r) }));
    const noisy = await run(faulty);
    expect(noisy).toHaveLength(200);
    const failed = noisy.filter((r) => r.source === 'fallback');
    expect(failed.length).toBeGreaterThan(40);
    expect(failed.length).toBeLessThan(80);
    for (const [i, result] of noisy.entries()) {
      if (result.source === 'fallback') continue;
      expect(result.record.endedAt - (result.record.startedAt ?? NaN)).toBe(clean[i]?.record.endedAt);
    }
    // A hang costs its own job the timeout and nothing more.
    expect(Math.max(...noisy.map((r) => r.record.endedAt))).toBe(2000);
  });
});

describe('Scheduler: producers', () => {
  it('cancel drops one producer: waiting jobs settle unsent, calls in flight abort, slots stay spent', async () => {
    const clock = new ManualClock();
    const model = new FakeModel<number>(clock, () => ({ latencyMs: 1_000 }));
    const scheduler = new Scheduler<number, string>({ model, clock, config: { concurrency: 2, rpm: 100 } });
    const submit = (producer: string, n: number) => scheduler.submit({ key: `${producer}/${n}`, producer, request: n, fallback: () => `fb:${producer}` });
    const old = [1, 2, 3, 4].map((n) => submit('old', n));
    await clock.advance(0);
    // Submitted once `old` holds both slots (queued together, the producers would take turns).
    const fresh = submit('new', 5);
    await clock.advance(0);
    expect(model.starts).toHaveLength(2);
    expect(scheduler.metrics('old')).toMatchObject({ inFlight: 2, queued: 2 });
    scheduler.cancel('old', 'replaced');
    await clock.advance(0);
    const dropped = await Promise.all(old);
    expect(dropped.every((r) => r.source === 'fallback')).toBe(true);
    expect(dropped.map((r) => r.record.attempts)).toEqual([1, 1, 0, 0]);
    expect(model.aborted).toBe(2);
    // The other producer goes on; the aborted calls' slots still count for their minute.
    await clock.advance(1_000);
    expect((await fresh).source).toBe('fake');
    expect(scheduler.metrics().callsLastMinute).toBe(3);
    expect(scheduler.metrics('new')).toMatchObject({ callsSucceeded: 1, inFlight: 0, queued: 0 });
    expect(scheduler.metrics('old')).toMatchObject({ callsStarted: 0 }); // forgotten once settled
  });

  it('a job submitted after dispose settles at once with its fallback', async () => {
    const clock = new ManualClock();
    const scheduler = new Scheduler<number, string>({ model: new FakeModel<number>(clock, () => ({ latencyMs: 10 })), clock });
    scheduler.dispose();
    await expect(scheduler.submit({ key: 'k', request: 1, fallback: () => 'fb' })).resolves.toMatchObject({ source: 'fallback' });
  });
});

describe('Scheduler: how long the budget keeps a queue waiting', () => {
  it('says when the last waiting call can start, from when the held slots free, and it starts then', async () => {
    const clock = new ManualClock();
    const model = new FakeModel<number>(clock, () => ({ latencyMs: 500 }));
    const scheduler = new Scheduler<number, string>({ model, clock, config: { concurrency: 100, rpm: 60 } });
    // "100 agents under 60 RPM": 60 start at once, 40 wait.
    const jobs = Array.from({ length: 100 }, (_, n) => scheduler.submit({ key: `agent-${n}`, request: n, fallback: () => 'fb' }));
    await clock.advance(0);
    expect(scheduler.metrics()).toMatchObject({ inFlight: 60, queued: 40, budgetWaitMs: 60_000 });
    await clock.advance(2_000);
    // Answered at 0.5 s, their slots free at 60.5 s: within the second that ends 59 s from now.
    expect(scheduler.metrics()).toMatchObject({ inFlight: 0, queued: 40, budgetWaitMs: 59_000 });
    await clock.advance(58_499);
    expect(model.starts).toHaveLength(60);
    await clock.advance(1);
    expect(model.starts).toHaveLength(100);
    expect(scheduler.metrics()).toMatchObject({ queued: 0, budgetWaitMs: null });
    await clock.runAll();
    await Promise.all(jobs);
  });
});

describe('Scheduler: submitTo', () => {
  it('tells one listener each job’s end once, by its tag, after the job is counted', async () => {
    const { clock, scheduler } = harness((r) => (r === 2 ? { latencyMs: 0, fail: new ModelError('bad-output', 'not JSON') } : { latencyMs: 100 * (r + 1) }), { concurrency: Infinity, rpm: Infinity });
    const heard: { tag: number; value: string; source: string; key: string; completed: number }[] = [];
    const listener = {
      settled: (tag: number, value: string, source: string, record: { key: string }) => {
        heard.push({ tag, value, source, key: record.key, completed: scheduler.metrics().jobsCompleted });
      },
    };
    for (const r of [0, 1, 2]) scheduler.submitTo({ key: `agent-${r}`, request: r, fallback: (q) => `fallback:${q}` }, listener, 10 + r);
    expect(heard).toEqual([]);
    await clock.advance(1_000);
    expect(heard).toEqual([
      { tag: 12, value: 'fallback:2', source: 'fallback', key: 'agent-2', completed: 1 },
      { tag: 10, value: expect.any(String) as string, source: 'fake', key: 'agent-0', completed: 2 },
      { tag: 11, value: expect.any(String) as string, source: 'fake', key: 'agent-1', completed: 3 },
    ]);
  });

  it('on a disposed scheduler, tells the fallback on a microtask, not within the call', async () => {
    const { scheduler } = harness(() => ({ latencyMs: 10 }));
    scheduler.dispose();
    const heard: string[] = [];
    scheduler.submitTo({ key: 'k', request: 1, fallback: () => 'fb' }, { settled: (tag, value, source) => heard.push(`${String(tag)}:${value}:${source}`) }, 7);
    expect(heard).toEqual([]);
    await Promise.resolve();
    expect(heard).toEqual(['7:fb:fallback']);
  });
});

describe('Scheduler: a model that can run only so many calls at once', () => {
  it('keeps the calls beyond its limit in line, where they show as queued', async () => {
    const clock = new ManualClock();
    const fake = new FakeModel<number>(clock, () => ({ latencyMs: 1_000 }));
    const capped = { source: 'fake', maxConcurrent: 6, call: fake.call.bind(fake) };
    const scheduler = new Scheduler<number, string>({ model: capped, clock, config: { concurrency: 64 } });
    const all = Promise.all(Array.from({ length: 10 }, (_, i) => scheduler.submit({ key: `k${i}`, request: i, fallback: () => 'fb' })));
    await clock.advance(0);
    expect(scheduler.metrics()).toMatchObject({ inFlight: 6, queued: 4 });
    await clock.runAll();
    await all;
    expect(fake.maxInFlight).toBe(6);
  });
});

describe('Scheduler: a model that throws synchronously', () => {
  it.each([
    ['a plain error (falls back at once)', () => new Error('boom'), 1],
    ['a server error (retried, then falls back)', () => new ModelError('server', '503'), 3],
  ] as const)('%s: every job settles exactly once, with exactly its attempts', async (_name, error, attempts) => {
    const clock = new ManualClock();
    let calls = 0;
    const model = {
      source: 'sync',
      call: (): Promise<never> => {
        calls++;
        throw error();
      },
    };
    const events: SchedulerEvent[] = [];
    const scheduler = new Scheduler<number, string>({ model, clock, config: { concurrency: 2, backoffBaseMs: 10 }, onEvent: (e) => events.push(e), random: () => 0.5 });
    const results = Promise.all(Array.from({ length: 5 }, (_, i) => scheduler.submit({ key: `k${i}`, request: i, fallback: () => 'fb' })));
    await clock.runAll();
    expect((await results).map((r) => r.source)).toEqual(['fallback', 'fallback', 'fallback', 'fallback', 'fallback']);
    expect(events.filter((e) => e.type === 'settled')).toHaveLength(5);
    expect(calls).toBe(5 * attempts);
    expect(scheduler.metrics()).toMatchObject({ inFlight: 0, queued: 0, jobsCompleted: 5 });
  });
});

describe('Scheduler: a per-producer cap', () => {
  it("holds one producer to its semaphore without holding back the others", async () => {
    const clock = new ManualClock();
    const model = new FakeModel<number>(clock, () => ({ latencyMs: 1_000 }));
    const scheduler = new Scheduler<number, string>({ model, clock, config: { concurrency: 100, rpm: 10_000 } });
    scheduler.capProducer('community', 20);
    const submit = (producer: string, n: number) => scheduler.submit({ key: `${producer}/${n}`, producer, request: n, fallback: () => 'fb' });
    const all = Promise.all([...Array.from({ length: 100 }, (_, i) => submit('community', i)), ...Array.from({ length: 10 }, (_, i) => submit('grid', i))]);
    await clock.advance(0);
    expect(scheduler.metrics('community').inFlight).toBe(20);
    expect(scheduler.metrics('grid').inFlight).toBe(10);
    await clock.runAll();
    await all;
    // ⌈100 / 20⌉ rounds of 1 s each: the semaphore sets the ceiling.
    expect(clock.now()).toBe(5_000);
    expect(model.maxInFlight).toBe(30);
  });
});
