/**
 * The cache in front of the model: model answers by their exact key (cacheKey.ts), in an LRU
 * with a size cap and a TTL on the run's own clock, plus the answers still on their way (a
 * prefetch, or a turn's late call), which a turn may wait for instead of asking again. A hit
 * costs no budget and no time: nothing is submitted. Fallbacks are never stored.
 */
import { LRUCache } from 'lru-cache';
import type { Clock } from '../../clock/clock.ts';

/** Who paid for a stored answer: a turn's own call (in time or late) or a prefetch. */
export type CacheOrigin = 'turn' | 'prefetch';

interface Entry {
  readonly value: unknown;
  readonly origin: CacheOrigin;
}

export type Lookup =
  | { readonly kind: 'hit'; readonly value: unknown; readonly origin: CacheOrigin }
  /** A call for this key is on its way: its model answer, or undefined if it fell back. */
  | { readonly kind: 'pending'; readonly answer: Promise<unknown> }
  | { readonly kind: 'miss' };

export interface CacheStats {
  /** Lookups answered at once from a stored answer. */
  readonly hits: number;
  /** Lookups that had to ask the model. */
  readonly misses: number;
  /** Lookups that waited for a call already on its way (counted apart: neither free nor asked again). */
  readonly joined: number;
  /** hits ÷ every lookup. */
  readonly hitRate: number;
  /** Hits on answers a prefetch stored. */
  readonly prefetchHits: number;
  readonly size: number;
}

export interface AnswerCacheOptions {
  readonly enabled: boolean;
  readonly max: number;
  readonly ttlMs: number;
  readonly clock: Clock;
}

const NOT_STORED = Symbol('not stored');

export class AnswerCache {
  private readonly lru: LRUCache<string, Entry> | null;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private hits = 0;
  private misses = 0;
  private joined = 0;
  private prefetchHits = 0;

  constructor(options: AnswerCacheOptions) {
    this.lru = options.enabled
      ? new LRUCache<string, Entry>({
          max: options.max,
          ttl: options.ttlMs,
          // lru-cache takes its time from `perf.now()`, so the TTL runs on the injected clock (fake
          // time in tests). It reads a start of 0 as "no TTL", so the clock is shifted by 1 ms; and a
          // resolution of 0 makes it read the clock on every check instead of caching it behind a
          // real setTimeout.
          perf: { now: () => options.clock.now() + 1 },
          ttlResolution: 0,
        })
      : null;
  }

  get enabled(): boolean {
    return this.lru !== null;
  }

  /** A turn looks `key` up; counted as a hit, a join or a miss. */
  lookup(key: string): Lookup {
    const entry = this.lru?.get(key);
    if (entry) {
      this.hits++;
      if (entry.origin === 'prefetch') this.prefetchHits++;
      return { kind: 'hit', value: entry.value, origin: entry.origin };
    }
    const pending = this.lru ? this.inFlight.get(key) : undefined;
    if (pending) {
      this.joined++;
      return { kind: 'pending', answer: pending.then((value) => (value === NOT_STORED ? undefined : value)) };
    }
    this.misses++;
    return { kind: 'miss' };
  }

  /** Whether `key` is stored or on its way (a prefetch skips it); not counted. */
  known(key: string): boolean {
    return this.lru !== null && (this.lru.has(key) || this.inFlight.has(key));
  }

  /**
   * A call for `key` is on its way; `answer` resolves with the model's answer, or undefined when
   * the call fell back. The answer is stored when it comes.
   */
  track(key: string, answer: Promise<{ value: unknown } | undefined>, origin: CacheOrigin): void {
    if (!this.lru) return;
    const settled = answer.then((got) => {
      if (this.inFlight.get(key) === settled) this.inFlight.delete(key);
      if (got === undefined) return NOT_STORED;
      this.store(key, got.value, origin);
      return got.value;
    });
    this.inFlight.set(key, settled);
  }

  /** Stores a model's answer under its key. */
  store(key: string, value: unknown, origin: CacheOrigin): void {
    this.lru?.set(key, { value, origin });
  }

  stats(): CacheStats {
    const lookups = this.hits + this.misses + this.joined;
    return { hits: this.hits, misses: this.misses, joined: this.joined, hitRate: lookups > 0 ? this.hits / lookups : 0, prefetchHits: this.prefetchHits, size: this.lru?.size ?? 0 };
  }
}
