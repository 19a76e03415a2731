/**
 * World units: one grid cell is CELL world units wide, so every view agrees on where a cell is
 * and the camera's scale alone decides how big it looks on screen.
 */
export const CELL = 16;

/** The world-space centre of a cell coordinate (fractional while an agent walks between cells). */
export function cellCentre(cell: number): number {
  return cell * CELL + CELL / 2;
}

/** An agent's dot radius in world units (0.8 of a cell across). */
export const DOT_RADIUS = CELL * 0.4;
