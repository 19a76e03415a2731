import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SchemaType } from '@google/generative-ai';
import { afterEach, describe, expect, it } from 'vitest';
import { DIRECTIONS } from '../sim/types.ts';
import { startFakeGemini } from '../fake-gemini/server.ts';
import type { FakeGemini, FakeGeminiOptions, FakeMode } from '../fake-gemini/server.ts';
import type { Ask } from './ask.ts';
import type { FailureKind } from './errors.ts';
import { ModelError } from './errors.ts';
import { decisionAsk } from './decisionAsk.ts';
import { GeminiBrain, toSdkSchema } from './geminiBrain.ts';
import type { GeminiBrainOptions } from './geminiBrain.ts';
import { connectionCap } from './model.ts';
import { sampleRequest } from './prompt.fixture.ts';
import { buildPrompt, geminiResponseSchema } from './prompt.ts';

const KEY = 'AIzaSy-test-key-do-not-leak-4242';
let fake: FakeGemini | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(fakeOptions: FakeGeminiOptions = {}, brainOptions: Partial<GeminiBrainOptions> = {}): Promise<{ fake: FakeGemini; brain: GeminiBrain }> {
  fake = await startFakeGemini({ apiKey: KEY, latencyMs: 20, ...fakeOptions });
  return { fake, brain: new GeminiBrain({ apiKey: KEY, baseUrl: fake.url, ...brainOptions }) };
}

function options(signal: AbortSignal = AbortSignal.timeout(5_000)): { signal: AbortSignal; attempt: number } {
  return { signal, attempt: 1 };
}

/** Runs one decision and returns the ModelError it must fail with. */
async function failure(brain: GeminiBrain, signal?: AbortSignal): Promise<ModelError> {
  const error: unknown = await brain.decide(sampleRequest(), options(signal)).then(
    () => new Error('expected the call to fail'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

describe('GeminiBrain through the real SDK against the fake server', () => {
  it('returns a decision with usage, the prompt and the raw text; the request reaches baseUrl', async () => {
    const { fake, brain } = await setup();
    const request = sampleRequest();
    const reply = await brain.decide(request, options());
    expect(DIRECTIONS).toContain(reply.value.action);
    expect(reply.prompt).toBe(buildPrompt(request));
    expect(JSON.parse(reply.raw ?? '')).toMatchObject(reply.value);
    expect(reply.usage?.promptTokens).toBeGreaterThan(0);
    expect(reply.usage?.totalTokens).toBe((reply.usage?.promptTokens ?? 0) + (reply.usage?.outputTokens ?? 0));

    expect(fake.requests).toHaveLength(1);
    const seen = fake.requests[0];
    expect(seen).toMatchObject({ apiVersion: 'v1beta', model: 'models/gemini-2.5-flash', keyPresent: true, keyValid: true, mode: 'ok' });
    expect(seen?.body).toMatchObject({
      contents: [{ role: 'user', parts: [{ text: reply.prompt }] }],
      generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'object', required: ['thought', 'plan', 'action'] } },
    });
  });

  it('honours model, apiVersion, temperature and maxOutputTokens; call is decide', async () => {
    const { fake, brain } = await setup({}, { model: 'gemini-2.0-flash', apiVersion: 'v1', temperature: 0.3, maxOutputTokens: 256 });
    await brain.call(decisionAsk(sampleRequest()), options());
    expect(fake.requests[0]).toMatchObject({ apiVersion: 'v1', model: 'models/gemini-2.0-flash' });
    expect(fake.requests[0]?.body).toMatchObject({ generationConfig: { temperature: 0.3, maxOutputTokens: 256 } });
  });

  it('keeps markup in the reply as plain text', async () => {
    const { fake, brain } = await setup();
    fake.script(['markup']);
    const reply = await brain.decide(sampleRequest(), options());
    expect(reply.value.say).toContain('<b>hi</b>');
  });

  it('runs calls concurrently: five 150 ms calls take about one latency', async () => {
    const { brain } = await setup({ latencyMs: 150 });
    const started = performance.now();
    await Promise.all(Array.from({ length: 5 }, () => brain.decide(sampleRequest(), options())));
    expect(performance.now() - started).toBeLessThan(500);
  });

  it.each<[FakeMode, FailureKind, number | undefined]>([
    ['429', 'rate-limit', 429],
    ['quota-day', 'quota-exhausted', 429],
    ['400-key', 'invalid-key', 400],
    ['401', 'invalid-key', 401],
    ['403', 'invalid-key', 403],
    ['500', 'server', 500],
    ['503', 'server', 503],
    ['malformed', 'bad-output', undefined],
    ['safety', 'blocked', undefined],
    ['prompt-blocked', 'blocked', undefined],
    ['max-tokens', 'truncated', undefined],
  ])('fake mode %s → %s', async (mode, kind, status) => {
    const { fake, brain } = await setup();
    fake.script([mode]);
    const error = await failure(brain);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
  });

  it('a 429 carries the RetryInfo delay (2 s) as retryAfterMs', async () => {
    const { fake, brain } = await setup();
    fake.script(['429']);
    expect((await failure(brain)).retryAfterMs).toBe(2_000);
  });

  it('a wrong key → invalid-key, and the key the server echoes appears nowhere in the error', async () => {
    const { brain } = await setup({ apiKey: 'the-right-key' });
    const error = await failure(brain);
    expect(error.kind).toBe('invalid-key');
    expect(error.cause).toBeUndefined();
    expect(JSON.stringify({ message: error.message, stack: error.stack })).not.toContain(KEY);
  });

  it('a malformed reply says what is wrong', async () => {
    const { fake, brain } = await setup();
    fake.script(['malformed']);
    expect((await failure(brain)).message).toMatch(/not valid JSON/);
  });

  it.each<FakeMode>(['hang', 'hang-body'])('%s + an aborting signal → timeout, promptly', async (mode) => {
    const { fake, brain } = await setup();
    fake.script([mode]);
    const started = performance.now();
    const error = await failure(brain, AbortSignal.timeout(100));
    expect(error.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(300);
  });

  it('an already-aborted signal → timeout without sending anything', async () => {
    const { fake, brain } = await setup();
    expect((await failure(brain, AbortSignal.abort())).kind).toBe('timeout');
    expect(fake.requests).toHaveLength(0);
  });

  it('an empty key → invalid-key without sending anything', async () => {
    const { fake } = await setup();
    const brain = new GeminiBrain({ apiKey: '', baseUrl: fake.url });
    expect((await failure(brain)).kind).toBe('invalid-key');
    expect(fake.requests).toHaveLength(0);
  });

  it('a closed port → network', async () => {
    const brain = new GeminiBrain({ apiKey: KEY, baseUrl: `http://127.0.0.1:${await closedPort()}` });
    expect((await failure(brain)).kind).toBe('network');
  });

  it('no ModelError message, in any mode, contains the key', async () => {
    const { fake, brain } = await setup();
    const modes: FakeMode[] = ['429', 'quota-day', '400-key', '401', '403', '500', '503', 'malformed', 'safety', 'prompt-blocked', 'max-tokens'];
    fake.script(modes);
    for (let index = 0; index < modes.length; index++) expect((await failure(brain)).message).not.toContain(KEY);
    const wrongKey = new GeminiBrain({ apiKey: `${KEY}-wrong`, baseUrl: fake.url });
    expect((await failure(wrongKey)).message).not.toContain(KEY);
  });

  it('keeps the key out of JSON and console output of the brain', async () => {
    const { brain } = await setup();
    expect(JSON.stringify(brain)).not.toContain(KEY);
    const { inspect } = await import('node:util');
    expect(inspect(brain, { depth: 5 })).not.toContain(KEY);
  });
});

/** A narration ask: plain prose (`format: 'text'`), read as it is, streaming when `heard` is given. */
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

/** Runs one ask and returns the ModelError it must fail with. */
async function askFailure(brain: GeminiBrain, ask: Ask<unknown>, signal?: AbortSignal): Promise<ModelError> {
  const error: unknown = await brain.call(ask, options(signal)).then(
    () => new Error('expected the call to fail'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

describe('GeminiBrain streaming and plain text, through the real SDK against the fake server', () => {
  it('a text ask sends no response schema nor JSON type and reads the prose as it is', async () => {
    const { fake, brain } = await setup({}, { temperature: 0.7 });
    const reply = await brain.call(narrationAsk(), options());
    expect(typeof reply.value).toBe('string');
    expect(reply.value).toBe(reply.raw);
    expect(() => JSON.parse(reply.raw ?? '') as unknown).toThrow();
    expect(fake.requests[0]).toMatchObject({ stream: false });
    expect((fake.requests[0]?.body as { generationConfig?: unknown }).generationConfig).toEqual({ temperature: 0.7 });
  });

  it('streams: onText hears the growing text in several calls before the call resolves, the first well before the last', async () => {
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
    expect(reply.value).toBe(reply.raw);
    // The fake sends the first chunk at 100 ms and the last at 400 ms.
    expect((heard.at(-1)?.at ?? 0) - (heard[0]?.at ?? 0)).toBeGreaterThanOrEqual(100);
    for (const { at } of heard) expect(at).toBeLessThanOrEqual(resolvedAt);
    expect(reply.usage?.outputTokens).toBeGreaterThan(0);
    expect(reply.usage?.totalTokens).toBe((reply.usage?.promptTokens ?? 0) + (reply.usage?.outputTokens ?? 0));
    expect(fake.requests[0]).toMatchObject({ stream: true, path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent' });
    const config = (fake.requests[0]?.body as { generationConfig?: Record<string, unknown> }).generationConfig ?? {};
    expect(config).not.toHaveProperty('responseSchema');
    expect(config).not.toHaveProperty('responseMimeType');
  });

  it('a JSON ask streams too: the decision is read from the whole streamed text', async () => {
    const { fake, brain } = await setup();
    const heard: string[] = [];
    const ask = { ...decisionAsk(sampleRequest()), onText: (text: string) => heard.push(text) };
    const reply = await brain.call(ask, options());
    expect(DIRECTIONS).toContain((reply.value as { action: string }).action);
    expect(heard.length).toBeGreaterThanOrEqual(2);
    expect(heard.at(-1)).toBe(reply.raw);
    expect(fake.requests[0]?.body).toMatchObject({ generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'object' } } });
  });

  it.each<[FakeMode, FailureKind, number | undefined]>([
    ['429', 'rate-limit', 429],
    ['quota-day', 'quota-exhausted', 429],
    ['400-key', 'invalid-key', 400],
    ['500', 'server', 500],
    ['stream-error', 'server', 503],
    ['cut-stream', 'network', undefined],
    ['safety', 'blocked', undefined],
    ['prompt-blocked', 'blocked', undefined],
    ['max-tokens', 'truncated', undefined],
    ['malformed', 'bad-output', undefined],
  ])('streaming, fake mode %s → %s, with no key in the message', async (mode, kind, status) => {
    const { fake, brain } = await setup();
    fake.script([mode]);
    const heard: string[] = [];
    const error = await askFailure(brain, { ...decisionAsk(sampleRequest()), onText: (text: string) => heard.push(text) });
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.message).not.toContain(KEY);
    expect(fake.requests[0]?.stream).toBe(true);
  });

  it('a 429 on a stream carries the RetryInfo delay, and a stream-error heard some words first', async () => {
    const { fake, brain } = await setup();
    fake.script(['429', 'stream-error']);
    expect((await askFailure(brain, narrationAsk([]))).retryAfterMs).toBe(2_000);
    const heard: { at: number; text: string }[] = [];
    expect((await askFailure(brain, narrationAsk(heard))).kind).toBe('server');
    expect(heard.length).toBeGreaterThan(0);
  });

  it('a mid-reply connection drop without streaming is network too', async () => {
    const { fake, brain } = await setup();
    fake.script(['cut-stream']);
    expect((await failure(brain)).kind).toBe('network');
  });

  it.each<FakeMode>(['hang', 'hang-body'])('streaming, %s + an aborting signal → timeout, promptly', async (mode) => {
    const { fake, brain } = await setup({ latencyMs: 40 });
    fake.script([mode]);
    const heard: { at: number; text: string }[] = [];
    const started = performance.now();
    const error = await askFailure(brain, narrationAsk(heard), AbortSignal.timeout(150));
    expect(error.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(400);
    expect(heard.length).toBe(mode === 'hang' ? 0 : 1);
  });

  it('a listener that throws does not fail the streamed call', async () => {
    const { brain } = await setup();
    const ask: Ask<string> = { ...narrationAsk(), onText: () => { throw new Error('UI bug'); } };
    expect(typeof (await brain.call(ask, options())).value).toBe('string');
  });
});

describe('toSdkSchema', () => {
  it('maps the portable schema onto SchemaType enums', () => {
    const schema = toSdkSchema(geminiResponseSchema);
    expect(schema).toMatchObject({
      type: SchemaType.OBJECT,
      required: ['thought', 'plan', 'action'],
      properties: {
        thought: { type: SchemaType.STRING },
        plan: { type: SchemaType.STRING },
        action: { type: SchemaType.STRING, format: 'enum', enum: ['N', 'E', 'S', 'W', 'STAY'] },
        say: { type: SchemaType.STRING },
      },
    });
  });

  it('maps numbers and integers with their range, booleans and arrays with their bounds', () => {
    const schema = toSdkSchema({
      type: 'object',
      properties: {
        belief: { type: 'number', minimum: -1, maximum: 1, description: 'From -1 to 1.' },
        count: { type: 'integer', minimum: 0 },
        agree: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, minItems: 1, maxItems: 3 },
        plain: { type: 'number' },
      },
      required: ['belief'],
    });
    expect(schema).toEqual({
      type: SchemaType.OBJECT,
      required: ['belief'],
      properties: {
        belief: { type: SchemaType.NUMBER, minimum: -1, maximum: 1, description: 'From -1 to 1.' },
        count: { type: SchemaType.INTEGER, minimum: 0 },
        agree: { type: SchemaType.BOOLEAN },
        tags: { type: SchemaType.ARRAY, items: { type: SchemaType.STRING, format: 'enum', enum: ['a', 'b'] }, minItems: 1, maxItems: 3 },
        plain: { type: SchemaType.NUMBER },
      },
    });
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

describe('connectionCap', () => {
  it('is 6 for a plain http:// server (HTTP/1.1 in a browser) and unknown for https', () => {
    expect(connectionCap('http://127.0.0.1:8787')).toBe(6);
    expect(connectionCap('HTTP://localhost:11434/v1')).toBe(6);
    expect(connectionCap('https://generativelanguage.googleapis.com')).toBeUndefined();
    expect(connectionCap(undefined)).toBeUndefined();
  });
});
