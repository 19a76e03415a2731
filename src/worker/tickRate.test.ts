import { describe, expect, it } from 'vitest';
import { TickRate } from './tickRate.ts';

const ticksAt = (times: readonly number[]): TickRate => {
  const rate = new TickRate();
  for (const t of times) rate.tick(t);
  return rate;
};

describe('TickRate', () => {
  it('reads 10 for a 100 ms loop whose timer drifts, where a count of the last second read 11', () => {
    // 11 ticks in (0.5, 1,000.5]: the first came early, the last late.
    const times = [0.9, 100.2, 200, 300.4, 400, 499.8, 600, 700.1, 800, 900, 1_000.5];
    expect(ticksAt(times).perSecond()).toBe(10);
  });

  it('reads a slowed loop as slow', () => {
    expect(ticksAt([0, 140, 280, 420, 560, 700, 840, 980]).perSecond()).toBe(7);
  });

  it('reads 40 at speed ×4', () => {
    expect(ticksAt(Array.from({ length: 60 }, (_, i) => i * 25)).perSecond()).toBe(40);
  });

  it('forgets ticks older than a second', () => {
    // Ten ticks at 10 a second, a pause, then ticks at 5 a second.
    const rate = ticksAt([...Array.from({ length: 10 }, (_, i) => i * 100), 3_000, 3_200, 3_400, 3_600, 3_800, 4_000]);
    expect(rate.perSecond()).toBe(5);
  });

  it('says 0 before any tick and 1 with one tick in the window', () => {
    expect(new TickRate().perSecond()).toBe(0);
    expect(ticksAt([5]).perSecond()).toBe(1);
    expect(ticksAt([0, 2_000]).perSecond()).toBe(1);
  });
});
