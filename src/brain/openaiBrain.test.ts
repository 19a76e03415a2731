import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DIRECTIONS } from '../sim/types.ts';
import { startFakeOpenAi } from '../fake-openai/server.ts';
import type { FakeOpenAi, FakeOpenAiMode, FakeOpenAiOptions } from '../fake-openai/server.ts';
import type { Ask } from './ask.ts';
import { decisionAsk } from './decisionAsk.ts';
import type { FailureKind } from './errors.ts';
import { ModelError } from './errors.ts';
import { OpenAiBrain } from './openaiBrain.ts';
import type { OpenAiBrainOptions } from './openaiBrain.ts';
import { sampleRequest } from './prompt.fixture.ts';
import { buildPrompt } from './prompt.ts';

const KEY = 'sk-test-key-do-not-leak-4242';
let fake: FakeOpenAi | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(fakeOptions: FakeOpenAiOptions = {}, brainOptions: Partial<OpenAiBrainOptions> = {}): Promise<{ fake: FakeOpenAi; brain: OpenAiBrain }> {
  fake = await startFakeOpenAi({ latencyMs: 20, ...fakeOptions });
  return { fake, brain: new OpenAiBrain({ baseUrl: fake.baseUrl, model: 'llama3.2', ...brainOptions }) };
}

function options(signal: AbortSignal = AbortSignal.timeout(5_000)): { signal: AbortSignal; attempt: number } {
  return { signal, attempt: 1 };
}

/** Runs one ask (a decision by default) and returns the ModelError it must fail with. */
async function failure(brain: OpenAiBrain, ask: Ask<unknown> = decisionAsk(sampleRequest()), signal?: AbortSignal): Promise<ModelError> {
  const error: unknown = await brain.call(ask, options(signal)).then(
    () => new Error('expected the call to fail'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

/** A narration ask: plain prose (`format: 'text'`), streaming when `heard` is given. */
function narrationAsk(heard?: { at: number; text: string }[]): Ask<string> {
  return {
    draw: { seed: 1, who: 2, when: 3 },
    prompt: () => 'Narrate what the player sees as the gate opens, in two sentences.',
    schema: { type: 'string' },
    parse: (raw) => raw,
    answer: () => 'The gate opens.',
    label: 'narration',
    format: 'text',
    ...(heard === undefined ? {} : { onText: (text: string) => heard.push({ at: performance.now(), text }) }),
  };
}

const streaming = (ask: Ask<unknown>, heard: string[] = []): Ask<unknown> => ({ ...ask, onText: (text: string) => heard.push(text) });

describe('OpenAiBrain against the fake OpenAI-compatible server over HTTP', () => {
  it('a JSON ask: the decision, usage, prompt and raw reply; json_schema from the ask, no key header without a key', async () => {
    const { fake, brain } = await setup();
    const request = sampleRequest();
    const reply = await brain.decide(request, options());
    expect(DIRECTIONS).toContain(reply.value.action);
    expect(reply.prompt).toBe(buildPrompt(request));
    expect(JSON.parse(reply.raw ?? '')).toMatchObject(reply.value);
    expect(reply.usage?.promptTokens).toBeGreaterThan(0);
    expect(reply.usage?.totalTokens).toBe((reply.usage?.promptTokens ?? 0) + (reply.usage?.outputTokens ?? 0));
    expect(brain.source).toBe('openai');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ path: '/v1/chat/completions', model: 'llama3.2', stream: false, keyPresent: false });
    expect(fake.requests[0]?.body).toMatchObject({
      messages: [{ role: 'user', content: reply.prompt }],
      response_format: { type: 'json_schema', json_schema: { name: 'reply', strict: false, schema: { type: 'object', required: ['thought', 'plan', 'action'] } } },
    });
  });

  it('sends the key as a Bearer token when given, and temperature and max_tokens', async () => {
    const { fake, brain } = await setup({ apiKey: KEY }, { apiKey: KEY, temperature: 0.3, maxOutputTokens: 256 });
    await brain.decide(sampleRequest(), options());
    expect(fake.requests[0]).toMatchObject({ keyPresent: true, keyValid: true });
    expect(fake.requests[0]?.body).toMatchObject({ temperature: 0.3, max_tokens: 256 });
  });

  it('answers an ask in another shape with JSON in that shape', async () => {
    const { brain } = await setup();
    const ask: Ask<unknown> = {
      ...narrationAsk(),
      format: 'json',
      schema: { type: 'object', properties: { belief: { type: 'number', minimum: -1, maximum: 1 }, vote: { type: 'string', enum: ['tram', 'bus'] } }, required: ['belief', 'vote'] },
      parse: (raw) => JSON.parse(raw) as unknown,
    };
    const value = (await brain.call(ask, options())).value as { belief: number; vote: string };
    expect(value.belief).toBeGreaterThanOrEqual(-1);
    expect(['tram', 'bus']).toContain(value.vote);
  });

  it('a text ask sends no response_format and reads the prose as it is', async () => {
    const { fake, brain } = await setup();
    const reply = await brain.call(narrationAsk(), options());
    expect(reply.value).toBe(reply.raw);
    expect(() => JSON.parse(reply.raw ?? '') as unknown).toThrow();
    expect(fake.requests[0]?.body).not.toHaveProperty('response_format');
    expect((fake.requests[0]?.body as { messages: unknown[] }).messages).toHaveLength(1);
  });

  it('reads a reply inside a <think> block and a ```json fence; the raw text stays as it came', async () => {
    const { fake, brain } = await setup();
    fake.script(['fenced']);
    const reply = await brain.decide(sampleRequest(), options());
    expect(DIRECTIONS).toContain(reply.value.action);
    expect(reply.raw).toMatch(/^<think>/);
  });

  it('a server that refuses json_schema gets json_object with the schema in words, and the brain remembers', async () => {
    const { fake, brain } = await setup({ responseFormats: ['json_object'] });
    const first = await brain.decide(sampleRequest(), options());
    expect(DIRECTIONS).toContain(first.value.action);
    expect(fake.requests.map((r) => (r.body as { response_format?: { type: string } }).response_format?.type)).toEqual(['json_schema', 'json_object']);
    const messages = (fake.requests[1]?.body as { messages: { role: string; content: string }[] }).messages;
    expect(messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('"required":["thought","plan","action"]') as unknown });
    await brain.decide(sampleRequest(), options());
    expect(fake.requests).toHaveLength(3);
    expect(brain.jsonMode).toBe('json_object');
  });

  it('a server that refuses every response_format is asked in words only', async () => {
    const { fake, brain } = await setup({ responseFormats: [] });
    const reply = await brain.decide(sampleRequest(), options());
    expect(DIRECTIONS).toContain(reply.value.action);
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[2]?.body).not.toHaveProperty('response_format');
    expect(brain.jsonMode).toBe('none');
  });

  it.each<[FakeOpenAiMode, FailureKind, number | undefined]>([
    ['429', 'rate-limit', 429],
    ['429-reset', 'rate-limit', 429],
    ['quota', 'quota-exhausted', 429],
    ['401', 'invalid-key', 401],
    ['500', 'server', 500],
    ['503', 'server', 503],
    ['malformed', 'bad-output', undefined],
    ['context-length', 'truncated', 400],
    ['length', 'truncated', undefined],
    ['content-filter', 'blocked', undefined],
    ['cut-stream', 'network', undefined],
  ])('fake mode %s → %s', async (mode, kind, status) => {
    const { fake, brain } = await setup();
    fake.script([mode]);
    const error = await failure(brain);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
  });

  it('a 429 carries retry-after (2 s), or else x-ratelimit-reset-requests (1s), as retryAfterMs', async () => {
    const { fake, brain } = await setup();
    fake.script(['429', '429-reset']);
    expect((await failure(brain)).retryAfterMs).toBe(2_000);
    expect((await failure(brain)).retryAfterMs).toBe(1_000);
  });

  it('a malformed reply says it is not JSON', async () => {
    const { fake, brain } = await setup();
    fake.script(['malformed']);
    expect((await failure(brain)).message).toMatch(/not valid JSON/);
  });

  it('a model the server lacks → unknown, naming the model', async () => {
    const { brain } = await setup({ models: ['qwen2.5:7b'] });
    const error = await failure(brain);
    expect(error.kind).toBe('unknown');
    expect(error.message).toContain('"llama3.2"');
  });

  it('a wrong key → invalid-key, and the key the server echoes appears nowhere', async () => {
    const { brain } = await setup({ apiKey: 'the-right-key' }, { apiKey: KEY });
    const error = await failure(brain);
    expect(error.kind).toBe('invalid-key');
    expect(JSON.stringify({ message: error.message, stack: error.stack, cause: String(error.cause) })).not.toContain(KEY);
    expect(JSON.stringify(brain)).not.toContain(KEY);
    const { inspect } = await import('node:util');
    expect(inspect(brain, { depth: 5 })).not.toContain(KEY);
  });

  it.each<FakeOpenAiMode>(['hang', 'hang-body'])('%s + an aborting signal → timeout, promptly', async (mode) => {
    const { fake, brain } = await setup();
    fake.script([mode]);
    const started = performance.now();
    const error = await failure(brain, decisionAsk(sampleRequest()), AbortSignal.timeout(100));
    expect(error.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('an already-aborted signal → timeout without sending anything', async () => {
    const { fake, brain } = await setup();
    expect((await failure(brain, decisionAsk(sampleRequest()), AbortSignal.abort())).kind).toBe('timeout');
    expect(fake.requests).toHaveLength(0);
  });

  it('a closed port → network; an http base URL caps calls at 6 connections', async () => {
    const brain = new OpenAiBrain({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1/` });
    expect((await failure(brain)).kind).toBe('network');
    expect(brain.maxConcurrent).toBe(6);
    expect(new OpenAiBrain({ baseUrl: 'https://openrouter.ai/api/v1' }).maxConcurrent).toBeUndefined();
  });
});

describe('OpenAiBrain streaming', () => {
  it('onText hears the growing text several times before the call resolves; usage from the last chunk', async () => {
    const { fake, brain } = await setup({ latencyMs: 400 });
    const heard: { at: number; text: string }[] = [];
    const reply = await brain.call(narrationAsk(heard), options());
    const resolvedAt = performance.now();
    expect(heard.length).toBeGreaterThanOrEqual(2);
    for (let index = 1; index < heard.length; index++) {
      expect(heard[index]?.text.startsWith(heard[index - 1]?.text ?? '')).toBe(true);
      expect(heard[index]?.text.length).toBeGreaterThan(heard[index - 1]?.text.length ?? 0);
    }
    expect(heard.at(-1)?.text).toBe(reply.raw);
    expect((heard.at(-1)?.at ?? 0) - (heard[0]?.at ?? 0)).toBeGreaterThanOrEqual(100);
    for (const { at } of heard) expect(at).toBeLessThanOrEqual(resolvedAt);
    expect(reply.usage?.outputTokens).toBeGreaterThan(0);
    expect(fake.requests[0]).toMatchObject({ stream: true });
    expect(fake.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('a JSON ask streams too, and is read from the whole text', async () => {
    const { brain } = await setup();
    const heard: string[] = [];
    const reply = await brain.call(streaming(decisionAsk(sampleRequest()), heard), options());
    expect(DIRECTIONS).toContain((reply.value as { action: string }).action);
    expect(heard.length).toBeGreaterThanOrEqual(2);
    expect(heard.at(-1)).toBe(reply.raw);
  });

  it('a server that refuses stream_options streams without it from then on', async () => {
    const { fake, brain } = await setup({ streamOptions: false });
    const reply = await brain.call(narrationAsk([]), options());
    expect(typeof reply.value).toBe('string');
    expect(reply.usage).toBeUndefined();
    await brain.call(narrationAsk([]), options());
    expect(fake.requests.map((r) => 'stream_options' in (r.body as object))).toEqual([true, false, false]);
  });

  it.each<[FakeOpenAiMode, FailureKind, number | undefined]>([
    ['429', 'rate-limit', 429],
    ['401', 'invalid-key', 401],
    ['500', 'server', 500],
    ['context-length', 'truncated', 400],
    ['stream-error', 'server', undefined], // OpenAI's error event names no status
    ['cut-stream', 'network', undefined],
    ['length', 'truncated', undefined],
    ['content-filter', 'blocked', undefined],
    ['malformed', 'bad-output', undefined],
  ])('streaming, fake mode %s → %s', async (mode, kind, status) => {
    const { fake, brain } = await setup();
    fake.script([mode]);
    const error = await failure(brain, streaming(decisionAsk(sampleRequest())));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(fake.requests[0]?.stream).toBe(true);
  });

  it('a 429 on a stream carries retry-after; a stream-error heard some words first', async () => {
    const { fake, brain } = await setup();
    fake.script(['429', 'stream-error']);
    expect((await failure(brain, narrationAsk([]))).retryAfterMs).toBe(2_000);
    const heard: { at: number; text: string }[] = [];
    expect((await failure(brain, narrationAsk(heard))).kind).toBe('server');
    expect(heard.length).toBeGreaterThan(0);
  });

  it.each<FakeOpenAiMode>(['hang', 'hang-body'])('streaming, %s + an aborting signal → timeout, promptly', async (mode) => {
    const { fake, brain } = await setup({ latencyMs: 40 });
    fake.script([mode]);
    const started = performance.now();
    const error = await failure(brain, narrationAsk([]), AbortSignal.timeout(150));
    expect(error.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(450);
  });

  it('a listener that throws does not fail the streamed call', async () => {
    const { brain } = await setup();
    const ask: Ask<string> = { ...narrationAsk(), onText: () => { throw new Error('UI bug'); } };
    expect(typeof (await brain.call(ask, options())).value).toBe('string');
  });
});

/** A port that was just free and now refuses connections. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => { resolve(); }));
  return port;
}
