/**
 * Chart.js registration and the dark theme. Only the pieces the three charts use are
 * registered, so the bundle carries no pie, radar or time-scale code.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, BarController, BarElement, CategoryScale, Filler, Tooltip, Legend);

/** Colours the charts draw with; canvas cannot use CSS variables, so they are read once. */
export interface Palette {
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly accent: string;
  readonly accent2: string;
  readonly warning: string;
  readonly panel: string;
}

/** styles.css values, used when the page has no stylesheet (tests, a bare embed). */
const FALLBACK: Palette = {
  text: '#e6ecff',
  muted: '#8b97b8',
  grid: '#1f2a48',
  accent: '#37f5d0',
  accent2: '#ff4fd8',
  warning: '#ffc14d',
  panel: '#121a30',
};

/** The theme from styles.css's custom properties, so the charts follow any change to them. */
export function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--text', FALLBACK.text),
    muted: read('--muted', FALLBACK.muted),
    grid: read('--panel-edge', FALLBACK.grid),
    accent: read('--accent', FALLBACK.accent),
    accent2: read('--accent-2', FALLBACK.accent2),
    warning: read('--warning', FALLBACK.warning),
    panel: read('--panel', FALLBACK.panel),
  };
}

/** A `#rrggbb` colour at the given opacity, for fills under a line. */
export function withAlpha(hex: string, alpha: number): string {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match?.[1]) return hex;
  const n = Number.parseInt(match[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/**
 * Options every chart shares. Animation is off because data arrives four times a second and
 * an animation per update would keep the canvas redrawing at frame rate.
 */
export function baseOptions(palette: Palette, showLegend: boolean) {
  return {
    animation: false as const,
    responsive: true,
    maintainAspectRatio: false,
    color: palette.muted,
    font: { size: 11 },
    interaction: { mode: 'index' as const, intersect: false },
    plugins: {
      legend: { display: showLegend, position: 'top' as const, align: 'end' as const, labels: { color: palette.muted, boxWidth: 12, boxHeight: 2, padding: 8 } },
      tooltip: { backgroundColor: palette.panel, borderColor: palette.grid, borderWidth: 1, titleColor: palette.text, bodyColor: palette.text },
    },
  };
}

/** Axis styling shared by every scale: muted ticks on faint grid lines. */
export function axisStyle(palette: Palette) {
  return {
    grid: { color: palette.grid },
    border: { color: palette.grid },
    ticks: { color: palette.muted, maxRotation: 0 },
  };
}
