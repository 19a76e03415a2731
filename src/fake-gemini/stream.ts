/**
 * `streamGenerateContent?alt=sse` as the real API sends it: server-sent events, one
 * `data: {GenerateContentResponse}` per chunk, each followed by a blank line (`\r\n\r\n`); every
 * chunk carries the next piece of the text, the last one the finish reason and the usage.
 */

import type { ServerResponse } from 'node:http';
import type { FakeMode } from './replies.ts';
import { overloaded } from './replies.ts';

/** The content type of a streamed reply. */
export const SSE_CONTENT_TYPE = 'text/event-stream';
/** The first chunk leaves after this share of the latency, the last at the whole latency. */
export const FIRST_CHUNK_AT = 0.25;

interface ContentBody {
  readonly candidates?: readonly { readonly content?: { readonly parts?: readonly { readonly text?: unknown }[] }; readonly finishReason?: unknown }[];
  readonly usageMetadata?: unknown;
  readonly [field: string]: unknown;
}

/** One chunk as an SSE event; JSON on one line, as the SDK's reader needs. */
export function sseEvent(chunk: unknown): string {
  return `data: ${JSON.stringify(chunk)}\r\n\r\n`;
}

/**
 * Splits a generateContent body into the chunks a stream of it sends: its text in `3 + seed % 4`
 * word groups (fewer for a text of fewer words), the finish reason and usage on the last. A body
 * with no text (a blocked prompt or reply) is one chunk, as it is on the real API.
 */
export function streamChunks(body: unknown, seed: number): unknown[] {
  const whole = (body ?? {}) as ContentBody;
  const first = whole.candidates?.[0];
  const text = first?.content?.parts?.[0]?.text;
  if (typeof text !== 'string' || text === '') return [body];
  const usageMetadata = whole.usageMetadata;
  const common = Object.fromEntries(Object.entries(whole).filter(([field]) => field !== 'candidates' && field !== 'usageMetadata'));
  const pieces = wordGroups(text, 3 + (seed % 4));
  return pieces.map((piece, index) => {
    const last = index === pieces.length - 1;
    const finish = last && first?.finishReason !== undefined ? { finishReason: first.finishReason } : {};
    const candidate = { content: { parts: [{ text: piece }], role: 'model' }, ...finish, index: 0 };
    return { candidates: [candidate], ...(last && usageMetadata !== undefined ? { usageMetadata } : {}), ...common };
  });
}

/** `text` in `groups` runs of whole words (with their spaces), joined back exactly. */
export function wordGroups(text: string, groups: number): string[] {
  const words = text.split(/(?<=\s)(?=\S)/).filter((word) => word !== '');
  const count = Math.max(1, Math.min(groups, words.length));
  return Array.from({ length: count }, (_, index) =>
    words.slice(Math.floor((index * words.length) / count), Math.floor(((index + 1) * words.length) / count)).join(''),
  );
}

/** When each of `count` chunks leaves, in ms after the request: the first at FIRST_CHUNK_AT, evenly after, the last at `latencyMs`. */
export function chunkTimes(count: number, latencyMs: number): number[] {
  if (count <= 1) return [latencyMs];
  const first = latencyMs * FIRST_CHUNK_AT;
  return Array.from({ length: count }, (_, index) => first + ((latencyMs - first) * index) / (count - 1));
}

/** How to write one stream: its chunks' times, its fault, and the server's timer (close() clears it). */
export interface StreamPlan {
  readonly latencyMs: number;
  readonly mode: FakeMode;
  readonly wait: (ms: number) => Promise<void>;
}

/**
 * Writes the chunks as SSE events at their times, then ends the stream; `hang-body` stops after
 * the first chunk and leaves the connection open, `cut-stream` drops the connection halfway,
 * `stream-error` sends half, then the real 503 error body as an event on the 200, then ends.
 * A fault happens when the next chunk was due.
 */
export async function writeStream(res: ServerResponse, chunks: readonly unknown[], plan: StreamPlan): Promise<void> {
  const { latencyMs, mode, wait } = plan;
  const times = chunkTimes(chunks.length, latencyMs);
  const half = Math.max(1, Math.floor(chunks.length / 2));
  const sent = mode === 'hang-body' ? 1 : mode === 'cut-stream' || mode === 'stream-error' ? half : chunks.length;
  let at = 0;
  for (let index = 0; index <= sent && index < times.length; index++) {
    const due = times[index] ?? latencyMs;
    await wait(due - at);
    at = due;
    if (res.destroyed) return;
    if (index === sent) break;
    if (!res.headersSent) res.writeHead(200, { 'Content-Type': SSE_CONTENT_TYPE, 'Cache-Control': 'no-cache' });
    res.write(sseEvent(chunks[index]));
  }
  if (mode === 'hang-body') return;
  if (mode === 'cut-stream') res.destroy();
  else if (mode === 'stream-error') res.end(sseEvent(overloaded().body));
  else res.end();
}
