import type { Clock, TimerHandle } from './clock.ts';

/**
 * A timer as an object: `onTimer` is called when it falls due. An object that is a timer already
 * (a mock call waiting out its latency) saves the closure and its context that a function would
 * cost, thousands at once.
 */
export interface TimerTarget {
  onTimer(): void;
}

/**
 * Timers that fall due at the same instant share one timer of the clock beneath. A batch starts
 * thousands of calls within a few milliseconds, each with a latency (the mock) and a timeout (the
 * scheduler) of the same length: one platform timer per call costs a timer object, a list insert
 * and removal and a turn of the event loop each, and every answer then wakes the dispatcher on its
 * own. Here they fall into a few hundred instants, each fired by one timer.
 *
 * The rule: a timer set at t for ms is due at d = t + ms, rounded up to the clock's resolution
 * (`Clock.resolutionMs`; a clock without one, such as `ManualClock`, is exact and nothing is
 * rounded). The clock beneath holds one timer, for the earliest instant with a timer due, and
 * when it fires every instant due by then fires, earliest first, each instant's timers in the
 * order they were set. So a timer never fires before it is due, as the platform would fire it
 * (real timers run on whole milliseconds too, so rounding up delays it by less than one), and the
 * timers of one instant run back to back, with no promise reactions between them.
 * `clearTimeout` removes a timer at once, and the timer beneath is cleared when none is left, so a
 * wheel with nothing due holds no timer.
 */
export class TimerWheel implements Clock {
  readonly resolutionMs: number | undefined;
  /** The timers of each instant with any, in the order they were set. */
  private readonly instants = new Map<number, Map<TimerHandle, (() => void) | TimerTarget>>();
  /** Each pending timer's instant, so that clearing it is O(1). */
  private readonly dueOf = new Map<TimerHandle, number>();
  /** The keys of `instants` as a binary min-heap; an instant emptied by clears stays until popped. */
  private readonly heap: number[] = [];
  /** The timer beneath, set for `at`. */
  private armed: { at: number; handle: TimerHandle } | undefined;
  private nextHandle = 1;

  constructor(private readonly inner: Clock) {
    this.resolutionMs = inner.resolutionMs;
  }

  now(): number {
    return this.inner.now();
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.setTimer(fn, ms);
  }

  /** `setTimeout` for a function or a `TimerTarget`; the same rule, the same handles. */
  setTimer(fn: (() => void) | TimerTarget, ms: number): TimerHandle {
    const resolution = this.resolutionMs ?? 0;
    const exact = this.inner.now() + Math.max(0, ms);
    const at = resolution > 0 ? Math.ceil(exact / resolution) * resolution : exact;
    const handle = this.nextHandle++;
    let timers = this.instants.get(at);
    if (!timers) {
      timers = new Map();
      this.instants.set(at, timers);
      heapPush(this.heap, at);
    }
    timers.set(handle, fn);
    this.dueOf.set(handle, at);
    if (!this.armed || at < this.armed.at) this.arm(at);
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    const at = this.dueOf.get(handle);
    if (at === undefined) return;
    this.dueOf.delete(handle);
    const timers = this.instants.get(at);
    timers?.delete(handle);
    if (timers?.size === 0) this.instants.delete(at);
    if (this.dueOf.size === 0) this.disarm();
  }

  /** Timers set and not yet fired or cleared. */
  get pending(): number {
    return this.dueOf.size;
  }

  private arm(at: number): void {
    this.disarm();
    const handle = this.inner.setTimeout(() => {
      this.armed = undefined;
      this.fire();
    }, at - this.inner.now());
    this.armed = { at, handle };
  }

  private disarm(): void {
    if (this.armed) this.inner.clearTimeout(this.armed.handle);
    this.armed = undefined;
  }

  /** Runs every instant due now, earliest first, then sets the timer beneath for the next one. */
  private fire(): void {
    const now = this.inner.now();
    // A timer that throws must not cost the others theirs, as with the platform's own timers:
    // every due timer runs, the next instant is armed, and only then is the first error rethrown.
    let failed: { error: unknown } | undefined;
    for (;;) {
      const at = this.heap[0];
      if (at === undefined || at > now) break;
      heapPop(this.heap);
      const timers = this.instants.get(at);
      if (!timers) continue;
      this.instants.delete(at);
      for (const [handle, fn] of timers) {
        // A timer cleared by one that ran before it in this instant is skipped.
        if (!this.dueOf.delete(handle)) continue;
        try {
          if (typeof fn === 'function') fn();
          else fn.onTimer();
        } catch (error) {
          failed ??= { error };
        }
      }
    }
    this.rearm();
    if (failed) throw failed.error;
  }

  /** Sets the timer beneath for the earliest instant that still has timers (a timer that ran may have set new ones). */
  private rearm(): void {
    while (this.heap.length > 0 && !this.instants.has(this.heap[0] ?? NaN)) heapPop(this.heap);
    const next = this.heap[0];
    if (next === undefined) this.disarm();
    else if (!this.armed || this.armed.at !== next) this.arm(next);
  }
}

function heapPush(heap: number[], value: number): void {
  let i = heap.push(value) - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const above = heap[parent] ?? -Infinity;
    if (above <= value) break;
    heap[i] = above;
    i = parent;
  }
  heap[i] = value;
}

function heapPop(heap: number[]): void {
  const last = heap.pop();
  if (last === undefined || heap.length === 0) return;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child = right < heap.length && (heap[right] ?? Infinity) < (heap[left] ?? Infinity) ? right : left;
    const below = heap[child] ?? Infinity;
    if (below >= last) break;
    heap[i] = below;
    i = child;
  }
  heap[i] = last;
}
