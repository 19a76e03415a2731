/**
 * One lane of calls drawn on a <canvas>: a thousand bars are a few thousand fillRects, where a
 * thousand DOM elements would cost a layout each update. It redraws only when its props or its
 * width change (panel slices change at ≤ 4 Hz), and the hover tooltip is written straight to the
 * DOM so moving the mouse never renders React.
 */
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { useSandbox } from '../context.ts';
import type { CallBar } from './callLog.ts';
import { axisMetrics, barTop, hitTest, layoutTimeline, SEGMENT_KINDS, timeTicks, visitSegments, xScale, type AxisMetrics, type SegmentKind, type Tick, type TimelineLayout } from './timelineLayout.ts';
import { RectRuns } from './rectRuns.ts';
import { drawLabel } from './labelAtlas.ts';
import { paintCanvas, type PaintContext } from './bitmapCanvas.ts';
import { formatCount } from '../numbers.ts';
import { describeBar, nameOf, summarizeBars } from './timelineText.ts';
import './timeline.css';

export interface TimelineCanvasProps {
  readonly bars: readonly CallBar[];
  /** The time axis, worker clock (ms); labels are relative to t0. */
  readonly t0: number;
  readonly t1: number;
  /** The worker clock of the newest update: where running bars end. */
  readonly now: number;
  /** Calls of the batch still to send: while there are any it runs on (the now line), though every bar has ended. */
  readonly unsent?: number;
  /** Height of the bar area in CSS px; the time axis adds its own strip below (`axisMetrics`). */
  readonly height: number;
  /** What the lane is, for the accessible name ("Batch of 10 calls: 9 succeeded, …"). */
  readonly label: string;
  /** Agent names by id, for the tooltip. */
  readonly names: ReadonlyMap<number, string>;
  /** Rows to make room for when more bars are still to come (the race's size); default: the bars. */
  readonly rows?: number;
  /** The row a bar goes in when calls are grouped (see `LayoutOptions.rowOf`). */
  readonly rowOf?: (bar: CallBar) => number;
  /** Grouped rows' labels, drawn in a gutter on the left while the rows are tall enough to read. */
  readonly rowLabel?: (row: number) => string;
}

/** The gutter for row labels (px), and the least row height whose label can be read. */
const GUTTER_PX = 50;
const LABEL_ROW_PX = 10;

const axisFont = (px: number): string => `${px}px system-ui, -apple-system, "Segoe UI", sans-serif`;

/** Canvas colours come from CSS custom properties (timeline.css), so the legend and bars agree. */
interface Palette {
  readonly kinds: Readonly<Record<SegmentKind, string>>;
  readonly grid: string;
  readonly axis: string;
  readonly now: string;
}

/**
 * The palette per presenter mode (the only thing that changes these properties: `.app.presenter`
 * redefines --muted), read from the first canvas drawn in that mode. Reading computed style at
 * every draw forced a style recalculation of the page while the running lane redrew at 4 Hz,
 * right after React had changed the panels' text: ~1 ms a second with 1,000 agents thinking.
 */
const palettes = new Map<boolean, Palette>();

function paletteFor(element: Element, presenter: boolean): Palette {
  let palette = palettes.get(presenter);
  if (!palette) {
    palette = readPalette(element);
    palettes.set(presenter, palette);
  }
  return palette;
}

function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const get = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    kinds: {
      queued: get('--tl-queued', '#8b97b8'),
      failed: get('--tl-failed', '#ff5c6c'),
      running: get('--tl-running', '#6aa8ff'),
      success: get('--tl-success', '#37f5d0'),
      fallback: get('--tl-fallback', '#ff4fd8'),
    },
    grid: get('--tl-grid', '#1f2a48'),
    axis: get('--tl-axis', '#8b97b8'),
    now: get('--tl-now', '#ffe066'),
  };
}

/** The alpha each kind is painted with. */
function alphaOf(kind: SegmentKind, rowHeight: number): number {
  // On 1-2 px rows the waiting lines fill whole rows; fainter, they stay a backdrop to the calls.
  return kind === 'queued' ? (rowHeight < 3 ? 0.3 : 0.55) : kind === 'failed' ? 0.85 : 1;
}

function drawBars(ctx: PaintContext, layout: TimelineLayout, palette: Palette): void {
  // One path and one fill per colour: thousands of rects cost one rasterisation call each colour,
  // and the bars are walked once, without an object per bar or segment (timelineLayout.ts). Bars
  // sharing a pixel row merge where they overlap before they reach the path (rectRuns.ts).
  const paths = new Map<SegmentKind, { path: Path2D; runs: RectRuns }>(
    SEGMENT_KINDS.map((kind) => {
      const path = new Path2D();
      return [kind, { path, runs: new RectRuns((x, y, w, h) => { path.rect(x, y, w, h); }) }];
    }),
  );
  const h = layout.barHeight;
  // Waiting in line is drawn as a thin line through the middle of the row.
  const qh = Math.max(1, Math.round(h / 3));
  const qy = Math.floor((h - qh) / 2);
  let y = 0;
  const add = (kind: SegmentKind, x0: number, x1: number): void => {
    const runs = paths.get(kind)?.runs;
    if (!runs) return;
    if (kind === 'queued') runs.add(x0, y + qy, Math.max(0.5, x1 - x0), qh);
    // A failed attempt stops 1 px short, so the retry that follows reads as a new attempt.
    else runs.add(x0, y, kind === 'failed' && x1 - x0 > 3 ? x1 - x0 - 1 : Math.max(1, x1 - x0), h);
  };
  for (let i = 0; i < layout.bars.length; i++) {
    const bar = layout.bars[i];
    if (!bar) continue;
    y = barTop(layout, i);
    visitSegments(bar, layout.now, layout.toX, layout.width, add);
  }
  for (const kind of SEGMENT_KINDS) {
    const entry = paths.get(kind);
    if (!entry) continue;
    entry.runs.flush();
    ctx.fillStyle = palette.kinds[kind];
    ctx.globalAlpha = alphaOf(kind, layout.rowHeight);
    ctx.fill(entry.path);
  }
  ctx.globalAlpha = 1;
}

function drawAxis(ctx: PaintContext, ticks: readonly Tick[], width: number, barsHeight: number, palette: Palette, axis: AxisMetrics): void {
  ctx.fillStyle = palette.axis;
  ctx.fillRect(0, barsHeight, width, 1);
  for (const tick of ticks) ctx.fillRect(Math.min(width - 1, tick.x), barsHeight, 1, 4);
  // Each label set once on a canvas outside the document and copied in (labelAtlas.ts).
  const style = { font: axisFont(axis.fontPx), px: axis.fontPx, color: palette.axis };
  // Centred on their ticks, the first and last kept inside the canvas instead of cut at its edges.
  for (const tick of ticks) drawLabel(ctx, tick.label, style, { x: tick.x, y: barsHeight + 5, align: 'center', baseline: 'top', within: width });
}

function drawRowLabels(ctx: PaintContext, layout: TimelineLayout, label: (row: number) => string, gutter: number, palette: Palette): void {
  if (layout.rowHeight < LABEL_ROW_PX) return;
  const px = Math.min(11, layout.rowHeight);
  const style = { font: axisFont(px), px, color: palette.axis };
  for (let row = 0; row < layout.rows; row++) {
    drawLabel(ctx, label(row), style, { x: gutter - 6, y: Math.floor(row * layout.pitch) + layout.rowHeight / 2, align: 'right', baseline: 'middle', maxWidth: gutter - 8 });
  }
}

function drawGrid(ctx: PaintContext, ticks: readonly Tick[], barsHeight: number, palette: Palette): void {
  ctx.fillStyle = palette.grid;
  for (const tick of ticks) ctx.fillRect(Math.round(tick.x), 0, 1, barsHeight);
}

/** Tracks an element's content width; 0 until measured (and while hidden). */
function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // The observer reports the initial size too, on the next frame.
    const observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (box) setWidth(Math.floor(box.width));
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
    };
  }, []);
  return [ref, width];
}

/**
 * Whether the element shows in the viewport (any part of it, inside its scrolling panels).
 * Where IntersectionObserver is missing (jsdom), it counts as shown.
 */
function useOnScreen(ref: RefObject<HTMLElement | null>): boolean {
  const [onScreen, setOnScreen] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    // Reports the first state too, on the next frame.
    const observer = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry) setOnScreen(entry.isIntersecting);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
    };
  }, [ref]);
  return onScreen;
}

function hideTooltip(tip: HTMLDivElement | null): void {
  if (tip) tip.style.display = 'none';
}

/** A lane of calls on a time axis, drawn on a canvas, with a hover tooltip per call; unchanged props skip it. */
export const TimelineCanvas = memo(function TimelineCanvas({ bars, t0, t1, now, unsent = 0, height, label, names, rows = 0, rowOf, rowLabel }: TimelineCanvasProps) {
  const [wrapRef, width] = useWidth();
  // A lane scrolled out of sight is drawn when it comes back, not at every change meanwhile: the
  // lanes below the newest move down a place at every batch and would each be redrawn unseen.
  const onScreen = useOnScreen(wrapRef);
  // Presenter mode is read on a projector: its axis labels are larger (the page's CSS scales the rest).
  const presenter = useSandbox((s) => s.presenter);
  const axis = useMemo(() => axisMetrics(presenter), [presenter]);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const tipRef = useRef<HTMLDivElement | null>(null);
  // Grouped rows get a gutter for their labels while each row is tall enough to label and the
  // lane wide enough to spare it; the bars and the axis are drawn to its right.
  const gutter = rowLabel && rows > 0 && width >= GUTTER_PX * 5 && Math.floor(height / rows) >= LABEL_ROW_PX ? GUTTER_PX : 0;
  const barsWidth = Math.max(0, width - gutter);
  const layout = useMemo(() => layoutTimeline(bars, { t0, t1, now, width: barsWidth, height, rows, ...(rowOf ? { rowOf } : {}) }), [bars, t0, t1, now, barsWidth, height, rows, rowOf]);
  const ticks = useMemo(() => timeTicks(t0, t1, barsWidth, axis.minGapPx), [t0, t1, barsWidth, axis]);
  const summary = useMemo(() => summarizeBars(bars), [bars]);
  const running = unsent > 0 || bars.some((bar) => bar.endedAt === null);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width === 0 || !onScreen) return;
    const palette = paletteFor(canvas, presenter);
    // The backing store is sized for the device pixel ratio, so bars and text stay sharp.
    const dpr = window.devicePixelRatio || 1;
    const cssHeight = height + axis.height;
    paintCanvas(canvas, Math.max(1, Math.round(width * dpr)), Math.max(1, Math.round(cssHeight * dpr)), (ctx) => {
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      if (rowLabel && gutter > 0) drawRowLabels(ctx, layout, rowLabel, gutter, palette);
      ctx.translate(gutter, 0);
      drawGrid(ctx, ticks, height, palette);
      drawBars(ctx, layout, palette);
      if (running) {
        // The present moment, so the class sees which calls are still out.
        const x = xScale(t0, t1, barsWidth)(now);
        ctx.fillStyle = palette.now;
        if (x >= 0 && x <= barsWidth) ctx.fillRect(Math.min(barsWidth - 1, x), 0, 1, height);
      }
      drawAxis(ctx, ticks, barsWidth, height, palette, axis);
    });
  }, [layout, ticks, width, barsWidth, gutter, rowLabel, height, running, t0, t1, now, axis, presenter, onScreen]);

  // A place in the timeline shows another batch when a new one arrives (RequestTimeline.tsx): a
  // tooltip written for the batch before goes with it.
  useEffect(() => {
    hideTooltip(tipRef.current);
  }, [label]);

  const hideTip = (): void => {
    hideTooltip(tipRef.current);
  };
  const onMove = (event: MouseEvent<HTMLCanvasElement>): void => {
    const tip = tipRef.current;
    if (!tip) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    const bar = hitTest(layout, x - gutter, y);
    if (!bar) {
      hideTip();
      return;
    }
    // textContent, never HTML: agent names come from the world and may hold markup.
    tip.textContent = describeBar(bar, nameOf(names, bar.agentId), now).join('\n');
    tip.style.display = 'block';
    tip.style.left = `${x}px`;
    tip.style.top = `${y}px`;
    tip.style.transform = `translate(${x > width / 2 ? 'calc(-100% - 10px)' : '10px'}, ${y > height / 2 ? 'calc(-100% - 6px)' : '6px'})`;
  };

  return (
    <div className="tl-colors timeline-canvas-wrap" ref={wrapRef}>
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={`${label}: ${summary}${unsent > 0 ? `, ${formatCount(unsent)} not sent yet` : ''}`}
        data-bars={bars.length}
        style={{ height: `${height + axis.height}px` }}
        onMouseMove={onMove}
        onMouseLeave={hideTip}
      />
      <div className="timeline-tip" ref={tipRef} role="tooltip" />
    </div>
  );
});
