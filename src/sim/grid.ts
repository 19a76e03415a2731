import { Rng, hash32 } from './rng.ts';
import type { Grid, Poi, PoiKind } from './types.ts';
import { POI_KINDS } from './types.ts';

const SALT_GRID = 0x67726964;

/** Base names per kind; a compass word from the POI's position goes in front ("North Well"). */
const POI_NAMES: Readonly<Record<PoiKind, readonly string[]>> = {
  water: ['Well', 'Spring', 'Fountain', 'Pond', 'Creek', 'Cistern'],
  food: ['Market', 'Orchard', 'Bakery', 'Garden', 'Farm', 'Canteen'],
  plaza: ['Plaza', 'Square', 'Green', 'Commons'],
  library: ['Library', 'Archive', 'Reading Room', 'Bookshop'],
};

type Size = Pick<Grid, 'width' | 'height'>;

/** True when (x, y) lies on the grid. */
export function inBounds(grid: Size, x: number, y: number): boolean {
  return x >= 0 && y >= 0 && x < grid.width && y < grid.height;
}

/** Row-major index of a cell: `y * width + x`. */
export function cellIndex(grid: Size, x: number, y: number): number {
  return y * grid.width + x;
}

/** True for a wall cell; off-grid cells count as walls because both block movement. */
export function isWall(grid: Grid, x: number, y: number): boolean {
  return !inBounds(grid, x, y) || grid.walls[cellIndex(grid, x, y)] === 1;
}

/** How many points of interest a grid of this size gets: four, plus a few more as it grows. */
export function poiCount(width: number, height: number): number {
  return POI_KINDS.length + Math.floor(Math.sqrt(width * height) / 12);
}

/**
 * A seeded map: points of interest (at least one of each kind, their neighbours kept free) and
 * short straight wall segments. Every segment keeps one free cell all around it, from other
 * segments and from the border, so walls can never enclose a region.
 */
export function createGrid(seed: number, width: number, height: number): Grid {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 2 || height < 2) {
    throw new RangeError(`Grid must be at least 2x2 whole cells, got ${width}x${height}`);
  }
  const rng = new Rng(hash32(seed, SALT_GRID, width, height));
  const size = { width, height };
  const reserved = new Uint8Array(width * height);
  const pois = placePois(rng, size, reserved);
  const walls = placeWalls(rng, size, reserved);
  return { width, height, walls, pois };
}

function placePois(rng: Rng, size: Size, reserved: Uint8Array): Poi[] {
  const { width, height } = size;
  const count = poiCount(width, height);
  const spacing = Math.max(2, Math.floor(Math.sqrt((width * height) / count) / 2));
  const taken = new Set<number>();
  const used = new Map<string, number>();
  const pois: Poi[] = [];
  for (let i = 0; i < count; i++) {
    const kind = POI_KINDS[i % POI_KINDS.length] ?? 'plaza';
    const cell = findPoiCell(rng, size, pois, spacing, taken);
    if (cell === undefined) break; // a tiny grid is full; the first four always fit (area >= 4)
    taken.add(cellIndex(size, cell.x, cell.y));
    pois.push({ kind, name: poiName(rng, kind, cell.x, cell.y, size, used), x: cell.x, y: cell.y });
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        if (inBounds(size, cell.x + dx, cell.y + dy)) reserved[cellIndex(size, cell.x + dx, cell.y + dy)] = 1;
      }
    }
  }
  return pois;
}

function findPoiCell(rng: Rng, size: Size, pois: readonly Poi[], spacing: number, taken: ReadonlySet<number>): { x: number; y: number } | undefined {
  const margin = size.width >= 5 && size.height >= 5 ? 1 : 0;
  for (let attempt = 0; attempt < 60; attempt++) {
    // Spacing relaxes after a while so crowded small grids still get all their POIs.
    const minGap = attempt < 40 ? spacing : 1;
    const x = rng.range(margin, size.width - 1 - margin);
    const y = rng.range(margin, size.height - 1 - margin);
    if (pois.every((p) => Math.max(Math.abs(p.x - x), Math.abs(p.y - y)) >= minGap)) return { x, y };
  }
  for (let i = 0; i < size.width * size.height; i++) {
    if (!taken.has(i)) return { x: i % size.width, y: Math.floor(i / size.width) };
  }
  return undefined;
}

function poiName(rng: Rng, kind: PoiKind, x: number, y: number, size: Size, used: Map<string, number>): string {
  const base = `${compassWord(x, y, size)} ${rng.pick(POI_NAMES[kind])}`;
  const seen = (used.get(base) ?? 0) + 1;
  used.set(base, seen);
  return seen === 1 ? base : `${base} ${seen}`;
}

function compassWord(x: number, y: number, size: Size): string {
  const row = Math.min(2, Math.floor((3 * y) / size.height));
  const col = Math.min(2, Math.floor((3 * x) / size.width));
  const ns = ['North', '', 'South'][row] ?? '';
  const ew = ['west', '', 'east'][col] ?? '';
  if (ns === '' && ew === '') return 'Central';
  if (ns === '') return ew === 'west' ? 'West' : 'East';
  return ns + ew;
}

function placeWalls(rng: Rng, size: Size, reserved: Uint8Array): Uint8Array {
  const { width, height } = size;
  const walls = new Uint8Array(width * height);
  if (width < 5 || height < 5) return walls;
  const segments = Math.floor((width * height) / 70);
  for (let s = 0; s < segments; s++) {
    const horizontal = rng.chance(0.5);
    const length = rng.range(2, 6);
    const x0 = rng.range(1, width - 2);
    const y0 = rng.range(1, height - 2);
    const cells: number[] = [];
    for (let k = 0; k < length; k++) {
      const x = horizontal ? x0 + k : x0;
      const y = horizontal ? y0 : y0 + k;
      if (x > width - 2 || y > height - 2 || !clearAround(size, walls, reserved, x, y)) {
        cells.length = 0;
        break;
      }
      cells.push(cellIndex(size, x, y));
    }
    for (const c of cells) walls[c] = 1;
  }
  return walls;
}

/** The cell is not reserved and no wall touches it, even diagonally. */
function clearAround(size: Size, walls: Uint8Array, reserved: Uint8Array, x: number, y: number): boolean {
  if (reserved[cellIndex(size, x, y)] === 1) return false;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      if (inBounds(size, x + dx, y + dy) && walls[cellIndex(size, x + dx, y + dy)] === 1) return false;
    }
  }
  return true;
}
