/**
 * The second live brain: any server that speaks OpenAI's chat completions (Ollama, LM Studio,
 * llama.cpp's server, vLLM, OpenRouter) at `baseUrl`, one `POST {baseUrl}/chat/completions` per
 * ask, JSON in the ask's shape or plain text, streamed as SSE when the ask has `onText`.
 *
 * Library: plain `fetch` with zod-checked replies (`openaiWire.ts`), not the `openai` package.
 * Measured here (esbuild, minified, browser ESM): `openai` 7.57 bundles to 385 KB (86 KB gzip)
 * for one client, against 20 KB (6 KB gzip) for `@google/generative-ai`; its tarball unpacks
 * to 24 MB. It would run in the worker (its browser check looks for `window.document`), but we
 * need only one POST and an SSE reader, and its client would fight the rest: its own retries
 * (2 by default) and 10-minute timeout beside the scheduler's, a required API key (Ollama needs
 * none, and ours must be sent only when given), and `x-stainless-*` headers on every request
 * that a local server's CORS allow-list would then have to name.
 */
import type { Decision, DecisionRequest } from '../sim/types.ts';
import type { AnyAsk } from './ask.ts';
import { decisionAsk } from './decisionAsk.ts';
import { ModelError } from './errors.ts';
import { connectionCap, type CallOptions, type ModelReply, type TokenUsage } from './model.ts';
import type { Brain, BrainSource } from './brain.ts';
import { classifyErrorEvent, classifyFinish, classifyOpenAiStatus, classifyOpenAiThrown, refusesResponseFormat, refusesStreamOptions, type HttpFailure } from './openaiErrors.ts';
import { chatBody, chunkSchema, completionSchema, nextJsonMode, replyTextFor, sseData, usageOf, type JsonMode } from './openaiWire.ts';

/** Ollama's small default model: what a fresh `brain=openai` asks for when no model is named. */
export const DEFAULT_OPENAI_MODEL = 'llama3.2';


/** The fetch this brain uses; the global one unless a test injects another. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface OpenAiBrainOptions {
  /** The API root, e.g. `http://localhost:11434/v1`; `/chat/completions` is added to it. */
  readonly baseUrl: string;
  /** Defaults to `DEFAULT_OPENAI_MODEL`. */
  readonly model?: string;
  /** Sent as `Authorization: Bearer` only when given and not empty: local servers need none. */
  readonly apiKey?: string;
  readonly temperature?: number;
  readonly maxOutputTokens?: number;
  readonly fetch?: Fetch;
}

/** The reply text and token counts of a call, before the ask reads it. */
interface RawReply {
  readonly raw: string;
  readonly usage: TokenUsage | undefined;
}

/** Most tries of one call: each refused feature (a response format, stream options) costs one. */
const MAX_TRIES = 4;

/** A model over any OpenAI-compatible endpoint that classifies every failure as a ModelError. */
export class OpenAiBrain implements Brain {
  readonly source: BrainSource = 'openai';
  readonly model: string;
  readonly baseUrl: string;
  readonly maxConcurrent: number | undefined;
  // Private fields stay out of console.log and JSON.stringify, so the key does not leak there.
  readonly #apiKey: string;
  readonly #fetch: Fetch;
  readonly #sampling: { temperature?: number; maxTokens?: number };
  /** How JSON is asked for: the best this server has not refused yet (shared by every call). */
  #jsonMode: JsonMode = 'json_schema';
  /** Whether a stream asks for its usage; off once the server refuses `stream_options`. */
  #streamUsage = true;

  constructor(options: OpenAiBrainOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.model = options.model ?? DEFAULT_OPENAI_MODEL;
    this.maxConcurrent = connectionCap(this.baseUrl);
    this.#apiKey = options.apiKey?.trim() ?? '';
    // A bare global `fetch` called as a method of another object throws "Illegal invocation" in browsers.
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#sampling = {
      ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
      ...(options.maxOutputTokens === undefined ? {} : { maxTokens: options.maxOutputTokens }),
    };
  }

  /** How JSON replies are asked for now: `json_schema` until the server refuses it. */
  get jsonMode(): JsonMode {
    return this.#jsonMode;
  }

  /** A grid agent's decision: `call` with its ask. */
  decide(request: DecisionRequest, options: CallOptions): Promise<ModelReply<Decision>> {
    return this.call(decisionAsk(request), options) as Promise<ModelReply<Decision>>;
  }

  /**
   * Sends one ask's prompt, asking for JSON in the ask's shape (or plain text for a `text` ask),
   * and resolves with the ask's reading of the reply, or rejects with a ModelError. An ask with
   * `onText` streams and hears the reply so far after every chunk.
   */
  async call(ask: AnyAsk, { signal }: CallOptions): Promise<ModelReply<unknown>> {
    if (signal.aborted) throw new ModelError('timeout', 'The model call was aborted before it started.');
    const prompt = ask.prompt();
    const format = ask.format ?? 'json';
    try {
      const { raw, usage } = await this.#exchange(ask, prompt, signal);
      const value = ask.parse(replyTextFor(raw, format));
      return usage === undefined ? { value, prompt, raw } : { value, usage, prompt, raw };
    } catch (error) {
      throw this.#withoutKey(classifyOpenAiThrown(error, signal));
    }
  }

  /** One request, sent again with a simpler JSON mode or without stream options while the server refuses them. */
  async #exchange(ask: AnyAsk, prompt: string, signal: AbortSignal): Promise<RawReply> {
    const stream = ask.onText !== undefined;
    for (let tries = 1; ; tries++) {
      const jsonMode = this.#jsonMode;
      const streamUsage = this.#streamUsage;
      const body = chatBody({
        model: this.model,
        prompt,
        schema: ask.format === 'text' ? undefined : ask.schema,
        jsonMode,
        stream,
        streamUsage,
        ...this.#sampling,
      });
      const response = await this.#fetch(`${this.baseUrl}/chat/completions`, { method: 'POST', headers: this.#headers(), body: JSON.stringify(body), signal });
      if (response.ok) return ask.onText === undefined ? await this.#whole(response) : await this.#streamed(response, ask.onText);
      const failure: HttpFailure = { status: response.status, headers: response.headers, body: await bodyOf(response) };
      if (tries < MAX_TRIES && ask.format !== 'text' && refusesResponseFormat(failure) && nextJsonMode(jsonMode) !== undefined) {
        // Compare-and-set: calls refused at once step the mode down once, not once each.
        if (this.#jsonMode === jsonMode) this.#jsonMode = nextJsonMode(jsonMode) ?? 'none';
        continue;
      }
      if (tries < MAX_TRIES && stream && streamUsage && refusesStreamOptions(failure)) {
        this.#streamUsage = false;
        continue;
      }
      throw classifyOpenAiStatus(failure, this.model, Date.now());
    }
  }

  async #whole(response: Response): Promise<RawReply> {
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new ModelError('server', 'The model server sent a body that is not JSON.', { cause: error });
    }
    // OpenRouter (and proxies) may answer 200 with an error envelope instead of a completion.
    if (hasError(body)) throw classifyErrorEvent(body.error, this.model);
    const parsed = completionSchema.safeParse(body);
    if (!parsed.success) throw new ModelError('bad-output', 'The server sent something other than a chat completion.');
    const choice = parsed.data.choices[0];
    if (choice === undefined) throw new ModelError('bad-output', 'The server sent a reply with no choices.');
    const stop = classifyFinish(choice.finish_reason);
    if (stop !== undefined) throw stop;
    if ((choice.message?.refusal ?? '') !== '') throw new ModelError('blocked', 'The model refused to answer.');
    return { raw: choice.message?.content ?? '', usage: usageOf(parsed.data.usage) };
  }

  /**
   * A streamed reply: `data: {chunk}` events, each with the next piece of text in
   * `choices[0].delta.content`, until `data: [DONE]`; the usage comes in a last chunk when asked for.
   */
  async #streamed(response: Response, onText: (textSoFar: string) => void): Promise<RawReply> {
    if (response.body === null) throw new ModelError('bad-output', 'The server sent a stream with no body.');
    let raw = '';
    let usage: TokenUsage | undefined;
    let finish: string | undefined;
    let done = false;
    for await (const data of sseData(response.body)) {
      if (data.trim() === '[DONE]') {
        done = true;
        break;
      }
      let chunk: unknown;
      try {
        chunk = JSON.parse(data);
      } catch (error) {
        throw new ModelError('server', 'The model server sent a stream chunk that is not JSON.', { cause: error });
      }
      if (hasError(chunk)) throw classifyErrorEvent(chunk.error, this.model);
      const parsed = chunkSchema.safeParse(chunk);
      if (!parsed.success) throw new ModelError('bad-output', 'The server sent a stream chunk that is not a completion chunk.');
      usage = usageOf(parsed.data.usage) ?? usage;
      const choice = parsed.data.choices?.[0];
      if ((choice?.delta?.refusal ?? '') !== '') throw new ModelError('blocked', 'The model refused to answer.');
      const piece = choice?.delta?.content ?? '';
      if (piece !== '') {
        raw += piece;
        tell(onText, raw);
      }
      finish = choice?.finish_reason ?? finish;
    }
    // Without [DONE] nor a finish reason the stream was cut short on the way (a proxy, a
    // connection that closed cleanly); either one alone marks a whole reply.
    if (!done && finish === undefined) throw new ModelError('truncated', 'The reply stream ended before the model finished.');
    const stop = classifyFinish(finish);
    if (stop !== undefined) throw stop;
    return { raw, usage };
  }

  #headers(): Record<string, string> {
    return { 'Content-Type': 'application/json', ...(this.#apiKey === '' ? {} : { Authorization: `Bearer ${this.#apiKey}` }) };
  }

  /** Our messages name no server text, but a thrown error's cause might; drop a cause that quotes the key. */
  #withoutKey(error: ModelError): ModelError {
    if (this.#apiKey === '' || (!error.message.includes(this.#apiKey) && !mentions(error.cause, this.#apiKey))) return error;
    return new ModelError(error.kind, error.message.split(this.#apiKey).join('[key]'), {
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    });
  }
}

/** The parsed JSON of an error answer, or undefined when it has none. */
async function bodyOf(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text()) as unknown;
  } catch {
    return undefined;
  }
}

function hasError(value: unknown): value is { error: unknown } {
  return typeof value === 'object' && value !== null && 'error' in value && value.error !== undefined && value.error !== null;
}

/** A listener's fault (a UI callback) must not fail the model call it listens to. */
function tell(onText: (textSoFar: string) => void, text: string): void {
  try {
    onText(text);
  } catch {
    // ignored on purpose: the reply is still good
  }
}

function mentions(value: unknown, secret: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.includes(secret);
  if (value instanceof Error) return `${value.message} ${value.stack ?? ''}`.includes(secret) || mentions(value.cause, secret);
  try {
    return JSON.stringify(value).includes(secret);
  } catch {
    return false;
  }
}
