/**
 * Seeded randomness for the pure core. Nothing here reads global state: a stream is derived
 * from integers (seed, agent id, tick, salt) so any tick can be replayed without replaying the
 * ticks before it, and the order in which agents are processed never changes a draw.
 */

const TWO_POW_32 = 4294967296;

/** Mixes any number of integers into one well-spread unsigned 32-bit hash (murmur3-style). */
export function hash32(...ints: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const n of ints) {
    let k = Math.imul(n | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= ints.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform number in [0, 1) drawn from the hash of the given integers. */
export function uniformFrom(...ints: readonly number[]): number {
  return hash32(...ints) / TWO_POW_32;
}

/** A mulberry32 generator; its whole state is one 32-bit number, so copying it forks the stream. */
export class Rng {
  state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [min, max], both ends included. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new RangeError('Rng.pick needs a non-empty list');
    return item;
  }
}

/** A generator for one stream, e.g. `rngFor(seed, agentId, tick, SALT)`. */
export function rngFor(...ints: readonly number[]): Rng {
  return new Rng(hash32(...ints));
}
