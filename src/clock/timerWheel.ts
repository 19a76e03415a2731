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
 *
 * Each instant keeps its timers in a plain list, and a handle names the instant (by a serial
 * never reused) and the timer's place in it: setting, clearing and firing a timer touch no map
 * of every timer, which a batch paid for twice per call (set, then cleared at the answer).
 */
export class TimerWheel implements Clock {
  readonly resolutionMs: number | undefined;
  /** The instant of each due time with any timers. */
  private readonly byAt = new Map<number, Instant>();
  /** The same instants by serial, which handles name, so that clearing a timer is O(1). */
  private readonly bySerial = new Map<number, Instant>();
  /** The keys of `byAt` as a binary min-heap; an instant emptied by clears stays until popped. */
  private readonly heap: number[] = [];
  /** The instant set last: a batch sets thousands of timers in a row for the same few instants. */
  private last: Instant | undefined;
  /** Timers set and not yet fired or cleared. */
  private live = 0;
  /** The timer beneath, set for `at`. */
  private armed: { at: number; handle: TimerHandle } | undefined;
  private nextSerial = 1;

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
    let instant = this.last !== undefined && this.last.at === at && !this.last.fired ? this.last : this.byAt.get(at);
    if (instant === undefined) {
      instant = { at, serial: this.nextSerial++, timers: [], live: 0, fired: false };
      this.byAt.set(at, instant);
      this.bySerial.set(instant.serial, instant);
      heapPush(this.heap, at);
    }
    this.last = instant;
    if (instant.timers.length >= SLOTS) throw new RangeError(`TimerWheel: more than ${SLOTS} timers due at one instant`);
    // A handle names its instant and its place there: clearing it needs no map of every timer.
    const handle = instant.serial * SLOTS + instant.timers.length;
    instant.timers.push(fn);
    instant.live++;
    this.live++;
    if (!this.armed || at < this.armed.at) this.arm(at);
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    const instant = this.bySerial.get(Math.floor(handle / SLOTS));
    const slot = handle % SLOTS;
    // Not pending (fired, cleared, or never set here): nothing to do.
    if (instant === undefined || instant.timers[slot] === undefined) return;
    instant.timers[slot] = undefined;
    this.live--;
    if (--instant.live === 0 && !instant.fired) this.forget(instant);
    if (this.live === 0) this.reset();
  }

  /** Timers set and not yet fired or cleared. */
  get pending(): number {
    return this.live;
  }

  /**
   * Nothing is pending: the timer beneath is cleared and every instant forgotten, heap included
   * (attempts' timeouts are nearly always cleared, never fired, and would leave their instants
   * in the heap batch after batch).
   */
  private reset(): void {
    this.disarm();
    this.byAt.clear();
    this.bySerial.clear();
    this.heap.length = 0;
    this.last = undefined;
  }

  private forget(instant: Instant): void {
    this.byAt.delete(instant.at);
    this.bySerial.delete(instant.serial);
    if (this.last === instant) this.last = undefined;
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
      const instant = this.byAt.get(at);
      if (!instant) continue;
      // Timers set for this instant from now on (by the ones that run) go to a fresh one, which
      // this loop reaches next, as it is due too. A cleared timer's slot is empty, so a timer
      // cleared by one that ran before it in this instant is skipped.
      instant.fired = true;
      this.byAt.delete(at);
      if (this.last === instant) this.last = undefined;
      const { timers } = instant;
      for (let i = 0; i < timers.length; i++) {
        const fn = timers[i];
        if (fn === undefined) continue;
        timers[i] = undefined;
        instant.live--;
        this.live--;
        try {
          if (typeof fn === 'function') fn();
          else fn.onTimer();
        } catch (error) {
          failed ??= { error };
        }
      }
      this.bySerial.delete(instant.serial);
    }
    this.rearm();
    if (failed) throw failed.error;
  }

  /** Sets the timer beneath for the earliest instant that still has timers (a timer that ran may have set new ones). */
  private rearm(): void {
    while (this.heap.length > 0 && !this.byAt.has(this.heap[0] ?? NaN)) heapPop(this.heap);
    const next = this.heap[0];
    if (next === undefined || this.live === 0) this.disarm();
    else if (!this.armed || this.armed.at !== next) this.arm(next);
  }
}

/**
 * Timers one instant may hold: a handle is the instant's serial × SLOTS + the timer's place. A
 * million is a hundred times the largest batch; serials then stay exact integers (below 2^53) for
 * 2^33 instants, some three months of a new instant every millisecond. Serials are never reused,
 * so a stale handle (its timer fired or cleared) can never clear another timer.
 */
const SLOTS = 2 ** 20;

/** The timers due at one instant, in the order they were set; a fired or cleared one's slot is empty. */
interface Instant {
  readonly at: number;
  readonly serial: number;
  readonly timers: ((() => void) | TimerTarget | undefined)[];
  /** Timers of this instant not yet fired or cleared. */
  live: number;
  /** Its turn to fire has come: it takes no more timers. */
  fired: boolean;
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
