import { describe, expect, it } from 'vitest';
import { COLUMN_MAX, dagEdges, layoutDag, NODE_HEIGHT, NODE_WIDTH, type Placed } from './dagLayout.ts';

const DIAMOND = [
  { id: 'ingest', inputs: [] },
  { id: 'stats', inputs: ['ingest'] },
  { id: 'patterns', inputs: ['ingest'] },
  { id: 'analysis', inputs: ['ingest'] },
  { id: 'report', inputs: ['stats', 'patterns', 'analysis'] },
];

/** The `wide` preset: source → `width` regions → merge. */
const wide = (width: number): { id: string; inputs: string[] }[] => [
  { id: 'source', inputs: [] },
  ...Array.from({ length: width }, (_, i) => ({ id: `region-${i + 1}`, inputs: ['source'] })),
  { id: 'merge', inputs: Array.from({ length: width }, (_, i) => `region-${i + 1}`) },
];
const WIDE = wide(10);

function place(nodes: readonly { id: string; inputs: string[] }[]): Map<string, Placed> {
  return layoutDag(nodes.map((n) => n.id), dagEdges(nodes));
}

/** Whether two nodes' boxes share any area. */
const overlap = (a: Placed, b: Placed): boolean => a.x < b.x + NODE_WIDTH && b.x < a.x + NODE_WIDTH && a.y < b.y + NODE_HEIGHT && b.y < a.y + NODE_HEIGHT;

function expectNoOverlaps(placed: Map<string, Placed>): void {
  const boxes = [...placed.entries()];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [idA, a] = boxes[i] ?? ['', { x: 0, y: 0 }];
      const [idB, b] = boxes[j] ?? ['', { x: 0, y: 0 }];
      expect(overlap(a, b), `${idA} overlaps ${idB}`).toBe(false);
    }
  }
}

describe('layoutDag', () => {
  it('puts every node right of each of its inputs, a level per column', () => {
    const placed = place(DIAMOND);
    expect([...placed.keys()]).toEqual(DIAMOND.map((n) => n.id));
    for (const node of DIAMOND) {
      for (const input of node.inputs) {
        expect(placed.get(node.id)?.x ?? 0, `${input} → ${node.id}`).toBeGreaterThanOrEqual((placed.get(input)?.x ?? Infinity) + NODE_WIDTH);
      }
    }
    // The three middle steps share a column; the levels read left to right.
    const xs = DIAMOND.map((n) => placed.get(n.id)?.x);
    expect(new Set(xs.slice(1, 4)).size).toBe(1);
    expect(xs[0]).toBeLessThan(xs[1] ?? 0);
    expect(xs[1]).toBeLessThan(xs[4] ?? 0);
    expectNoOverlaps(placed);
  });

  it('stacks a wide level without overlaps: 1 → 10 → 1 in three columns', () => {
    const placed = place(WIDE);
    expect(new Set([...placed.values()].map((p) => p.x)).size).toBe(3);
    expectNoOverlaps(placed);
  });

  it('lays out a chain in a row, and a level that skips one still lands right of its input', () => {
    const uneven = [
      { id: 'ingest', inputs: [] },
      { id: 'summary', inputs: ['ingest'] },
      { id: 'stats', inputs: ['ingest'] },
      { id: 'analysis', inputs: ['stats'] },
      { id: 'critique', inputs: ['analysis'] },
      { id: 'report', inputs: ['summary', 'critique'] },
    ];
    const placed = place(uneven);
    const x = (id: string) => placed.get(id)?.x ?? NaN;
    expect(x('ingest')).toBeLessThan(x('stats'));
    expect(x('stats')).toBeLessThan(x('analysis'));
    expect(x('analysis')).toBeLessThan(x('critique'));
    expect(x('critique')).toBeLessThan(x('report'));
    expect(x('summary')).toBeLessThan(x('report'));
    expectNoOverlaps(placed);
  });

  it('ignores edges to unknown nodes and to itself, and places a lone node', () => {
    const placed = layoutDag(['a', 'b'], [{ source: 'ghost', target: 'a' }, { source: 'a', target: 'a' }, { source: 'a', target: 'b' }]);
    expect([...placed.keys()]).toEqual(['a', 'b']);
    expect(placed.get('b')?.x).toBeGreaterThan(placed.get('a')?.x ?? Infinity);
    expect(layoutDag(['solo'], []).get('solo')).toEqual({ x: expect.any(Number) as number, y: expect.any(Number) as number });
  });

  it('reads edges from the inputs: input → node', () => {
    expect(dagEdges(DIAMOND.slice(0, 2))).toEqual([{ source: 'ingest', target: 'stats' }]);
  });

  it('wraps a level too tall to read into a block of columns, every node still right of its inputs', () => {
    // At 98 regions dagre's one column was 7,000 px tall: fitted to a pane, each node a sliver.
    const nodes = wide(98);
    const placed = place(nodes);
    expectNoOverlaps(placed);
    for (const node of nodes) {
      for (const input of node.inputs) {
        expect(placed.get(node.id)?.x ?? 0, `${input} → ${node.id}`).toBeGreaterThanOrEqual((placed.get(input)?.x ?? Infinity) + NODE_WIDTH);
      }
    }
    const regions = nodes.slice(1, -1).map((n) => placed.get(n.id) ?? { x: 0, y: 0 });
    const columns = new Set(regions.map((p) => p.x)).size;
    const rows = new Set(regions.map((p) => p.y)).size;
    expect(columns).toBe(8);
    expect(rows).toBe(13);
    // The whole graph is wider than tall, as a pane is, rather than a column 50 times taller than wide.
    const xs = [...placed.values()].map((p) => p.x);
    const ys = [...placed.values()].map((p) => p.y);
    const width = Math.max(...xs) + NODE_WIDTH - Math.min(...xs);
    const height = Math.max(...ys) + NODE_HEIGHT - Math.min(...ys);
    expect(width / height).toBeGreaterThan(1);
    expect(width / height).toBeLessThan(4);
  });

  it('keeps a level of up to COLUMN_MAX nodes in one column, and balances the columns of a longer one', () => {
    const fits = place(wide(COLUMN_MAX));
    expect(new Set([...fits.values()].map((p) => p.x)).size).toBe(3);
    const over = place(wide(COLUMN_MAX + 1));
    const regions = wide(COLUMN_MAX + 1).slice(1, -1).map((n) => over.get(n.id)?.x);
    const perColumn = [...new Set(regions)].map((x) => regions.filter((r) => r === x).length);
    expect(perColumn.sort()).toEqual([6, 7]);
    expectNoOverlaps(over);
  });
});
