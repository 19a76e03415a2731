/**
 * The bodies the fake OpenAI-compatible server sends, shaped like OpenAI's (which Ollama,
 * vLLM, llama.cpp and LM Studio copy): `chat.completion`, the `{ error: { message, type, param,
 * code } }` envelope, the model list. The reply's words come from the fake Gemini server's
 * writers (`replyText`, `proseText`), so both fakes answer a prompt alike.
 */
import { hashText, proseText, replyText } from '../fake-gemini/replies.ts';

/** Every reply the fake can give; `ok` is a valid reply derived from the prompt and the schema asked for. */
export type FakeOpenAiMode =
  | 'ok'
  | 'markup'
  /** The reply inside a `<think>` block and a ```json fence, as local reasoning models write. */
  | 'fenced'
  /** 429 with `retry-after: 2`. */
  | '429'
  /** 429 with `x-ratelimit-reset-requests: 1s` and no `retry-after`. */
  | '429-reset'
  /** 429 `insufficient_quota`. */
  | 'quota'
  | '401'
  | '500'
  | '503'
  | 'hang'
  | 'hang-body'
  | 'malformed'
  /** 400 `context_length_exceeded`. */
  | 'context-length'
  /** A reply cut at the token limit: `finish_reason: "length"`. */
  | 'length'
  | 'content-filter'
  /** Half the reply, then the connection drops. */
  | 'cut-stream'
  /** Streamed: half the reply, then an error event on the 200; not streamed: a 503. */
  | 'stream-error';

export const FAKE_OPENAI_MODES: readonly FakeOpenAiMode[] = [
  'ok', 'markup', 'fenced', '429', '429-reset', 'quota', '401', '500', '503', 'hang', 'hang-body',
  'malformed', 'context-length', 'length', 'content-filter', 'cut-stream', 'stream-error',
];

/** The response formats a server may take; the fake refuses those it is told not to support. */
export type ResponseFormatType = 'json_schema' | 'json_object';

/** An HTTP status, headers and a JSON body. */
export interface FakeReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What the fake read from a `POST /chat/completions` body. */
export interface ChatCall {
  readonly model: string;
  readonly prompt: string;
  readonly format: 'json' | 'text';
  /** The JSON Schema asked for (in `response_format`, or in a system message), if any. */
  readonly schema: unknown;
  readonly responseFormat: string | undefined;
  readonly stream: boolean;
  readonly includeUsage: boolean;
}

interface Message {
  readonly role?: unknown;
  readonly content?: unknown;
}

/** Reads a chat completions body; JSON is asked for by `response_format`, or in words (the brain's fallback). */
export function chatCallOf(body: unknown): ChatCall {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const messages = (Array.isArray(fields.messages) ? fields.messages : []) as Message[];
  const prompt = messages.filter((m) => m.role !== 'system').map((m) => contentText(m.content)).join('\n');
  const system = messages.filter((m) => m.role === 'system').map((m) => contentText(m.content)).join('\n');
  const format = (fields.response_format ?? {}) as { type?: unknown; json_schema?: { schema?: unknown } };
  const responseFormat = typeof format.type === 'string' ? format.type : undefined;
  const worded = schemaInWords(system);
  const schema: unknown = format.json_schema?.schema ?? worded;
  const json = responseFormat === 'json_schema' || responseFormat === 'json_object' || worded !== undefined;
  const options = (fields.stream_options ?? {}) as { include_usage?: unknown };
  return {
    model: typeof fields.model === 'string' ? fields.model : '',
    prompt,
    format: json ? 'json' : 'text',
    schema,
    responseFormat,
    stream: fields.stream === true,
    includeUsage: options.include_usage === true,
  };
}

/** The reply text the fake "model" writes for a call in a mode that answers. */
export function replyFor(call: ChatCall, mode: FakeOpenAiMode): string {
  const write = (markup = false): string => (call.format === 'text' ? proseText(call.prompt, markup) : replyText(call.prompt, call.schema, markup));
  switch (mode) {
    case 'markup':
      return write(true);
    case 'fenced':
      return `<think>The user wants JSON. Let me answer.</think>\n\`\`\`json\n${write()}\n\`\`\``;
    case 'malformed':
      return '{not json';
    case 'length':
      return write().slice(0, 24);
    case 'content-filter':
      return '';
    default:
      return write();
  }
}

/** The finish reason of a mode that answers. */
export function finishFor(mode: FakeOpenAiMode): string {
  return mode === 'length' ? 'length' : mode === 'content-filter' ? 'content_filter' : 'stop';
}

/** Token counts as a server reports them: a rough four characters a token. */
export function usageFor(prompt: string, text: string): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  const promptTokens = Math.max(1, Math.ceil(prompt.length / 4));
  const completionTokens = Math.max(1, Math.ceil(text.length / 4));
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

/** The id and model fields every completion and chunk of one reply shares. */
export function commonFields(call: ChatCall, mode: FakeOpenAiMode, object: string): Record<string, unknown> {
  return { id: `chatcmpl-fake-${hashText(call.prompt + mode).toString(36)}`, object, created: Math.floor(Date.now() / 1000), model: call.model, system_fingerprint: 'fp_fake' };
}

/** A whole `chat.completion` for a call. */
export function completionReply(call: ChatCall, mode: FakeOpenAiMode): FakeReply {
  const content = replyFor(call, mode);
  return {
    status: 200,
    body: {
      ...commonFields(call, mode, 'chat.completion'),
      choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: finishFor(mode) }],
      usage: usageFor(call.prompt, content),
    },
  };
}

/** The HTTP error of a mode, as OpenAI sends it; undefined for the modes that answer 200. */
export function errorReply(mode: FakeOpenAiMode, key: string): FakeReply | undefined {
  switch (mode) {
    case '429':
      return error(429, 'Rate limit reached for requests. Please try again in 2s.', 'requests', 'rate_limit_exceeded', { 'retry-after': '2', 'x-ratelimit-remaining-requests': '0' });
    case '429-reset':
      return error(429, 'Rate limit reached for requests.', 'requests', 'rate_limit_exceeded', { 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-remaining-requests': '0' });
    case 'quota':
      return error(429, 'You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota', 'insufficient_quota');
    case '401':
      return wrongKey(key);
    case '500':
      return error(500, 'The server had an error while processing your request. Sorry about that!', 'server_error', null);
    case '503':
    case 'stream-error':
      return overloaded();
    case 'context-length':
      return {
        status: 400,
        body: { error: { message: "This model's maximum context length is 8192 tokens. However, your messages resulted in 9120 tokens. Please reduce the length of the messages.", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } },
      };
    default:
      return undefined;
  }
}

/** The 503 body; also the error event a stream ends with in `stream-error`. */
export function overloaded(): FakeReply {
  return error(503, 'The engine is currently overloaded, please try again later.', 'server_error', null);
}

/** A wrong or missing key. It echoes the key whole, worse than OpenAI (which masks it), so key hygiene is tested against the worst. */
export function wrongKey(key: string): FakeReply {
  const shown = key === '' ? 'You did not provide an API key.' : `Incorrect API key provided: ${key}.`;
  return error(401, shown, 'invalid_request_error', 'invalid_api_key');
}

/** A model the server does not have, as OpenAI and Ollama answer it. */
export function modelMissing(model: string): FakeReply {
  return error(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
}

/** A response format the server does not take (OpenAI's words for an older model). */
export function formatRefused(type: string): FakeReply {
  return { status: 400, body: { error: { message: `Invalid parameter: 'response_format' of type '${type}' is not supported with this model.`, type: 'invalid_request_error', param: 'response_format', code: null } } };
}

/** A server that does not take `stream_options`. */
export function streamOptionsRefused(): FakeReply {
  return { status: 400, body: { error: { message: "Unrecognized request argument supplied: stream_options", type: 'invalid_request_error', param: 'stream_options', code: null } } };
}

/** `GET /models`. */
export function modelList(models: readonly string[]): FakeReply {
  return { status: 200, body: { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })) } };
}

/** A 404 for paths the fake does not serve. */
export function notFound(path: string): FakeReply {
  return error(404, `The fake OpenAI server does not serve ${path}.`, 'invalid_request_error', 'not_found');
}

function error(status: number, message: string, type: string, code: string | null, headers?: Record<string, string>): FakeReply {
  return { status, body: { error: { message, type, param: null, code } }, ...(headers === undefined ? {} : { headers }) };
}

/** A message's text: a string, or OpenAI's array of `{ type: 'text', text }` parts. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return (content as { text?: unknown }[]).map((part) => (typeof part.text === 'string' ? part.text : '')).join('');
}

/** A JSON Schema given in words: a system message that asks for JSON and ends with the schema object. */
function schemaInWords(system: string): unknown {
  if (!/JSON/.test(system)) return undefined;
  const start = system.indexOf('{');
  // null: JSON asked for in no particular shape, which the writers answer with the grid's decision.
  if (start < 0) return null;
  try {
    return JSON.parse(system.slice(start)) as unknown;
  } catch {
    return null;
  }
}
