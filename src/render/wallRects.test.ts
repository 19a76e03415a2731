import { describe, expect, it } from 'vitest';
import { wallRects, type CellRect } from './wallRects.ts';

function grid(rows: readonly string[]): { walls: Uint8Array; width: number; height: number } {
  const width = rows[0]?.length ?? 0;
  const walls = Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : 0));
  return { walls, width, height: rows.length };
}

function cover(rects: readonly CellRect[], width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (const r of rects) for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) out[y * width + x] = (out[y * width + x] ?? 0) + 1;
  return out;
}

describe('wallRects', () => {
  it('makes one rect per horizontal segment and one per vertical segment', () => {
    const g = grid(['.###.', '.....', '..#..', '..#..', '..#..']);
    expect(wallRects(g.walls, g.width, g.height)).toEqual([
      { x: 1, y: 0, w: 3, h: 1 },
      { x: 2, y: 2, w: 1, h: 3 },
    ]);
  });

  it('covers every wall cell exactly once and no floor cell', () => {
    const g = grid(['##..#', '#...#', '###.#', '..#..', '#.###']);
    const covered = cover(wallRects(g.walls, g.width, g.height), g.width, g.height);
    expect(Array.from(covered)).toEqual(Array.from(g.walls));
  });

  it('returns nothing for an empty grid', () => {
    const g = grid(['...', '...']);
    expect(wallRects(g.walls, g.width, g.height)).toEqual([]);
  });
});
