import { describe, expect, it } from 'vitest';
import { backgroundText, cacheText, fallbackText, percentileText, prefetchText, turnsText } from './numbersText.ts';

describe('the game master’s figures in words', () => {
  it('checks each percentile against the 500 ms line, in words as well as a mark', () => {
    expect(percentileText('p95', 412)).toBe('p95 412 ms ✓ under 500 ms');
    expect(percentileText('p95', 500)).toBe('p95 500 ms ✓ under 500 ms');
    expect(percentileText('p50', 2_140)).toBe('p50 2.14 s ✗ over 500 ms');
  });

  it('gives the cache’s hit rate with its counts, or says it is off', () => {
    expect(cacheText({ hits: 12, misses: 28, hitRate: 0.3, joined: 0 }, true)).toBe('Cache hit rate 30%: 12 hits, 28 misses.');
    expect(cacheText({ hits: 1, misses: 1, hitRate: 0.333, joined: 1 }, true)).toBe('Cache hit rate 33.3%: 1 hit, 1 miss, 1 wait for a call already on its way.');
    expect(cacheText({ hits: 0, misses: 0, hitRate: 0, joined: 0 }, true)).toBe('Cache on: no lookups yet.');
    expect(cacheText({ hits: 0, misses: 40, hitRate: 0, joined: 0 }, false)).toBe('Cache off: every assessment asks the model (0 hits, 40 misses).');
  });

  it('counts the background lane, prefetch calls and fallbacks, honestly before the first turn', () => {
    expect(backgroundText({ pending: 1, done: 20 })).toBe('Background lane: 1 pending, 20 done. A reply never waits for it.');
    expect(prefetchText({ calls: 8, landed: 7, hits: 3 }, true)).toBe('Prefetch: 8 calls (on the budget), 7 landed in the cache, 3 hits on them.');
    expect(prefetchText({ calls: 0, landed: 0, hits: 0 }, true)).toBe('Prefetch: no calls yet.');
    expect(prefetchText({ calls: 0, landed: 0, hits: 0 }, false)).toBe('Prefetch: no calls yet. No prefetch while the cache is off.');
    expect(fallbackText(4, 40)).toBe('Fallbacks: 4 of 40 assessments (10%).');
    expect(fallbackText(0, 0)).toBe('Fallbacks: none yet (no assessments).');
    expect(turnsText(0)).toBe('No turns yet: play one and its times show here.');
    expect(turnsText(1)).toBe('Over 1 turn.');
  });
});
