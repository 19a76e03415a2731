import { describe, expect, it } from 'vitest';
import { takeTurns, type Contender } from './turns.ts';

describe('takeTurns', () => {
  it('lets one page draw at a time, in an order that reverses every other round, and files each run under its page', async () => {
    const events: string[] = [];
    let window = 0;
    const contender = (name: string): Contender<string> => ({
      resume: () => {
        events.push(`${name} go`);
        return Promise.resolve();
      },
      measure: () => {
        events.push(`${name} measure`);
        return Promise.resolve(`${name}${++window}`);
      },
      hold: () => {
        events.push(`${name} hold`);
        return Promise.resolve();
      },
    });
    const seen: number[] = [];
    const runs = await takeTurns([contender('a'), contender('b'), contender('c')], 2, (round) => seen.push(round), 0);
    expect(events).toEqual([
      'a go', 'a measure', 'a hold', 'b go', 'b measure', 'b hold', 'c go', 'c measure', 'c hold',
      'c go', 'c measure', 'c hold', 'b go', 'b measure', 'b hold', 'a go', 'a measure', 'a hold',
    ]);
    expect(runs).toEqual([
      ['a1', 'b2', 'c3'],
      ['a6', 'b5', 'c4'],
    ]);
    expect(seen).toEqual([0, 1]);
  });
});
