/**
 * A game master turn as a network panel's waterfall: each assessment a bar on one time axis
 * (ms from the action), the turn's own bars first, its background lane after them, with the
 * deadline, the first words and the reply marked. Percentages of the axis, so the view is plain
 * HTML that follows its column's width. Pure, so the geometry is tested without a browser.
 */
import type { TurnRecordWire } from '../../protocol/gamemasterScene.ts';

type Bar = TurnRecordWire['bars'][number];

export interface WaterfallRow {
  /** Unique within the turn (a name may repeat across lanes). */
  readonly key: string;
  readonly name: string;
  readonly lane: Bar['lane'];
  readonly source: Bar['source'];
  readonly startMs: number;
  /** Null while the call is still on its way. */
  readonly endMs: number | null;
  /** Where the bar starts and how wide it is, in % of the axis. */
  readonly left: number;
  readonly width: number;
  /** Still on its way: drawn to the reply (a turn's bar that fell back) or to the axis end (background). */
  readonly open: boolean;
  /** The model answered after the reply was composed. */
  readonly late: boolean;
}

export interface Marker {
  readonly ms: number;
  /** Position in % of the axis. */
  readonly at: number;
}

export interface WaterfallLayout {
  /** The axis runs from 0 to `maxMs`, a round number. */
  readonly maxMs: number;
  readonly ticks: readonly Marker[];
  /** Null when the turn was played one at a time (no deadline). */
  readonly deadline: Marker | null;
  readonly reply: Marker;
  readonly firstWords: Marker;
  readonly interactive: readonly WaterfallRow[];
  readonly background: readonly WaterfallRow[];
}

/** A bar this thin still shows (a cache hit takes 0 ms). */
export const MIN_WIDTH = 0.6;
const STEPS = [1, 2, 2.5, 5] as const;

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ that is at least `raw` (a tick spacing people read easily). */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const step of STEPS) if (step * power >= raw - 1e-9) return step * power;
  return 10 * power;
}

/** The axis for times up to `ms`: 4 or 5 round ticks, the last at or past `ms` (at least 100 ms). */
export function axisOf(ms: number): { maxMs: number; stepMs: number } {
  const top = Math.max(100, Number.isFinite(ms) ? ms : 0);
  const stepMs = niceStep(top / 5);
  return { maxMs: Math.ceil(top / stepMs - 1e-9) * stepMs, stepMs };
}

const pct = (ms: number, maxMs: number): number => Math.round(Math.min(100, Math.max(0, (ms / maxMs) * 100)) * 100) / 100;

/** The furthest time the turn shows: the deadline, the reply and every bar's end (or start, while open). */
export function lastMs(turn: TurnRecordWire): number {
  let top = Math.max(turn.deadlineMs ?? 0, turn.responseMs, turn.firstWordsMs);
  for (const bar of turn.bars) top = Math.max(top, bar.endMs ?? bar.startMs);
  return top;
}

function rowOf(bar: Bar, index: number, turn: TurnRecordWire, maxMs: number): WaterfallRow {
  const open = bar.endMs === null;
  // An open interactive bar fell back at the reply; an open background job is still running.
  const end = bar.endMs ?? (bar.lane === 'interactive' ? Math.max(turn.responseMs, bar.startMs) : maxMs);
  const left = Math.min(pct(bar.startMs, maxMs), 100 - MIN_WIDTH);
  const width = Math.min(Math.max(MIN_WIDTH, pct(end, maxMs) - left), 100 - left);
  return {
    key: `${bar.lane}:${bar.name}:${index}`,
    name: bar.name,
    lane: bar.lane,
    source: bar.source,
    startMs: bar.startMs,
    endMs: bar.endMs,
    left,
    width: Math.round(width * 100) / 100,
    open,
    late: bar.late,
  };
}

/** The waterfall of one turn; the axis max is max(deadline, reply, last end) rounded up. */
export function waterfallLayout(turn: TurnRecordWire): WaterfallLayout {
  const { maxMs, stepMs } = axisOf(lastMs(turn));
  const ticks: Marker[] = [];
  for (let ms = 0; ms <= maxMs + 1e-9; ms += stepMs) ticks.push({ ms, at: pct(ms, maxMs) });
  const rows = turn.bars.map((bar, index) => rowOf(bar, index, turn, maxMs));
  return {
    maxMs,
    ticks,
    deadline: turn.deadlineMs === null ? null : { ms: turn.deadlineMs, at: pct(turn.deadlineMs, maxMs) },
    reply: { ms: turn.responseMs, at: pct(turn.responseMs, maxMs) },
    firstWords: { ms: turn.firstWordsMs, at: pct(turn.firstWordsMs, maxMs) },
    interactive: rows.filter((row) => row.lane === 'interactive'),
    background: rows.filter((row) => row.lane === 'background'),
  };
}
