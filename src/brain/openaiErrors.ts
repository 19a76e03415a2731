/**
 * Turns what an OpenAI-compatible server answers (an HTTP error, a stream error event, a finish
 * reason) or what fetch throws into a classified ModelError, the same kinds as Gemini's
 * (`geminiErrors.ts`), so the scheduler acts the same whichever model thinks. Messages are our
 * own sentences: server text is never copied, because a server or a proxy may echo the key;
 * only the model name (from the settings) and error codes that are bare identifiers are named.
 */
import { ModelError } from './errors.ts';

type Fields = Readonly<Record<string, unknown>>;

/** Enough of a Headers object to read one header (a real `Headers`, or a Map-like in tests). */
export interface HeaderReader {
  get(name: string): string | null;
}

/** An HTTP error answer: its status, headers and parsed body (undefined when not JSON). */
export interface HttpFailure {
  readonly status: number;
  readonly headers: HeaderReader;
  readonly body: unknown;
}

/** The `error` of an OpenAI-style body, read leniently: OpenAI, Ollama, vLLM, llama.cpp and LM Studio each shape it a little differently. */
export interface ErrorInfo {
  readonly message: string;
  readonly code: string;
  readonly type: string;
  readonly param: string;
  /** A numeric `code` (llama.cpp, OpenRouter) is an HTTP status. */
  readonly status: number | undefined;
}

/** Reads `{ error: { message, type, code, param } }`, `{ error: "text" }` or vLLM's flat `{ object: "error", message, … }`. */
export function errorInfo(body: unknown): ErrorInfo {
  const top = asFields(body);
  const inner = typeof top.error === 'string' ? { message: top.error } : asFields(top.error);
  const fields = Object.keys(inner).length > 0 ? inner : top;
  const message = text(fields.message) || text(top.detail);
  return {
    message,
    code: typeof fields.code === 'number' ? '' : text(fields.code),
    type: text(fields.type),
    param: text(fields.param),
    status: typeof fields.code === 'number' ? fields.code : undefined,
  };
}

/** A 400 (or 422) that refuses the request's `response_format`: the brain then asks for JSON a simpler way. */
export function refusesResponseFormat(failure: HttpFailure): boolean {
  if (failure.status !== 400 && failure.status !== 422) return false;
  const info = errorInfo(failure.body);
  return /response_format|json_schema|json_object|grammar/i.test(`${info.param} ${info.message}`) && !isContextLength(info);
}

/** A 400 (or 422) that refuses `stream_options`: the brain then streams without asking for the usage. */
export function refusesStreamOptions(failure: HttpFailure): boolean {
  if (failure.status !== 400 && failure.status !== 422) return false;
  const info = errorInfo(failure.body);
  return /stream_options|include_usage/i.test(`${info.param} ${info.message}`);
}

/** Classifies an HTTP error answer from `POST /chat/completions`; `now` (ms) reads an HTTP-date Retry-After. */
export function classifyOpenAiStatus(failure: HttpFailure, model: string, now: number): ModelError {
  const { status } = failure;
  const info = errorInfo(failure.body);
  const base = { status };
  if (status === 401 || status === 403) return new ModelError('invalid-key', `The server refused the API key (${status}).`, base);
  if (status === 429) {
    if (info.code === 'insufficient_quota' || info.type === 'insufficient_quota') {
      return new ModelError('quota-exhausted', 'The account behind this key has no quota left (429 insufficient_quota).', base);
    }
    // In a browser a cross-origin server's retry headers are readable only if it exposes them
    // (Access-Control-Expose-Headers); OpenAI's message also says "Please try again in 20s".
    const retryAfterMs = retryAfterOf(failure.headers, now) ?? delayInMessage(info.message);
    const wait = retryAfterMs === undefined ? '' : `; retry in ${retryAfterMs / 1000} s`;
    return new ModelError('rate-limit', `The server is rate-limiting requests (429${wait}).`, retryAfterMs === undefined ? base : { ...base, retryAfterMs });
  }
  if (status >= 500) {
    const retryAfterMs = retryAfterOf(failure.headers, now);
    return new ModelError('server', `The model server failed (${status}).`, retryAfterMs === undefined ? base : { ...base, retryAfterMs });
  }
  if (isContextLength(info)) return new ModelError('truncated', `The prompt is longer than the model's context window (${status}).`, base);
  if (status === 404) {
    // A model that is not there and a wrong base URL both answer 404; only the first names a model.
    return /model/i.test(`${info.code} ${info.message}`)
      ? new ModelError('unknown', `The server has no model "${model}" (404): check its name, or pull it (ollama pull ${model}).`, base)
      : new ModelError('unknown', 'The server has no chat completions endpoint here (404): check the base URL (it usually ends in /v1).', base);
  }
  const codes = [info.code, info.type, info.param].filter((value) => /^[\w.-]{1,64}$/.test(value));
  return new ModelError('unknown', `The server rejected the request (${[String(status), ...codes].join(' ')}).`, base);
}

/** Classifies an `{ error }` event inside a 200 stream (or a 200 body), read like the same error before it. */
export function classifyErrorEvent(error: unknown, model: string): ModelError {
  const info = errorInfo({ error });
  if (info.status !== undefined && info.status >= 400) return classifyOpenAiStatus({ status: info.status, headers: NO_HEADERS, body: { error } }, model, 0);
  if (/rate_limit/i.test(`${info.code} ${info.type}`)) return new ModelError('rate-limit', 'The server is rate-limiting requests (in the reply).');
  if (isContextLength(info)) return new ModelError('truncated', "The prompt is longer than the model's context window.");
  return new ModelError('server', 'The model server reported an error in the middle of the reply.');
}

/** The failure a finish reason means; undefined for a whole answer (`stop`, or none given). */
export function classifyFinish(reason: string | null | undefined): ModelError | undefined {
  switch (reason) {
    case undefined:
    case null:
    case '':
    case 'stop':
    case 'eos': // some local servers
      return undefined;
    case 'length':
      return new ModelError('truncated', 'The reply was cut off at the token limit (finish_reason length).');
    case 'content_filter':
      return new ModelError('blocked', 'The server filtered the reply (finish_reason content_filter).');
    case 'error':
      return new ModelError('server', 'The model server stopped the reply with an error.');
    default:
      return new ModelError('bad-output', `The model stopped without a usable answer (finish_reason ${/^[\w-]{1,32}$/.test(reason) ? reason : 'other'}).`);
  }
}

/** Classifies anything a call threw; our own abort (the scheduler's timeout) wins over what fetch reports. */
export function classifyOpenAiThrown(error: unknown, signal?: AbortSignal): ModelError {
  if (error instanceof ModelError) return error;
  if (signal?.aborted === true) return new ModelError('timeout', 'The model call was aborted before it answered.', { cause: error });
  const fields = asFields(error);
  const name = text(fields.name);
  if (name === 'AbortError' || name === 'TimeoutError') return new ModelError('timeout', 'The model call was aborted before it answered.', { cause: error });
  // fetch rejects with a TypeError for every failure without an HTTP answer (refused, DNS, CORS,
  // a body cut mid-way: undici's "terminated"); nothing else a call does throws one.
  if (name === 'TypeError') return new ModelError('network', 'Could not reach the model server (network error, or CORS blocked).', { cause: error });
  return new ModelError('unknown', `The model call failed (${name === '' ? 'unknown error' : name}).`, { cause: error });
}

/**
 * The server's delay before another request, in ms: `retry-after-ms` (OpenAI), `retry-after`
 * (seconds or an HTTP date), else `x-ratelimit-reset-requests` or `-tokens` (`1s`, `6m0s`, `250ms`).
 */
export function retryAfterOf(headers: HeaderReader, now: number): number | undefined {
  const exact = Number(headers.get('retry-after-ms') ?? '');
  if (headers.get('retry-after-ms') !== null && Number.isFinite(exact) && exact >= 0) return Math.round(exact);
  return parseRetryAfter(headers.get('retry-after'), now)
    ?? parseResetDuration(headers.get('x-ratelimit-reset-requests'))
    ?? parseResetDuration(headers.get('x-ratelimit-reset-tokens'));
}

/** Reads a Retry-After value, seconds (`2`, `1.5`) or an HTTP date, as ms from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const DURATION_UNITS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1, us: 0.001, 'µs': 0.001, ns: 0.000_001 };

/** Reads a Go-style duration such as `1s`, `6m0s`, `1h2m3.5s` or `250ms` as ms. */
export function parseResetDuration(value: string | null): number | undefined {
  const trimmed = value?.trim() ?? '';
  if (!/^(\d+(\.\d+)?(ms|us|µs|ns|h|m|s))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount = '0', , unit = 's'] of trimmed.matchAll(/(\d+(\.\d+)?)(ms|us|µs|ns|h|m|s)/g)) total += Number(amount) * (DURATION_UNITS[unit] ?? 0);
  return Math.round(total);
}

/** The delay in "Please try again in 1.5s" (or "in 120ms"), only the number taken from the server's words. */
function delayInMessage(message: string): number | undefined {
  const match = /try again in (\d+(?:\.\d+)?)(ms|s)\b/i.exec(message);
  if (match?.[1] === undefined) return undefined;
  return Math.round(Number(match[1]) * (match[2]?.toLowerCase() === 'ms' ? 1 : 1000));
}

function isContextLength(info: ErrorInfo): boolean {
  if (info.code === 'context_length_exceeded' || info.type === 'exceed_context_size_error') return true;
  return /context[ _-]?(length|size|window)|maximum context|too many tokens/i.test(info.message);
}

const NO_HEADERS: HeaderReader = { get: () => null };

function asFields(value: unknown): Fields {
  return typeof value === 'object' && value !== null ? (value as Fields) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
