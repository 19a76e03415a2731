import { cellIndex } from './grid.ts';
import type { Grid, WorldState } from './types.ts';

/**
 * Lookup tables derived from a state or grid, built once and cached by object identity. States
 * and grids are never mutated, so a cached table stays valid for as long as its key lives; this
 * lets 10,000 perceptions on one tick share one occupancy grid instead of scanning every agent.
 */

const occupancyCache = new WeakMap<WorldState, Int32Array>();
const needsCache = new WeakMap<Grid, Uint8Array>();

/** Bit set in `needsMaskOf` for a cell on or next to food. */
export const NEAR_FOOD = 1;
/** Bit set in `needsMaskOf` for a cell on or next to water. */
export const NEAR_WATER = 2;

/** Cell → id of the agent standing there, or -1. Shared and read-only: copy before changing. */
export function occupancyOf(state: WorldState): Int32Array {
  const cached = occupancyCache.get(state);
  if (cached) return cached;
  const occupancy = new Int32Array(state.grid.width * state.grid.height).fill(-1);
  for (const agent of state.agents) occupancy[cellIndex(state.grid, agent.x, agent.y)] = agent.id;
  occupancyCache.set(state, occupancy);
  return occupancy;
}

/** Records an occupancy table already computed for a state (step builds it while moving). */
export function rememberOccupancy(state: WorldState, occupancy: Int32Array): void {
  occupancyCache.set(state, occupancy);
}

/** Cell → NEAR_FOOD | NEAR_WATER bits for cells within one step (Chebyshev 1) of those POIs. */
export function needsMaskOf(grid: Grid): Uint8Array {
  const cached = needsCache.get(grid);
  if (cached) return cached;
  const mask = new Uint8Array(grid.width * grid.height);
  for (const poi of grid.pois) {
    const bit = poi.kind === 'food' ? NEAR_FOOD : poi.kind === 'water' ? NEAR_WATER : 0;
    if (bit === 0) continue;
    for (let y = Math.max(0, poi.y - 1); y <= Math.min(grid.height - 1, poi.y + 1); y++) {
      for (let x = Math.max(0, poi.x - 1); x <= Math.min(grid.width - 1, poi.x + 1); x++) {
        const i = cellIndex(grid, x, y);
        mask[i] = (mask[i] ?? 0) | bit;
      }
    }
  }
  needsCache.set(grid, mask);
  return mask;
}
