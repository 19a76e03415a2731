/**
 * A streamed chat completion as OpenAI sends it: server-sent events `data: {chunk}\n\n`, a first
 * chunk with the role, the text in `choices[0].delta.content` pieces, a last chunk with the
 * finish reason, the usage in a chunk of its own when `stream_options.include_usage` asked for
 * it, then `data: [DONE]`. The pieces leave over the latency as the fake Gemini's chunks do.
 */
import type { ServerResponse } from 'node:http';
import { hashText } from '../fake-gemini/replies.ts';
import { chunkTimes, wordGroups } from '../fake-gemini/stream.ts';
import type { ChatCall, FakeOpenAiMode } from './replies.ts';
import { commonFields, finishFor, overloaded, replyFor, usageFor } from './replies.ts';

/** One event on the wire. */
export function sseEvent(data: unknown): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

/** The chunks of a reply, role first and finish reason last (usage after it when asked for); `[DONE]` is not among them. */
export function streamChunks(call: ChatCall, mode: FakeOpenAiMode): unknown[] {
  const text = replyFor(call, mode);
  const common = commonFields(call, mode, 'chat.completion.chunk');
  const chunk = (delta: Record<string, unknown>, finish: string | null): unknown => ({ ...common, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  const pieces = text === '' ? [] : wordGroups(text, 3 + (hashText(call.prompt) % 4));
  return [
    chunk({ role: 'assistant', content: '' }, null),
    ...pieces.map((piece) => chunk({ content: piece }, null)),
    chunk({}, finishFor(mode)),
    ...(call.includeUsage ? [{ ...common, choices: [], usage: usageFor(call.prompt, text) }] : []),
  ];
}

/** How to write one stream: its timing, its fault, and the server's timer (close() clears it). */
export interface StreamPlan {
  readonly latencyMs: number;
  readonly mode: FakeOpenAiMode;
  readonly wait: (ms: number) => Promise<void>;
}

/**
 * Writes the chunks at their times and ends with `[DONE]`; `hang-body` stops after the first
 * text chunk and leaves the connection open, `cut-stream` drops the connection halfway,
 * `stream-error` sends half, then an `{ error }` event on the 200 (as OpenAI and OpenRouter do),
 * then ends without `[DONE]`.
 */
export async function writeStream(res: ServerResponse, chunks: readonly unknown[], plan: StreamPlan): Promise<void> {
  const { latencyMs, mode, wait } = plan;
  const times = chunkTimes(chunks.length, latencyMs);
  const half = Math.max(2, Math.floor(chunks.length / 2));
  const sent = mode === 'hang-body' ? 2 : mode === 'cut-stream' || mode === 'stream-error' ? half : chunks.length;
  let at = 0;
  for (let index = 0; index < sent && index < chunks.length; index++) {
    const due = times[index] ?? latencyMs;
    await wait(due - at);
    at = due;
    if (res.destroyed) return;
    if (!res.headersSent) res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    res.write(sseEvent(chunks[index]));
  }
  if (mode === 'hang-body') return;
  await wait(Math.max(0, latencyMs - at));
  if (res.destroyed) return;
  if (mode === 'cut-stream') res.destroy();
  else if (mode === 'stream-error') res.end(sseEvent(overloaded().body));
  else res.end(sseEvent('[DONE]'));
}
