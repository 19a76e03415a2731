/**
 * Every way a model call can fail, so the scheduler and the UI can act on the cause. The
 * protocol keeps the wire's copy (`failureKind`), checked equal in worker/listsAgree.test.ts.
 */
export type FailureKind =
  | 'invalid-key' // 400 API_KEY_INVALID, 401, 403: no retry; live calls stop
  | 'rate-limit' // 429: retry after the server's delay
  | 'quota-exhausted' // 429 on a per-day quota: no retry; live calls stop
  | 'server' // 5xx
  | 'network' // the request never got an HTTP answer
  | 'timeout' // our deadline passed and the call was aborted
  | 'blocked' // finishReason SAFETY (or a blocked prompt)
  | 'truncated' // finishReason MAX_TOKENS
  | 'bad-output' // not JSON, or JSON that fails the response schema
  | 'unknown';

/** A classified failure. `retryAfterMs` carries a server's RetryInfo when it sent one. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly kind: FailureKind;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(kind: FailureKind, message: string, options: { status?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Failures worth another attempt after a backoff. */
export function isRetryable(kind: FailureKind): boolean {
  return kind === 'rate-limit' || kind === 'server' || kind === 'network';
}

/** Failures that mean no live call can succeed until the user changes something. */
export function isFatal(kind: FailureKind): boolean {
  return kind === 'invalid-key' || kind === 'quota-exhausted';
}

/** Wraps anything thrown into a ModelError, keeping a classification that is already there. */
export function toModelError(error: unknown): ModelError {
  if (error instanceof ModelError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ModelError('unknown', message, { cause: error });
}
