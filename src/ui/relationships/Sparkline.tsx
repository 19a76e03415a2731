import { pointsAttr, sparkPoints, START_COMMITMENT } from './sparkline.ts';
import { scoreText } from './simText.ts';

interface SparklineProps {
  readonly commitment: readonly number[];
  readonly scenes: number;
  /** The drawing's own units; the card stretches it to its width, the transcript keeps its shape. */
  readonly width: number;
  readonly height: number;
  /** A dot and a score per scene (the transcript's larger line); the card's line is bare. */
  readonly detailed?: boolean;
}

/** The words a screen reader gets for a sparkline. */
function sparkLabel(commitment: readonly number[]): string {
  return commitment.length === 0 ? 'Commitment: no scene scored yet' : `Commitment by scene, from ${scoreText(START_COMMITMENT)}: ${commitment.map(scoreText).join(', ')}`;
}

/** A commitment sparkline: inline SVG, a dashed line at 0.5 where every pair starts. */
export function Sparkline({ commitment, scenes, width, height, detailed = false }: SparklineProps) {
  const points = sparkPoints(commitment, scenes, width, height);
  const mid = (1 - START_COMMITMENT) * height;
  // The card's line stretches to its box (preserveAspectRatio none), so its stroke must not scale.
  return (
    <svg
      className={detailed ? 'sim-spark sim-spark-detailed' : 'sim-spark'}
      viewBox={`-3 -3 ${width + 6} ${height + 6}`}
      preserveAspectRatio={detailed ? 'xMidYMid meet' : 'none'}
      role="img"
      aria-label={sparkLabel(commitment)}
      data-points={pointsAttr(points)}
    >
      <line className="sim-spark-mid" x1={0} x2={width} y1={mid} y2={mid} vectorEffect="non-scaling-stroke" />
      {detailed ? (
        <>
          <line className="sim-spark-edge" x1={0} x2={width} y1={0} y2={0} vectorEffect="non-scaling-stroke" />
          <line className="sim-spark-edge" x1={0} x2={width} y1={height} y2={height} vectorEffect="non-scaling-stroke" />
        </>
      ) : null}
      <polyline className="sim-spark-line" points={pointsAttr(points)} vectorEffect="non-scaling-stroke" />
      {detailed ? points.slice(1).map((p, i) => <circle key={i} className="sim-spark-dot" cx={p.x} cy={p.y} r={3} />) : null}
    </svg>
  );
}
