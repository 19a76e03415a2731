import { describe, expect, it } from 'vitest';
import { RectRuns } from './rectRuns.ts';

type Rect = [number, number, number, number];

function runs(rects: readonly Rect[]): Rect[] {
  const out: Rect[] = [];
  const merger = new RectRuns((x, y, w, h) => out.push([x, y, w, h]));
  for (const [x, y, w, h] of rects) merger.add(x, y, w, h);
  merger.flush();
  return out;
}

/** Which of a row's sample points (every 0.25 px over [0, 20)) some rect covers: the union's pixels. */
function covered(rects: readonly Rect[], y: number): string {
  let cells = '';
  for (let x = 0; x < 20; x += 0.25) cells += rects.some(([rx, ry, w, h]) => ry <= y && y < ry + h && rx <= x && x < rx + w) ? '#' : '.';
  return cells;
}

describe('RectRuns', () => {
  it('merges overlapping and touching rects of one row into one', () => {
    expect(runs([[2, 5, 6, 1], [3.5, 5, 6, 1], [9.5, 5, 2, 1]])).toEqual([[2, 5, 9.5, 1]]);
    // A rect inside the run leaves it as it was.
    expect(runs([[2, 5, 10, 1], [4, 5, 1, 1]])).toEqual([[2, 5, 10, 1]]);
  });

  it('keeps a gap a gap, and keeps rows and heights apart', () => {
    // A failed attempt stops 1 px short of its retry: the pixel between them must stay empty.
    expect(runs([[0, 5, 4, 1], [5, 5, 3, 1]])).toEqual([[0, 5, 4, 1], [5, 5, 3, 1]]);
    expect(runs([[0, 5, 4, 1], [1, 6, 4, 1]])).toEqual([[0, 5, 4, 1], [1, 6, 4, 1]]);
    expect(runs([[0, 5, 4, 1], [1, 5, 4, 2]])).toEqual([[0, 5, 4, 1], [1, 5, 4, 2]]);
  });

  it('covers exactly what the rects it was given cover', () => {
    // Six bars of a parallel batch in one pixel row, a queued stub, and one that started late.
    const row: Rect[] = [[1, 3, 0.5, 1], [1.2, 3, 12, 1], [1.1, 3, 12.1, 1], [1.4, 3, 11.8, 1], [15, 3, 2, 1], [16.5, 3, 1, 1], [14, 4, 3, 1]];
    const merged = runs(row);
    expect(merged.length).toBeLessThan(row.length);
    for (const y of [3, 3.5, 4, 4.5]) expect(covered(merged, y)).toBe(covered(row, y));
  });

  it('hands nothing on when nothing was added, and nothing twice', () => {
    const out: Rect[] = [];
    const merger = new RectRuns((x, y, w, h) => out.push([x, y, w, h]));
    merger.flush();
    merger.add(1, 1, 1, 1);
    merger.flush();
    merger.flush();
    expect(out).toEqual([[1, 1, 1, 1]]);
  });
});
