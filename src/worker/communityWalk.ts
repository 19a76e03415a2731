/**
 * Where the community's personas stand from tick to tick: at home on their cells, except while
 * the chat phases run, when each pair walks toward each other one cell per tick until they stand
 * side by side (and afterwards walks home). Pure: positions in, positions out.
 */

/** Positions [x0, y0, x1, y1, …] after one tick of walking toward `targets` (same layout), one cell at most per axis. */
export function stepToward(current: Uint16Array, targets: Uint16Array): Uint16Array<ArrayBuffer> {
  const next = new Uint16Array(current.length);
  for (let i = 0; i < current.length; i++) {
    const at = current[i] ?? 0;
    const to = targets[i] ?? at;
    next[i] = at + Math.sign(to - at);
  }
  return next;
}

/**
 * Where everyone heads: home, or for a pair that is chatting, the cells on either side of their
 * midpoint (the lower id to the left or above), so the two end up next to each other.
 */
export function chatTargets(home: Uint16Array, pairs: readonly (readonly [number, number])[] | null): Uint16Array<ArrayBuffer> {
  const targets = new Uint16Array(home);
  for (const [a, b] of pairs ?? []) {
    const ax = home[a * 2] ?? 0;
    const ay = home[a * 2 + 1] ?? 0;
    const bx = home[b * 2] ?? 0;
    const by = home[b * 2 + 1] ?? 0;
    // Already next to each other: they stay.
    if (Math.max(Math.abs(bx - ax), Math.abs(by - ay)) <= 1) continue;
    const horizontal = Math.abs(bx - ax) >= Math.abs(by - ay);
    const mx = Math.floor((ax + bx) / 2);
    const my = Math.floor((ay + by) / 2);
    // The one nearer the origin along the longer axis takes the midpoint, the other the cell past it.
    const [first, second] = (horizontal ? ax < bx : ay < by) ? [a, b] : [b, a];
    targets[first * 2] = mx;
    targets[first * 2 + 1] = my;
    targets[second * 2] = horizontal ? mx + 1 : mx;
    targets[second * 2 + 1] = horizontal ? my : my + 1;
  }
  return targets;
}
