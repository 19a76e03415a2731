/**
 * Calls as bars on a time axis, grouped by batch: what the request timeline and the race draw.
 * A call appears when its first attempt leaves (running), gains an attempt per retry, and ends
 * with its summary (succeeded or fell back). Times are the worker's clock, in ms.
 */
import type { CallStart, CallSummary } from '../../protocol/protocol.ts';
import { SettledCalls } from './settledCalls.ts';

/** Settled calls kept for export: exactly the newest this many (the export panel says so). */
export const SETTLED_CAP = 100_000;

export type BarOutcome = 'running' | 'success' | 'fallback';

export interface CallBar {
  readonly id: number;
  readonly agentId: number;
  readonly enqueuedAt: number;
  /** When each attempt left; the gaps between an attempt's end and the next start are backoff. */
  readonly attemptStarts: readonly number[];
  /** Null while running. */
  readonly endedAt: number | null;
  /**
   * Once settled, the attempts' own time, backoff waits left out (`CallRecord.callMs`): what the
   * call costs one at a time. Absent while it runs.
   */
  readonly callMs?: number;
  readonly outcome: BarOutcome;
  /** The last failure's kind, when there was one (also on a success after retries). */
  readonly errorKind: string | null;
}

export interface BatchLane {
  readonly id: string;
  /** The earliest enqueue time among its calls. */
  readonly startedAt: number;
  /** In order of enqueue, then id: the order the scheduler dispatches in. */
  readonly bars: readonly CallBar[];
}

/** One batch's bars by call id, and its sorted view while nothing in it changes. */
interface LaneEntry {
  readonly bars: Map<number, CallBar>;
  view: BatchLane | null;
}

/** Dispatch order: by enqueue time, then id. */
const byDispatch = (a: CallBar, b: CallBar): number => a.enqueuedAt - b.enqueuedAt || a.id - b.id;

function inDispatchOrder(bars: readonly CallBar[]): boolean {
  for (let i = 1; i < bars.length; i++) {
    const a = bars[i - 1] as CallBar;
    const b = bars[i] as CallBar;
    if (a.enqueuedAt > b.enqueuedAt || (a.enqueuedAt === b.enqueuedAt && a.id > b.id)) return false;
  }
  return true;
}

/**
 * Keeps the bars of the newest `maxBatches` batches, and the newest `maxSettled` settled calls for
 * export. A lane's view is rebuilt only when one of its own calls changed: a finished batch of
 * 10,000 keeps the same object (and the timeline skips redrawing it) while a new batch runs.
 */
export class CallLog {
  private readonly lanes = new Map<string, LaneEntry>();
  /** As columns (settledCalls.ts): a thousand summary objects a second kept alive cost the page's collector dearly. */
  private readonly settled: SettledCalls;
  private version = 0;
  private cached: { version: number; lanes: BatchLane[] } = { version: -1, lanes: [] };

  constructor(
    private readonly maxBatches = 5,
    maxSettled = SETTLED_CAP,
  ) {
    this.settled = new SettledCalls(maxSettled);
  }

  /** Adds attempts that left and calls that settled since the last tick. */
  ingest(started: readonly CallStart[], calls: readonly CallSummary[]): void {
    if (started.length === 0 && calls.length === 0) return;
    this.version++;
    // Indexed loops: this runs a few times a second, too rarely for V8 to optimise, and a for-of
    // there made an iterator result per call (~1 MB of garbage per 5 s at 1,000 calls a second).
    for (let i = 0; i < started.length; i++) {
      const start = started[i];
      if (!start) continue;
      const lane = this.touch(start.batch ?? 'other');
      const bar = lane.get(start.id);
      const attemptStarts = bar ? [...bar.attemptStarts, start.startedAt] : [start.startedAt];
      lane.set(start.id, { id: start.id, agentId: start.agentId, enqueuedAt: start.enqueuedAt, attemptStarts, endedAt: null, outcome: 'running', errorKind: bar?.errorKind ?? null });
    }
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i];
      if (!call) continue;
      // The summary is a settled bar as it is (its other fields ride along unread): with 1,000
      // agents deciding a second, a copy per call was 1,000 short-lived objects a second.
      this.touch(call.batch ?? 'other').set(call.id, call);
      this.settled.push(call);
    }
  }

  /** The kept batches, oldest first; the same array until something changes. */
  batches(): BatchLane[] {
    if (this.cached.version === this.version) return this.cached.lanes;
    const lanes: BatchLane[] = [];
    for (const [id, entry] of this.lanes) {
      if (!entry.view) {
        const sorted = [...entry.bars.values()];
        // Calls start in dispatch order, so the bars nearly always arrive sorted: checking is one
        // pass, where sorting a running lane of 1,000 again at every tick called the comparator
        // ~10,000 times (and boxed each difference it returned).
        if (!inDispatchOrder(sorted)) sorted.sort(byDispatch);
        entry.view = { id, startedAt: sorted[0]?.enqueuedAt ?? 0, bars: sorted };
      }
      lanes.push(entry.view);
    }
    lanes.sort((a, b) => a.startedAt - b.startedAt);
    this.cached = { version: this.version, lanes };
    return lanes;
  }

  /** The settled calls kept (at most `maxSettled`, the newest), oldest first; a copy. */
  settledCalls(): CallSummary[] {
    return this.settled.toArray();
  }

  /** How many settled calls are kept. */
  get settledCount(): number {
    return this.settled.size;
  }

  clear(): void {
    this.lanes.clear();
    this.settled.clear();
    this.version++;
  }

  /** The bars of batch `id` (made when new), its view dropped because they are about to change. */
  private touch(id: string): Map<number, CallBar> {
    let lane = this.lanes.get(id);
    if (!lane) {
      lane = { bars: new Map(), view: null };
      this.lanes.set(id, lane);
      // Forget the oldest batches; Map keeps insertion order.
      while (this.lanes.size > this.maxBatches) {
        const oldest = this.lanes.keys().next().value;
        if (oldest === undefined) break;
        this.lanes.delete(oldest);
      }
    }
    lane.view = null;
    return lane.bars;
  }
}
