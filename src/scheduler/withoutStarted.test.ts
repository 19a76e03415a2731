import { describe, expect, it } from 'vitest';
import { withoutStarted } from './scheduler.ts';

describe('withoutStarted', () => {
  const queue = ['a', 'b', 'c', 'd', 'e'];

  it('drops started entries that are in the queue’s order (a head, or any subsequence)', () => {
    expect(withoutStarted(queue, ['a', 'b', 'c'])).toEqual(['d', 'e']);
    expect(withoutStarted(queue, ['b', 'd'])).toEqual(['a', 'c', 'e']);
    expect(withoutStarted(queue, queue)).toEqual([]);
    expect(withoutStarted(queue, [])).toEqual(queue);
  });

  it('drops them just the same when they are not in the queue’s order (flows dealt in turns)', () => {
    expect(withoutStarted(queue, ['d', 'a', 'e'])).toEqual(['b', 'c']);
    expect(withoutStarted(queue, ['e', 'b'])).toEqual(['a', 'c', 'd']);
  });
});
