/**
 * Turns whatever a Gemini call throws or returns into a classified ModelError. It reads errors
 * structurally (status, statusText, errorDetails, message, name) instead of using `instanceof`
 * on SDK classes, so it does not import the SDK, keeps working if the SDK is swapped, and survives
 * bundlers that rename classes. Messages are our own sentences: server text is never copied,
 * because a server may echo the request's API key back in its error details.
 */
import { ModelError } from './errors.ts';

type Fields = Readonly<Record<string, unknown>>;

/** Finish reasons that mean the reply was withheld, not merely cut short. */
const BLOCKING_FINISH_REASONS: ReadonlySet<string> = new Set([
  'SAFETY',
  'RECITATION',
  'LANGUAGE',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
]);

/** Finish reasons of a complete answer (an unset reason also counts: the API omits it at times). */
const NORMAL_FINISH_REASONS: ReadonlySet<string> = new Set(['STOP', 'FINISH_REASON_UNSPECIFIED']);

/** Substrings of the messages fetch implementations throw when no HTTP answer came back. */
const NETWORK_HINTS = [
  'fetch failed', // Node (undici)
  'failed to fetch', // Chromium
  'networkerror', // Firefox
  'load failed', // Safari
  'terminated', // undici, connection dropped mid-body
  'econnrefused',
  'econnreset',
  'enotfound',
  'eai_again',
  'etimedout',
  'socket hang up',
];

/** Classifies anything a Gemini call threw; `signal` tells our own abort apart from other failures. */
export function classifyGeminiError(error: unknown, signal?: AbortSignal): ModelError {
  if (error instanceof ModelError) return error;
  const fields = asFields(error);
  const name = text(fields.name);
  const message = text(fields.message);
  const cause = { cause: error };

  // Our abort wins over anything else the SDK reports, including the raw DOMException it lets
  // through when the signal fires while it reads the body.
  if (signal?.aborted === true || name === 'AbortError' || name === 'TimeoutError' || /request aborted/i.test(message)) {
    return new ModelError('timeout', 'The Gemini call was aborted before it answered.', cause);
  }
  const status = typeof fields.status === 'number' ? fields.status : undefined;
  if (status !== undefined) return classifyStatus(status, text(fields.statusText), fields.errorDetails, message, error);

  const streamFailure = classifyStreamFailure(message, cause);
  if (streamFailure !== undefined) return streamFailure;

  const response = asFields(fields.response);
  if (Object.keys(response).length > 0) {
    return classifyGeminiResponse(response) ?? new ModelError('bad-output', 'Gemini sent a reply with no usable text.', cause);
  }
  if (isNetworkFailure(fields, message)) {
    return new ModelError('network', 'Could not reach the Gemini server (network error).', cause);
  }
  if (name === 'SyntaxError') {
    return new ModelError('server', 'The Gemini server sent a body that is not JSON.', cause);
  }
  return new ModelError('unknown', `The Gemini call failed (${name === '' ? 'unknown error' : name}).`, cause);
}

/** Classifies a successful HTTP reply that carries no usable answer; undefined when it looks fine. */
export function classifyGeminiResponse(response: unknown): ModelError | undefined {
  const fields = asFields(response);
  const blockReason = text(asFields(fields.promptFeedback).blockReason);
  if (blockReason !== '') return new ModelError('blocked', `Gemini blocked the prompt (${blockReason}).`);

  const candidates = Array.isArray(fields.candidates) ? (fields.candidates as unknown[]) : [];
  const first = candidates[0];
  if (first === undefined) return new ModelError('bad-output', 'Gemini sent a reply with no candidates.');
  const finishReason = text(asFields(first).finishReason);
  if (finishReason === 'MAX_TOKENS') {
    return new ModelError('truncated', 'The reply was cut off at the output token limit (MAX_TOKENS).');
  }
  if (BLOCKING_FINISH_REASONS.has(finishReason)) {
    return new ModelError('blocked', `Gemini blocked the reply (${finishReason}).`);
  }
  if (finishReason !== '' && !NORMAL_FINISH_REASONS.has(finishReason)) {
    return new ModelError('bad-output', `Gemini stopped without a usable answer (${finishReason}).`);
  }
  return undefined;
}

/**
 * Classifies an error the server sent inside a stream: Gemini can answer 200, stream some text,
 * then send `data: {"error": {code, status, message, details}}` (a 429 or a 503 mid-reply). Read
 * like the same error before the stream; undefined for an ordinary chunk.
 */
export function classifyStreamChunk(chunk: unknown): ModelError | undefined {
  const envelope = asFields(asFields(chunk).error);
  if (Object.keys(envelope).length === 0) return undefined;
  const message = text(envelope.message);
  if (typeof envelope.code !== 'number') {
    return new ModelError('server', 'The Gemini server reported an error in the middle of the reply.');
  }
  // Shaped like the SDK's fetch error, so the status rules (and the key scrub) read it the same way.
  return classifyGeminiError({ name: 'GeminiStreamError', message, status: envelope.code, statusText: text(envelope.status), errorDetails: envelope.details });
}

/** Reads a protobuf Duration string such as "17s" or "1.5s" as milliseconds. */
export function parseRetryDelay(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(value);
  return match?.[1] === undefined ? undefined : Math.round(Number(match[1]) * 1000);
}

function classifyStatus(status: number, statusText: string, details: unknown, message: string, error: unknown): ModelError {
  const label = statusText === '' ? `${status}` : `${status} ${statusText}`;
  const entries = Array.isArray(details) ? (details as unknown[]).map(asFields) : [];
  const base = { status, cause: error };

  if (status === 401 || status === 403 || (status === 400 && isInvalidKey(entries, message))) {
    return new ModelError('invalid-key', `Gemini refused the API key (${label}).`, base);
  }
  if (status === 429) {
    const retryAfterMs = retryDelayOf(entries, message);
    const extra = retryAfterMs === undefined ? base : { ...base, retryAfterMs };
    if (hasDailyQuotaViolation(entries)) {
      return new ModelError('quota-exhausted', 'The daily Gemini quota is used up (429).', extra);
    }
    const wait = retryAfterMs === undefined ? '' : `; retry in ${retryAfterMs / 1000} s`;
    return new ModelError('rate-limit', `Gemini is rate-limiting requests (429${wait}).`, extra);
  }
  if (status >= 500) return new ModelError('server', `The Gemini server failed (${label}).`, base);
  return new ModelError('unknown', `Gemini rejected the request (${label}).`, base);
}

function isInvalidKey(entries: readonly Fields[], message: string): boolean {
  // The SDK copies the details into its message too, so the text check covers a lost errorDetails.
  return entries.some((entry) => entry.reason === 'API_KEY_INVALID') || message.includes('API_KEY_INVALID');
}

function retryDelayOf(entries: readonly Fields[], message: string): number | undefined {
  for (const entry of entries) {
    if (text(entry['@type']).endsWith('google.rpc.RetryInfo')) {
      const delay = parseRetryDelay(entry.retryDelay);
      if (delay !== undefined) return delay;
    }
  }
  // Without RetryInfo the server's message still says "Please retry in 53.01s." at times.
  const match = /retry in (\d+(?:\.\d+)?)s/i.exec(message);
  return match?.[1] === undefined ? undefined : Math.round(Number(match[1]) * 1000);
}

function hasDailyQuotaViolation(entries: readonly Fields[]): boolean {
  return entries
    .filter((entry) => text(entry['@type']).endsWith('google.rpc.QuotaFailure'))
    .flatMap((entry) => (Array.isArray(entry.violations) ? (entry.violations as unknown[]) : []))
    .some((violation) => text(asFields(violation).quotaId).includes('PerDay'));
}

/**
 * The SDK's own errors while it reads a stream (it drops the underlying error): the connection
 * dropped mid-body, the body ended inside an event, or an event was not JSON.
 */
function classifyStreamFailure(message: string, cause: { cause: unknown }): ModelError | undefined {
  if (/error reading from the stream/i.test(message)) {
    return new ModelError('network', 'The connection dropped while the reply was streaming in.', cause);
  }
  if (/failed to parse stream/i.test(message)) {
    return new ModelError('truncated', 'The reply stream ended in the middle of a chunk.', cause);
  }
  if (/error parsing json response/i.test(message)) {
    return new ModelError('server', 'The Gemini server sent a stream chunk that is not JSON.', cause);
  }
  return undefined;
}

function isNetworkFailure(fields: Fields, message: string): boolean {
  const lower = message.toLowerCase();
  if (NETWORK_HINTS.some((hint) => lower.includes(hint))) return true;
  const code = text(asFields(fields.cause).code).toLowerCase();
  if (code !== '' && NETWORK_HINTS.includes(code)) return true;
  // The SDK wraps a failed fetch as "Error fetching from <url>: ..." without a status.
  return lower.includes('error fetching from');
}

function asFields(value: unknown): Fields {
  return typeof value === 'object' && value !== null ? (value as Fields) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
