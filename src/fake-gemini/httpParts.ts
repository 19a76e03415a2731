/**
 * The plumbing both fake servers share (Gemini's here, and the OpenAI-compatible one in
 * `src/fake-openai/`): reading a JSON body with a size limit, one header, a seeded PRNG and the
 * draw of at most one fault from per-mode rates.
 */
import type { IncomingMessage } from 'node:http';

/** The largest request body a fake reads. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** The request's body as JSON, as text when it is not JSON, or undefined when empty. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('Request body too large.');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** One request header's (first) value. */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Picks at most one fault: the draw falls into one rate's slice of 0..1 or past all of them. */
export function drawFault<M extends string>(modes: readonly M[], faults: Partial<Record<M, number>>, draw: number): M | undefined {
  let edge = 0;
  for (const mode of modes) {
    edge += Math.max(0, faults[mode] ?? 0);
    if (draw < edge) return mode;
  }
  return undefined;
}

/** A small seeded PRNG, so a fake with the same seed injects the same faults. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
