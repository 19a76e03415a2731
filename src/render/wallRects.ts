/**
 * Merges wall cells into rectangles, pure so it is unit-tested. Greedy and exact: every wall
 * cell is covered by exactly one rect and no floor cell by any.
 */

/** A rectangle in cells. */
export interface CellRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Row-major `walls` (1 = wall) as rects: horizontal runs, extended down over identical runs. */
export function wallRects(walls: ArrayLike<number>, width: number, height: number): CellRect[] {
  const rects: CellRect[] = [];
  const used = new Uint8Array(width * height);
  const isFree = (x: number, y: number): boolean => walls[y * width + x] === 1 && used[y * width + x] === 0;
  for (let y = 0; y < height; y++) {
    let x = 0;
    while (x < width) {
      if (!isFree(x, y)) {
        x++;
        continue;
      }
      const start = x;
      while (x < width && isFree(x, y)) x++;
      const w = x - start;
      let h = 1;
      // Grow down while the row below has exactly this run: same cells, bounded by non-walls.
      while (y + h < height && runMatches(walls, used, width, start, w, y + h)) h++;
      for (let dy = 0; dy < h; dy++) used.fill(1, (y + dy) * width + start, (y + dy) * width + start + w);
      rects.push({ x: start, y, w, h });
    }
  }
  return rects;
}

function runMatches(walls: ArrayLike<number>, used: Uint8Array, width: number, start: number, w: number, row: number): boolean {
  const base = row * width;
  for (let x = start; x < start + w; x++) if (walls[base + x] !== 1 || used[base + x] !== 0) return false;
  const leftIsWall = start > 0 && walls[base + start - 1] === 1;
  const rightIsWall = start + w < width && walls[base + start + w] === 1;
  return !leftIsWall && !rightIsWall;
}
