import { afterEach, describe, expect, it } from 'vitest';
import { parseDecision } from '../brain/schema.ts';
import { synthesize } from './replies.ts';
import { startFakeGemini } from './server.ts';
import type { FakeGemini, FakeGeminiOptions } from './server.ts';

let fake: FakeGemini | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: FakeGeminiOptions = {}): Promise<FakeGemini> {
  fake = await startFakeGemini({ apiKey: 'k', ...options });
  return fake;
}

const PATH = '/v1beta/models/gemini-2.5-flash:generateContent';

const STREAM_PATH = '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse';

/** A request as the SDK sends it: JSON asked for (in `schema` when given) unless `format` is `text`. */
function post(server: FakeGemini, prompt = 'hello', init: { key?: string | null; path?: string; schema?: unknown; format?: 'json' | 'text' } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.key !== null) headers['x-goog-api-key'] = init.key ?? 'k';
  const json = { responseMimeType: 'application/json', ...(init.schema === undefined ? {} : { responseSchema: init.schema }) };
  const generationConfig = init.format === 'text' ? {} : { generationConfig: json };
  return fetch(`${server.url}${init.path ?? PATH}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: prompt }] }], ...generationConfig }),
  });
}

/** The reply text of a 200 generateContent answer. */
async function replyText(response: Response): Promise<string> {
  const body = (await response.json()) as { candidates: { content: { parts: { text: string }[] } }[] };
  return body.candidates[0]?.content.parts[0]?.text ?? '';
}

interface Chunk {
  candidates?: { content?: { parts: { text: string }[] }; finishReason?: string }[];
  usageMetadata?: { promptTokenCount: number; candidatesTokenCount: number; totalTokenCount: number };
  error?: { code: number; status: string };
}

/** Reads an SSE body event by event, noting when each arrived (ms after `since`), and checks nothing is left unterminated. */
async function readEvents(response: Response, since: number): Promise<{ events: { at: number; chunk: Chunk }[]; raw: string }> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: { at: number; chunk: Chunk }[] = [];
  let raw = '';
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const text = decoder.decode(value, { stream: true });
    raw += text;
    buffer += text;
    let end = buffer.indexOf('\r\n\r\n');
    while (end >= 0) {
      const event = buffer.slice(0, end);
      expect(event.startsWith('data: ')).toBe(true);
      events.push({ at: performance.now() - since, chunk: JSON.parse(event.slice('data: '.length)) as Chunk });
      buffer = buffer.slice(end + 4);
      end = buffer.indexOf('\r\n\r\n');
    }
  }
  expect(buffer).toBe('');
  return { events, raw };
}

const chunkText = (chunk: Chunk): string => chunk.candidates?.[0]?.content?.parts.map((part) => part.text).join('') ?? '';

interface ErrorBody {
  error: { code: number; status: string; details?: Record<string, unknown>[] };
}

describe('fake Gemini server', () => {
  it('binds 127.0.0.1 on a free port and answers with the real response shape', async () => {
    const server = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const response = await post(server);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await response.json()) as {
      candidates: { content: { parts: { text: string }[] }; finishReason: string }[];
      usageMetadata: { promptTokenCount: number; candidatesTokenCount: number; totalTokenCount: number };
    };
    expect(body.candidates[0]?.finishReason).toBe('STOP');
    expect(parseDecision(JSON.parse(body.candidates[0]?.content.parts[0]?.text ?? '')).ok).toBe(true);
    const usage = body.usageMetadata;
    expect(usage.totalTokenCount).toBe(usage.promptTokenCount + usage.candidatesTokenCount);
  });

  it('answers a request that asks for another shape with JSON in that shape', async () => {
    const server = await start();
    const schema = {
      type: 'object',
      properties: {
        t0: { type: 'object', properties: { belief: { type: 'number', minimum: -1, maximum: 1 }, reason: { type: 'string' } }, required: ['belief', 'reason'] },
        choice: { type: 'string', format: 'enum', enum: ['tram', 'buses'] },
        count: { type: 'integer', minimum: 2, maximum: 4 },
        agree: { type: 'boolean' },
        ids: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 3 }, maxItems: 5 },
      },
      required: ['t0', 'choice'],
    };
    const values = await Promise.all(['a', 'b', 'c', 'd'].map(async (prompt) => JSON.parse(await replyText(await post(server, prompt, { schema }))) as Record<string, unknown>));
    for (const value of values) {
      expect(Object.keys(value).sort()).toEqual(['agree', 'choice', 'count', 'ids', 't0']);
      const t0 = value.t0 as { belief: number; reason: string };
      expect(t0.belief).toBeGreaterThanOrEqual(-1);
      expect(t0.belief).toBeLessThanOrEqual(1);
      expect(t0.reason.length).toBeGreaterThan(0);
      expect(['tram', 'buses']).toContain(value.choice);
      expect([2, 3, 4]).toContain(value.count);
      expect(typeof value.agree).toBe('boolean');
      const ids = value.ids as number[];
      expect(ids.length).toBeGreaterThanOrEqual(1);
      for (const id of ids) expect([1, 2, 3]).toContain(id);
    }
    // The grid's shape still gets the grid's decision.
    const grid = { type: 'object', properties: { thought: { type: 'string' }, plan: { type: 'string' }, action: { type: 'string' } } };
    expect(parseDecision(JSON.parse(await replyText(await post(server, 'g', { schema: grid })))).ok).toBe(true);
  });

  it('synthesizes numbers within their range and the same value for the same prompt', () => {
    for (let seed = 0; seed < 200; seed++) {
      const value = synthesize({ type: 'number', minimum: -1, maximum: 1 }, seed, 'x') as number;
      expect(value).toBeGreaterThanOrEqual(-1);
      expect(value).toBeLessThanOrEqual(1);
    }
    const spread = new Set(Array.from({ length: 50 }, (_, seed) => synthesize({ type: 'number', minimum: -1, maximum: 1 }, seed, 'x')));
    expect(spread.size).toBeGreaterThan(10);
    expect(synthesize({ type: 'string' }, 7, 'y')).toBe(synthesize({ type: 'string' }, 7, 'y'));
  });

  it('gives the mode of a rule to the requests whose prompt matches it, and no other', async () => {
    const server = await start();
    server.configure({ rules: [{ contains: 'You play Mara', mode: '500' }] });
    const [hit, miss] = await Promise.all([post(server, 'You play Mara the baker.'), post(server, 'You play Bo the smith.')]);
    expect(hit.status).toBe(500);
    expect(miss.status).toBe(200);
  });

  it('derives the same decision from the same prompt', async () => {
    const server = await start();
    const texts = await Promise.all([post(server, 'a'), post(server, 'a')].map(async (reply) => (await reply).text()));
    expect(texts[0]).toBe(texts[1]);
  });

  it('answers a CORS preflight with 204 and the headers the SDK sends', async () => {
    const server = await start();
    const response = await fetch(`${server.url}${PATH}`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-goog-api-key' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/content-type.*x-goog-api-key.*x-goog-api-client/);
  });

  it('rejects a wrong key with 400 API_KEY_INVALID and a missing key with 403', async () => {
    const server = await start();
    const wrong = await post(server, 'x', { key: 'nope' });
    expect(wrong.status).toBe(400);
    const body = (await wrong.json()) as ErrorBody;
    expect(body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(body.error.details?.[0]).toMatchObject({ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' });
    expect((await post(server, 'x', { key: null })).status).toBe(403);
    expect(server.requests.map((request) => [request.keyPresent, request.keyValid])).toEqual([[true, false], [false, false]]);
  });

  it('accepts v1, answers 404 elsewhere, and records each generateContent request', async () => {
    const server = await start();
    expect((await post(server, 'v1', { path: '/v1/models/gemini-2.5-flash:generateContent' })).status).toBe(200);
    expect((await post(server, 'x', { path: '/v1beta/models/gemini-2.5-flash:countTokens' })).status).toBe(404);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ apiVersion: 'v1', model: 'models/gemini-2.5-flash', keyPresent: true, mode: 'ok' });
    expect(server.requests[0]?.body).toMatchObject({ contents: [{ parts: [{ text: 'v1' }] }] });
  });

  it('plays a script in order, then the default', async () => {
    const server = await start();
    server.script(['429', '503', 'ok']);
    const statuses = [];
    for (let index = 0; index < 4; index++) statuses.push((await post(server)).status);
    expect(statuses).toEqual([429, 503, 200, 200]);
  });

  it('sends the real 429 bodies: RetryInfo 2s with a per-minute quota, and a PerDay quota', async () => {
    const server = await start();
    server.script(['429', 'quota-day']);
    const minute = (await (await post(server)).json()) as ErrorBody;
    expect(minute.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect(minute.error.details).toContainEqual({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' });
    expect(JSON.stringify(minute.error.details)).toContain('GenerateRequestsPerMinutePerProjectPerModel-FreeTier');
    const day = (await (await post(server)).json()) as ErrorBody;
    expect(JSON.stringify(day.error.details)).toContain('GenerateRequestsPerDayPerProjectPerModel-FreeTier');
  });

  it('waits the scripted latency and injects faults at the given rate', async () => {
    const server = await start({ latencyMs: 80, faults: { '500': 1 } });
    const started = performance.now();
    expect((await post(server)).status).toBe(500);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    server.configure({ faults: {}, latencyMs: 0 });
    expect((await post(server)).status).toBe(200);
  });

  it('closes promptly while a request hangs', async () => {
    const server = await start();
    server.script(['hang']);
    const pending = post(server).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(200);
    expect(await pending).toBeInstanceOf(Error);
    fake = undefined;
  });

  it('takes scripts and lists requests over HTTP, for a server in another process', async () => {
    const server = await start();
    const control = await fetch(`${server.url}/__fake/control`, { method: 'POST', body: JSON.stringify({ script: ['401'] }) });
    expect(await control.json()).toEqual({ queued: 1 });
    expect((await post(server)).status).toBe(401);
    const bad = await fetch(`${server.url}/__fake/control`, { method: 'POST', body: JSON.stringify({ script: ['nope'] }) });
    expect(bad.status).toBe(400);
    const listed = (await (await fetch(`${server.url}/__fake/requests`)).json()) as unknown[];
    expect(listed).toHaveLength(1);
  });

  it('streams a reply as SSE: 3 to 6 data events over the latency, the text of generateContent, STOP and usage on the last', async () => {
    const server = await start({ latencyMs: 300 });
    const whole = await replyText(await post(server, 'stream me'));
    const started = performance.now();
    const response = await post(server, 'stream me', { path: STREAM_PATH });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const { events, raw } = await readEvents(response, started);
    expect(raw).toMatch(/^data: \{"candidates":\[/);
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.length).toBeLessThanOrEqual(6);
    expect(events.map((event) => chunkText(event.chunk)).join('')).toBe(whole);
    const last = events.at(-1)?.chunk;
    expect(last?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(last?.usageMetadata?.totalTokenCount).toBeGreaterThan(0);
    for (const event of events.slice(0, -1)) {
      expect(event.chunk.candidates?.[0]?.finishReason).toBeUndefined();
      expect(event.chunk.usageMetadata).toBeUndefined();
    }
    // First chunk at a quarter of the latency, the last at the whole of it.
    expect((events.at(-1)?.at ?? 0) - (events[0]?.at ?? 0)).toBeGreaterThanOrEqual(100);
    expect(server.requests.map((request) => request.stream)).toEqual([false, true]);
  });

  it('answers a prompt that asks for no JSON with prose, the same text streamed or not', async () => {
    const server = await start();
    const prose = await replyText(await post(server, 'Narrate the gate.', { format: 'text' }));
    expect(() => JSON.parse(prose) as unknown).toThrow();
    expect(prose).toMatch(/^[A-Z].*\.$/);
    expect(prose.split(' ').length).toBeGreaterThan(6);
    const { events } = await readEvents(await post(server, 'Narrate the gate.', { format: 'text', path: STREAM_PATH }), 0);
    expect(events.map((event) => chunkText(event.chunk)).join('')).toBe(prose);
    const others = await Promise.all(['a', 'b', 'c', 'd', 'e'].map(async (prompt) => replyText(await post(server, prompt, { format: 'text' }))));
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it('fails a stream with the HTTP error before it starts, and breaks it on the wire for the stream faults', async () => {
    const server = await start({ latencyMs: 20 });
    server.script(['429', '500', 'stream-error', 'cut-stream', 'safety']);
    const rateLimited = await post(server, 'x', { path: STREAM_PATH });
    expect(rateLimited.status).toBe(429);
    expect(((await rateLimited.json()) as ErrorBody).error.status).toBe('RESOURCE_EXHAUSTED');
    expect((await post(server, 'x', { path: STREAM_PATH })).status).toBe(500);

    const midway = await readEvents(await post(server, 'a reply that breaks', { path: STREAM_PATH }), 0);
    expect(midway.events.length).toBeGreaterThanOrEqual(2);
    expect(midway.events.at(-1)?.chunk.error).toMatchObject({ code: 503, status: 'UNAVAILABLE' });
    expect(midway.events.slice(0, -1).every((event) => chunkText(event.chunk) !== '')).toBe(true);

    const cut = await post(server, 'a reply that breaks', { path: STREAM_PATH });
    expect(cut.status).toBe(200);
    await expect(cut.text()).rejects.toThrow();

    const { events } = await readEvents(await post(server, 'x', { path: STREAM_PATH }), 0);
    expect(events).toHaveLength(1);
    expect(events[0]?.chunk.candidates?.[0]?.finishReason).toBe('SAFETY');
  });

  it('hangs a stream in hang and after the first chunk in hang-body, and close() ends both', async () => {
    const server = await start();
    server.script(['hang', 'hang-body']);
    const hung = post(server, 'x', { path: STREAM_PATH }).catch((error: unknown) => error);
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const halfway = await post(server, 'x', { path: STREAM_PATH });
    expect(halfway.headers.get('content-type')).toBe('text/event-stream');
    const reader = (halfway.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^data: /);
    const next = reader.read().catch((error: unknown) => error);
    await server.close();
    fake = undefined;
    expect(await hung).toBeInstanceOf(Error);
    expect(await next).toBeInstanceOf(Error);
  });

  it('serves streamGenerateContent only as SSE (?alt=sse)', async () => {
    const server = await start();
    expect((await post(server, 'x', { path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent' })).status).toBe(404);
    expect(server.requests).toHaveLength(0);
  });
});
