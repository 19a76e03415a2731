import { describe, expect, it } from 'vitest';
import { formatCount, plural } from './numbers.ts';

describe('counts', () => {
  it('writes what toLocaleString("en") writes', () => {
    for (const n of [0, 1, 999, 1_000, 10_000, 1_234_567, -2_500, 0.5, 1234.5678]) expect(formatCount(n)).toBe(n.toLocaleString('en'));
  });

  it('agrees the word with the count', () => {
    expect(plural(1, 'call')).toBe('1 call');
    expect(plural(1_000, 'call')).toBe('1,000 calls');
    expect(plural(0, 'retry', 'retries')).toBe('0 retries');
  });
});
