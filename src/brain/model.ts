import type { AbortLike } from '../clock/abortLine.ts';

/**
 * A model call in the abstract: something that takes a request and answers later, or fails with
 * a classified ModelError. The scheduler knows only this shape, so jobs from any producer
 * (grid agents, a debate, a DAG of steps) run through the same budget.
 */

export interface TokenUsage {
  readonly promptTokens: number;
  readonly outputTokens: number;
  readonly totalTokens: number;
}

export const ZERO_TOKENS: TokenUsage = { promptTokens: 0, outputTokens: 0, totalTokens: 0 };

/** The sum of two usages. */
export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}

/** A successful answer plus what it cost and what was exchanged, for the inspector. */
export interface ModelReply<Res> {
  readonly value: Res;
  readonly usage?: TokenUsage;
  /** The prompt text that was sent, when the model built one. */
  readonly prompt?: string;
  /** The raw reply text, before parsing. */
  readonly raw?: string;
}

export interface CallOptions {
  /** Aborted by the scheduler on timeout or shutdown; the model must stop waiting when it fires. */
  readonly signal: AbortSignal;
  /** 1 for the first try, 2 for the first retry, and so on. */
  readonly attempt: number;
  /**
   * The same abort as `signal`, for a model that only waits (the mock): the scheduler builds its
   * `signal` only when it is read (`AbortLine`), so a model that listens here costs none.
   */
  readonly abort?: AbortLike;
}

/** Anything the scheduler can call. `source` names who answered (e.g. `gemini`, `mock`). */
export interface Model<Req, Res> {
  readonly source: string;
  /**
   * The most calls that can really be in flight at once, whatever the scheduler allows: a
   * browser opens at most 6 connections to an HTTP/1.1 server. Calls beyond it would only wait,
   * unseen, in the browser; the scheduler keeps them in its own line instead, where they show.
   */
  readonly maxConcurrent?: number | undefined;
  call(request: Req, options: CallOptions): Promise<ModelReply<Res>>;
  /**
   * `call` without a promise, for a model that answers in a timer's turn of its own (the mock):
   * tells `end` how the call ended, once, as `call`'s promise would have settled (the abort's
   * reason when aborted first). A batch of thousands of mock calls, all waiting at once, then
   * costs no promise, reactions or microtasks per call. Optional: a caller that finds it may use
   * it instead of `call`, and must cope with `end` being told at once (a call aborted before it
   * was made). Live models do not have it: a fetch is a promise anyway.
   */
  callWith?(request: Req, options: CallOptions, end: CallEnd<Res>): void;
}

/** Hears how a `callWith` ended: one of the two, once. */
export interface CallEnd<Res> {
  answer(reply: ModelReply<Res>): void;
  fail(error: unknown): void;
}

/** Connections a browser opens to one HTTP/1.1 host (Chromium, Firefox and Safari alike). */
export const HTTP1_CONNECTIONS_PER_HOST = 6;

/**
 * How many calls to `baseUrl` can run at once from a browser. A plain http:// server always
 * speaks HTTP/1.1 to a browser (browsers speak HTTP/2 only over TLS), so 6; an https endpoint
 * such as Google's speaks HTTP/2 and multiplexes, so no cap is known.
 */
export function connectionCap(baseUrl: string | undefined): number | undefined {
  return baseUrl !== undefined && /^http:\/\//i.test(baseUrl) ? HTTP1_CONNECTIONS_PER_HOST : undefined;
}
