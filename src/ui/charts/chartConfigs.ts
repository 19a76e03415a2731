/**
 * The three classroom charts as Chart.js configurations plus the functions that write fresh
 * series into them. Module-level on purpose: `useChart` needs stable factories.
 */
import type { Chart, ChartConfiguration, Scale, TooltipItem } from 'chart.js';
import { axisStyle, baseOptions, readPalette, withAlpha, type Palette } from './chartTheme.ts';
import { formatAgo, timeTicks, type CallsSeries, type Histogram, type QueueSeries, type SeriesPoint } from './chartData.ts';

type LineConfig = ChartConfiguration<'line', SeriesPoint[]>;
type LineChart = Chart<'line', SeriesPoint[]>;
type BarConfig = ChartConfiguration<'bar', number[], string>;
type BarChart = Chart<'bar', number[], string>;

/** Lines carry no point dots: hundreds of circles at 4 Hz are noise, and the tooltip finds values. */
const LINE = { pointRadius: 0, pointHoverRadius: 3, borderWidth: 2, tension: 0 } as const;

/** A time axis in m:ss before the newest sample, always showing at least the last minute. */
function timeAxis(palette: Palette) {
  const style = axisStyle(palette);
  return {
    type: 'linear' as const,
    max: 0,
    suggestedMin: -60,
    ...style,
    // Chart.js would space ticks by 100 s ("-8:20"); minutes and half minutes read better.
    afterBuildTicks: (axis: Scale) => {
      axis.ticks = timeTicks(axis.min, axis.max).map((value) => ({ value }));
    },
    ticks: { ...style.ticks, callback: (value: number | string) => formatAgo(Number(value)) },
  };
}

/** A count axis from zero in whole numbers. */
function countAxis(palette: Palette) {
  const style = axisStyle(palette);
  return {
    beginAtZero: true,
    ...style,
    ticks: { ...style.ticks, precision: 0, maxTicksLimit: 5 },
  };
}

/** Tooltips on the time charts title the point by how long ago it was. */
const agoTitle = (items: TooltipItem<'line'>[]): string => {
  const x = items[0]?.parsed.x;
  return x === undefined || x === null ? '' : `${formatAgo(x)} ago`;
};

/** Line options shared by the calls and queue charts. */
function lineOptions(palette: Palette): NonNullable<LineConfig['options']> {
  const base = baseOptions(palette, true);
  return {
    ...base,
    // Points arrive as sorted {x, y} objects, so Chart.js may skip parsing and sorting them.
    parsing: false,
    normalized: true,
    plugins: { ...base.plugins, tooltip: { ...base.plugins.tooltip, callbacks: { title: agoTitle } } },
    scales: { x: timeAxis(palette), y: countAxis(palette) },
  };
}

/** Calls in the last minute (filled line) against the budget (dashed line). */
export function createCallsChart(canvas: HTMLCanvasElement): LineConfig {
  const palette = readPalette(canvas);
  return {
    type: 'line',
    data: {
      datasets: [
        { label: 'Calls in the last minute', data: [], borderColor: palette.accent, backgroundColor: withAlpha(palette.accent, 0.15), fill: 'origin', ...LINE },
        { label: 'Budget (requests / minute)', data: [], borderColor: palette.warning, borderDash: [6, 4], fill: false, ...LINE, borderWidth: 1.5 },
      ],
    },
    options: lineOptions(palette),
  };
}

/** Writes a calls series into the chart made by `createCallsChart`. */
export function applyCalls(chart: LineChart, series: CallsSeries): void {
  const [calls, budget] = chart.data.datasets;
  if (calls) calls.data = series.calls;
  if (budget) budget.data = series.budget;
}

/** Queued jobs (filled) and calls in flight over time. */
export function createQueueChart(canvas: HTMLCanvasElement): LineConfig {
  const palette = readPalette(canvas);
  return {
    type: 'line',
    data: {
      datasets: [
        { label: 'Queued', data: [], borderColor: palette.accent2, backgroundColor: withAlpha(palette.accent2, 0.15), fill: 'origin', stepped: true, ...LINE },
        { label: 'In flight', data: [], borderColor: palette.accent, fill: false, stepped: true, ...LINE, borderWidth: 1.5 },
      ],
    },
    options: lineOptions(palette),
  };
}

/** Writes a queue series into the chart made by `createQueueChart`. */
export function applyQueue(chart: LineChart, series: QueueSeries): void {
  const [queued, inFlight] = chart.data.datasets;
  if (queued) queued.data = series.queued;
  if (inFlight) inFlight.data = series.inFlight;
}

/** Calls per latency bin, drawn as touching bars like a textbook histogram. */
export function createLatencyChart(canvas: HTMLCanvasElement): BarConfig {
  const palette = readPalette(canvas);
  const base = baseOptions(palette, false);
  const xStyle = axisStyle(palette);
  return {
    type: 'bar',
    data: {
      labels: [],
      datasets: [
        { label: 'Calls', data: [], backgroundColor: withAlpha(palette.accent2, 0.6), borderColor: palette.accent2, borderWidth: 1, barPercentage: 1, categoryPercentage: 1 },
      ],
    },
    options: {
      ...base,
      plugins: {
        ...base.plugins,
        tooltip: { ...base.plugins.tooltip, callbacks: { title: (items) => `${items[0]?.label ?? ''} ms` } },
      },
      scales: {
        x: { ...xStyle, grid: { display: false }, ticks: { ...xStyle.ticks, autoSkip: true, maxTicksLimit: 6 }, title: { display: true, text: 'ms', color: palette.muted, padding: 0 } },
        y: countAxis(palette),
      },
    },
  };
}

/** Writes a histogram into the chart made by `createLatencyChart`. */
export function applyLatency(chart: BarChart, histogram: Histogram): void {
  chart.data.labels = histogram.labels;
  const [bars] = chart.data.datasets;
  if (bars) bars.data = histogram.counts;
}
