import { describe, expect, it } from 'vitest';
import { cellIndex, createGrid, inBounds, isWall, poiCount } from './grid.ts';
import { hash32, Rng, uniformFrom } from './rng.ts';
import type { Grid } from './types.ts';
import { POI_KINDS } from './types.ts';

/** Free cells reachable from the first free cell with 4-neighbour moves, versus all free cells. */
function reachability(grid: Grid): { reached: number; free: number } {
  const start = grid.walls.indexOf(0);
  const seen = new Uint8Array(grid.walls.length);
  const queue = [start];
  seen[start] = 1;
  let reached = 0;
  while (queue.length > 0) {
    const cell = queue.pop() ?? 0;
    reached++;
    const x = cell % grid.width;
    const y = Math.floor(cell / grid.width);
    for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
      if (isWall(grid, x + dx, y + dy)) continue;
      const next = cellIndex(grid, x + dx, y + dy);
      if (seen[next] === 1) continue;
      seen[next] = 1;
      queue.push(next);
    }
  }
  return { reached, free: grid.walls.length - grid.walls.reduce((n, w) => n + w, 0) };
}

describe('rng', () => {
  it('is deterministic per seed and spreads its draws', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const draws = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(draws);
    expect(draws.every((d) => d >= 0 && d < 1)).toBe(true);
    const mean = draws.reduce((s, d) => s + d, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(new Rng(43).next()).not.toBe(draws[0]);
  });

  it('hash32 depends on every argument and their order', () => {
    expect(hash32(1, 2, 3)).toBe(hash32(1, 2, 3));
    expect(new Set([hash32(1, 2, 3), hash32(1, 3, 2), hash32(1, 2, 4), hash32(2, 2, 3), hash32(1, 2)]).size).toBe(5);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const b = Math.floor(uniformFrom(7, i) * 10);
      buckets[b] = (buckets[b] ?? 0) + 1;
    }
    for (const count of buckets) expect(count).toBeGreaterThan(850);
  });
});

describe('createGrid', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(createGrid(5, 30, 20)).toEqual(createGrid(5, 30, 20));
    expect(createGrid(6, 30, 20).walls).not.toEqual(createGrid(5, 30, 20).walls);
  });

  it('has every POI kind, named, on free cells with free neighbours, scaling gently with area', () => {
    for (const [w, h] of [[24, 24], [40, 30], [245, 245]] as const) {
      const grid = createGrid(3, w, h);
      expect(grid.pois.length).toBe(poiCount(w, h));
      for (const kind of POI_KINDS) expect(grid.pois.some((p) => p.kind === kind)).toBe(true);
      expect(new Set(grid.pois.map((p) => p.name)).size).toBe(grid.pois.length);
      for (const poi of grid.pois) {
        expect(poi.name).toMatch(/^[A-Z][a-z]+ [A-Z]/);
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
          if (inBounds(grid, poi.x + dx, poi.y + dy)) expect(isWall(grid, poi.x + dx, poi.y + dy)).toBe(false);
        }
      }
    }
    expect(poiCount(24, 24)).toBe(6);
    expect(poiCount(245, 245)).toBeLessThan(30);
  });

  it('has walls that never enclose a region, over many seeds and sizes', () => {
    for (let seed = 0; seed < 30; seed++) {
      const grid = createGrid(seed, 20 + (seed % 7) * 5, 24 + (seed % 3) * 9);
      const { reached, free } = reachability(grid);
      expect(reached).toBe(free);
      expect(free).toBeLessThan(grid.walls.length); // there are some walls
    }
  });

  it('handles tiny grids and rejects impossible ones', () => {
    const tiny = createGrid(1, 2, 2);
    expect(tiny.pois.map((p) => p.kind).sort()).toEqual(['food', 'library', 'plaza', 'water']);
    expect(tiny.walls.every((w) => w === 0)).toBe(true);
    expect(() => createGrid(1, 1, 5)).toThrow(RangeError);
    expect(isWall(tiny, -1, 0)).toBe(true);
  });
});
