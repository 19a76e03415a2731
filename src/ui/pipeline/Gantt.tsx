/**
 * The Gantt chart of node times: a row per node, its bar from start to end on one time axis, the
 * critical path's bars outlined, and the axis in seconds. SVG in percentages (≤ 200 rows is a
 * few hundred elements, redrawn at most 4 times a second); each row's times are also written for
 * a screen reader, since the bars are drawn only.
 */
import { useId } from 'react';
import { msText, nodeMs, type SceneNode } from './pipeText.ts';
import { ganttLayout, pct, type GanttRow } from './ganttLayout.ts';

interface GanttProps {
  readonly nodes: readonly SceneNode[];
  readonly criticalPath: readonly string[];
  readonly wallMs: number | null;
}

/** One row's times as a sentence: "patterns: 1.00 s → 2.00 s (1.00 s), done, critical path". */
export function rowText(row: GanttRow, node: SceneNode | undefined): string {
  const times = row.startMs === null ? 'not started' : row.endMs === null ? `from ${msText(row.startMs)}, still running` : `${msText(row.startMs)} → ${msText(row.endMs)} (${msText(node ? nodeMs(node) : null)})`;
  return `${row.id}: ${times}, ${row.status}${row.critical ? ', critical path' : ''}`;
}

function Bar({ row }: { readonly row: GanttRow }) {
  if (row.bar === null) return null;
  const { x0, x1, open } = row.bar;
  return (
    <rect
      className={`gantt-bar status-${row.status}${row.critical ? ' critical' : ''}${open ? ' open' : ''}`}
      data-testid="gantt-bar"
      data-node={row.id}
      x={pct(x0)}
      y="3"
      width={pct(x1 - x0)}
      height="14"
      rx="2"
    />
  );
}

/** The node times on one axis; the critical path's bars are outlined. */
export function Gantt({ nodes, criticalPath, wallMs }: GanttProps) {
  const layout = ganttLayout(nodes, criticalPath, wallMs);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const captionId = useId();
  return (
    <figure className="gantt" data-testid="dag-gantt" aria-labelledby={captionId}>
      <figcaption id={captionId} className="gantt-caption">
        Node times on one axis; <span className="gantt-key critical">outlined</span> bars are the critical path.
      </figcaption>
      <ol className="gantt-rows">
        {layout.rows.map((row) => (
          <li key={row.id} className="gantt-row" data-node={row.id} data-status={row.status}>
            <span className={`gantt-label${row.critical ? ' critical' : ''}`} aria-hidden="true">
              {row.id}
            </span>
            <svg className="gantt-track" aria-hidden="true" focusable="false">
              {layout.ticks.map((tick) => (
                <line key={tick.label} className="gantt-grid" x1={pct(tick.at)} x2={pct(tick.at)} y1="0" y2="100%" />
              ))}
              <Bar row={row} />
            </svg>
            <span className="sr-only">{rowText(row, byId.get(row.id))}</span>
          </li>
        ))}
      </ol>
      <div className="gantt-axis-row" aria-hidden="true">
        <span className="gantt-label" />
        <svg className="gantt-axis" focusable="false">
          {layout.ticks.map((tick, i) => (
            <text key={tick.label} x={pct(tick.at)} y="12" textAnchor={i === 0 ? 'start' : i === layout.ticks.length - 1 ? 'end' : 'middle'}>
              {tick.label}
            </text>
          ))}
        </svg>
      </div>
    </figure>
  );
}
