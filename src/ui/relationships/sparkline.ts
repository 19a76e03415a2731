/**
 * The geometry of a commitment sparkline: one point per scene on a 0–1 axis, starting from 0.5
 * (where a pair stands before its first scene is scored). Pure, so the points are tested.
 */

/** Where a pair's commitment stands before its first scene. */
export const START_COMMITMENT = 0.5;

export interface SparkPoint {
  readonly x: number;
  readonly y: number;
}

/**
 * The sparkline's points in a width × height box: x from 0 (before scene 1) to the width (after
 * the last scene), y from the bottom (0) to the top (1). Scores outside 0–1 are drawn at the edge.
 */
export function sparkPoints(commitment: readonly number[], scenes: number, width: number, height: number): SparkPoint[] {
  // The axis spans every planned scene, so a run in progress fills its line from the left.
  const span = Math.max(1, scenes, commitment.length);
  const y = (score: number): number => {
    const clamped = Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : START_COMMITMENT;
    return round((1 - clamped) * height);
  };
  const points: SparkPoint[] = [{ x: 0, y: y(START_COMMITMENT) }];
  commitment.forEach((score, index) => {
    points.push({ x: round(((index + 1) / span) * width), y: y(score) });
  });
  return points;
}

/** Points as an SVG polyline's `points` attribute. */
export function pointsAttr(points: readonly SparkPoint[]): string {
  return points.map((p) => `${p.x},${p.y}`).join(' ');
}

const round = (n: number): number => Math.round(n * 100) / 100;
