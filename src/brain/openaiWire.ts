/**
 * The OpenAI chat-completions wire format, as much of it as Neon speaks: the request body, the
 * reply and stream chunk checked with zod, the JSON Schema built from an ask's PortableSchema,
 * the SSE reader, and the defensive reading of a reply's text. Nothing here sends a request, so
 * `openaiBrain.ts` holds the effects and this file is tested with plain values.
 */
import { z } from 'zod';
import type { PortableSchema } from './prompt.ts';

/**
 * How a JSON reply is asked for, best first. Servers differ: OpenAI, Ollama, vLLM, llama.cpp and
 * LM Studio take `json_schema`; some older ones only `json_object` (and LM Studio refuses that);
 * a few take neither. The brain steps down this list when a server refuses one.
 */
export const JSON_MODES = ['json_schema', 'json_object', 'none'] as const;
export type JsonMode = (typeof JSON_MODES)[number];

/** The mode after `mode`, or undefined at the end of the list. */
export function nextJsonMode(mode: JsonMode): JsonMode | undefined {
  return JSON_MODES[JSON_MODES.indexOf(mode) + 1];
}

/** What one request says, before it is a wire body. */
export interface ChatRequest {
  readonly model: string;
  readonly prompt: string;
  /** Undefined for a plain-text ask: no reply shape is asked for. */
  readonly schema: PortableSchema | undefined;
  readonly jsonMode: JsonMode;
  readonly stream: boolean;
  /** `stream_options.include_usage`, so a stream's last chunk carries the token counts. */
  readonly streamUsage: boolean;
  readonly temperature?: number;
  readonly maxTokens?: number;
}

/** The `POST /chat/completions` body for a request. */
export function chatBody(request: ChatRequest): Record<string, unknown> {
  const { schema, jsonMode } = request;
  // Without a server-side response format the schema goes in a system message instead, so a
  // model that can only be asked in words still knows the shape (`json_object` needs the word
  // JSON in the messages on OpenAI, which this sentence also gives).
  const system = schema !== undefined && jsonMode !== 'json_schema'
    ? [{ role: 'system', content: `${SCHEMA_INSTRUCTION}${JSON.stringify(toJsonSchema(schema))}` }]
    : [];
  const responseFormat = schema === undefined || jsonMode === 'none'
    ? {}
    : jsonMode === 'json_object'
      ? { response_format: { type: 'json_object' } }
      : { response_format: { type: 'json_schema', json_schema: { name: 'reply', schema: toJsonSchema(schema), strict: false } } };
  return {
    model: request.model,
    messages: [...system, { role: 'user', content: request.prompt }],
    ...responseFormat,
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
    ...(request.stream ? { stream: true, ...(request.streamUsage ? { stream_options: { include_usage: true } } : {}) } : {}),
  };
}

/** The system message's words before the schema; the fake server reads the schema after it. */
export const SCHEMA_INSTRUCTION = 'Answer with one JSON object only, no prose and no code fence, that fits this JSON Schema: ';

/** The ask's portable schema as JSON Schema (it is already close: lower-case types, the same keywords). */
export function toJsonSchema(schema: PortableSchema): Record<string, unknown> {
  const description = schema.description === undefined ? {} : { description: schema.description };
  switch (schema.type) {
    case 'object': {
      const properties = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, toJsonSchema(value)]));
      // No extra fields: a grammar-constrained local model then cannot wander off the shape.
      return { type: 'object', properties, ...(schema.required === undefined ? {} : { required: [...schema.required] }), additionalProperties: false, ...description };
    }
    case 'string':
      return { type: 'string', ...(schema.enum === undefined ? {} : { enum: [...schema.enum] }), ...description };
    case 'number':
    case 'integer':
      return {
        type: schema.type,
        ...(schema.minimum === undefined ? {} : { minimum: schema.minimum }),
        ...(schema.maximum === undefined ? {} : { maximum: schema.maximum }),
        ...description,
      };
    case 'boolean':
      return { type: 'boolean', ...description };
    case 'array':
      return {
        type: 'array',
        items: toJsonSchema(schema.items),
        ...(schema.minItems === undefined ? {} : { minItems: schema.minItems }),
        ...(schema.maxItems === undefined ? {} : { maxItems: schema.maxItems }),
        ...description,
      };
  }
}

const usageSchema = z
  .object({ prompt_tokens: z.number().nullish(), completion_tokens: z.number().nullish(), total_tokens: z.number().nullish() })
  .nullish();

/** A whole `chat.completion`, only the fields Neon reads; servers add many more. */
export const completionSchema = z.object({
  choices: z.array(
    z.object({
      message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }).nullish(),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: usageSchema,
});

/** One `chat.completion.chunk` of a stream; the usage chunk has no choices. */
export const chunkSchema = z.object({
  choices: z
    .array(
      z.object({
        delta: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }).nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: usageSchema,
});

/** The wire's token counts, as Neon's usage; undefined when the server sent none. */
export function usageOf(usage: z.infer<typeof usageSchema>): { promptTokens: number; outputTokens: number; totalTokens: number } | undefined {
  if (usage === undefined || usage === null) return undefined;
  const promptTokens = usage.prompt_tokens ?? 0;
  const outputTokens = usage.completion_tokens ?? 0;
  return { promptTokens, outputTokens, totalTokens: usage.total_tokens ?? promptTokens + outputTokens };
}

/**
 * The `data` of each server-sent event in a body, in order (`data: [DONE]` included); several
 * `data:` lines of one event are joined by a newline, comments (`: keep-alive`) skipped.
 * Leaving the loop early cancels the body, so a reply we stop reading stops downloading.
 */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let lines: string[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n');
      while (end >= 0) {
        const line = buffer.slice(0, end).replace(/\r$/, '');
        buffer = buffer.slice(end + 1);
        if (line === '') {
          if (lines.length > 0) yield lines.join('\n');
          lines = [];
        } else if (line.startsWith('data:')) {
          lines.push(line.slice(5).replace(/^ /, ''));
        }
        end = buffer.indexOf('\n');
      }
      if (done) break;
    }
    // A last event without its blank line still counts: some servers end the body right after it.
    if (buffer.startsWith('data:')) lines.push(buffer.slice(5).replace(/^ /, ''));
    if (lines.length > 0) yield lines.join('\n');
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * The text an ask's `parse` reads: a reasoning model's `<think>…</think>` dropped, and for JSON
 * a Markdown fence or words around the object dropped too (local models add them even when
 * asked not to). The ask still checks the shape; the raw text stays as it came for the inspector.
 */
export function replyTextFor(raw: string, format: 'json' | 'text'): string {
  const thought = raw.replace(/^\s*<think>[\s\S]*?<\/think>\s*/i, '');
  if (format === 'text') return thought;
  const trimmed = thought.trim();
  const fenced = /^```(?:json)?\s*\n?([\s\S]*?)\n?```$/i.exec(trimmed)?.[1]?.trim() ?? trimmed;
  if (fenced.startsWith('{') || fenced.startsWith('[')) return fenced;
  const first = fenced.indexOf('{');
  const last = fenced.lastIndexOf('}');
  return first >= 0 && last > first ? fenced.slice(first, last + 1) : fenced;
}
