/**
 * Pure geometry of a request timeline: calls as rows of coloured segments on a time axis, in CSS
 * pixels. No DOM here, so the layout is unit-tested and the canvas code only paints rectangles.
 */
import type { CallBar } from './callLog.ts';

/**
 * What a stretch of a call's life was. `failed` spans a failed attempt *and* its backoff up to the
 * next attempt: the worker sends when each attempt left, not when it failed, so the two cannot be
 * told apart; the legend says so.
 */
export type SegmentKind = 'queued' | 'failed' | 'running' | 'success' | 'fallback';

/** Paint order: later kinds are drawn over earlier ones. */
export const SEGMENT_KINDS: readonly SegmentKind[] = ['queued', 'failed', 'running', 'success', 'fallback'];

export interface Segment {
  readonly kind: SegmentKind;
  /** Left and right edge in px, clipped to [0, width]; x1 ≥ x0. */
  readonly x0: number;
  readonly x1: number;
}

/** One bar's place as an object (`geometryOf`, for tests); drawing reads the same numbers without building it. */
export interface BarGeometry {
  readonly bar: CallBar;
  /** The bar's row: its index in dispatch order, or its group's (`LayoutOptions.rowOf`). */
  readonly row: number;
  /** Top edge and height in px; bars share a pixel row when there are more bars than pixels. */
  readonly y: number;
  readonly h: number;
  readonly segments: readonly Segment[];
}

/**
 * Where a lane's bars go: the rows and the time scale, not an object per bar. A running lane of
 * 1,000 calls is laid out again at every panel update, and building its segments as objects
 * made ~7,000 short-lived objects each time; the canvas now walks the bars (`visitSegments`).
 */
export interface TimelineLayout {
  readonly width: number;
  readonly height: number;
  readonly rowHeight: number;
  /** Rows laid out, and the distance between their tops (px; below 1 when rows share pixels). */
  readonly rows: number;
  readonly pitch: number;
  /** Every bar's height (px): the row less a 1 px gap once rows are tall enough to spare it. */
  readonly barHeight: number;
  readonly bars: readonly CallBar[];
  /** Each bar's row when bars are grouped; null when a bar's row is its index. */
  readonly rowIndex: Int32Array | null;
  /** Where running bars end, and the time scale. */
  readonly now: number;
  readonly toX: (t: number) => number;
}

export interface LayoutOptions {
  /** The time range drawn, worker clock (ms). */
  readonly t0: number;
  readonly t1: number;
  /** Where a running bar's last attempt ends for now. */
  readonly now: number;
  /** Size of the bar area in CSS px (the axis is drawn below it, outside this area). */
  readonly width: number;
  readonly height: number;
  /** Rows to make room for (at least the bars'): a lane still filling keeps its row height. */
  readonly rows?: number;
  /**
   * The row a bar goes in, when bars are grouped (a simulation's calls, one after another, along
   * one row); by default each bar has a row of its own, in dispatch order.
   */
  readonly rowOf?: (bar: CallBar) => number;
}

/** The shortest axis drawn, so a batch of instant calls is not stretched to a meaningless scale. */
export const MIN_SPAN_MS = 50;

/** Pixels a pointer may miss a bar by and still hover it: 1 px bars are hard to hit. */
const HIT_SLOP_PX = 3;

/** Lays out bars as rows; rows shrink to fit the height, never below 1 px. */
export function layoutTimeline(bars: readonly CallBar[], options: LayoutOptions): TimelineLayout {
  const { width, height, rowOf } = options;
  let rowIndex: Int32Array | null = null;
  let used = bars.length;
  if (rowOf) {
    rowIndex = new Int32Array(bars.length);
    used = 0;
    for (let i = 0; i < bars.length; i++) {
      const bar = bars[i];
      const row = bar ? Math.max(0, Math.floor(rowOf(bar)) || 0) : 0;
      rowIndex[i] = row;
      used = Math.max(used, row + 1);
    }
  }
  const n = Math.max(used, options.rows ?? 0);
  const rowHeight = n === 0 ? height : Math.max(1, Math.floor(height / n));
  // More bars than pixels: spread them evenly over the height, several to a pixel row.
  const pitch = n * rowHeight <= height ? rowHeight : height / n;
  // A 1 px gap between rows keeps neighbours apart once rows are tall enough to spare it.
  const barHeight = rowHeight >= 4 ? rowHeight - 1 : rowHeight;
  return { width, height, rowHeight, rows: n, pitch, barHeight, bars, rowIndex, now: options.now, toX: xScale(options.t0, options.t1, width) };
}

/** Bar `index`'s row. */
function rowOfBar(layout: TimelineLayout, index: number): number {
  return layout.rowIndex ? (layout.rowIndex[index] ?? 0) : index;
}

/** Bar `index`'s top edge (px). */
export function barTop(layout: TimelineLayout, index: number): number {
  return Math.floor(rowOfBar(layout, index) * layout.pitch);
}

/** Bar `index`'s place and segments as objects (allocates: for tests, not for drawing). */
export function geometryOf(layout: TimelineLayout, index: number): BarGeometry | undefined {
  const bar = layout.bars[index];
  if (!bar) return undefined;
  return { bar, row: rowOfBar(layout, index), y: barTop(layout, index), h: layout.barHeight, segments: segmentsOf(bar, layout.now, layout.toX, layout.width) };
}

/**
 * Maps a time (ms) to a whole pixel column over [t0, t1]. Whole, so bar edges are crisp and the
 * numbers stay small integers: a fractional column was a boxed double at every call through the
 * drawing path (~2 MB of garbage per 5 s with 1,000 agents thinking, in Chromium's heap sampler).
 */
export function xScale(t0: number, t1: number, width: number): (t: number) => number {
  const span = t1 > t0 ? t1 - t0 : 1;
  return (t) => Math.round(((t - t0) / span) * width);
}

/** Told each segment of a bar in order, as numbers (no object per segment). */
export type SegmentVisitor = (kind: SegmentKind, x0: number, x1: number) => void;

/**
 * A call's segments, in order: queued, one per attempt (failed ones red), the last one coloured
 * by outcome; each clipped to [0, width], and left out when it lies outside.
 */
export function visitSegments(bar: CallBar, now: number, toX: (t: number) => number, width: number, visit: SegmentVisitor): void {
  const starts = bar.attemptStarts;
  const lastStart = starts[starts.length - 1];
  // `now` may trail an attempt that left after the newest tick; never draw a bar backwards.
  const end = Math.max(bar.endedAt ?? now, lastStart ?? bar.enqueuedAt);
  clipped(visit, 'queued', toX(bar.enqueuedAt), toX(starts[0] ?? end), width);
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i] ?? end;
    const next = starts[i + 1];
    if (next === undefined) clipped(visit, finalKind(bar), toX(start), toX(end), width);
    else clipped(visit, 'failed', toX(start), toX(next), width);
  }
  // A call settled without ever being sent (live calls switched off) still shows how it ended.
  if (starts.length === 0 && bar.outcome !== 'running') clipped(visit, finalKind(bar), toX(end), toX(end), width);
}

/** Visits [from, to] (px) clipped to [0, width], unless nothing of it is inside. */
function clipped(visit: SegmentVisitor, kind: SegmentKind, from: number, to: number, width: number): void {
  const x0 = Math.max(0, from);
  const x1 = Math.min(width, to);
  if (x1 >= x0) visit(kind, x0, x1);
}

/** A call's segments as objects (see `visitSegments`). */
function segmentsOf(bar: CallBar, now: number, toX: (t: number) => number, width: number): Segment[] {
  const segments: Segment[] = [];
  visitSegments(bar, now, toX, width, (kind, x0, x1) => segments.push({ kind, x0, x1 }));
  return segments;
}

function finalKind(bar: CallBar): SegmentKind {
  return bar.outcome === 'success' ? 'success' : bar.outcome === 'fallback' ? 'fallback' : 'running';
}

/** The bar under a point of the bar area (px), or null; with several in a pixel row, the nearest. */
export function hitTest(layout: TimelineLayout, x: number, y: number): CallBar | null {
  let best: CallBar | null = null;
  let bestDistance = Infinity;
  let left = Infinity;
  let right = -Infinity;
  const extent: SegmentVisitor = (_kind, x0, x1) => {
    left = Math.min(left, x0);
    right = Math.max(right, x1);
  };
  const h = Math.max(1, layout.barHeight);
  for (let i = 0; i < layout.bars.length; i++) {
    const bar = layout.bars[i];
    const top = barTop(layout, i);
    if (!bar || y < top || y >= top + h) continue;
    left = Infinity;
    right = -Infinity;
    visitSegments(bar, layout.now, layout.toX, layout.width, extent);
    if (left > right) continue;
    const distance = x < left ? left - x : x > right ? x - right : 0;
    // `<=`: later bars are painted on top, so a tie goes to the one the user sees.
    if (distance <= HIT_SLOP_PX && distance <= bestDistance) {
      best = bar;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The end of the time axis for some lanes: the last end (or now, while any runs) plus a margin.
 * Indexed loops here and in laneWallMs, as in timelineText.ts's per-lane figures.
 */
export function axisEnd(t0: number, now: number, lanes: readonly (readonly CallBar[])[], running = false): number {
  let end = t0;
  let anyRunning = running;
  for (const bars of lanes) {
    for (let i = 0; i < bars.length; i++) {
      const endedAt = bars[i]?.endedAt;
      if (endedAt === null) anyRunning = true;
      else if (endedAt !== undefined) end = Math.max(end, endedAt);
    }
  }
  if (anyRunning) end = Math.max(end, now);
  // A little room on the right so the last bar's end is not flush with the edge.
  return t0 + Math.max(MIN_SPAN_MS, end - t0) * 1.04;
}

/** The wall time of a lane from t0 to its last end, or null while any of its calls runs. */
export function laneWallMs(t0: number, bars: readonly CallBar[]): number | null {
  let end = t0;
  for (let i = 0; i < bars.length; i++) {
    const endedAt = bars[i]?.endedAt;
    if (endedAt === null) return null;
    if (endedAt !== undefined) end = Math.max(end, endedAt);
  }
  return bars.length === 0 ? null : end - t0;
}

/** Bar-area height (CSS px) for n bars: whole rows of up to `rowPx` each, within [min, max]. */
export function barAreaHeight(n: number, rowPx = 10, min = 24, max = 160): number {
  // A whole number of px per row, so no strip is left empty under the last row.
  const row = n === 0 ? rowPx : Math.min(rowPx, Math.max(1, Math.floor(max / n)));
  return Math.max(min, Math.min(max, n * row));
}

/** The time axis under a lane, in CSS px: its label size, the strip it takes, the label spacing. */
export interface AxisMetrics {
  readonly fontPx: number;
  readonly height: number;
  readonly minGapPx: number;
}

/**
 * The axis for the page (11 px labels) or for presenter mode, which is read from across a room
 * on a projector: larger labels, a taller strip for them and wider spacing so they never touch.
 */
export function axisMetrics(presenter: boolean): AxisMetrics {
  const fontPx = presenter ? 16 : 11;
  return { fontPx, height: fontPx + 7, minGapPx: Math.round((70 * fontPx) / 11) };
}

export interface Tick {
  readonly x: number;
  readonly label: string;
}

/** Round time ticks over [t0, t1] at least `minGapPx` apart, labelled relative to t0. */
export function timeTicks(t0: number, t1: number, width: number, minGapPx = 70): Tick[] {
  const span = t1 - t0;
  if (span <= 0 || width <= 0) return [];
  const count = Math.max(1, Math.floor(width / minGapPx));
  const step = niceStep(span / count);
  const toX = xScale(t0, t1, width);
  const seconds = span >= 2_000;
  const decimals = seconds ? Math.max(0, Math.ceil(-Math.log10(step / 1_000) - 1e-9)) : 0;
  const ticks: Tick[] = [];
  for (let k = 0; k * step <= span + 1e-9; k++) {
    const ms = k * step;
    ticks.push({ x: toX(t0 + ms), label: seconds ? `${(ms / 1_000).toFixed(decimals)} s` : `${Math.round(ms)} ms` });
  }
  return ticks;
}

/** The smallest of 1, 2 or 5 × 10^k (and at least 1 ms) that is ≥ raw. */
export function niceStep(raw: number): number {
  if (raw <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw - 1e-9) return m * power;
  return 10 * power;
}
