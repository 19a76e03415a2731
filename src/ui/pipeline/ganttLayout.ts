/**
 * The Gantt chart's geometry: a row per node, its bar from start to end on one time axis shared
 * by every row, and the axis's ticks in seconds. Positions are fractions of the axis (0 to 1), so
 * the chart is drawn in percentages and stays crisp at any width. A running bar reaches the
 * latest time the run has shown (the scene carries no clock) and is drawn open on the right.
 */
import { niceStep } from '../timeline/timelineLayout.ts';
import type { SceneNode } from './pipeText.ts';

/** The axis never spans less than this, so a run's first instants are not drawn a screen wide. */
const MIN_SPAN_MS = 1_000;
/** A bar is at least this wide (a fraction of the axis), so an instant step still shows. */
const MIN_BAR = 0.004;
/** About how many intervals the axis is cut into. */
const TICK_INTERVALS = 4;

export interface GanttBar {
  /** Start and end as fractions of the axis. */
  readonly x0: number;
  readonly x1: number;
  /** Still running: the end is the latest time seen, not the node's end. */
  readonly open: boolean;
}

export interface GanttRow {
  readonly id: string;
  readonly status: SceneNode['status'];
  readonly critical: boolean;
  /** Null until the node has started. */
  readonly bar: GanttBar | null;
  readonly startMs: number | null;
  readonly endMs: number | null;
}

export interface GanttTick {
  /** Where on the axis, as a fraction. */
  readonly at: number;
  readonly label: string;
}

export interface GanttLayout {
  readonly spanMs: number;
  readonly rows: readonly GanttRow[];
  readonly ticks: readonly GanttTick[];
}

/** The latest moment the run has shown: its wall time, or the newest start or end of any node. */
export function latestMs(nodes: readonly SceneNode[], wallMs: number | null): number {
  let latest = wallMs ?? 0;
  for (const node of nodes) latest = Math.max(latest, node.startMs ?? 0, node.endMs ?? 0);
  return latest;
}

/** Ticks every round step from 0 to the span, labelled in seconds with as few decimals as they need. */
export function ganttTicks(spanMs: number, step: number): GanttTick[] {
  if (spanMs <= 0 || step <= 0) return [];
  const decimals = step >= 1_000 ? 0 : step >= 100 ? 1 : 2;
  const ticks: GanttTick[] = [];
  for (let k = 0; k * step <= spanMs + 1e-9; k++) {
    ticks.push({ at: (k * step) / spanMs, label: `${((k * step) / 1_000).toFixed(decimals)} s` });
  }
  return ticks;
}

/** The chart: rows in the scene's order, the axis a whole number of round steps long. */
export function ganttLayout(nodes: readonly SceneNode[], criticalPath: readonly string[], wallMs: number | null): GanttLayout {
  const latest = latestMs(nodes, wallMs);
  const step = niceStep(Math.max(MIN_SPAN_MS, latest) / TICK_INTERVALS);
  const spanMs = Math.max(step, Math.ceil(latest / step - 1e-9) * step, MIN_SPAN_MS);
  const critical = new Set(criticalPath);
  const rows = nodes.map((node): GanttRow => {
    const base = { id: node.id, status: node.status, critical: critical.has(node.id), startMs: node.startMs, endMs: node.endMs };
    if (node.startMs === null) return { ...base, bar: null };
    const open = node.endMs === null;
    const end = open ? Math.max(latest, node.startMs) : Math.max(node.endMs ?? node.startMs, node.startMs);
    const x0 = Math.min(1, node.startMs / spanMs);
    const x1 = Math.min(1, Math.max(x0 + MIN_BAR, end / spanMs));
    return { ...base, bar: { x0, x1, open } };
  });
  return { spanMs, rows, ticks: ganttTicks(spanMs, step) };
}

/** A fraction of the axis as an SVG percentage ("37.5%"), rounded so the markup stays short. */
export function pct(fraction: number): string {
  return `${Math.round(fraction * 100_000) / 1_000}%`;
}
