import { describe, expect, it } from 'vitest';
import { chatTargets, stepToward } from './communityWalk.ts';

function walkUntilStill(from: Uint16Array, to: Uint16Array): { at: Uint16Array; ticks: number } {
  let at = from;
  for (let ticks = 0; ticks < 100; ticks++) {
    const next = stepToward(at, to);
    if (next.every((value, i) => value === at[i])) return { at, ticks };
    at = next;
  }
  throw new Error('never settled');
}

describe('community walk', () => {
  it('brings a chatting pair side by side, one cell per tick, and leaves others at home', () => {
    const home = new Uint16Array([0, 0, 6, 2, 9, 9]);
    const targets = chatTargets(home, [[0, 1]]);
    const { at, ticks } = walkUntilStill(home, targets);
    expect(Math.abs((at[0] ?? 0) - (at[2] ?? 0)) + Math.abs((at[1] ?? 0) - (at[3] ?? 0))).toBe(1);
    expect([at[4], at[5]]).toEqual([9, 9]);
    expect(ticks).toBeLessThanOrEqual(4);
    // And home again once the chat is over.
    expect(walkUntilStill(at, chatTargets(home, null)).at).toEqual(home);
  });

  it('leaves neighbours where they are', () => {
    const home = new Uint16Array([3, 3, 4, 4]);
    expect(chatTargets(home, [[0, 1]])).toEqual(home);
  });
});
