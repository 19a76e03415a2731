/**
 * Where POI name labels go on screen: beside their cell, over no other cell or label, inside the
 * grid. Pure arithmetic on screen boxes, free of Pixi (like cameraMath.ts) so it is unit-tested
 * in Node; poiView.ts measures the labels and moves them.
 */

/** Space between a cell and its label (CSS px). */
const LABEL_GAP_PX = 2;

/** A screen-space box (CSS px), edges inclusive of x0/y0 and exclusive of x1/y1. */
export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface LabelSize {
  readonly width: number;
  readonly height: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * The boxes a label may take beside its cell, in order of preference: above, centred; above,
 * slid to start or end at the cell's edge (still over it), when a neighbour's name takes the
 * centre; below; right; left. Above comes first because that is the row a game master's
 * villagers leave free (scenarios/gamemaster/village.ts `spots`); the slid boxes keep a name
 * there when two places stand close, rather than below, among the villagers.
 */
function candidates(cell: Box, size: LabelSize): Box[] {
  const { width: w, height: h } = size;
  const cx = (cell.x0 + cell.x1) / 2;
  const cy = (cell.y0 + cell.y1) / 2;
  const g = LABEL_GAP_PX;
  const at = (x: number, y: number): Box => ({ x0: x, y0: y, x1: x + w, y1: y + h });
  const above = cell.y0 - g - h;
  return [at(cx - w / 2, above), at(cell.x0, above), at(cell.x1 - w, above), at(cx - w / 2, cell.y1 + g), at(cell.x1 + g, cy - h / 2), at(cell.x0 - g - w, cy - h / 2)];
}

/** Slides a box sideways into [bounds.x0, bounds.x1] when it is narrow enough to fit there. */
function clampX(box: Box, bounds: Box): Box {
  const w = box.x1 - box.x0;
  if (w > bounds.x1 - bounds.x0) return box;
  const x0 = Math.min(Math.max(box.x0, bounds.x0), bounds.x1 - w);
  return { ...box, x0, x1: x0 + w };
}

/**
 * Greedy placement, in order: each label takes the first side of its cell whose box stays within
 * `bounds` vertically (sliding sideways into it) and overlaps no cell and no label placed before
 * it. Returns each label's box, or null where no side has room.
 */
export function placeLabels(cells: readonly Box[], sizes: readonly LabelSize[], bounds: Box): (Box | null)[] {
  const placed: Box[] = [];
  return cells.map((cell, i) => {
    const size = sizes[i];
    if (!size) return null;
    for (const raw of candidates(cell, size)) {
      const box = clampX(raw, bounds);
      if (box.y0 < bounds.y0 || box.y1 > bounds.y1) continue;
      if (cells.some((other) => overlaps(box, other)) || placed.some((other) => overlaps(box, other))) continue;
      placed.push(box);
      return box;
    }
    return null;
  });
}
