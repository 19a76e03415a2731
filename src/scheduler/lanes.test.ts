import { describe, expect, it } from 'vitest';
import { ModelError } from '../brain/errors.ts';
import type { Clock } from '../clock/clock.ts';
import { ManualClock } from '../clock/manualClock.ts';
import { LocalBudget, type Budget, type BudgetLimits, type Grant } from './budget.ts';
import { ConfigError, validateSchedulerConfig } from './config.ts';
import { FakeModel, type Script } from './fakeModel.ts';
import { backgroundCap, backgroundRpm } from './lanes.ts';
import { Scheduler } from './scheduler.ts';
import type { Job, JobResult, Lane, SchedulerConfig } from './types.ts';

type Extra = Partial<Pick<Job<string, string>, 'producer' | 'timeoutMs' | 'key'>>;

function harness(
  config: Partial<SchedulerConfig>,
  script: (request: string, attempt: number) => Script = () => ({ latencyMs: 100 }),
  budgetOf?: (clock: Clock) => Budget,
) {
  const clock = new ManualClock();
  const model = new FakeModel<string>(clock, script);
  const budget = budgetOf?.(clock);
  const scheduler = new Scheduler<string, string>({ model, clock, config, random: () => 0.5, ...(budget ? { budget } : {}) });
  const submit = (request: string, lane: Lane, extra: Extra = {}): Promise<JobResult<string>> =>
    scheduler.submit({ key: request, request, lane, fallback: (r) => `fallback:${r}`, ...extra });
  const started = (): string[] => model.starts.map((s) => s.request);
  const startOf = (request: string): number | undefined => model.starts.find((s) => s.request === request)?.at;
  return { clock, model, scheduler, submit, started, startOf };
}

const names = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

/** A budget in "another thread": each take waits until the test grants it, then asks a local ledger. */
class HeldBudget implements Budget {
  readonly asked: BudgetLimits[] = [];
  private readonly waiting: (() => void)[] = [];
  readonly inner: LocalBudget;

  constructor(clock: Clock) {
    this.inner = LocalBudget.fresh(clock);
  }

  take(want: number, limits: BudgetLimits): Promise<Grant> {
    this.asked.push(limits);
    return new Promise((resolve) => this.waiting.push(() => { resolve(this.inner.take(want, limits)); }));
  }

  /** Answers the oldest take that is still waiting. */
  grantNext(): void {
    this.waiting.shift()?.();
  }

  release(): void {
    this.inner.release();
  }

  giveBack(count: number): void {
    this.inner.giveBack(count);
  }

  pause(ms: number): void {
    this.inner.pause(ms);
  }

  usage() {
    return this.inner.usage();
  }

  freeing() {
    return this.inner.freeing();
  }
}

describe('lanes: interactive before background', () => {
  it('under a full budget, a freed slot goes to the interactive job though background jobs were queued first', async () => {
    // Share 1: background may fill the whole window, so the budget is exhausted by background work.
    const latency: Record<string, number> = { b0: 100, b1: 200 };
    const { clock, submit, started, startOf } = harness({ rpm: 2, backgroundShare: 1, concurrency: Infinity }, (r) => ({ latencyMs: latency[r] ?? 100 }));
    const all = [submit('b0', 'background'), submit('b1', 'background')];
    await clock.advance(10);
    all.push(submit('b2', 'background'), submit('b3', 'background'));
    await clock.advance(10);
    all.push(submit('i0', 'interactive'));
    await clock.advance(60_100 - 20 - 1);
    expect(started()).toEqual(['b0', 'b1']);
    await clock.advance(1); // b0's slot frees at 60 s after its answer
    expect(started()).toEqual(['b0', 'b1', 'i0']);
    expect(startOf('i0')).toBe(60_100);
    await clock.advance(100); // b1's slot frees: now the oldest background job
    expect(started()).toEqual(['b0', 'b1', 'i0', 'b2']);
    await clock.runAll();
    await Promise.all(all);
  });

  it('under a concurrency cap, a freed slot goes to the interactive job though background jobs were queued first', async () => {
    const latency: Record<string, number> = { i0: 500, i1: 1_000, i2: 1_000 };
    const { clock, submit, started, startOf } = harness({ concurrency: 2, rpm: Infinity }, (r) => ({ latencyMs: latency[r] ?? 100 }));
    const all = [submit('i0', 'interactive'), submit('i1', 'interactive')];
    await clock.advance(10);
    all.push(submit('b0', 'background'), submit('b1', 'background'), submit('i2', 'interactive'));
    await clock.advance(490);
    expect(started()).toEqual(['i0', 'i1', 'i2']);
    expect(startOf('i2')).toBe(500);
    await clock.advance(500); // i1 answers: the second slot may go to one background job
    expect(started()).toEqual(['i0', 'i1', 'i2', 'b0']);
    expect(startOf('b0')).toBe(1_000);
    await clock.runAll();
    await Promise.all(all);
  });

  it('background never delays a turn: with 20 background jobs queued and in flight, a later interactive job starts at once', async () => {
    const { clock, submit, scheduler, startOf } = harness({ concurrency: 10, rpm: 60 }, (r) => ({ latencyMs: r.startsWith('b') ? 5_000 : 300 }));
    const background = names('b', 20).map((name) => submit(name, 'background'));
    await clock.advance(1_000);
    // The reserve: background holds at most its share (half) of the cap, the rest wait.
    expect(scheduler.metrics().lanes.background).toEqual({ queued: 15, inFlight: 5, done: 0 });
    // A turn's fan-out of five finds its five slots at once.
    const turn = names('i', 5).map((name) => submit(name, 'interactive'));
    await clock.advance(0);
    for (const name of names('i', 5)) expect(startOf(name)).toBe(1_000);
    for (const answer of await clockThen(clock, 300, Promise.all(turn))) expect(answer.record.endedAt).toBe(1_300);
    await clock.runAll();
    await Promise.all(background);
    // Once nothing interactive waits, background work uses what is left over: all 20 ran.
    expect(scheduler.metrics().lanes.background.done).toBe(20);
  });

  it('background never delays a turn: its share of the window leaves room for interactive work', async () => {
    // rpm 20, share 0.5: background stops at 10 requests in the window.
    const { clock, submit, scheduler, startOf } = harness({ concurrency: 10, rpm: 20 }, () => ({ latencyMs: 100 }));
    const background = names('b', 20).map((name) => submit(name, 'background'));
    await clock.advance(1_000);
    expect(scheduler.metrics()).toMatchObject({ callsLastMinute: 10, lanes: { background: { queued: 10, inFlight: 0, done: 10 } } });
    const turns = names('i', 5).map((name) => submit(name, 'interactive'));
    await clock.advance(0);
    expect(names('i', 5).map(startOf)).toEqual([1_000, 1_000, 1_000, 1_000, 1_000]);
    await clock.runAll();
    await Promise.all([...background, ...turns]);
  });
});

describe('lanes: the background share of the rpm window', () => {
  it('background fills at most rpm × share of the rolling minute, counting every request in it', async () => {
    const { clock, submit, started, startOf, scheduler } = harness({ rpm: 10, backgroundShare: 0.5, concurrency: Infinity }, () => ({ latencyMs: 100 }));
    const all = [...names('i', 4).map((n) => submit(n, 'interactive')), ...names('b', 3).map((n) => submit(n, 'background'))];
    await clock.advance(10);
    // Four interactive requests already hold 4 of the 5 slots background may fill: one background job starts.
    expect(started()).toEqual(['i0', 'i1', 'i2', 'i3', 'b0']);
    // Interactive work still has the rest of the minute.
    all.push(submit('i4', 'interactive'));
    await clock.advance(0);
    expect(startOf('i4')).toBe(10);
    expect(scheduler.metrics().callsLastMinute).toBe(6);
    // The other background jobs wait until the window holds fewer than 5 slots: at 60 100 five free.
    await clock.advance(60_100 - 10 - 1);
    expect(startOf('b1')).toBeUndefined();
    await clock.advance(1);
    expect([startOf('b1'), startOf('b2')]).toEqual([60_100, 60_100]);
    await clock.runAll();
    await Promise.all(all);
  });

  it('a burst of background work alone holds at most its share', async () => {
    const { clock, submit, model } = harness({ rpm: 60, concurrency: Infinity }, () => ({ latencyMs: 50 }));
    const all = names('b', 100).map((n) => submit(n, 'background'));
    await clock.advance(59_000);
    expect(model.starts).toHaveLength(30);
    await clock.runAll();
    await Promise.all(all);
    expect(model.starts).toHaveLength(100);
  });

  it('rounds the share down but never to nothing, and reserves one slot in flight when it can', () => {
    expect([backgroundRpm(60, 0.5), backgroundRpm(5, 0.5), backgroundRpm(1, 0.5), backgroundRpm(Infinity, 0.5), backgroundRpm(60, 1)]).toEqual([30, 2, 1, Infinity, 60]);
    expect([backgroundCap(10, 0.5), backgroundCap(6, 0.5), backgroundCap(2, 0.5), backgroundCap(1, 0.5), backgroundCap(Infinity, 0.5), backgroundCap(10, 1)]).toEqual([5, 3, 1, 1, Infinity, 9]);
  });

  it('backgroundShare is checked with the other settings', () => {
    expect(validateSchedulerConfig({}).backgroundShare).toBe(0.5);
    expect(validateSchedulerConfig({ backgroundShare: 1 }).backgroundShare).toBe(1);
    for (const bad of [0, -0.1, 1.5, Number.NaN]) expect(() => validateSchedulerConfig({ backgroundShare: bad })).toThrow(ConfigError);
  });

  it('takes background slots from the ledger under the share, with a deadline for the longest call', async () => {
    let budget: HeldBudget | undefined;
    const { clock, submit } = harness({ rpm: 60, timeoutMs: 1_000 }, () => ({ latencyMs: 10 }), (c) => (budget = new HeldBudget(c)));
    const all = [submit('i0', 'interactive', { timeoutMs: 3_000 }), submit('b0', 'background')];
    await clock.advance(0);
    budget?.grantNext();
    await clock.advance(0);
    budget?.grantNext();
    await clock.advance(0);
    expect(budget?.asked).toEqual([{ rpm: 60, dailyLimit: 0, maxCallMs: 3_000 }, { rpm: 30, dailyLimit: 0, maxCallMs: 1_000 }]);
    await clock.runAll();
    await Promise.all(all);
  });

  it('slots granted for interactive work are not spent on background work (a budget in another thread)', async () => {
    let held: HeldBudget | undefined;
    const { clock, submit, scheduler, started } = harness({ rpm: 4, concurrency: Infinity }, () => ({ latencyMs: 10_000 }), (c) => (held = new HeldBudget(c)));
    const budget = (): HeldBudget => held ?? expect.unreachable('no budget');
    const long = names('i', 3).map((n) => submit(n, 'interactive'));
    await clock.advance(0);
    budget().grantNext();
    await clock.advance(0);
    expect(started()).toEqual(['i0', 'i1', 'i2']);
    // A turn asks for a slot; while the answer is on its way, its producer is cancelled.
    const turn = submit('t0', 'interactive', { producer: 'player' });
    const chore = submit('c0', 'background');
    await clock.advance(0);
    scheduler.cancel('player');
    budget().grantNext();
    await clock.advance(0);
    // The slot taken under the full rpm went back; background asked again under its share (2)
    // and, with 3 slots held, got none.
    budget().grantNext();
    await clock.advance(0);
    expect(budget().asked.map((l) => l.rpm)).toEqual([4, 4, 2]);
    expect(started()).toEqual(['i0', 'i1', 'i2']);
    expect(budget().usage().held).toBe(3);
    expect((await turn).source).toBe('fallback');
    scheduler.dispose();
    await Promise.all([...long, chore]);
  });
});

describe('lanes: a job’s own timeout', () => {
  it('fires at the job’s own timeout and says so; other jobs keep the scheduler’s', async () => {
    const { clock, submit, model } = harness({ timeoutMs: 10_000 }, () => ({ latencyMs: 0, hang: true }));
    const quick = submit('i0', 'interactive', { timeoutMs: 450 });
    const plain = submit('b0', 'background');
    await clock.advance(449);
    expect(model.aborted).toBe(0);
    await clock.advance(1);
    const result = await quick;
    expect(result).toMatchObject({ source: 'fallback', value: 'fallback:i0' });
    expect(result.record.error).toEqual({ kind: 'timeout', message: 'No answer within 450 ms; the call was aborted.' });
    expect(result.record.endedAt - (result.record.startedAt ?? NaN)).toBe(450);
    await clock.advance(10_000 - 450);
    expect((await plain).record).toMatchObject({ endedAt: 10_000, error: { kind: 'timeout', message: 'No answer within 10000 ms; the call was aborted.' } });
  });

  it('applies to every attempt of the job', async () => {
    const slow = new ModelError('server', '503');
    const { clock, submit, model } = harness({ timeoutMs: 10_000, maxAttempts: 2, backoffBaseMs: 0 }, (_r, attempt) =>
      attempt === 1 ? { latencyMs: 100, fail: slow } : { latencyMs: 0, hang: true });
    const job = submit('i0', 'interactive', { timeoutMs: 300 });
    await clock.runAll();
    const result = await job;
    expect(model.starts.map((s) => s.at)).toEqual([0, 100]);
    expect(result.record).toMatchObject({ attempts: 2, endedAt: 400, error: { kind: 'timeout' } });
  });

  it('refuses a job timeout that is not a positive number', () => {
    const { submit } = harness({});
    for (const bad of [0, -5, Number.NaN, Infinity]) expect(() => submit('i0', 'interactive', { timeoutMs: bad })).toThrow(ConfigError);
  });
});

describe('lanes: order within a lane', () => {
  it('keeps submission order within each lane, interactive first', async () => {
    const { clock, submit, started } = harness({ concurrency: 1 });
    const all = ['b0', 'i0', 'b1', 'i1', 'b2', 'i2'].map((n) => submit(n, n.startsWith('i') ? 'interactive' : 'background'));
    await clock.runAll();
    await Promise.all(all);
    expect(started()).toEqual(['i0', 'i1', 'i2', 'b0', 'b1', 'b2']);
  });

  it('a retry keeps its lane and its place in it', async () => {
    const fail = new ModelError('server', '503');
    const { clock, submit, model } = harness({ concurrency: 1, backoffBaseMs: 0 }, (r, attempt) =>
      r === 'b0' && attempt === 1 ? { latencyMs: 100, fail } : { latencyMs: 100 });
    const all = [submit('b0', 'background'), submit('b1', 'background')];
    await clock.advance(50);
    all.push(submit('i0', 'interactive'));
    await clock.runAll();
    const [b0] = await Promise.all(all);
    expect(model.starts.map((s) => `${s.request}#${s.attempt}@${s.at}`)).toEqual(['b0#1@0', 'i0#1@100', 'b0#2@200', 'b1#1@300']);
    expect(b0?.record).toMatchObject({ lane: 'background', attempts: 2, source: 'fake' });
  });
});

describe('lanes: metrics', () => {
  it('counts each lane apart, for all and per producer, and records the lane', async () => {
    const { clock, submit, scheduler } = harness({ concurrency: 4, rpm: Infinity });
    const interactive = names('i', 3).map((n) => submit(n, 'interactive', { producer: 'gm' }));
    const background = names('b', 5).map((n) => submit(n, 'background', { producer: 'gm' }));
    await clock.advance(0);
    expect(scheduler.metrics()).toMatchObject({
      inFlight: 4,
      queued: 4,
      lanes: { interactive: { queued: 0, inFlight: 3 }, background: { queued: 4, inFlight: 1, done: 0 } },
    });
    expect(scheduler.metrics('gm').lanes).toEqual(scheduler.metrics().lanes);
    expect(scheduler.metrics('other').lanes).toEqual({ interactive: { queued: 0, inFlight: 0 }, background: { queued: 0, inFlight: 0, done: 0 } });
    await clock.runAll();
    const results = await Promise.all([...interactive, ...background]);
    expect(results.map((r) => r.record.lane)).toEqual([...Array<Lane>(3).fill('interactive'), ...Array<Lane>(5).fill('background')]);
    expect(scheduler.metrics().lanes).toEqual({ interactive: { queued: 0, inFlight: 0 }, background: { queued: 0, inFlight: 0, done: 5 } });
  });

  it('a job that names no lane is interactive', async () => {
    const { clock, scheduler } = harness({});
    const job = scheduler.submit({ key: 'k', request: 'x', fallback: () => 'fb' });
    await clock.runAll();
    expect((await job).record.lane).toBe('interactive');
    expect(scheduler.metrics().lanes.background.done).toBe(0);
  });
});

/** Advances `ms` and returns the promise's result. */
async function clockThen<T>(clock: ManualClock, ms: number, promise: Promise<T>): Promise<T> {
  await clock.advance(ms);
  return promise;
}
