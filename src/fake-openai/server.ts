/**
 * A fake OpenAI-compatible server for tests and offline demos, the twin of the fake Gemini one:
 * `POST /v1/chat/completions` (whole or streamed as SSE), `GET /v1/models`, an optional key in
 * `Authorization: Bearer`, CORS for the page's origin (with a switch to refuse it, so the
 * connection test's CORS sentence can be seen), response formats it may refuse, and faults on
 * demand: a queue of scripted replies, prompt rules, random fault rates, or a default.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { drawFault, header, mulberry32, readJson } from '../fake-gemini/httpParts.ts';
import { chatCallOf, completionReply, errorReply, FAKE_OPENAI_MODES, formatRefused, modelList, modelMissing, notFound, streamOptionsRefused, wrongKey } from './replies.ts';
import type { FakeOpenAiMode, FakeReply, ResponseFormatType } from './replies.ts';
import { streamChunks, writeStream } from './stream.ts';

export type { FakeOpenAiMode, ResponseFormatType } from './replies.ts';
export { FAKE_OPENAI_MODES } from './replies.ts';

/** The models listed when none are configured; then any model name is served. */
export const DEFAULT_FAKE_MODELS: readonly string[] = ['llama3.2:latest', 'qwen2.5:7b', 'fake-model'];

/** What can change while the server runs (also through `POST /__fake/control`). */
export interface FakeOpenAiSettings {
  readonly latencyMs?: number;
  readonly jitterMs?: number;
  /** The reply when the script is empty and no fault rate fires; `ok` by default. */
  readonly mode?: FakeOpenAiMode;
  /** Chance (0..1) per request of each fault. */
  readonly faults?: Partial<Record<FakeOpenAiMode, number>>;
  /** A request whose prompt contains `contains` gets `mode`, before the script and the faults. */
  readonly rules?: readonly { readonly contains: string; readonly mode: FakeOpenAiMode }[];
  /** CORS headers for the page (default true); false answers as a server that knows no CORS. */
  readonly cors?: boolean;
  /** The `response_format` types taken (default both); others get a 400 naming `response_format`. */
  readonly responseFormats?: readonly ResponseFormatType[];
  /** Whether `stream_options` is taken (default true); false gets a 400 naming it. */
  readonly streamOptions?: boolean;
  /** The only models served and listed; unset: any model is served and DEFAULT_FAKE_MODELS listed. */
  readonly models?: readonly string[];
}

export interface FakeOpenAiOptions extends FakeOpenAiSettings {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** The only key accepted (as `Authorization: Bearer`); unset: any key or none, as Ollama does. */
  readonly apiKey?: string;
  readonly seed?: number;
}

/** One API request as the fake saw it. */
export interface RecordedOpenAiRequest {
  /** Date.now() when the request body had arrived. */
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly model: string;
  readonly stream: boolean;
  readonly keyPresent: boolean;
  readonly keyValid: boolean;
  readonly origin: string | undefined;
  readonly body: unknown;
  /** The reply the fake chose (`ok` for a model list). */
  readonly mode: FakeOpenAiMode;
}

export interface FakeOpenAi {
  /** The server's root, e.g. `http://127.0.0.1:41234`; the base URL to give a client is `${url}/v1`. */
  readonly url: string;
  readonly baseUrl: string;
  readonly port: number;
  readonly requests: RecordedOpenAiRequest[];
  /** Queues replies for the next chat requests, in order, ahead of rules' absence, fault rates and the default. */
  script(modes: readonly FakeOpenAiMode[]): void;
  configure(patch: FakeOpenAiSettings): void;
  /** Stops listening and destroys every open socket, hanging ones included. */
  close(): Promise<void>;
}

type Control = FakeOpenAiSettings & { readonly script?: readonly FakeOpenAiMode[] };

/** Starts the fake on 127.0.0.1 and resolves once it listens. */
export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  let settings: FakeOpenAiSettings = { latencyMs: 0, jitterMs: 0, mode: 'ok', faults: {}, cors: true, ...settingsOf(options) };
  const queue: FakeOpenAiMode[] = [];
  const requests: RecordedOpenAiRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const random = mulberry32(options.seed ?? 1);

  const nextMode = (): FakeOpenAiMode => queue.shift() ?? drawFault(FAKE_OPENAI_MODES, settings.faults ?? {}, random()) ?? settings.mode ?? 'ok';
  const latency = (): number => Math.max(0, (settings.latencyMs ?? 0) + (random() * 2 - 1) * (settings.jitterMs ?? 0));
  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  const control = (patch: Control): void => {
    const script = (patch.script ?? []).map(checkMode);
    if (patch.mode !== undefined) checkMode(patch.mode);
    for (const rule of patch.rules ?? []) checkMode(rule.mode);
    queue.push(...script);
    settings = { ...settings, ...settingsOf(patch) };
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const isControl = url.pathname.startsWith('/__fake/');
    if (isControl || settings.cors !== false) allowOrigin(req, res);
    if (req.method === 'OPTIONS') {
      if (isControl || settings.cors !== false) preflight(req, res);
      else res.writeHead(204).end();
      return;
    }
    handle(req, res, url).then(
      (reply) => {
        if (reply !== undefined && !res.destroyed) send(res, reply);
      },
      () => {
        if (!res.headersSent) send(res, { status: 500, body: { error: { message: 'Fake server failure.', type: 'server_error', param: null, code: null } } });
      },
    );
  });

  /** Resolves with the reply to send, or undefined when the request is left hanging or streamed. */
  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<FakeReply | undefined> {
    if (url.pathname === '/__fake/requests' && req.method === 'GET') return { status: 200, body: requests };
    if (url.pathname === '/__fake/control' && req.method === 'POST') {
      try {
        control((await readJson(req)) as Control);
      } catch (error) {
        return { status: 400, body: { error: { message: String(error), type: 'invalid_request_error', param: null, code: null } } };
      }
      return { status: 200, body: { queued: queue.length } };
    }
    const isChat = url.pathname === '/v1/chat/completions' && req.method === 'POST';
    const isList = url.pathname === '/v1/models' && req.method === 'GET';
    if (!isChat && !isList) return notFound(`${req.method ?? 'GET'} ${url.pathname}`);

    const body = isChat ? await readJson(req) : undefined;
    const key = /^Bearer\s+(.*)$/i.exec(header(req, 'authorization') ?? '')?.[1]?.trim() ?? '';
    const keyValid = options.apiKey === undefined || key === options.apiKey;
    const call = chatCallOf(body);
    const ruled = settings.rules?.find((rule) => call.prompt.includes(rule.contains))?.mode;
    const mode: FakeOpenAiMode = !keyValid ? '401' : isList ? 'ok' : (ruled ?? nextMode());
    requests.push({ at: Date.now(), method: req.method ?? '', path: url.pathname, model: call.model, stream: call.stream, keyPresent: key !== '', keyValid, origin: header(req, 'origin'), body, mode });

    if (!keyValid) return wrongKey(key);
    if (isList) return modelList(settings.models ?? DEFAULT_FAKE_MODELS);
    if (settings.models !== undefined && !settings.models.includes(call.model)) return modelMissing(call.model);
    const format = call.responseFormat;
    if (format !== undefined && format !== 'text' && !(settings.responseFormats ?? ['json_schema', 'json_object']).some((taken) => taken === format)) return formatRefused(format);
    if (call.stream && call.includeUsage && settings.streamOptions === false) return streamOptionsRefused();
    if (mode === 'hang') return undefined; // never answers; close() or the client's abort ends the socket

    const ms = latency();
    const failure = call.stream && mode === 'stream-error' ? undefined : errorReply(mode, key);
    if (failure === undefined && call.stream) {
      await writeStream(res, streamChunks(call, mode), { latencyMs: ms, mode, wait });
      return undefined;
    }
    await wait(ms);
    if (failure !== undefined) return failure;
    if (mode === 'hang-body' || mode === 'cut-stream') {
      // Headers and half a body, then nothing (hang-body) or a dropped connection (cut-stream).
      if (!res.destroyed) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"id": "chatcmpl-fake", "choices": [', () => {
          if (mode === 'cut-stream') res.destroy();
        });
      }
      return undefined;
    }
    return completionReply(call, mode);
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    baseUrl: `${url}/v1`,
    port,
    requests,
    script: (modes) => {
      control({ script: modes });
    },
    configure: (patch) => {
      control(patch);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** The page's own origin back (as Ollama does for the origins it allows), or `*` without one. */
function allowOrigin(req: IncomingMessage, res: ServerResponse): void {
  const origin = header(req, 'origin') ?? '*';
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  // Without this a page cannot read a 429's delay: these are not CORS-safelisted headers.
  res.setHeader('Access-Control-Expose-Headers', 'retry-after, retry-after-ms, x-ratelimit-reset-requests, x-ratelimit-reset-tokens, x-ratelimit-remaining-requests');
  // Lets the page's Resource Timing see when each request really left, as the Gemini fake does.
  res.setHeader('Timing-Allow-Origin', origin);
}

function preflight(req: IncomingMessage, res: ServerResponse): void {
  const asked = (header(req, 'access-control-request-headers') ?? '').split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': [...new Set(['authorization', 'content-type', ...asked])].join(', '),
    // Chrome asks before a public page reaches a private address (Private Network Access).
    ...(header(req, 'access-control-request-private-network') === 'true' ? { 'Access-Control-Allow-Private-Network': 'true' } : {}),
    'Access-Control-Max-Age': '600',
  });
  res.end();
}

function send(res: ServerResponse, reply: FakeReply): void {
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...reply.headers });
  res.end(text);
}

function checkMode(mode: FakeOpenAiMode): FakeOpenAiMode {
  if (!FAKE_OPENAI_MODES.includes(mode)) throw new Error(`Unknown fake mode "${mode as string}".`);
  return mode;
}

/** Only the runtime settings of a patch, without undefined values that would erase defaults. */
function settingsOf(patch: FakeOpenAiSettings): FakeOpenAiSettings {
  const { latencyMs, jitterMs, mode, faults, rules, cors, responseFormats, streamOptions, models } = patch;
  return Object.fromEntries(Object.entries({ latencyMs, jitterMs, mode, faults, rules, cors, responseFormats, streamOptions, models }).filter(([, value]) => value !== undefined));
}
