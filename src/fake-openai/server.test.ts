import { afterEach, describe, expect, it } from 'vitest';
import { parseFakeOpenAiArgs } from './main.ts';
import { startFakeOpenAi } from './server.ts';
import type { FakeOpenAi, FakeOpenAiOptions } from './server.ts';

let fake: FakeOpenAi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  fake = await startFakeOpenAi(options);
  return fake;
}

const ORIGIN = 'http://127.0.0.1:4173';

function chat(server: FakeOpenAi, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'fake-model', messages: [{ role: 'user', content: 'hello' }], ...body }),
  });
}

describe('fake OpenAI-compatible server', () => {
  it('answers a chat completion in the OpenAI shape, JSON in the schema asked for', async () => {
    const server = await start();
    const schema = { type: 'object', properties: { n: { type: 'integer', minimum: 2, maximum: 4 }, ok: { type: 'boolean' } }, required: ['n', 'ok'] };
    const response = await chat(server, { response_format: { type: 'json_schema', json_schema: { name: 'reply', schema, strict: false } } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { object: string; choices: { message: { content: string }; finish_reason: string }[]; usage: { total_tokens: number } };
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0]?.finish_reason).toBe('stop');
    const value = JSON.parse(body.choices[0]?.message.content ?? '') as { n: number; ok: boolean };
    expect([2, 3, 4]).toContain(value.n);
    expect(typeof value.ok).toBe('boolean');
    expect(body.usage.total_tokens).toBeGreaterThan(0);
  });

  it('streams SSE: a role chunk, text pieces, the finish reason, the usage when asked, then [DONE]', async () => {
    const server = await start({ latencyMs: 60 });
    const response = await chat(server, { stream: true, stream_options: { include_usage: true } });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = (await response.text()).split('\n\n').filter((event) => event !== '');
    for (const event of events) expect(event.startsWith('data: ')).toBe(true);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.slice(6)) as { choices: { delta: { content?: string }; finish_reason: string | null }[]; usage?: unknown });
    expect(chunks[0]?.choices[0]?.delta).toMatchObject({ role: 'assistant' });
    expect(chunks.filter((chunk) => (chunk.choices[0]?.delta.content ?? '') !== '').length).toBeGreaterThanOrEqual(2);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: expect.any(Number) as unknown } });
  });

  it("echoes the page's origin for CORS, answers preflights, and sends none when CORS is switched off", async () => {
    const server = await start();
    const preflight = await fetch(`${server.baseUrl}/chat/completions`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-headers': 'authorization,content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const listed = await fetch(`${server.baseUrl}/models`, { headers: { origin: ORIGIN } });
    expect(listed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(listed.headers.get('access-control-expose-headers')).toContain('retry-after');
    server.configure({ cors: false });
    const blocked = await fetch(`${server.baseUrl}/models`, { headers: { origin: ORIGIN } });
    expect(blocked.status).toBe(200);
    expect(blocked.headers.get('access-control-allow-origin')).toBeNull();
    expect((await fetch(`${server.baseUrl}/models`, { method: 'OPTIONS', headers: { origin: ORIGIN } })).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('checks the key only when it has one, and echoes a wrong one (the worst case for hygiene tests)', async () => {
    const open = await start();
    expect((await chat(open, {})).status).toBe(200);
    await open.close();
    const locked = await start({ apiKey: 'right' });
    const wrong = await chat(locked, {}, { authorization: 'Bearer wrong-key' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('wrong-key');
    expect((await chat(locked, {}, { authorization: 'Bearer right' })).status).toBe(200);
    expect(locked.requests.map((r) => [r.keyPresent, r.keyValid])).toEqual([[true, false], [true, true]]);
  });

  it('refuses response formats and stream_options it is told not to take, and models it lacks', async () => {
    const server = await start({ responseFormats: ['json_schema'], streamOptions: false, models: ['a'] });
    const refused = await chat(server, { model: 'a', response_format: { type: 'json_object' } });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { param: 'response_format' } });
    expect((await chat(server, { model: 'a', stream: true, stream_options: { include_usage: true } })).status).toBe(400);
    const missing = await chat(server, { model: 'b' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'model_not_found' } });
  });

  it('takes a script, rules and settings over /__fake/control, and lists requests', async () => {
    const server = await start();
    const control = await fetch(`${server.url}/__fake/control`, { method: 'POST', body: JSON.stringify({ script: ['429'], rules: [{ contains: 'slow', mode: '500' }] }) });
    expect(await control.json()).toEqual({ queued: 1 });
    const limited = await chat(server, {});
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await chat(server, { messages: [{ role: 'user', content: 'a slow one' }] })).status).toBe(500);
    expect((await chat(server, {})).status).toBe(200);
    const bad = await fetch(`${server.url}/__fake/control`, { method: 'POST', body: JSON.stringify({ mode: 'teapot' }) });
    expect(bad.status).toBe(400);
    const seen = (await (await fetch(`${server.url}/__fake/requests`)).json()) as { mode: string }[];
    expect(seen.map((r) => r.mode)).toEqual(['429', '500', 'ok']);
  });

  it('answers a JSON request made in words (no response_format) with JSON in the schema it names', async () => {
    const server = await start();
    const schema = { type: 'object', properties: { vote: { type: 'string', enum: ['yes', 'no'] } }, required: ['vote'] };
    const response = await chat(server, { messages: [{ role: 'system', content: `Answer in JSON that fits: ${JSON.stringify(schema)}` }, { role: 'user', content: 'vote' }] });
    const body = (await response.json()) as { choices: { message: { content: string } }[] };
    expect(['yes', 'no']).toContain((JSON.parse(body.choices[0]?.message.content ?? '') as { vote: string }).vote);
  });
});

describe('npm run fake-openai flags', () => {
  it('defaults the port to NEON_FAKE_OPENAI_PORT, else 8789, and reads every flag', () => {
    expect(parseFakeOpenAiArgs([], {})).toEqual({ help: false, options: { port: 8789, faults: {} } });
    expect(parseFakeOpenAiArgs([], { NEON_FAKE_OPENAI_PORT: '9001' })).toMatchObject({ options: { port: 9001 } });
    expect(parseFakeOpenAiArgs(['--port', '0', '--no-cors', '--models', 'a, b', '--formats', 'json_object', '--fault', 'hang=0.1', '--key', 'k'], {})).toEqual({
      help: false,
      options: { port: 0, faults: { hang: 0.1 }, cors: false, models: ['a', 'b'], responseFormats: ['json_object'], apiKey: 'k' },
    });
    expect(parseFakeOpenAiArgs(['--help'], {})).toEqual({ help: true });
  });

  it('refuses bad flags with a one-line message', () => {
    expect(() => parseFakeOpenAiArgs(['--mode', 'teapot'], {})).toThrow(/^Unknown mode "teapot"; one of: ok, /);
    expect(() => parseFakeOpenAiArgs(['--formats', 'yaml'], {})).toThrow(/Unknown response format "yaml"/);
    expect(() => parseFakeOpenAiArgs([], { NEON_FAKE_OPENAI_PORT: 'x' })).toThrow(/^NEON_FAKE_OPENAI_PORT must be a number/);
    expect(() => parseFakeOpenAiArgs(['--bogus'], {})).toThrow(/Unknown option '--bogus'/);
  });
});
