/**
 * The live brain: one Gemini `generateContent` call per ask (a grid decision, a persona's post…)
 * through `@google/generative-ai`, in the ask's JSON shape or as plain text; an ask that wants
 * its words as they come (`onText`) gets `generateContentStream` instead.
 * This is the only file that imports the SDK, so moving to `@google/genai` touches nothing else.
 */
import { GoogleGenerativeAI, SchemaType } from '@google/generative-ai';
import type { GenerateContentCandidate, GenerateContentRequest, GenerateContentResponse, GenerationConfig, GenerativeModel, ResponseSchema, UsageMetadata } from '@google/generative-ai';
import type { Decision, DecisionRequest } from '../sim/types.ts';
import type { BrainSource, Brain } from './brain.ts';
import { ModelError } from './errors.ts';
import { classifyGeminiError, classifyGeminiResponse, classifyStreamChunk } from './geminiErrors.ts';
import { connectionCap, type CallOptions, type ModelReply, type TokenUsage } from './model.ts';
import type { PortableSchema } from './prompt.ts';
import type { AnyAsk } from './ask.ts';
import { decisionAsk } from './decisionAsk.ts';

/** The model when none is named (the CLI's default too); the page's is `DEFAULT_MODEL` in protocol/config.ts, checked equal. */
export const DEFAULT_GEMINI_MODEL = 'gemini-2.5-flash';

export interface GeminiBrainOptions {
  readonly apiKey: string;
  /** Defaults to `DEFAULT_GEMINI_MODEL`. */
  readonly model?: string;
  readonly temperature?: number;
  readonly maxOutputTokens?: number;
  /** Another server speaking the same REST API, e.g. the fake in `src/fake-gemini/`. */
  readonly baseUrl?: string;
  /** `v1beta` (the SDK's default) or `v1`. */
  readonly apiVersion?: string;
}

/** A Brain that asks Gemini for each decision and classifies every failure as a ModelError. */
export class GeminiBrain implements Brain {
  readonly source: BrainSource = 'gemini';
  readonly model: string;
  readonly maxConcurrent: number | undefined;
  // Private fields stay out of console.log and JSON.stringify, so the key does not leak there.
  readonly #apiKey: string;
  readonly #generative: GenerativeModel;
  /** Sampling settings; each call adds the reply shape its ask wants. */
  readonly #sampling: { temperature?: number; maxOutputTokens?: number };

  constructor(options: GeminiBrainOptions) {
    this.model = options.model ?? DEFAULT_GEMINI_MODEL;
    this.maxConcurrent = connectionCap(options.baseUrl);
    this.#apiKey = options.apiKey;
    const requestOptions = {
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl.replace(/\/+$/, '') }),
      ...(options.apiVersion === undefined ? {} : { apiVersion: options.apiVersion }),
    };
    this.#sampling = {
      ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
      ...(options.maxOutputTokens === undefined ? {} : { maxOutputTokens: options.maxOutputTokens }),
    };
    this.#generative = new GoogleGenerativeAI(options.apiKey).getGenerativeModel({ model: this.model }, requestOptions);
  }

  /** A grid agent's decision: `call` with its ask. */
  decide(request: DecisionRequest, options: CallOptions): Promise<ModelReply<Decision>> {
    return this.call(decisionAsk(request), options) as Promise<ModelReply<Decision>>;
  }

  /**
   * Sends one ask's prompt, asking for JSON in the ask's shape (or plain text for a `text` ask),
   * and resolves with the ask's reading of the reply, or rejects with a ModelError. An ask with
   * `onText` hears the reply so far after every streamed chunk.
   */
  async call(ask: AnyAsk, { signal }: CallOptions): Promise<ModelReply<unknown>> {
    if (this.#apiKey.trim() === '') throw new ModelError('invalid-key', 'No Gemini API key was given.');
    // The SDK only listens for an abort that happens later, so an already-aborted signal
    // would otherwise still send a request.
    if (signal.aborted) throw new ModelError('timeout', 'The Gemini call was aborted before it started.');
    const prompt = ask.prompt();
    try {
      // The generation settings travel with each request (the SDK sends the request's and not
      // the model's, so they are given whole here): the reply shape is the ask's own.
      const generationConfig: GenerationConfig =
        ask.format === 'text' ? { ...this.#sampling } : { responseMimeType: 'application/json', responseSchema: toSdkSchema(ask.schema), ...this.#sampling };
      const request: GenerateContentRequest = { contents: [{ role: 'user', parts: [{ text: prompt }] }], generationConfig };
      const { raw, metadata } = ask.onText === undefined ? await this.#whole(request, signal) : await this.#streamed(request, signal, ask.onText);
      const value = ask.parse(raw);
      const usage = toUsage(metadata);
      return usage === undefined ? { value, prompt, raw } : { value, usage, prompt, raw };
    } catch (error) {
      throw this.#withoutKey(classifyGeminiError(error, signal));
    }
  }

  async #whole(request: GenerateContentRequest, signal: AbortSignal): Promise<RawReply> {
    const { response } = await this.#generative.generateContent(request, { signal });
    // Check the finish reason first: text() throws on a blocked reply, and a truncated
    // reply would otherwise surface as a misleading JSON error.
    const refusal = classifyGeminiResponse(response);
    if (refusal !== undefined) throw refusal;
    return { raw: response.text(), metadata: response.usageMetadata };
  }

  /**
   * One `streamGenerateContent?alt=sse` call: the text grows chunk by chunk and `onText` hears
   * each step; the aggregate the SDK builds gives the finish reason and the usage at the end.
   */
  async #streamed(request: GenerateContentRequest, signal: AbortSignal, onText: (textSoFar: string) => void): Promise<RawReply> {
    // A local controller, so a stream we leave early (an error chunk) stops downloading too.
    const local = new AbortController();
    const forward = (): void => {
      local.abort(signal.reason);
    };
    signal.addEventListener('abort', forward, { once: true });
    try {
      const result = await this.#generative.generateContentStream(request, { signal: local.signal });
      // The SDK tees the body: the aggregate fails whenever the chunks do, and would be an
      // unhandled rejection if nobody listened before the loop throws.
      const aggregate = result.response;
      aggregate.catch(() => undefined);
      let raw = '';
      let chunks = 0;
      let finished = false;
      for await (const chunk of result.stream) {
        chunks += 1;
        const failure = classifyStreamChunk(chunk);
        if (failure !== undefined) throw failure;
        if ((chunk.candidates?.[0]?.finishReason ?? '') !== '') finished = true;
        const piece = textOf(chunk);
        if (piece === '') continue;
        raw += piece;
        tell(onText, raw);
      }
      const response = await aggregate;
      const refusal = chunks === 0 ? undefined : classifyGeminiResponse(response);
      if (refusal !== undefined) throw refusal;
      // The last chunk of a whole reply always names why the model stopped; without one, the
      // stream was cut short on the way (a proxy, a dropped connection that closed cleanly).
      if (!finished) throw new ModelError('truncated', 'The reply stream ended before the model finished.');
      return { raw, metadata: response.usageMetadata };
    } finally {
      signal.removeEventListener('abort', forward);
      local.abort();
    }
  }

  /** The SDK copies server error details into its messages; drop a cause that quotes the key. */
  #withoutKey(error: ModelError): ModelError {
    if (!mentions(error.cause, this.#apiKey) && !error.message.includes(this.#apiKey)) return error;
    return new ModelError(error.kind, error.message.split(this.#apiKey).join('[key]'), {
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    });
  }
}

/** Maps the SDK-free response schema in `prompt.ts` onto the SDK's `ResponseSchema`. */
export function toSdkSchema(schema: PortableSchema): ResponseSchema {
  const description = schema.description === undefined ? {} : { description: schema.description };
  switch (schema.type) {
    case 'object': {
      const properties: Record<string, ResponseSchema> = {};
      for (const [key, value] of Object.entries(schema.properties)) properties[key] = toSdkSchema(value);
      const required = schema.required === undefined ? {} : { required: [...schema.required] };
      return { type: SchemaType.OBJECT, properties, ...required, ...description };
    }
    case 'string':
      if (schema.enum !== undefined) return { type: SchemaType.STRING, format: 'enum', enum: [...schema.enum], ...description };
      return { type: SchemaType.STRING, ...description };
    case 'number':
    case 'integer': {
      // The REST API's Schema takes minimum and maximum; the SDK's types have not caught up,
      // and it sends the object as it is, so they travel in a spread the types do not check.
      const range = {
        ...(schema.minimum === undefined ? {} : { minimum: schema.minimum }),
        ...(schema.maximum === undefined ? {} : { maximum: schema.maximum }),
      };
      return { type: schema.type === 'number' ? SchemaType.NUMBER : SchemaType.INTEGER, ...range, ...description };
    }
    case 'boolean':
      return { type: SchemaType.BOOLEAN, ...description };
    case 'array': {
      const bounds = {
        ...(schema.minItems === undefined ? {} : { minItems: schema.minItems }),
        ...(schema.maxItems === undefined ? {} : { maxItems: schema.maxItems }),
      };
      return { type: SchemaType.ARRAY, items: toSdkSchema(schema.items), ...bounds, ...description };
    }
  }
}

/** The reply text and token counts of a call, before the ask reads it. */
interface RawReply {
  readonly raw: string;
  readonly metadata: UsageMetadata | undefined;
}

/** The text of a chunk's first candidate; unlike the SDK's text(), it never throws on a blocked chunk. */
function textOf(chunk: GenerateContentResponse): string {
  // The SDK types `content` as always there; a blocked chunk comes without it.
  const first: Partial<GenerateContentCandidate> | undefined = chunk.candidates?.[0];
  return (first?.content?.parts ?? []).map((part) => part.text ?? '').join('');
}

/** A listener's fault (a UI callback) must not fail the model call it listens to. */
function tell(onText: (textSoFar: string) => void, text: string): void {
  try {
    onText(text);
  } catch {
    // ignored on purpose: the reply is still good
  }
}

/** The SDK types every count as present, but a blocked or empty reply omits some of them. */
function toUsage(metadata: Partial<UsageMetadata> | undefined): TokenUsage | undefined {
  if (metadata === undefined) return undefined;
  const promptTokens = metadata.promptTokenCount ?? 0;
  const outputTokens = metadata.candidatesTokenCount ?? 0;
  return { promptTokens, outputTokens, totalTokens: metadata.totalTokenCount ?? promptTokens + outputTokens };
}

function mentions(value: unknown, secret: string): boolean {
  if (secret === '' || value === undefined || value === null) return false;
  if (typeof value === 'string') return value.includes(secret);
  if (typeof value !== 'object') return false;
  const fields = value as Record<string, unknown>;
  const texts = [fields.message, fields.stack, safeJson(fields.errorDetails), safeJson(fields.response), safeJson(fields.cause)];
  return texts.some((entry) => typeof entry === 'string' && entry.includes(secret));
}

function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
