/**
 * A fake Gemini REST server for tests and offline demos. It speaks the real wire format
 * (`POST /v1beta/models/{model}:generateContent` and `:streamGenerateContent?alt=sse`,
 * `x-goog-api-key`, the real reply and error bodies, CORS for a browser worker) so the real SDK
 * can be tested against it, and it injects latency and faults on demand: a queue of scripted
 * replies, random fault rates, or a default.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { drawFault, header, mulberry32, readJson } from './httpParts.ts';
import { contentReply, errorReply, FAKE_MODES, hashText, missingKeyReply, notFoundReply, promptOf, replyFormatOf, responseSchemaOf } from './replies.ts';
import type { FakeMode, FakeReply } from './replies.ts';
import { streamChunks, writeStream } from './stream.ts';

export type { FakeMode } from './replies.ts';
export { FAKE_MODES } from './replies.ts';

/** What can change while the server runs (also through `POST /__fake/control`). */
export interface FakeSettings {
  /** Delay before every answer, in ms. */
  readonly latencyMs?: number;
  /** Uniform ± spread added to the latency, in ms. */
  readonly jitterMs?: number;
  /** The reply when the script queue is empty and no fault rate fires; `ok` by default. */
  readonly mode?: FakeMode;
  /** Chance (0..1) per request of each fault, e.g. `{ '429': 0.1, hang: 0.02 }`. */
  readonly faults?: Partial<Record<FakeMode, number>>;
  /**
   * Replies by prompt: a request whose prompt contains `contains` gets `mode` (before the script
   * and the faults), so one caller among many concurrent ones can be made to fail or hang.
   */
  readonly rules?: readonly { readonly contains: string; readonly mode: FakeMode }[];
}

export interface FakeGeminiOptions extends FakeSettings {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** The only key accepted; when unset any non-empty key is. */
  readonly apiKey?: string;
  /** Seeds the jitter and fault draws. */
  readonly seed?: number;
}

/** One generateContent (or streamGenerateContent) request as the fake saw it, for budget and wiring tests. */
export interface RecordedRequest {
  /** Date.now() when the request body had arrived. */
  readonly at: number;
  readonly path: string;
  readonly apiVersion: string;
  readonly model: string;
  /** A `streamGenerateContent?alt=sse` request. */
  readonly stream: boolean;
  readonly keyPresent: boolean;
  readonly keyValid: boolean;
  readonly body: unknown;
  /** The reply the fake chose. */
  readonly mode: FakeMode;
}

export interface FakeGemini {
  /** The base URL to give the SDK as `baseUrl`, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Queues replies for the next requests, in order, ahead of fault rates and the default. */
  script(modes: readonly FakeMode[]): void;
  /** Changes latency, faults or the default reply from now on. */
  configure(patch: FakeSettings): void;
  /** Stops listening and destroys every open socket, hanging ones included. */
  close(): Promise<void>;
}

/** What a streamed reply is built from. */
interface StreamCall {
  readonly mode: FakeMode;
  readonly body: unknown;
  /** `models/...`, as in the path. */
  readonly model: string;
  readonly key: string;
  /** The drawn latency: when the last chunk leaves. */
  readonly ms: number;
}

const ROUTE = /^\/(v1|v1beta|v1alpha)\/(models\/[^/:]+):(generateContent|streamGenerateContent)$/;
const ALLOWED_HEADERS = ['content-type', 'x-goog-api-key', 'x-goog-api-client'];
/** Starts the fake on 127.0.0.1 and resolves once it listens. */
export async function startFakeGemini(options: FakeGeminiOptions = {}): Promise<FakeGemini> {
  let settings: FakeSettings = { latencyMs: 0, jitterMs: 0, mode: 'ok', faults: {}, ...settingsOf(options) };
  const queue: FakeMode[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const random = mulberry32(options.seed ?? 1);

  const nextMode = (): FakeMode => queue.shift() ?? drawFault(FAKE_MODES, settings.faults ?? {}, random()) ?? settings.mode ?? 'ok';
  const latency = (): number => {
    const spread = settings.jitterMs ?? 0;
    return Math.max(0, (settings.latencyMs ?? 0) + (random() * 2 - 1) * spread);
  };
  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  const control = (patch: FakeSettings & { readonly script?: readonly FakeMode[] }): void => {
    const script = (patch.script ?? []).map(checkMode);
    if (patch.mode !== undefined) checkMode(patch.mode);
    for (const rule of patch.rules ?? []) checkMode(rule.mode);
    queue.push(...script);
    settings = { ...settings, ...settingsOf(patch) };
  };

  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    // Lets the page's Resource Timing see when each request really left (requestStart), which a
    // cross-origin server otherwise hides: how the browser's 6-connection cap is measured.
    res.setHeader('Timing-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      preflight(req, res);
      return;
    }
    handle(req, res).then(
      (reply) => {
        if (reply !== undefined && !res.destroyed) send(res, reply);
      },
      () => {
        if (!res.headersSent) send(res, { status: 500, body: { error: { code: 500, message: 'Fake server failure.', status: 'INTERNAL' } } });
      },
    );
  });

  /** Resolves with the reply to send, or undefined when the request is left hanging. */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<FakeReply | undefined> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname === '/__fake/requests' && req.method === 'GET') return { status: 200, body: requests };
    if (url.pathname === '/__fake/control' && req.method === 'POST') {
      try {
        control((await readJson(req)) as FakeSettings);
      } catch (error) {
        return { status: 400, body: { error: { code: 400, message: String(error), status: 'INVALID_ARGUMENT' } } };
      }
      return { status: 200, body: { queued: queue.length } };
    }
    const route = ROUTE.exec(url.pathname);
    if (req.method !== 'POST' || route === null) return notFoundReply(url.pathname);
    const stream = route[3] === 'streamGenerateContent';
    // The API's other stream format (one JSON array) is not served: the SDK always asks for SSE.
    if (stream && url.searchParams.get('alt') !== 'sse') return notFoundReply(`${url.pathname} without ?alt=sse`);

    const body = await readJson(req);
    const key = header(req, 'x-goog-api-key') ?? url.searchParams.get('key') ?? '';
    const keyValid = key !== '' && (options.apiKey === undefined || key === options.apiKey);
    const model = route[2] ?? 'models/unknown';
    // The live API answers a missing key with 403 and a wrong one with 400 API_KEY_INVALID.
    const ruled = settings.rules?.find((rule) => promptOf(body).includes(rule.contains))?.mode;
    const mode: FakeMode = key === '' ? '403' : keyValid ? (ruled ?? nextMode()) : '400-key';
    requests.push({ at: Date.now(), path: url.pathname, apiVersion: route[1] ?? '', model, stream, keyPresent: key !== '', keyValid, body, mode });

    if (key === '') return missingKeyReply();
    if (mode === 'hang') return undefined; // never answers; close() or the client's abort ends the socket
    const ms = latency();
    if (stream) return streamReply(res, { mode, body, model, key, ms });
    await wait(ms);
    if (mode === 'hang-body' || mode === 'cut-stream') {
      // Headers and half a body, then nothing (hang-body) or a dropped connection (cut-stream):
      // the client fails while reading the body.
      if (!res.destroyed) {
        res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' });
        res.write('{"candidates": [', () => {
          if (mode === 'cut-stream') res.destroy();
        });
      }
      return undefined;
    }
    return errorReply(mode, model, key) ?? contentReply(mode, promptOf(body), model.replace(/^models\//, ''), responseSchemaOf(body), replyFormatOf(body)) ?? notFoundReply(url.pathname);
  }

  /**
   * A streamed reply: an HTTP error (after the latency) as for generateContent, before any
   * stream starts; else the reply's chunks spread over the latency as SSE events (`stream.ts`).
   */
  async function streamReply(res: ServerResponse, call: StreamCall): Promise<FakeReply | undefined> {
    const { mode, body, model, key, ms } = call;
    const failure = mode === 'stream-error' ? undefined : errorReply(mode, model, key);
    const prompt = promptOf(body);
    const reply = failure ?? contentReply(mode, prompt, model.replace(/^models\//, ''), responseSchemaOf(body), replyFormatOf(body));
    if (reply === undefined || reply.status !== 200) {
      await wait(ms);
      return reply ?? notFoundReply(model);
    }
    await writeStream(res, streamChunks(reply.body, hashText(prompt)), { latencyMs: ms, mode, wait });
    return undefined;
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

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
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

function preflight(req: IncomingMessage, res: ServerResponse): void {
  const asked = (header(req, 'access-control-request-headers') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  res.writeHead(204, {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
    'Access-Control-Allow-Headers': [...new Set([...ALLOWED_HEADERS, ...asked])].join(', '),
    'Access-Control-Max-Age': '600',
  });
  res.end();
}

function send(res: ServerResponse, reply: FakeReply): void {
  const text = JSON.stringify(reply.body, null, 2);
  res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function checkMode(mode: FakeMode): FakeMode {
  if (!FAKE_MODES.includes(mode)) throw new Error(`Unknown fake mode "${mode as string}".`);
  return mode;
}

/** Only the runtime settings of a patch, without undefined values that would erase defaults. */
function settingsOf(patch: FakeSettings): FakeSettings {
  const { latencyMs, jitterMs, mode, faults, rules } = patch;
  return {
    ...(rules === undefined ? {} : { rules }),
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(jitterMs === undefined ? {} : { jitterMs }),
    ...(mode === undefined ? {} : { mode }),
    ...(faults === undefined ? {} : { faults }),
  };
}
