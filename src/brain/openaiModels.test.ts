import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAi } from '../fake-openai/server.ts';
import type { FakeOpenAi } from '../fake-openai/server.ts';
import { corsAdvice, listModels } from './openaiModels.ts';
import type { ProbeFetch } from './openaiModels.ts';

const KEY = 'sk-models-test-key-777';
const ORIGIN = 'http://127.0.0.1:4173';
let fake: FakeOpenAi | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A fetch that fails the way a browser's does when CORS blocks a request: the normal request rejects, a `no-cors` one resolves opaque. */
function corsBlockedFetch(calls: RequestInit[]): ProbeFetch {
  return (_url, init) => {
    calls.push(init);
    if (init.mode === 'no-cors') return Promise.resolve({ status: 0, type: 'opaque', json: () => Promise.reject(new SyntaxError('opaque')) });
    return Promise.reject(new TypeError('Failed to fetch'));
  };
}

describe('listModels against the fake server', () => {
  it('lists the models', async () => {
    fake = await startFakeOpenAi();
    const check = await listModels(fake.baseUrl);
    expect(check).toEqual({ ok: true, models: ['llama3.2:latest', 'qwen2.5:7b', 'fake-model'] });
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models', keyPresent: false });
  });

  it('a wanted model matches with or without :latest; a missing one is not-found, naming what there is', async () => {
    fake = await startFakeOpenAi();
    expect((await listModels(fake.baseUrl, undefined, { model: 'llama3.2' })).ok).toBe(true);
    const missing = await listModels(fake.baseUrl, undefined, { model: 'mistral' });
    expect(missing).toMatchObject({ ok: false, reason: 'not-found' });
    expect(missing.ok ? '' : missing.message).toBe('The server has no model "mistral"; it has llama3.2:latest, qwen2.5:7b, fake-model.');
  });

  it('a refused key is reason key, and the key is nowhere in the sentence', async () => {
    fake = await startFakeOpenAi({ apiKey: 'the-right-key' });
    const check = await listModels(fake.baseUrl, KEY);
    expect(check).toMatchObject({ ok: false, reason: 'key' });
    expect(JSON.stringify(check)).not.toContain(KEY);
    expect(await listModels(fake.baseUrl)).toMatchObject({ ok: false, reason: 'key', message: expect.stringMatching(/wants an API key/) as unknown });
    expect(await listModels(fake.baseUrl, 'the-right-key')).toMatchObject({ ok: true });
  });

  it('a base URL without /v1 is not-found, and says so', async () => {
    fake = await startFakeOpenAi();
    const check = await listModels(fake.url);
    expect(check).toMatchObject({ ok: false, reason: 'not-found' });
    expect(check.ok ? '' : check.message).toMatch(/usually ends in \/v1/);
  });

  it('a server that is down: both requests reject → down', async () => {
    fake = await startFakeOpenAi();
    const baseUrl = fake.baseUrl;
    await fake.close();
    fake = undefined;
    const check = await listModels(baseUrl, undefined, { timeoutMs: 2_000 });
    expect(check).toMatchObject({ ok: false, reason: 'down' });
    expect(check.ok ? '' : check.message).toMatch(/^Nothing answers at http:\/\/127\.0\.0\.1:\d+\/v1: the server is not running/);
  });
});

describe('listModels with an injected fetch (what a browser reports)', () => {
  it('CORS: the request rejects but a no-cors probe resolves opaque → cors, naming the server flag', async () => {
    const calls: RequestInit[] = [];
    const check = await listModels('http://localhost:11434/v1', undefined, { fetch: corsBlockedFetch(calls), origin: ORIGIN });
    expect(check).toEqual({ ok: false, reason: 'cors', message: `Ollama refuses this page's origin (CORS): start it with OLLAMA_ORIGINS=${ORIGIN} ollama serve.` });
    expect(calls.map((init) => init.mode)).toEqual([undefined, 'no-cors']);
  });

  it('the no-cors probe sends no key', async () => {
    const calls: RequestInit[] = [];
    await listModels('http://localhost:1234/v1', KEY, { fetch: corsBlockedFetch(calls), origin: ORIGIN });
    expect(calls[0]?.headers).toEqual({ Authorization: `Bearer ${KEY}` });
    expect(calls[1]?.headers).toBeUndefined();
  });

  it('down: both reject → down', async () => {
    const fetch: ProbeFetch = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await listModels('http://localhost:11434/v1', undefined, { fetch })).toMatchObject({ ok: false, reason: 'down' });
  });

  it('no answer in time → down, saying how long it waited', async () => {
    const fetch: ProbeFetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => { reject(init.signal?.reason as Error); });
      });
    const check = await listModels('http://10.0.0.9:11434/v1', undefined, { fetch, timeoutMs: 50 });
    expect(check).toMatchObject({ ok: false, reason: 'down', message: expect.stringMatching(/did not answer within 0\.05 s/) as unknown });
  });

  it('an answer that is not a model list, a 500 and a bad URL → other', async () => {
    const answer = (status: number, body: unknown): ProbeFetch => () => Promise.resolve({ status, json: () => Promise.resolve(body) });
    expect(await listModels('http://h:1/v1', undefined, { fetch: answer(200, { hello: 'world' }) })).toMatchObject({ ok: false, reason: 'other' });
    expect(await listModels('http://h:1/v1', undefined, { fetch: answer(500, {}) })).toMatchObject({ ok: false, reason: 'other' });
    expect(await listModels('localhost:11434', undefined, { fetch: answer(200, {}) })).toMatchObject({ ok: false, reason: 'other' });
    expect(await listModels('http://h:1', undefined, { fetch: answer(200, { models: [{ name: 'llama3.2:latest' }] }) })).toEqual({ ok: true, models: ['llama3.2:latest'] });
  });

  it('the CORS sentence names each server by its usual port', () => {
    expect(corsAdvice('http://localhost:1234/v1', ORIGIN)).toMatch(/LM Studio.*Enable CORS/);
    expect(corsAdvice('http://localhost:8080/v1', ORIGIN)).toMatch(/llama-server allows every origin/);
    expect(corsAdvice('http://localhost:8000/v1', ORIGIN)).toContain(`--allowed-origins '["${ORIGIN}"]'`);
    expect(corsAdvice('http://gpu-box:9999/v1', ORIGIN)).toBe(`The server at http://gpu-box:9999/v1 refuses this page's origin (CORS): allow ${ORIGIN} in its CORS settings.`);
  });
});
