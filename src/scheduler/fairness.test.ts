import { describe, expect, it } from 'vitest';
import { FairRotation, fairOrder, flowKey, type FlowEntry } from './fairness.ts';

/** Entries named `producer[/flow]#n`, with ids in the order given. */
function entries(...names: string[]): FlowEntry[] {
  return names.map((name, i) => {
    const [owner = ''] = name.split('#');
    const [producer = '', flow] = owner.split('/');
    const job = { producer, ...(flow === undefined ? {} : { flow }) };
    return { id: i + 1, job, flowKey: flowKey(job) };
  });
}

const label = (entry: FlowEntry): string => {
  const { producer = '', flow } = entry.job;
  return `${producer}${flow === undefined ? '' : `/${flow}`}#${String(entry.id)}`;
};

const order = (list: readonly FlowEntry[], served: ReadonlyMap<string, number> = new Map()): string[] =>
  fairOrder(list, served).map(label);

describe('fairOrder', () => {
  it('deals the flows’ jobs out round-robin, each flow in submission order', () => {
    const list = entries('a#', 'a#', 'a#', 'a#', 'b#', 'b#', 'c#');
    expect(order(list)).toEqual(['a#1', 'b#5', 'c#7', 'a#2', 'b#6', 'a#3', 'a#4']);
  });

  it('puts the least recently served flow first, never-served flows before all, ties by the oldest waiting job', () => {
    const list = entries('a#', 'b#', 'c#', 'd#', 'a#');
    const served = new Map([[flowKey({ producer: 'a' }), 7], [flowKey({ producer: 'b' }), 3]]);
    // c and d were never served (c waits longer); b was served before a.
    expect(order(list, served)).toEqual(['c#3', 'd#4', 'b#2', 'a#1', 'a#5']);
  });

  it('tells flows of one producer apart, and a producer’s unnamed flow from its named ones', () => {
    const list = entries('sim/r1#', 'sim/r1#', 'sim/r2#', 'sim#', 'sim/r2#');
    expect(order(list)).toEqual(['sim/r1#1', 'sim/r2#3', 'sim#4', 'sim/r1#2', 'sim/r2#5']);
  });

  it('returns the very same array when all entries are of one flow, or there are none', () => {
    const one = entries('grid#', 'grid#', 'grid#');
    expect(fairOrder(one, new Map([[flowKey({ producer: 'grid' }), 5]]))).toBe(one);
    const none: FlowEntry[] = [];
    expect(fairOrder(none, new Map())).toBe(none);
  });

  it('keeps a retry at its place by id within its flow', () => {
    // a's retry (id 1) was put back in line ahead of a's later jobs.
    const list = entries('a#', 'b#', 'a#', 'b#');
    const served = new Map([[flowKey({ producer: 'b' }), 1], [flowKey({ producer: 'a' }), 2]]);
    expect(order(list, served)).toEqual(['b#2', 'a#1', 'b#4', 'a#3']);
  });

  it('orders 10,000 jobs of two flows in one pass', () => {
    const list = entries(...Array.from({ length: 10_000 }, (_, i) => (i < 9_990 ? 'long#' : 'short#')));
    const fair = fairOrder(list, new Map());
    expect(fair).toHaveLength(10_000);
    expect(fair.slice(0, 4).map(label)).toEqual(['long#1', 'short#9991', 'long#2', 'short#9992']);
  });
});

describe('FairRotation', () => {
  it('records the latest service of each flow as an increasing tick', () => {
    const rotation = new FairRotation();
    rotation.serve('a');
    rotation.serve('b');
    rotation.serve('a');
    expect([...rotation.lastServed]).toEqual([['b', 2], ['a', 3]]);
  });

  it('forgets only idle flows served before every flow with work pending, once the record has doubled', () => {
    const rotation = new FairRotation();
    for (let i = 0; i < 65; i++) rotation.serve(`idle${i}`);
    rotation.serve('busy');
    rotation.serve('late');
    expect(rotation.wantsPrune).toBe(true);
    rotation.prune(['busy', 'fresh']);
    // `late` is idle but was served after `busy`: forgetting it would move it ahead of `busy`.
    expect([...rotation.lastServed.keys()]).toEqual(['busy', 'late']);
    expect(rotation.wantsPrune).toBe(false);
    rotation.prune([]);
    expect(rotation.lastServed.size).toBe(0);
  });
});
