import { describe, expect, it } from 'vitest';
import { ModelError } from './errors.ts';
import { classifyGeminiError, classifyGeminiResponse, classifyStreamChunk, parseRetryDelay } from './geminiErrors.ts';

const KEY = 'AIzaSyDUMMY-secret-key-0123456789';
const URL = 'http://127.0.0.1:1/v1beta/models/gemini-2.5-flash:generateContent';

/** The shape of the SDK's GoogleGenerativeAIFetchError, built by hand. */
function fetchError(status: number, statusText: string, errorDetails?: unknown[], text = 'server says no'): Error & { status: number } {
  const details = errorDetails === undefined ? '' : ` ${JSON.stringify(errorDetails)}`;
  const error = new Error(`[GoogleGenerativeAI Error]: Error fetching from ${URL}: [${status} ${statusText}] ${text}${details}`);
  return Object.assign(error, { status, statusText, errorDetails });
}

const retryInfo = (retryDelay: string): unknown => ({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay });
const quotaFailure = (...quotaIds: string[]): unknown => ({
  '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
  violations: quotaIds.map((quotaId) => ({ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId })),
});
const invalidKeyDetails = [
  { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
  { '@type': 'type.googleapis.com/google.rpc.DebugInfo', detail: `Invalid API key: ${KEY}` },
];

describe('classifyGeminiError: HTTP statuses', () => {
  it.each([
    ['400 API_KEY_INVALID', fetchError(400, 'Bad Request', invalidKeyDetails, 'API key not valid.')],
    ['400 API_KEY_INVALID in the message only', fetchError(400, 'Bad Request', undefined, 'reason: API_KEY_INVALID')],
    ['401', fetchError(401, 'Unauthorized')],
    ['403', fetchError(403, 'Forbidden')],
  ])('%s → invalid-key', (_label, error) => {
    const result = classifyGeminiError(error);
    expect(result.kind).toBe('invalid-key');
    expect(result.status).toBe(error.status);
    expect(result.message).not.toContain(KEY);
  });

  it('another 400 is unknown, not invalid-key', () => {
    expect(classifyGeminiError(fetchError(400, 'Bad Request', [], 'User location is not supported')).kind).toBe('unknown');
  });

  it.each([
    ['17s', 17_000],
    ['1.5s', 1_500],
    ['53.016342224s', 53_016],
  ])('429 with RetryInfo %s → rate-limit after %d ms', (delay, ms) => {
    const result = classifyGeminiError(fetchError(429, 'Too Many Requests', [quotaFailure('GenerateRequestsPerMinutePerProjectPerModel-FreeTier'), retryInfo(delay)]));
    expect(result).toMatchObject({ kind: 'rate-limit', status: 429, retryAfterMs: ms });
  });

  it('429 without RetryInfo reads "Please retry in …s" from the message, or leaves the delay unset', () => {
    expect(classifyGeminiError(fetchError(429, 'Too Many Requests', undefined, 'Please retry in 4.2s.')).retryAfterMs).toBe(4_200);
    const bare = classifyGeminiError(fetchError(429, 'Too Many Requests'));
    expect(bare.kind).toBe('rate-limit');
    expect(bare.retryAfterMs).toBeUndefined();
  });

  it('429 naming a PerDay quota → quota-exhausted, even beside per-minute violations', () => {
    const details = [quotaFailure('GenerateRequestsPerDayPerProjectPerModel-FreeTier', 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier'), retryInfo('47s')];
    expect(classifyGeminiError(fetchError(429, 'Too Many Requests', details))).toMatchObject({ kind: 'quota-exhausted', status: 429, retryAfterMs: 47_000 });
  });

  it.each([500, 502, 503, 504])('%d → server', (status) => {
    expect(classifyGeminiError(fetchError(status, 'Oops')).kind).toBe('server');
  });

  it('never copies server text into the message', () => {
    const result = classifyGeminiError(fetchError(500, 'Internal Server Error', [{ detail: KEY }], `echo ${KEY}`));
    expect(result.message).toBe('The Gemini server failed (500 Internal Server Error).');
  });
});

describe('classifyGeminiError: no HTTP answer', () => {
  const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) });
  it.each([
    ['undici TypeError', refused],
    ['Chromium TypeError', new TypeError('Failed to fetch')],
    ['the SDK wrapper', new Error(`[GoogleGenerativeAI Error]: Error fetching from ${URL}: fetch failed`)],
    ['a bare cause code', Object.assign(new Error('boom'), { cause: { code: 'ECONNRESET' } })],
  ])('%s → network', (_label, error) => {
    expect(classifyGeminiError(error).kind).toBe('network');
  });

  it.each([
    ['a DOMException AbortError (body read)', new DOMException('This operation was aborted', 'AbortError'), undefined],
    ['a TimeoutError', new DOMException('The operation timed out', 'TimeoutError'), undefined],
    ['GoogleGenerativeAIAbortError', new Error(`[GoogleGenerativeAI Error]: Request aborted when fetching ${URL}: This operation was aborted`), undefined],
    ['anything once the signal aborted', new TypeError('fetch failed'), AbortSignal.abort()],
  ])('%s → timeout', (_label, error, signal) => {
    expect(classifyGeminiError(error, signal).kind).toBe('timeout');
  });

  it('a body that is not JSON → server; anything else → unknown; a ModelError passes through', () => {
    expect(classifyGeminiError(new SyntaxError('Unexpected token <')).kind).toBe('server');
    expect(classifyGeminiError(new RangeError('odd')).kind).toBe('unknown');
    expect(classifyGeminiError('a string').kind).toBe('unknown');
    const original = new ModelError('bad-output', 'x');
    expect(classifyGeminiError(original)).toBe(original);
  });

  it('a response error (text() on a blocked reply) → blocked', () => {
    const error = Object.assign(new Error('[GoogleGenerativeAI Error]: Candidate was blocked due to SAFETY'), {
      response: { candidates: [{ finishReason: 'SAFETY', index: 0 }] },
    });
    expect(classifyGeminiError(error).kind).toBe('blocked');
  });
});

describe('classifyGeminiResponse', () => {
  const candidate = (finishReason?: string): unknown => ({
    candidates: [{ index: 0, content: { parts: [{ text: '{}' }] }, ...(finishReason === undefined ? {} : { finishReason }) }],
  });

  it('accepts STOP and an unset finish reason', () => {
    expect(classifyGeminiResponse(candidate('STOP'))).toBeUndefined();
    expect(classifyGeminiResponse(candidate())).toBeUndefined();
  });

  it.each(['SAFETY', 'RECITATION', 'PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII'])('finishReason %s → blocked', (reason) => {
    expect(classifyGeminiResponse(candidate(reason))).toMatchObject({ kind: 'blocked', message: `Gemini blocked the reply (${reason}).` });
  });

  it('a blocked prompt → blocked; MAX_TOKENS → truncated; no candidates or OTHER → bad-output', () => {
    expect(classifyGeminiResponse({ promptFeedback: { blockReason: 'SAFETY', safetyRatings: [] } })?.kind).toBe('blocked');
    expect(classifyGeminiResponse(candidate('MAX_TOKENS'))?.kind).toBe('truncated');
    expect(classifyGeminiResponse({ candidates: [] })?.kind).toBe('bad-output');
    expect(classifyGeminiResponse(candidate('OTHER'))?.kind).toBe('bad-output');
  });
});

describe('streams', () => {
  it('an error event inside a stream is classified like the same HTTP error, without the key', () => {
    const chunk = (code: unknown, status: string, details?: unknown[]): unknown => ({ error: { code, status, message: 'server says no', ...(details === undefined ? {} : { details }) } });
    expect(classifyStreamChunk(chunk(429, 'RESOURCE_EXHAUSTED', [retryInfo('3s')]))).toMatchObject({ kind: 'rate-limit', status: 429, retryAfterMs: 3_000 });
    expect(classifyStreamChunk(chunk(429, 'RESOURCE_EXHAUSTED', [quotaFailure('GenerateRequestsPerDayPerProjectPerModel-FreeTier')]))?.kind).toBe('quota-exhausted');
    expect(classifyStreamChunk(chunk(503, 'UNAVAILABLE'))).toMatchObject({ kind: 'server', status: 503 });
    const invalid = classifyStreamChunk(chunk(400, 'INVALID_ARGUMENT', invalidKeyDetails));
    expect(invalid?.kind).toBe('invalid-key');
    expect(invalid?.message).not.toContain(KEY);
    expect(classifyStreamChunk(chunk('oops', 'INTERNAL'))?.kind).toBe('server');
  });

  it('an ordinary chunk is no error', () => {
    expect(classifyStreamChunk({ candidates: [{ content: { parts: [{ text: 'Hi' }] }, index: 0 }] })).toBeUndefined();
    expect(classifyStreamChunk(undefined)).toBeUndefined();
  });

  it.each([
    ['Error reading from the stream', 'network'],
    ['Failed to parse stream', 'truncated'],
    [`Error parsing JSON response: "{not json"`, 'server'],
  ])('the SDK\'s "%s" → %s', (message, kind) => {
    expect(classifyGeminiError(new Error(`[GoogleGenerativeAI Error]: ${message}`)).kind).toBe(kind);
  });

  it('an abort while reading the stream is a timeout', () => {
    expect(classifyGeminiError(new Error('[GoogleGenerativeAI Error]: Request aborted when reading from the stream')).kind).toBe('timeout');
  });
});

describe('parseRetryDelay', () => {
  it('reads protobuf durations and rejects anything else', () => {
    expect(parseRetryDelay('2s')).toBe(2_000);
    expect(parseRetryDelay('0.25s')).toBe(250);
    expect(parseRetryDelay('2m')).toBeUndefined();
    expect(parseRetryDelay(2)).toBeUndefined();
  });
});
