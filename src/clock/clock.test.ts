import { describe, expect, it } from 'vitest';
import { wholeMsClock } from './clock.ts';

describe('wholeMsClock', () => {
  it('reads whole milliseconds, never ahead of performance.now() nor a millisecond behind it, never going back', () => {
    let last = -Infinity;
    for (let i = 0; i < 2_000; i++) {
      const before = performance.now();
      const now = wholeMsClock.now();
      const after = performance.now();
      expect(Number.isInteger(now)).toBe(true);
      expect(now).toBeLessThanOrEqual(after);
      expect(now).toBeGreaterThan(before - 1);
      expect(now).toBeGreaterThanOrEqual(last);
      last = now;
    }
  });
});
