/**
 * Start times of the calls in the last `windowMs`: the RPM budget. A call at time t leaves the
 * window at t + windowMs exactly, so any half-open interval [x, x + windowMs) holds at most
 * `limit` starts when callers only start while `canStart` is true.
 */
export class RollingWindow {
  private times: number[] = [];
  private head = 0;

  constructor(private readonly windowMs = 60_000) {}

  /** Starts still inside the window at `now`. */
  count(now: number): number {
    this.prune(now);
    return this.times.length - this.head;
  }

  canStart(now: number, limit: number): boolean {
    return this.count(now) < limit;
  }

  record(now: number): void {
    this.times.push(now);
  }

  /** When a slot frees up, given the window holds `count(now)` ≥ limit starts. */
  nextSlotAt(now: number, limit: number): number {
    this.prune(now);
    const excess = this.times.length - this.head - limit;
    const oldestBlocking = this.times[this.head + Math.max(0, excess)];
    return oldestBlocking === undefined ? now : oldestBlocking + this.windowMs;
  }

  private prune(now: number): void {
    const cutoff = now - this.windowMs;
    while (this.head < this.times.length && (this.times[this.head] ?? Infinity) <= cutoff) this.head++;
    // Compact now and then so the array does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}
