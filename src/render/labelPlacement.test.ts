import { describe, expect, it } from 'vitest';
import { placeLabels, type Box } from './labelPlacement.ts';

const cell = (x: number, y: number, size = 16): Box => ({ x0: x, y0: y, x1: x + size, y1: y + size });
const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const world: Box = { x0: 0, y0: 0, x1: 400, y1: 400 };

describe('placeLabels', () => {
  it('puts a lone label centred above its cell', () => {
    const [box] = placeLabels([cell(100, 100)], [{ width: 60, height: 14 }], world);
    expect(box).toEqual({ x0: 78, y0: 84, x1: 138, y1: 98 });
  });

  it('slides the second of two neighbours whose names would collide sideways, still above its cell (the market stall beside the square)', () => {
    const cells = [cell(100, 100), cell(180, 100)];
    const boxes = placeLabels(cells, [{ width: 100, height: 14 }, { width: 90, height: 14 }], world);
    const [first, second] = boxes;
    if (!first || !second) throw new Error('both labels should be placed');
    expect(overlaps(first, second)).toBe(false);
    expect(second).toEqual({ x0: 180, y0: 84, x1: 270, y1: 98 });
  });

  it('slides the other way when the neighbour is on the right', () => {
    const cells = [cell(180, 100), cell(100, 100)];
    const [first, second] = placeLabels(cells, [{ width: 100, height: 14 }, { width: 90, height: 14 }], world);
    if (!first || !second) throw new Error('both labels should be placed');
    expect(overlaps(first, second)).toBe(false);
    expect(second).toEqual({ x0: 26, y0: 84, x1: 116, y1: 98 });
  });

  it('goes below when no box above is free (Northwest Spring, North Fountain)', () => {
    const cells = [cell(100, 100), cell(180, 100)];
    const boxes = placeLabels(cells, [{ width: 240, height: 14 }, { width: 90, height: 14 }], world);
    const [first, second] = boxes;
    if (!first || !second) throw new Error('both labels should be placed');
    expect(overlaps(first, second)).toBe(false);
    expect(second.y0).toBeGreaterThanOrEqual(cells[1]?.y1 ?? 0);
  });

  it('keeps labels inside the grid: slid in from the side edges, and below a cell on the top row', () => {
    const [left, top] = placeLabels([cell(0, 200), cell(300, 0)], [{ width: 80, height: 14 }, { width: 40, height: 14 }], world);
    expect(left?.x0).toBe(0);
    expect(top?.y0).toBe(18);
  });

  it('never writes over another place, and hides a label with no room on any side', () => {
    // A cell boxed in by four others, each with labels of its own placed first.
    const middle = cell(100, 100);
    const around = [cell(100, 82), cell(100, 118), cell(118, 100), cell(82, 100)];
    const boxes = placeLabels([...around, middle], [...around.map(() => ({ width: 200, height: 14 })), { width: 60, height: 14 }], world);
    const placed = boxes.filter((b): b is Box => b !== null);
    for (const box of placed) for (const c of [...around, middle]) expect(overlaps(box, c)).toBe(false);
    expect(boxes[4]).toBeNull();
  });
});
