import { afterEach, describe, expect, it } from 'vitest';
import { GeminiBrain } from '../brain/geminiBrain.ts';
import { answerOf, type AnyAsk } from '../brain/ask.ts';
import { decisionAsk } from '../brain/decisionAsk.ts';
import { sampleRequest } from '../brain/prompt.fixture.ts';
import { realClock } from '../clock/clock.ts';
import { startFakeGemini, type FakeGemini } from '../fake-gemini/server.ts';
import { Scheduler } from './scheduler.ts';
import type { SchedulerConfig } from './types.ts';

// The scheduler driving the real SDK over real HTTP, against the fake server: the wiring that
// fake-time tests cannot see (the SDK's errors classified, aborts reaching fetch).
const KEY = 'AIzaSy-scheduler-test-key';
let fake: FakeGemini | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(config: Partial<SchedulerConfig>, apiKey = KEY) {
  fake = await startFakeGemini({ apiKey: KEY, latencyMs: 30 });
  const scheduler = new Scheduler<AnyAsk, unknown>({
    model: new GeminiBrain({ apiKey, baseUrl: fake.url }),
    clock: realClock,
    config: { backoffBaseMs: 50, backoffMaxMs: 100, ...config },
    random: () => 0.5,
  });
  const submit = (agentId: number) =>
    scheduler.submit({ key: `a/${agentId}`, request: decisionAsk(sampleRequest({ agentId })), fallback: answerOf });
  return { fake, scheduler, submit };
}

describe('Scheduler + GeminiBrain + fake server', () => {
  it('a 429 with RetryInfo (2 s) holds every request back until the delay has passed', async () => {
    const { fake, submit } = await setup({ concurrency: 1 });
    fake.script(['429']);
    const results = await Promise.all([submit(1), submit(2), submit(3)]);
    expect(results.map((r) => r.source)).toEqual(['gemini', 'gemini', 'gemini']);
    const [first, ...rest] = fake.requests;
    expect(first?.mode).toBe('429');
    expect(rest).toHaveLength(3);
    for (const later of rest) expect(later.at - (first?.at ?? 0)).toBeGreaterThanOrEqual(1_900);
  });

  it('an invalid key: one request, no retry, and every job falls back at once', async () => {
    const { fake, scheduler, submit } = await setup({ concurrency: 1 }, 'AIzaSy-wrong');
    const results = await Promise.all([1, 2, 3, 4, 5].map(submit));
    expect(results.map((r) => r.source)).toEqual(Array(5).fill('fallback'));
    expect(fake.requests).toHaveLength(1);
    expect(scheduler.metrics().liveDisabled?.kind).toBe('invalid-key');
    expect(scheduler.metrics().retries).toBe(0);
  });

  it('a 500 is retried and succeeds; a hang is aborted at the timeout and falls back alone', async () => {
    const { fake, submit } = await setup({ timeoutMs: 400 });
    fake.script(['500', 'hang']);
    const [retried, hung, fine] = await Promise.all([submit(1), submit(2), submit(3)]);
    expect(retried.source).toBe('gemini');
    expect(retried.record.attempts).toBe(2);
    expect(hung.source).toBe('fallback');
    expect(hung.record.error?.kind).toBe('timeout');
    expect(fine.source).toBe('gemini');
    expect(fine.record.attempts).toBe(1);
  });
});
