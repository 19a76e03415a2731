import { describe, expect, it } from 'vitest';
import { InFlight, type Entry } from './entry.ts';

/** An entry with only what the list reads set. */
function entry(id: number): Entry<number, string> {
  return { id, prevInFlight: undefined, nextInFlight: undefined } as unknown as Entry<number, string>;
}

describe('InFlight', () => {
  it('keeps its entries oldest first, and drops one from anywhere', () => {
    const list = new InFlight<number, string>();
    const [a, b, c, d] = [1, 2, 3, 4].map(entry) as [Entry<number, string>, Entry<number, string>, Entry<number, string>, Entry<number, string>];
    for (const e of [a, b, c, d]) list.add(e);
    expect(list.size).toBe(4);
    expect(list.list().map((e) => e.id)).toEqual([1, 2, 3, 4]);
    list.delete(b);
    list.delete(d);
    expect(list.list().map((e) => e.id)).toEqual([1, 3]);
    list.delete(a);
    list.add(b);
    expect(list.list().map((e) => e.id)).toEqual([3, 2]);
    expect(list.size).toBe(2);
  });

  it('ignores adding an entry twice and deleting one it does not hold', () => {
    const list = new InFlight<number, string>();
    const [a, b] = [entry(1), entry(2)];
    list.add(a);
    list.add(a);
    list.delete(b);
    expect(list.has(a)).toBe(true);
    expect(list.has(b)).toBe(false);
    expect(list.size).toBe(1);
    list.delete(a);
    list.delete(a);
    expect(list.size).toBe(0);
    expect(list.list()).toEqual([]);
  });
});
