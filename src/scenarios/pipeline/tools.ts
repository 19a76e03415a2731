/**
 * The tools a tool node runs: real CPU work over a dataset generated from the seed (so every run
 * sees the same data, and nothing ships in `public/`). Each is a pure function of (seed, size,
 * inputs) returning a small JSON summary; they run in a pool of workers (`ToolRunner`), never on
 * the scheduler's thread, and the tests call them directly.
 */
import { hash32, Rng } from '../../sim/rng.ts';
import type { ToolName } from './types.ts';

/** Items per unit of a tool node's `size`. */
export const ITEMS_PER_SIZE = 100_000;

export type ToolOutput = Readonly<Record<string, number | string | readonly (string | number)[]>>;

/** How tools are run: the executor asks, a pool (or, in tests, the caller's thread) answers. */
export interface ToolRunner {
  /** Runs `tool` over `size` units of the seed's data; rejects when the tool throws. */
  run(tool: ToolName, seed: number, size: number): Promise<ToolOutput>;
  /** How many tools can run at once. */
  readonly workers: number;
}

function numbers(seed: number, n: number): Float64Array {
  const rng = new Rng(hash32(seed, 0x6e756d73));
  const out = new Float64Array(n);
  // A skewed distribution (sum of squares of uniforms), so the percentiles say something.
  for (let i = 0; i < n; i++) out[i] = 100 * rng.next() * rng.next() + 10 * rng.next();
  return out;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Mean, spread and percentiles of the dataset. */
function stats(seed: number, n: number): ToolOutput {
  const data = numbers(seed, n);
  let sum = 0;
  for (const x of data) sum += x;
  const mean = sum / n;
  let squares = 0;
  for (const x of data) squares += (x - mean) ** 2;
  const sorted = data.slice().sort();
  const at = (p: number): number => sorted[Math.min(n - 1, Math.floor(p * n))] ?? 0;
  return { items: n, mean: round(mean), stdev: round(Math.sqrt(squares / n)), min: round(at(0)), p50: round(at(0.5)), p95: round(at(0.95)), max: round(at(1)) };
}

/** The most frequent 4-letter runs in a text of the dataset's size. */
function patterns(seed: number, n: number): ToolOutput {
  const rng = new Rng(hash32(seed, 0x74657874));
  const alphabet = 'abcde';
  const codes = new Uint8Array(n);
  for (let i = 0; i < n; i++) codes[i] = rng.int(alphabet.length);
  const counts = new Uint32Array(alphabet.length ** 4);
  for (let i = 0; i + 3 < n; i++) {
    const code = ((((codes[i] ?? 0) * 5 + (codes[i + 1] ?? 0)) * 5 + (codes[i + 2] ?? 0)) * 5) + (codes[i + 3] ?? 0);
    counts[code] = (counts[code] ?? 0) + 1;
  }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 5);
  const word = (code: number): string => [3, 2, 1, 0].map((k) => alphabet[Math.floor(code / 5 ** k) % 5]).join('');
  return { items: n, top: top.map(([code]) => word(code)), counts: top.map(([, count]) => count) };
}

/** Sorts the dataset; returns a checksum of the order. */
function sortTool(seed: number, n: number): ToolOutput {
  const sorted = numbers(seed, n).sort();
  let checksum = 0;
  for (let i = 0; i < n; i += 97) checksum = (checksum * 31 + Math.floor(sorted[i] ?? 0)) >>> 0;
  return { items: n, checksum, median: round(sorted[Math.floor(n / 2)] ?? 0) };
}

/** Counts the primes below the dataset's size times ten (a sieve). */
function primes(_seed: number, n: number): ToolOutput {
  const limit = n * 10;
  const composite = new Uint8Array(limit + 1);
  let count = 0;
  for (let i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    count++;
    for (let j = i * i; j <= limit; j += i) composite[j] = 1;
  }
  return { below: limit, primes: count };
}

const TOOLS: Readonly<Record<ToolName, (seed: number, n: number) => ToolOutput>> = { stats, patterns, sort: sortTool, primes };

/** Runs a tool on the caller's thread: what a pool's worker does, and what tests call. */
export function runTool(tool: ToolName, seed: number, size: number): ToolOutput {
  return TOOLS[tool](seed, Math.max(1, Math.round(size * ITEMS_PER_SIZE)));
}

/** A runner on the caller's thread, one tool at a time: for tests on fake time, and the bench's one-thread side. */
export const inlineTools: ToolRunner = {
  workers: 1,
  run: (tool, seed, size) => Promise.resolve().then(() => runTool(tool, seed, size)),
};
