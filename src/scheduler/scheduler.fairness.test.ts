import { describe, expect, it } from 'vitest';
import { ModelError } from '../brain/errors.ts';
import { ManualClock } from '../clock/manualClock.ts';
import { FakeModel, type Script } from './fakeModel.ts';
import { Scheduler } from './scheduler.ts';
import type { Job, JobResult, SchedulerConfig, SchedulerEvent } from './types.ts';

type Extra = Partial<Pick<Job<string, string>, 'producer' | 'flow' | 'fault' | 'key'>>;

function harness(config: Partial<SchedulerConfig>, script: (request: string, attempt: number) => Script = () => ({ latencyMs: 100 })) {
  const clock = new ManualClock();
  const model = new FakeModel<string>(clock, script);
  const events: SchedulerEvent[] = [];
  const scheduler = new Scheduler<string, string>({ model, clock, config, random: () => 0.5, onEvent: (e) => events.push(e) });
  const submit = (request: string, extra: Extra = {}): Promise<JobResult<string>> =>
    scheduler.submit({ key: request, request, fallback: (r) => `fallback:${r}`, ...extra });
  return { clock, model, scheduler, events, submit };
}

const names = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

/**
 * A long producer queues 50 jobs at once; 10 ms later a short one queues two. Returns the calls
 * started from then on, in order, and how many of the long producer's started before the short
 * producer's second job.
 */
async function longThenShort(config: Partial<SchedulerConfig>, latency: (request: string) => number) {
  const { clock, model, submit } = harness(config, (r) => ({ latencyMs: latency(r) }));
  const all = names('L', 50).map((name) => submit(name, { producer: 'long' }));
  await clock.advance(10);
  const before = model.starts.length;
  all.push(submit('S0', { producer: 'short' }), submit('S1', { producer: 'short' }));
  await clock.runAll();
  await Promise.all(all);
  const after = model.starts.slice(before);
  const upToS1 = after.slice(0, after.findIndex((s) => s.request === 'S1'));
  return { after, longAhead: upToS1.filter((s) => s.request.startsWith('L')).length };
}

describe('fairness: a long producer does not starve a short one', () => {
  it('under a concurrency cap of 2, the short producer’s jobs take the next freed slots', async () => {
    const { after, longAhead } = await longThenShort({ concurrency: 2, rpm: Infinity }, () => 100);
    // In submission order they would have waited behind all 48 remaining long jobs.
    expect(longAhead).toBeLessThanOrEqual(2);
    expect(after.slice(0, 2).map((s) => `${s.request}@${s.at}`)).toEqual(['S0@100', 'L2@100']);
    expect(after.find((s) => s.request === 'S1')?.at).toBe(200);
  });

  it('under an rpm budget of 10, the short producer’s jobs take the next freed slots', async () => {
    // Answers spread over a few ms, so the window's slots free one at a time.
    const { after, longAhead } = await longThenShort({ concurrency: Infinity, rpm: 10 }, (r) => (r.startsWith('L') ? 100 + Number(r.slice(1)) : 100));
    expect(longAhead).toBeLessThanOrEqual(2);
    expect(after.slice(0, 3).map((s) => `${s.request}@${s.at}`)).toEqual(['S0@60100', 'L10@60101', 'S1@60102']);
  });

  it('a burst of one flow keeps the slots it holds but shares every slot freed while another flow waits', async () => {
    const { clock, model, submit } = harness({ concurrency: 4, rpm: Infinity });
    const all = names('B', 20).map((name) => submit(name, { producer: 'sim', flow: 'burst' }));
    await clock.advance(10);
    all.push(...names('C', 3).map((name) => submit(name, { producer: 'sim', flow: 'calm' })));
    await clock.advance(90);
    // The four slots freed at 100 alternate between the flows, the newcomer first.
    expect(model.starts.slice(4).map((s) => s.request)).toEqual(['C0', 'B4', 'C1', 'B5']);
    await clock.runAll();
    await Promise.all(all);
  });
});

describe('fairness: flows of one producer', () => {
  it('ten equal chains of dependent calls under rpm 20 and a cap of 5 finish within a narrow spread', async () => {
    // Under submission order a chain whose call answered sooner queues its next step sooner, and
    // so gets ahead again: the spread was about 0.5. Taking turns puts first the chain whose call
    // started longest ago. (Under rpm alone, a slot that frees while only one chain waits goes to
    // it whatever the order: the turns cannot even that out, and the spread is about 0.55 either way.)
    const latency = (flow: number, step: number): number => 200 + ((flow * 7919 + step * 104_729) % 1000);
    const { clock, submit } = harness({ rpm: 20, concurrency: 5 }, (r) => {
      const [flow = 0, step = 0] = r.split('.').map(Number);
      return { latencyMs: latency(flow, step) };
    });
    const chain = async (flow: number): Promise<number> => {
      let endedAt = 0;
      for (let step = 0; step < 5; step++) {
        const result = await submit(`${flow}.${step}`, { producer: 'sim', flow: `run-${flow}`, key: `run-${flow}` });
        expect(result.source).toBe('fake');
        endedAt = result.record.endedAt;
      }
      return endedAt;
    };
    const chains = Array.from({ length: 10 }, (_, flow) => chain(flow));
    await clock.runAll();
    const finished = await Promise.all(chains);
    const mean = finished.reduce((sum, t) => sum + t, 0) / finished.length;
    const spread = (Math.max(...finished) - Math.min(...finished)) / mean;
    expect(spread).toBeLessThan(0.15);
  });
});

describe('injected faults', () => {
  const injected = new ModelError('server', 'injected 503');

  it('fail every attempt without calling the model, then fall back; the rest of the batch is untouched', async () => {
    const { clock, model, scheduler, submit } = harness({ maxAttempts: 3, backoffBaseMs: 100 });
    const faulty = submit('F', { fault: () => injected });
    const fine = submit('ok');
    await clock.runAll();
    expect((await faulty).record).toMatchObject({ outcome: 'fallback', attempts: 3, error: { kind: 'server', message: 'injected 503' } });
    expect((await fine).source).toBe('fake');
    expect(model.starts.map((s) => s.request)).toEqual(['ok']);
    // Each failed attempt took its slot in the rolling minute, like a real failing call.
    expect(scheduler.metrics()).toMatchObject({ callsStarted: 4, callsFailed: 3, retries: 2, fallbacks: 1, callsLastMinute: 4 });
  });

  it('arrives asynchronously: never in the middle of the dispatch that started it', async () => {
    const { clock, events, submit } = harness({ maxAttempts: 1 });
    const faulty = [submit('F0', { fault: () => injected }), submit('F1', { fault: () => injected })];
    await clock.advance(0);
    expect(events.map((e) => e.type)).toEqual(['started', 'started', 'failed-attempt', 'settled', 'failed-attempt', 'settled']);
    expect((await Promise.all(faulty)).map((r) => r.record.attempts)).toEqual([1, 1]);
  });

  it('a fault switched off before the retry lets the retry call the model and succeed', async () => {
    let broken = true;
    const { clock, model, events, submit } = harness({ maxAttempts: 3, backoffBaseMs: 400 });
    const job = submit('F', { fault: () => (broken ? injected : undefined) });
    await clock.advance(0);
    expect(events.filter((e) => e.type === 'failed-attempt')).toHaveLength(1);
    broken = false;
    await clock.runAll();
    const result = await job;
    expect(result).toMatchObject({ source: 'fake', value: 'answer:F:2' });
    expect(result.record).toMatchObject({ attempts: 2, error: { kind: 'server' } });
    expect(model.starts.map((s) => `${s.request}#${s.attempt}@${s.at}`)).toEqual(['F#2@200']);
  });

  it('a fault of a kind that is not retried falls back after one attempt', async () => {
    const { clock, submit } = harness({ maxAttempts: 3 });
    const job = submit('F', { fault: () => new ModelError('bad-output', 'injected junk') });
    await clock.runAll();
    expect((await job).record).toMatchObject({ attempts: 1, outcome: 'fallback', error: { kind: 'bad-output' } });
  });
});
