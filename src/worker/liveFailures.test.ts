import { describe, expect, it } from 'vitest';
import { LiveFailures } from './liveFailures.ts';

describe('LiveFailures', () => {
  it('says what happened per kind, counts the last 10 s, and clears itself after', () => {
    const failures = new LiveFailures();
    failures.record('timeout', 1_000);
    failures.record('timeout', 2_000);
    failures.record('network', 2_000);
    failures.record('rate-limit', 2_000);
    const now = failures.notices(3_000, 8_000);
    expect(now.map((n) => n.code)).toEqual(['live-timeout', 'live-network']);
    expect(now[0]?.message).toBe('2 calls took longer than the 8000 ms timeout in the last 10 s and were cancelled; those agents used the mock brain. Raise the timeout if this keeps happening.');
    expect(failures.notices(11_500, 8_000).map((n) => [n.code, n.message === null])).toEqual([['live-timeout', false], ['live-network', false]]);
    expect(failures.notices(12_500, 8_000)).toEqual([
      { code: 'live-timeout', level: 'warning', message: null },
      { code: 'live-network', level: 'warning', message: null },
    ]);
    expect(failures.notices(13_000, 8_000)).toEqual([]);
  });
});

describe('LiveFailures.clear', () => {
  it('clears the banners it had up on the next look, rather than leaving them forever', () => {
    const failures = new LiveFailures();
    failures.record('timeout', 0);
    expect(failures.notices(1, 1_000)[0]?.message).toMatch(/timeout/);
    failures.clear();
    expect(failures.notices(2, 1_000)).toEqual([{ code: 'live-timeout', level: 'warning', message: null }]);
    expect(failures.notices(3, 1_000)).toEqual([]);
  });
});
