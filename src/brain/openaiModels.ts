/**
 * The live settings' connection test for an OpenAI-compatible server: `GET {baseUrl}/models`,
 * and when it fails, one sentence saying why. A browser reports a server that is down and one
 * that refuses the page's origin (CORS) the same way, a TypeError from fetch; a second request
 * in `no-cors` mode tells them apart: it resolves (an opaque response) when something answered,
 * and rejects only when nothing did. Fetch is injected, so every branch is tested in Node.
 */
import { z } from 'zod';

/** What the connection test found. */
export type ModelsCheck =
  | { readonly ok: true; readonly models: readonly string[] }
  | { readonly ok: false; readonly reason: 'down' | 'cors' | 'key' | 'not-found' | 'other'; readonly message: string };

/** Just what the test reads of a response, so a test can hand it a plain object (an opaque one too). */
export interface ProbeResponse {
  readonly status: number;
  readonly type?: string;
  json(): Promise<unknown>;
}

/** The fetch the test uses: the global one by default. */
export type ProbeFetch = (url: string, init: RequestInit) => Promise<ProbeResponse>;

export interface ListModelsOptions {
  /** When given, a list without it is `not-found`. */
  readonly model?: string;
  /** The page's origin, named in the CORS sentence; `location.origin` by default. */
  readonly origin?: string;
  readonly fetch?: ProbeFetch;
  /** How long each request may take (default 5 s). */
  readonly timeoutMs?: number;
}

const listSchema = z.union([
  z.object({ data: z.array(z.object({ id: z.string() })) }).transform((list) => list.data.map((entry) => entry.id)),
  // Ollama's own /api/tags shape, in case the base URL lacks /v1 but still answers.
  z.object({ models: z.array(z.object({ name: z.string() })) }).transform((list) => list.models.map((entry) => entry.name)),
]);

/** Lists the models of the server at `baseUrl` (`GET /models`), or says in one sentence what went wrong. */
export async function listModels(baseUrl: string, apiKey?: string, options: ListModelsOptions = {}): Promise<ModelsCheck> {
  const root = baseUrl.trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/i.test(root)) {
    return { ok: false, reason: 'other', message: `"${root}" is not a base URL; it looks like http://localhost:11434/v1.` };
  }
  const url = `${root}/models`;
  const send = options.fetch ?? ((target, init) => fetch(target, init));
  const timeoutMs = options.timeoutMs ?? 5_000;
  const key = apiKey?.trim() ?? '';
  let response: ProbeResponse;
  try {
    response = await send(url, { headers: key === '' ? {} : { Authorization: `Bearer ${key}` }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if (isTimeout(error)) return { ok: false, reason: 'down', message: `The server at ${root} did not answer within ${timeoutMs / 1000} s; is it running and reachable?` };
    return (await answersOpaquely(send, url, timeoutMs))
      ? { ok: false, reason: 'cors', message: corsAdvice(root, options.origin ?? pageOrigin()) }
      : { ok: false, reason: 'down', message: `Nothing answers at ${root}: the server is not running, or the address or port is wrong.` };
  }
  return readList(response, root, key !== '', options.model);
}

/** The sentence for a server that answers but refuses the page's origin, naming the setting that allows it. */
export function corsAdvice(baseUrl: string, origin: string): string {
  const port = portOf(baseUrl);
  switch (port) {
    case '11434':
      return `Ollama refuses this page's origin (CORS): start it with OLLAMA_ORIGINS=${origin} ollama serve.`;
    case '1234':
      return `LM Studio refuses this page's origin (CORS): turn on "Enable CORS" in its server settings (or run lms server start --cors).`;
    case '8080':
      return `The server at ${baseUrl} refuses this page's origin (CORS); llama.cpp's llama-server allows every origin, so a proxy in front of it may be the one refusing.`;
    case '8000':
      return `The server at ${baseUrl} refuses this page's origin (CORS): vLLM allows it with --allowed-origins '["${origin}"]'.`;
    default:
      return `The server at ${baseUrl} refuses this page's origin (CORS): allow ${origin} in its CORS settings.`;
  }
}

async function readList(response: ProbeResponse, root: string, keyGiven: boolean, model: string | undefined): Promise<ModelsCheck> {
  const { status } = response;
  if (status === 401 || status === 403) {
    const message = keyGiven ? `The server at ${root} refused the API key (${status}).` : `The server at ${root} wants an API key (${status}); enter one.`;
    return { ok: false, reason: 'key', message };
  }
  if (status === 404) return { ok: false, reason: 'not-found', message: `The server has no model list at ${root}/models (404); check the base URL (it usually ends in /v1).` };
  if (status < 200 || status >= 300) return { ok: false, reason: 'other', message: `The server at ${root} answered ${status} to the model list request.` };
  const parsed = listSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) return { ok: false, reason: 'other', message: `The server at ${root} answered, but not with a model list; is it OpenAI-compatible?` };
  const models = parsed.data;
  if (model !== undefined && model !== '' && !models.some((id) => id === model || id === `${model}:latest`)) {
    const known = models.length === 0 ? 'it has none' : `it has ${models.slice(0, 5).join(', ')}${models.length > 5 ? '…' : ''}`;
    const pull = portOf(root) === '11434' ? ` (ollama pull ${model} fetches it)` : '';
    return { ok: false, reason: 'not-found', message: `The server has no model "${model}"; ${known}${pull}.` };
  }
  return { ok: true, models };
}

/** A `no-cors` request resolves when anything answered at all (CORS hides only what it said). */
async function answersOpaquely(send: ProbeFetch, url: string, timeoutMs: number): Promise<boolean> {
  try {
    await send(url, { mode: 'no-cors', signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}

function isTimeout(error: unknown): boolean {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return name === 'TimeoutError' || name === 'AbortError';
}

function portOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).port;
  } catch {
    return '';
  }
}

function pageOrigin(): string {
  const origin = (globalThis as { location?: { origin?: unknown } }).location?.origin;
  return typeof origin === 'string' && origin !== 'null' ? origin : 'the page origin';
}
