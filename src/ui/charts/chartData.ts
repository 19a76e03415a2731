/**
 * Pure shaping of the store's classroom slice into what the charts draw. No Chart.js here, so
 * every rule (downsampling, bin edges, the words a screen reader hears) is unit tested in Node.
 */
import type { MetricSample } from '../store.ts';
import { formatCount } from '../numbers.ts';

/** One point of a line: seconds relative to the newest sample (≤ 0) and a value. */
export interface SeriesPoint {
  readonly x: number;
  readonly y: number;
}

/** Calls in the rolling minute and the budget they are measured against. */
export interface CallsSeries {
  readonly calls: SeriesPoint[];
  readonly budget: SeriesPoint[];
}

/** Jobs waiting for a slot and calls the model is answering. */
export interface QueueSeries {
  readonly queued: SeriesPoint[];
  readonly inFlight: SeriesPoint[];
}

/** A histogram: `edges` has one more entry than `counts`; bin i is [edges[i], edges[i+1]). */
export interface Histogram {
  readonly edges: number[];
  readonly labels: string[];
  readonly counts: number[];
}

/** A line drawn from 6,000 samples costs more than the eye gains; ~300 points fill a panel. */
export const MAX_POINTS = 300;
export const DEFAULT_BINS = 12;

/** The smallest of 1, 2, 5 × 10ⁿ that is at least `raw` (and at least `floor`). */
export function niceStep(raw: number, floor = 1): number {
  const wanted = Math.max(raw, floor);
  const power = 10 ** Math.floor(Math.log10(wanted));
  for (const factor of [1, 2, 5, 10]) {
    if (factor * power >= wanted) return factor * power;
  }
  return 10 * power;
}

type Pick = (sample: MetricSample) => number;

/**
 * Per-bucket maximum of each picked value. Buckets are keyed on absolute worker time, not on
 * array position, so a bucket keeps its value while the ten-minute window slides past it (index
 * buckets would re-slice on every shift and make the line shimmer). Max, not mean, because a
 * spike against the budget or a queue burst is exactly what the class should see.
 */
function bucketMax(history: readonly MetricSample[], picks: readonly Pick[], maxPoints: number): SeriesPoint[][] {
  const out: SeriesPoint[][] = picks.map(() => []);
  const newest = history.at(-1);
  const oldest = history[0];
  if (!newest || !oldest) return out;
  const bucketMs = niceStep((newest.t - oldest.t) / Math.max(1, maxPoints));
  let key = Number.NaN;
  let x = 0;
  let maxima: number[] = [];
  const flush = (): void => {
    if (maxima.length === 0) return;
    maxima.forEach((y, i) => out[i]?.push({ x, y }));
  };
  for (const sample of history) {
    const sampleKey = Math.floor(sample.t / bucketMs);
    if (sampleKey !== key) {
      flush();
      key = sampleKey;
      maxima = picks.map((pick) => pick(sample));
    } else {
      maxima = maxima.map((y, i) => Math.max(y, picks[i]?.(sample) ?? y));
    }
    // The bucket sits at its newest sample, so the last point is always at x = 0.
    x = (sample.t - newest.t) / 1000;
  }
  flush();
  return out;
}

/** Calls in the last minute and the budget line, downsampled to at most ~`maxPoints`. */
export function callsPerMinuteSeries(history: readonly MetricSample[], maxPoints = MAX_POINTS): CallsSeries {
  const [calls = [], budget = []] = bucketMax(history, [(s) => s.callsLastMinute, (s) => s.rpmLimit], maxPoints);
  return { calls, budget };
}

/** Queued jobs and calls in flight over time, downsampled like the calls series. */
export function queueDepthSeries(history: readonly MetricSample[], maxPoints = MAX_POINTS): QueueSeries {
  const [queued = [], inFlight = []] = bucketMax(history, [(s) => s.queued, (s) => s.inFlight], maxPoints);
  return { queued, inFlight };
}

/** Latencies in ms counted into about `bins` bins with round edges; empty input gives no bins. */
export function latencyHistogram(latencies: readonly number[], bins = DEFAULT_BINS): Histogram {
  const values = latencies.filter((v) => Number.isFinite(v));
  if (values.length === 0) return { edges: [], labels: [], counts: [] };
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // Whole milliseconds are as fine as anyone reads latency; a 1 ms floor keeps edges integers.
  const range = max > min ? max - min : Math.max(1, Math.abs(min));
  const step = niceStep(range / Math.max(1, bins));
  const start = Math.floor(min / step) * step;
  const count = Math.max(1, Math.floor((max - start) / step) + 1);
  const edges = Array.from({ length: count + 1 }, (_, i) => start + i * step);
  const counts = new Array<number>(count).fill(0);
  for (const v of values) {
    const i = Math.min(count - 1, Math.floor((v - start) / step));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  const labels = counts.map((_, i) => `${fmt(edges[i] ?? 0)}–${fmt(edges[i + 1] ?? 0)}`);
  return { edges, labels, counts };
}

const fmt = (n: number): string => formatCount(Math.round(n));

const plural = (n: number, one: string, many: string): string => `${fmt(n)} ${n === 1 ? one : many}`;

/** The calls chart in words, e.g. "42 calls in the last minute against a budget of 60". */
export function describeCalls(history: readonly MetricSample[], fallbackRpm: number): string {
  const newest = history.at(-1);
  if (!newest) return `No calls yet; the budget is ${plural(fallbackRpm, 'call', 'calls')} a minute`;
  const peak = history.reduce((m, s) => Math.max(m, s.callsLastMinute), 0);
  const over = newest.callsLastMinute >= newest.rpmLimit ? ' (budget reached)' : '';
  return `${plural(newest.callsLastMinute, 'call', 'calls')} in the last minute against a budget of ${fmt(newest.rpmLimit)}${over}; peak ${fmt(peak)}`;
}

/** The histogram in words: how many calls, their median and the busiest bin. */
export function describeLatency(latencies: readonly number[], histogram: Histogram): string {
  const sorted = latencies.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return 'No call latencies yet';
  const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
  let busiest = 0;
  histogram.counts.forEach((c, i) => {
    if (c > (histogram.counts[busiest] ?? 0)) busiest = i;
  });
  const lo = histogram.edges[busiest] ?? 0;
  const hi = histogram.edges[busiest + 1] ?? lo;
  return `Latency of the last ${plural(sorted.length, 'call', 'calls')}: median ${fmt(median)} ms; most took between ${fmt(lo)} and ${fmt(hi)} ms`;
}

/** The queue chart in words, e.g. "3 calls queued and 2 in flight". */
export function describeQueue(history: readonly MetricSample[]): string {
  const newest = history.at(-1);
  if (!newest) return 'Nothing queued yet';
  const peak = history.reduce((m, s) => Math.max(m, s.queued), 0);
  return `${plural(newest.queued, 'call', 'calls')} queued and ${fmt(newest.inFlight)} in flight; peak queue ${fmt(peak)}`;
}

/** Tick spacings a reader counts in without effort: seconds, half minutes, minutes. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600];

/** Tick positions (s, ≤ 0) on whole seconds or minutes between `min` and `max`, at most `most` gaps apart. */
export function timeTicks(min: number, max: number, most = 6): number[] {
  if (!(max > min)) return [max];
  const step = TIME_STEPS.find((s) => (max - min) / s <= most) ?? 60 * niceStep((max - min) / most / 60);
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max; v += step) ticks.push(v === 0 ? 0 : v);
  return ticks;
}

/** Seconds before now as m:ss, e.g. -90 → "-1:30", for the time axis. */
export function formatAgo(seconds: number): string {
  const whole = Math.round(Math.abs(seconds));
  const sign = seconds < 0 && whole > 0 ? '-' : '';
  return `${sign}${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
