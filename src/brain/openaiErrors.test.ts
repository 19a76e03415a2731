import { describe, expect, it } from 'vitest';
import type { FailureKind } from './errors.ts';
import { ModelError } from './errors.ts';
import type { HttpFailure } from './openaiErrors.ts';
import { classifyErrorEvent, classifyFinish, classifyOpenAiStatus, classifyOpenAiThrown, errorInfo, parseResetDuration, parseRetryAfter, refusesResponseFormat, refusesStreamOptions, retryAfterOf } from './openaiErrors.ts';
import { chatBody, nextJsonMode, replyTextFor, sseData, toJsonSchema } from './openaiWire.ts';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const headers = (entries: Record<string, string> = {}): HttpFailure['headers'] => new Headers(entries);
const fail = (status: number, body: unknown, extra: Record<string, string> = {}): HttpFailure => ({ status, headers: headers(extra), body });
const openAiError = (message: string, code: string | null = null, type = 'invalid_request_error', param: string | null = null): unknown => ({ error: { message, type, param, code } });

describe('classifyOpenAiStatus', () => {
  it.each<[string, HttpFailure, FailureKind]>([
    ['401', fail(401, openAiError('Incorrect API key provided: sk-…', 'invalid_api_key')), 'invalid-key'],
    ['403', fail(403, { error: 'forbidden' }), 'invalid-key'],
    ['429', fail(429, openAiError('Rate limit reached', 'rate_limit_exceeded', 'requests')), 'rate-limit'],
    ['429 insufficient_quota', fail(429, openAiError('You exceeded your current quota', 'insufficient_quota', 'insufficient_quota')), 'quota-exhausted'],
    ['500', fail(500, undefined), 'server'],
    ['502 from a proxy, no JSON', fail(502, undefined), 'server'],
    ['400 context_length_exceeded', fail(400, openAiError("This model's maximum context length is 8192 tokens.", 'context_length_exceeded')), 'truncated'],
    ['llama.cpp exceed_context_size_error', fail(400, { error: { code: 400, message: 'the request exceeds the available context size', type: 'exceed_context_size_error' } }), 'truncated'],
    ['vLLM flat body', fail(400, { object: 'error', message: "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens.", type: 'BadRequestError', code: 400 }), 'truncated'],
    ['404 model', fail(404, openAiError('The model `x` does not exist', 'model_not_found')), 'unknown'],
    ['400 other', fail(400, openAiError('bad temperature', null, 'invalid_request_error', 'temperature')), 'unknown'],
  ])('%s → %s', (_name, failure, kind) => {
    const error = classifyOpenAiStatus(failure, 'llama3.2', NOW);
    expect(error).toBeInstanceOf(ModelError);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(failure.status);
  });

  it('names the model on a 404 that names a model, and the base URL on a bare 404', () => {
    expect(classifyOpenAiStatus(fail(404, { error: { message: 'model "qwen3" not found, try pulling it first', type: 'api_error' } }), 'qwen3', NOW).message).toMatch(/no model "qwen3".*ollama pull qwen3/);
    expect(classifyOpenAiStatus(fail(404, undefined), 'qwen3', NOW).message).toMatch(/base URL/);
  });

  it('copies no server text, only identifier-like codes', () => {
    const error = classifyOpenAiStatus(fail(400, openAiError('key sk-secret is bad', 'weird code with spaces', 'invalid_request_error', 'temperature')), 'm', NOW);
    expect(error.message).toBe('The server rejected the request (400 invalid_request_error temperature).');
  });

  it('a 429 takes retry-after-ms, then retry-after (seconds or a date), then x-ratelimit-reset-*', () => {
    const delay = (extra: Record<string, string>): number | undefined => classifyOpenAiStatus(fail(429, undefined, extra), 'm', NOW).retryAfterMs;
    expect(delay({ 'retry-after-ms': '1500', 'retry-after': '9' })).toBe(1_500);
    expect(delay({ 'retry-after': '2', 'x-ratelimit-reset-requests': '9s' })).toBe(2_000);
    expect(delay({ 'retry-after': new Date(NOW + 3_000).toUTCString() })).toBe(3_000);
    expect(delay({ 'x-ratelimit-reset-requests': '6m0s' })).toBe(360_000);
    expect(delay({ 'x-ratelimit-reset-tokens': '250ms' })).toBe(250);
    expect(delay({})).toBeUndefined();
    // Headers a cross-origin server does not expose are invisible to a page; OpenAI's words still say when.
    expect(classifyOpenAiStatus(fail(429, openAiError('Rate limit reached. Please try again in 1.5s.', 'rate_limit_exceeded')), 'm', NOW).retryAfterMs).toBe(1_500);
    expect(classifyOpenAiStatus(fail(429, openAiError('Please try again in 120ms.', 'rate_limit_exceeded')), 'm', NOW).retryAfterMs).toBe(120);
  });
});

describe('retry delays', () => {
  it.each<[string, number | undefined]>([
    ['1s', 1_000], ['6m0s', 360_000], ['250ms', 250], ['1h2m3.5s', 3_723_500], ['0.5s', 500], ['20ms', 20], ['', undefined], ['soon', undefined], ['5', undefined],
  ])('parseResetDuration(%j) = %s', (value, ms) => {
    expect(parseResetDuration(value)).toBe(ms);
  });

  it('parseRetryAfter reads seconds and HTTP dates, never a negative delay', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter('1.5', NOW)).toBe(1_500);
    expect(parseRetryAfter(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('tomorrow-ish', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(retryAfterOf(headers({ 'retry-after-ms': 'x', 'retry-after': '1' }), NOW)).toBe(1_000);
  });
});

describe('refused features, finish reasons, error events, thrown errors', () => {
  it('tells a refused response_format or stream_options from other 400s', () => {
    expect(refusesResponseFormat(fail(400, openAiError("Invalid parameter: 'response_format' of type 'json_schema' is not supported.", null, 'invalid_request_error', 'response_format')))).toBe(true);
    expect(refusesResponseFormat(fail(400, { error: "'response_format.type' must be 'json_schema' or 'text'" }))).toBe(true);
    expect(refusesResponseFormat(fail(400, openAiError('bad temperature')))).toBe(false);
    expect(refusesResponseFormat(fail(500, openAiError('response_format broke')))).toBe(false);
    expect(refusesStreamOptions(fail(400, openAiError('Unrecognized request argument supplied: stream_options')))).toBe(true);
  });

  it('reads finish reasons', () => {
    expect(classifyFinish('stop')).toBeUndefined();
    expect(classifyFinish(null)).toBeUndefined();
    expect(classifyFinish('length')?.kind).toBe('truncated');
    expect(classifyFinish('content_filter')?.kind).toBe('blocked');
    expect(classifyFinish('tool_calls')?.kind).toBe('bad-output');
  });

  it('reads an error event: a numeric code as a status, else a server failure', () => {
    expect(classifyErrorEvent({ code: 429, message: 'slow down' }, 'm')).toMatchObject({ kind: 'rate-limit', status: 429 });
    expect(classifyErrorEvent({ message: 'overloaded', type: 'server_error' }, 'm').kind).toBe('server');
    expect(errorInfo({ error: 'plain text' }).message).toBe('plain text');
  });

  it('classifies what fetch throws; our abort wins', () => {
    expect(classifyOpenAiThrown(new TypeError('fetch failed')).kind).toBe('network');
    expect(classifyOpenAiThrown(new DOMException('x', 'AbortError')).kind).toBe('timeout');
    expect(classifyOpenAiThrown(new TypeError('terminated'), AbortSignal.abort()).kind).toBe('timeout');
    expect(classifyOpenAiThrown(new RangeError('odd')).kind).toBe('unknown');
  });
});

describe('the wire', () => {
  it('builds JSON Schema from a portable schema, closing objects', () => {
    expect(toJsonSchema({ type: 'object', properties: { n: { type: 'integer', minimum: 0, maximum: 3 }, tags: { type: 'array', items: { type: 'string', enum: ['a'] }, maxItems: 2 } }, required: ['n'] })).toEqual({
      type: 'object',
      properties: { n: { type: 'integer', minimum: 0, maximum: 3 }, tags: { type: 'array', items: { type: 'string', enum: ['a'] }, maxItems: 2 } },
      required: ['n'],
      additionalProperties: false,
    });
  });

  it('asks for JSON by json_schema, json_object or words, and for none in a text ask', () => {
    const base = { model: 'm', prompt: 'p', schema: { type: 'boolean' as const }, stream: false, streamUsage: true };
    expect(chatBody({ ...base, jsonMode: 'json_schema' })).toEqual({ model: 'm', messages: [{ role: 'user', content: 'p' }], response_format: { type: 'json_schema', json_schema: { name: 'reply', schema: { type: 'boolean' }, strict: false } } });
    expect(chatBody({ ...base, jsonMode: 'json_object' })).toMatchObject({ response_format: { type: 'json_object' }, messages: [{ role: 'system' }, { role: 'user' }] });
    expect(chatBody({ ...base, jsonMode: 'none' })).not.toHaveProperty('response_format');
    expect(chatBody({ ...base, schema: undefined, jsonMode: 'json_schema', stream: true })).toEqual({ model: 'm', messages: [{ role: 'user', content: 'p' }], stream: true, stream_options: { include_usage: true } });
    expect(nextJsonMode('json_schema')).toBe('json_object');
    expect(nextJsonMode('none')).toBeUndefined();
  });

  it('reads reply text defensively', () => {
    expect(replyTextFor('<think>hmm</think>\n```json\n{"a":1}\n```', 'json')).toBe('{"a":1}');
    expect(replyTextFor('Sure! Here it is: {"a":1} Hope that helps.', 'json')).toBe('{"a":1}');
    expect(replyTextFor('<think>x</think>The gate opens.', 'text')).toBe('The gate opens.');
    expect(replyTextFor('{not json', 'json')).toBe('{not json');
  });

  it('reads SSE events across chunk boundaries, CRLF, comments and a last event without its blank line', async () => {
    const parts = ['data: {"a":', '1}\r\n\r\n: keep-alive\n\ndata: x\ndata: y\n', '\ndata: [DONE]'];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
        controller.close();
      },
    });
    const events: string[] = [];
    for await (const data of sseData(body)) events.push(data);
    expect(events).toEqual(['{"a":1}', 'x\ny', '[DONE]']);
  });
});
