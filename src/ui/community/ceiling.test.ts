import { describe, expect, it } from 'vitest';
import { phaseCeiling } from './ceiling.ts';

describe('phase ceiling', () => {
  it('counts waves under the semaphore: 24 calls under 20 take two 500 ms waves', () => {
    expect(phaseCeiling({ calls: 24, concurrency: 20, latencyMs: 500, rpm: 600 })).toEqual({
      waves: 2, ms: 1_000, limitedBy: 'semaphore', semaphoreMs: 1_000, budgetMs: 0, sequentialMs: 12_000, maxSpeedup: 20,
    });
  });

  it('says nothing limits calls that all go at once', () => {
    const ceiling = phaseCeiling({ calls: 6, concurrency: 20, latencyMs: 500, rpm: 600 });
    expect(ceiling).toMatchObject({ waves: 1, ms: 500, limitedBy: 'none', sequentialMs: 3_000, maxSpeedup: 6 });
  });

  it('is one call at a time under a semaphore of 1 (the sequential strategy)', () => {
    expect(phaseCeiling({ calls: 24, concurrency: 1, latencyMs: 500, rpm: 600 })).toMatchObject({ waves: 24, ms: 12_000, limitedBy: 'semaphore', maxSpeedup: 1 });
  });

  it('lets the budget hold back calls beyond a minute’s requests', () => {
    // 24 calls, 10 a minute: 10 at once, 10 after a minute and a latency, the last 4 after another.
    const ceiling = phaseCeiling({ calls: 24, concurrency: 20, latencyMs: 500, rpm: 10 });
    expect(ceiling).toMatchObject({ waves: 2, semaphoreMs: 1_000, budgetMs: 2 * 60_500 + 500, ms: 121_500, limitedBy: 'budget' });
    // Exactly a minute's budget still goes at once.
    expect(phaseCeiling({ calls: 10, concurrency: 20, latencyMs: 500, rpm: 10 })).toMatchObject({ budgetMs: 0, limitedBy: 'none' });
  });

  it('handles no calls and odd inputs without NaN', () => {
    expect(phaseCeiling({ calls: 0, concurrency: 20, latencyMs: 500, rpm: 600 })).toMatchObject({ waves: 0, ms: 0, limitedBy: 'none', sequentialMs: 0, maxSpeedup: 1 });
    const odd = phaseCeiling({ calls: 5, concurrency: 0, latencyMs: -3, rpm: 0 });
    expect(odd).toMatchObject({ waves: 5, ms: 0, budgetMs: 0 });
  });

  it('never promises more than the semaphore allows: the floor is at least sequential ÷ concurrency', () => {
    for (const calls of [1, 7, 20, 21, 40, 1_000]) {
      for (const concurrency of [1, 3, 20, 64]) {
        const c = phaseCeiling({ calls, concurrency, latencyMs: 500, rpm: 10_000 });
        expect(c.ms).toBeGreaterThanOrEqual(c.sequentialMs / concurrency);
        expect(c.sequentialMs / c.ms).toBeLessThanOrEqual(c.maxSpeedup);
      }
    }
  });
});
