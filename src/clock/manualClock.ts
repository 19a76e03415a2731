import type { Clock, TimerHandle } from './clock.ts';

interface PendingTimer {
  id: TimerHandle;
  at: number;
  fn: () => void;
}

/**
 * A clock that only moves when told to. `advance(ms)` fires due timers in time order and lets
 * promise chains settle between them, so code written against the real clock runs unchanged
 * in fake time. Used by tests and by headless runs that want virtual time.
 */
export class ManualClock implements Clock {
  private time = 0;
  private nextId = 1;
  private timers: PendingTimer[] = [];

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.push({ id, at: this.time + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await settle();
    for (;;) {
      const next = this.earliest();
      if (!next || next.at > end) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = Math.max(this.time, next.at);
      next.fn();
      await settle();
    }
    this.time = end;
    await settle();
  }

  /** Advances until no timer is pending (or `limitMs` has passed, against runaway loops). */
  async runAll(limitMs = 3_600_000): Promise<void> {
    const end = this.time + limitMs;
    await settle();
    for (;;) {
      const next = this.earliest();
      if (!next || next.at > end) break;
      await this.advance(next.at - this.time);
    }
  }

  private earliest(): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.timers) if (!best || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t;
    return best;
  }
}

/** Lets every queued promise reaction run: a macrotask boundary drains the microtask queue. */
function settle(): Promise<void> {
  return new Promise<void>((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}
