/**
 * The belief histogram as a Chart.js bar chart: one dataset per snapshot (the start, then the
 * end of each epoch), side by side in each bin. Module-level, as `useChart` needs stable
 * factories; colours come from the page's theme (charts/chartTheme.ts).
 */
import type { Chart, ChartConfiguration } from 'chart.js';
import { axisStyle, baseOptions, readPalette, withAlpha, type Palette } from '../charts/chartTheme.ts';
import { BIN_LABELS, binRange, type HistogramSnapshot } from './histogramData.ts';

type BarConfig = ChartConfiguration<'bar', number[], string>;
type BarChart = Chart<'bar', number[], string>;

/** The start in the muted colour, then each epoch's end in the theme's accents, in turn. */
function snapshotColor(palette: Palette, epoch: number): string {
  if (epoch === 0) return palette.muted;
  const accents = [palette.accent2, palette.accent, palette.warning];
  return accents[(epoch - 1) % accents.length] ?? palette.accent;
}

/** An empty histogram chart with the page's theme. */
export function createHistogramChart(canvas: HTMLCanvasElement): BarConfig {
  const palette = readPalette(canvas);
  const base = baseOptions(palette, true);
  const style = axisStyle(palette);
  return {
    type: 'bar',
    data: { labels: [...BIN_LABELS], datasets: [] },
    options: {
      ...base,
      plugins: {
        ...base.plugins,
        legend: { ...base.plugins.legend, labels: { ...base.plugins.legend.labels, boxHeight: 8 } },
        tooltip: { ...base.plugins.tooltip, callbacks: { title: (items) => `Belief ${binRange(items[0]?.dataIndex ?? 0)}` } },
      },
      scales: {
        x: { ...style, grid: { display: false }, title: { display: true, text: 'belief (−1 against … +1 for)', color: palette.muted, padding: 0 } },
        y: { beginAtZero: true, ...style, ticks: { ...style.ticks, precision: 0, maxTicksLimit: 5 }, title: { display: true, text: 'personas', color: palette.muted, padding: 0 } },
      },
    },
  };
}

/** Writes a topic's snapshots into the chart made by `createHistogramChart`. */
export function applyHistogram(chart: BarChart, snapshots: readonly HistogramSnapshot[]): void {
  const same = chart.data.datasets.length === snapshots.length && snapshots.every((s, i) => chart.data.datasets[i]?.label === s.label);
  if (same) {
    snapshots.forEach((s, i) => {
      const dataset = chart.data.datasets[i];
      if (dataset) dataset.data = [...s.counts];
    });
    return;
  }
  const palette = readPalette(chart.canvas);
  chart.data.datasets = snapshots.map((s) => {
    const color = snapshotColor(palette, s.epoch);
    return { label: s.label, data: [...s.counts], backgroundColor: withAlpha(color, 0.55), borderColor: color, borderWidth: 1, barPercentage: 0.9, categoryPercentage: 0.85 };
  });
}
