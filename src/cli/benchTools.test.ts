import { describe, expect, it } from 'vitest';
import { benchToolPool } from './benchTools.ts';

describe('benchToolPool', () => {
  it('measures a level in the pool and the same tools on one thread (tiny sizes: the figures, not the gain)', async () => {
    const figures = await benchToolPool({ tool: 'primes', size: 0.05, count: 2, rounds: 1 });
    expect(figures).toMatchObject({ tool: 'primes', size: 0.05, count: 2, rounds: 1 });
    expect(figures.workers).toBeGreaterThanOrEqual(1);
    expect(figures.poolWallMs).toBeGreaterThan(0);
    expect(figures.oneThreadWallMs).toBeGreaterThan(0);
    // The ratio is of the unrounded walls; sub-millisecond walls round coarsely, so only its sign is checked here.
    expect(figures.ratio).toBeGreaterThan(0);
  });

  it('refuses a level of no tools', async () => {
    await expect(benchToolPool({ count: 0 })).rejects.toThrow('count must be a whole number of at least 1');
  });
});
