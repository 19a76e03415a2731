/**
 * The bodies the fake Gemini server sends, copied in shape from the real
 * `generativelanguage.googleapis.com` API: the generateContent response and the
 * `{ error: { code, message, status, details } }` envelope with `google.rpc.*` details.
 */

/** Every reply the fake can give; `ok` is a valid reply derived from the prompt (and the schema asked for). */
export type FakeMode =
  | 'ok'
  | 'markup'
  | '429'
  | 'quota-day'
  | '400-key'
  | '401'
  | '403'
  | '500'
  | '503'
  | 'hang'
  | 'hang-body'
  | 'malformed'
  | 'safety'
  | 'prompt-blocked'
  | 'max-tokens'
  /** The reply, cut off on the wire: half of it, then the connection drops. */
  | 'cut-stream'
  /** Streamed: half the reply, then a 503 error event on the 200; not streamed: the 503. */
  | 'stream-error';

export const FAKE_MODES: readonly FakeMode[] = [
  'ok', 'markup', '429', 'quota-day', '400-key', '401', '403', '500', '503',
  'hang', 'hang-body', 'malformed', 'safety', 'prompt-blocked', 'max-tokens', 'cut-stream', 'stream-error',
];

/** What a request asks the model to write: JSON (in a schema or not) or plain prose. */
export type ReplyFormat = 'json' | 'text';

/** An HTTP status and a JSON body. */
export interface FakeReply {
  readonly status: number;
  readonly body: unknown;
}

/** The sim's directions; this server imports nothing of the app, so a test checks they agree (`worker/listsAgree.test.ts`). */
export const ACTIONS = ['N', 'E', 'S', 'W', 'STAY'] as const;
const RATE_LIMIT_DOCS = 'https://ai.google.dev/gemini-api/docs/rate-limits';

/** FNV-1a: a tiny stable hash so the same prompt always gets the same default decision. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The text of every part of every content in a generateContent request body. */
export function promptOf(body: unknown): string {
  const contents = (body as { contents?: { parts?: { text?: unknown }[] }[] } | null)?.contents;
  if (!Array.isArray(contents)) return '';
  return contents
    .flatMap((content) => (Array.isArray(content.parts) ? content.parts : []))
    .map((part) => (typeof part.text === 'string' ? part.text : ''))
    .join('\n');
}

/** The decision JSON the fake "model" writes for a prompt. */
export function decisionText(prompt: string, markup = false): string {
  const hash = hashText(prompt);
  const action = ACTIONS[hash % ACTIONS.length] ?? 'STAY';
  const decision = {
    thought: markup ? 'I will greet them with <b>hi</b>.' : `Fake thought ${hash.toString(16)}: heading ${action}.`,
    plan: `Walk ${action} for a while, then look around.`,
    action,
    ...(hash % 3 === 0 || markup ? { say: markup ? '<b>hi</b><script>alert(1)</script>' : 'Hello there!' } : {}),
  };
  return JSON.stringify(decision);
}

/**
 * JSON when the request asks for it (a response schema, or `responseMimeType` JSON), as every
 * JSON ask of the app does; prose otherwise, as a live model answers a bare prompt.
 */
export function replyFormatOf(body: unknown): ReplyFormat {
  const config = (body as { generationConfig?: { responseSchema?: unknown; responseMimeType?: unknown } } | null)?.generationConfig;
  if (config?.responseSchema !== undefined) return 'json';
  return typeof config?.responseMimeType === 'string' && config.responseMimeType.toLowerCase().includes('json') ? 'json' : 'text';
}

const OPENINGS = [
  'The lantern light flickers as you step forward.',
  'A cold wind sweeps across the square.',
  'The old gate creaks open before you.',
  'Somewhere behind the market stalls, a dog barks twice.',
  'The innkeeper looks up from the counter and nods.',
  'Rain begins to patter on the cobblestones.',
] as const;
const FOLLOW_UPS = [
  'Nobody seems to have noticed you yet.',
  'Two guards by the well fall silent and watch.',
  'A child points at you, then runs off laughing.',
  'The smell of fresh bread drifts from an open window.',
  'Far off, a bell rings the hour.',
  'An old woman mutters something about strangers.',
] as const;

/** The narration the fake "model" writes for a prompt that asks for no JSON: two sentences drawn from its hash. */
export function proseText(prompt: string, markup = false): string {
  const hash = hashText(prompt);
  const opening = OPENINGS[hash % OPENINGS.length] ?? OPENINGS[0];
  const followUp = FOLLOW_UPS[(hash >>> 8) % FOLLOW_UPS.length] ?? FOLLOW_UPS[0];
  return markup ? `${opening} <b>Beware</b><script>alert(1)</script> ${followUp}` : `${opening} ${followUp}`;
}

/** The `generationConfig.responseSchema` of a generateContent request body, if it has one. */
export function responseSchemaOf(body: unknown): unknown {
  const config = (body as { generationConfig?: { responseSchema?: unknown } } | null)?.generationConfig;
  return config?.responseSchema;
}

/**
 * The JSON text the fake "model" writes for a request: the grid's decision when the request
 * asks for none or for the decision's shape (every grid reply stays as it was), else values that
 * fit the request's response schema, drawn from the prompt's hash.
 */
export function replyText(prompt: string, schema: unknown, markup = false): string {
  if (isDecisionSchema(schema)) return decisionText(prompt, markup);
  return JSON.stringify(synthesize(schema, hashText(prompt), 'reply', markup));
}

/** No schema, or one with the decision's fields: the grid is asking. */
function isDecisionSchema(schema: unknown): boolean {
  if (schema === undefined || schema === null || typeof schema !== 'object') return true;
  const properties = (schema as { properties?: unknown }).properties;
  return typeof properties === 'object' && properties !== null && 'action' in properties && 'thought' in properties;
}

interface SchemaLike {
  readonly type?: unknown;
  readonly enum?: unknown;
  readonly properties?: unknown;
  readonly items?: unknown;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly minItems?: unknown;
  readonly maxItems?: unknown;
}

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/**
 * A value that fits an OpenAPI-style schema, the way a model answering it would: enums give one
 * of their values, strings a short sentence, numbers a value in range, arrays a few items, objects
 * every property. Each value is drawn from the prompt's hash and its path, so it is stable.
 */
export function synthesize(schema: unknown, seed: number, path: string, markup = false): unknown {
  const s = (schema ?? {}) as SchemaLike;
  const draw = hashText(`${seed}:${path}`);
  const type = typeof s.type === 'string' ? s.type.toLowerCase() : 'string';
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[draw % s.enum.length] as unknown;
  switch (type) {
    case 'object': {
      const properties = (typeof s.properties === 'object' && s.properties !== null ? s.properties : {}) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, synthesize(value, seed, `${path}.${key}`, markup)]));
    }
    case 'array': {
      const count = Math.max(num(s.minItems) ?? 1, Math.min(num(s.maxItems) ?? 3, 2 + (draw % 2)));
      return Array.from({ length: count }, (_, index) => synthesize(s.items, seed, `${path}[${index}]`, markup));
    }
    case 'number':
    case 'integer': {
      const min = num(s.minimum) ?? Math.min(0, (num(s.maximum) ?? 1) - 1);
      const max = Math.max(min, num(s.maximum) ?? min + (type === 'integer' ? 10 : 1));
      const value = min + ((draw % 10_001) / 10_000) * (max - min);
      return type === 'integer' ? Math.min(Math.floor(max), Math.max(Math.ceil(min), Math.round(value))) : Math.round(value * 100) / 100;
    }
    case 'boolean':
      return draw % 2 === 0;
    default:
      return markup ? `Fake <b>reply</b> ${draw.toString(16)}<script>alert(1)</script>` : `Fake reply ${draw.toString(16)}: a short sentence.`;
  }
}

/**
 * The successful and model-side replies (HTTP 200); undefined for the HTTP error modes. The
 * reply is JSON (in `schema`, or the grid's decision) unless `format` is `text`: then prose.
 * The wire faults (`hang-body`, `cut-stream`, `stream-error`) give the reply the server then breaks.
 */
export function contentReply(mode: FakeMode, prompt: string, model: string, schema?: unknown, format: ReplyFormat = 'json'): FakeReply | undefined {
  const promptTokenCount = Math.max(1, Math.ceil(prompt.length / 4));
  const common = { modelVersion: model, responseId: `fake-${hashText(prompt + mode).toString(36)}` };
  const answer = (text: string, finishReason: string): FakeReply => {
    const candidatesTokenCount = Math.max(1, Math.ceil(text.length / 4));
    return {
      status: 200,
      body: {
        candidates: [{ content: { parts: [{ text }], role: 'model' }, finishReason, index: 0 }],
        usageMetadata: { promptTokenCount, candidatesTokenCount, totalTokenCount: promptTokenCount + candidatesTokenCount },
        ...common,
      },
    };
  };
  const usageWithoutOutput = { promptTokenCount, totalTokenCount: promptTokenCount };
  const write = (markup = false): string => (format === 'text' ? proseText(prompt, markup) : replyText(prompt, schema, markup));
  switch (mode) {
    case 'ok':
    case 'hang-body':
    case 'cut-stream':
    case 'stream-error':
      return answer(write(), 'STOP');
    case 'markup':
      return answer(write(true), 'STOP');
    case 'malformed':
      return answer('{not json', 'STOP');
    case 'max-tokens':
      return answer(write().slice(0, 24), 'MAX_TOKENS');
    case 'safety':
      return {
        status: 200,
        body: { candidates: [{ finishReason: 'SAFETY', index: 0, safetyRatings: safetyRatings() }], usageMetadata: usageWithoutOutput, ...common },
      };
    case 'prompt-blocked':
      return {
        status: 200,
        body: { promptFeedback: { blockReason: 'SAFETY', safetyRatings: safetyRatings() }, usageMetadata: usageWithoutOutput, ...common },
      };
    default:
      return undefined;
  }
}

/** The real error envelope for an HTTP error mode; undefined for the others. */
export function errorReply(mode: FakeMode, model: string, key: string): FakeReply | undefined {
  const modelId = model.replace(/^models\//, '');
  switch (mode) {
    case '429':
      return quotaError(modelId, 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier', '10', '2s');
    case 'quota-day':
      return quotaError(modelId, 'GenerateRequestsPerDayPerProjectPerModel-FreeTier', '250', '43s');
    case '400-key':
      return invalidKey(key);
    case '401':
      return error(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    case '403':
      return error(403, 'PERMISSION_DENIED', 'Your API key was reported as leaked. Please use another API key.');
    case '500':
      return error(500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting');
    case '503':
    case 'stream-error':
      return overloaded();
    default:
      return undefined;
  }
}

/** The real 503 body: also the error event a stream ends with in `stream-error`. */
export function overloaded(): FakeReply {
  return error(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.');
}

/** What the real API answers when the x-goog-api-key header is missing altogether. */
export function missingKeyReply(): FakeReply {
  return error(403, 'PERMISSION_DENIED', "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
}

/** A 404 in the real envelope, for paths and methods the fake does not serve. */
export function notFoundReply(path: string): FakeReply {
  return error(404, 'NOT_FOUND', `The fake Gemini server does not serve ${path}.`);
}

/** The real wrong-key body; its DebugInfo echoes the key, as the live API has been seen to do. */
function invalidKey(key: string): FakeReply {
  const message = 'API key not valid. Please pass a valid API key.';
  return error(400, 'INVALID_ARGUMENT', message, [
    { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
    { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message },
    { '@type': 'type.googleapis.com/google.rpc.DebugInfo', detail: `Invalid API key: ${key}` },
  ]);
}

function quotaError(model: string, quotaId: string, quotaValue: string, retryDelay: string): FakeReply {
  const seconds = retryDelay.replace(/s$/, '');
  return error(429, 'RESOURCE_EXHAUSTED', `You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: ${RATE_LIMIT_DOCS}. Please retry in ${seconds}.0s.`, [
    { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Learn more about Gemini API quotas', url: RATE_LIMIT_DOCS }] },
    {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId, quotaDimensions: { location: 'global', model }, quotaValue }],
    },
    { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
  ]);
}

function error(code: number, status: string, message: string, details?: readonly unknown[]): FakeReply {
  return { status: code, body: { error: { code, message, status, ...(details === undefined ? {} : { details }) } } };
}

function safetyRatings(): unknown[] {
  return [
    { category: 'HARM_CATEGORY_HARASSMENT', probability: 'HIGH', blocked: true },
    { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'NEGLIGIBLE' },
    { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', probability: 'NEGLIGIBLE' },
    { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'NEGLIGIBLE' },
  ];
}
