import { afterEach, describe, expect, it } from 'vitest';
import { answerOf, type AnyAsk } from '../brain/ask.ts';
import { decisionAsk } from '../brain/decisionAsk.ts';
import { OpenAiBrain } from '../brain/openaiBrain.ts';
import { sampleRequest } from '../brain/prompt.fixture.ts';
import { realClock } from '../clock/clock.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../fake-openai/server.ts';
import { Scheduler } from './scheduler.ts';
import type { SchedulerConfig } from './types.ts';

// The scheduler driving the OpenAI-compatible adapter over real HTTP against the fake server:
// the same behaviour as with Gemini (scheduler.gemini.test.ts), whatever the wire.
const KEY = 'sk-scheduler-test-key';
let fake: FakeOpenAi | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(config: Partial<SchedulerConfig>, apiKey = KEY) {
  fake = await startFakeOpenAi({ apiKey: KEY, latencyMs: 30 });
  const scheduler = new Scheduler<AnyAsk, unknown>({
    model: new OpenAiBrain({ baseUrl: fake.baseUrl, model: 'llama3.2', apiKey }),
    clock: realClock,
    config: { backoffBaseMs: 50, backoffMaxMs: 100, ...config },
    random: () => 0.5,
  });
  const submit = (agentId: number) => scheduler.submit({ key: `a/${agentId}`, request: decisionAsk(sampleRequest({ agentId })), fallback: answerOf });
  return { fake, scheduler, submit };
}

describe('Scheduler + OpenAiBrain + fake OpenAI server', () => {
  it('a 429 with retry-after: 2 holds every request back until the delay has passed', async () => {
    const { fake, submit } = await setup({ concurrency: 1 });
    fake.script(['429']);
    const results = await Promise.all([submit(1), submit(2), submit(3)]);
    expect(results.map((r) => r.source)).toEqual(['openai', 'openai', 'openai']);
    const [first, ...rest] = fake.requests;
    expect(first?.mode).toBe('429');
    expect(rest).toHaveLength(3);
    for (const later of rest) expect(later.at - (first?.at ?? 0)).toBeGreaterThanOrEqual(1_900);
  });

  it('a wrong key: one request, no retry, and every job falls back at once', async () => {
    const { fake, scheduler, submit } = await setup({ concurrency: 1 }, 'sk-wrong');
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
    expect(retried.source).toBe('openai');
    expect(retried.record.attempts).toBe(2);
    expect(hung.source).toBe('fallback');
    expect(hung.record.error?.kind).toBe('timeout');
    expect(fine.source).toBe('openai');
    expect(fine.record.attempts).toBe(1);
  });

  it('malformed JSON falls back for that job only, without a retry; a context-length error too', async () => {
    const { fake, scheduler, submit } = await setup({ concurrency: 1 });
    fake.script(['malformed', 'context-length']);
    const [bad, long, fine] = await Promise.all([submit(1), submit(2), submit(3)]);
    expect(bad.source).toBe('fallback');
    expect(bad.record.error?.kind).toBe('bad-output');
    expect(long.source).toBe('fallback');
    expect(long.record.error?.kind).toBe('truncated');
    expect(fine.source).toBe('openai');
    expect(fake.requests).toHaveLength(3);
    expect(scheduler.metrics().liveDisabled).toBeFalsy();
  });
});
