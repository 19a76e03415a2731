/**
 * The RPM budget as slots over a rolling `windowMs`. A request holds a slot from the moment it is
 * sent until `windowMs` after its answer (or failure), not merely after its start: the server
 * counts it when it arrives, which can be any time in between (a browser queues requests for a
 * free connection, a network is slow). So, as long as callers start only while `canStart` holds,
 * any half-open interval [x, x + windowMs) sees at most `limit` requests *arrive*, wherever in
 * its flight each one was counted. (Proof: at the latest start among the requests that arrived in
 * such an interval, every one of them still held its slot.) The cost is a slot held for one
 * latency longer, about 1% of a minute for a one-second call.
 */
export class RollingWindow {
  /** Requests sent and not yet answered: each holds a slot with no end time yet. */
  private open = 0;
  /** Answer times, ascending (the clock only moves forward), of requests whose slots still count. */
  private ended: number[] = [];
  private head = 0;

  constructor(private readonly windowMs = 60_000) {}

  /** Slots held at `now`: requests in flight plus those answered within the window. */
  count(now: number): number {
    this.prune(now);
    return this.open + this.ended.length - this.head;
  }

  canStart(now: number, limit: number): boolean {
    return this.count(now) < limit;
  }

  /** A request was sent. */
  record(): void {
    this.open++;
  }

  /** A slot was taken for a request that was never sent after all: it frees at once. */
  unrecord(): void {
    this.open = Math.max(0, this.open - 1);
  }

  /**
   * A request was answered (or failed, or was aborted) at `at`; its slot frees at at + windowMs.
   * `at` is usually now; it is earlier when a request is closed at the deadline by which its
   * sender had to answer or abort it (a tab that vanished), so it is kept in order.
   */
  release(at: number): void {
    this.open = Math.max(0, this.open - 1);
    const last = this.ended[this.ended.length - 1];
    if (last === undefined || last <= at) {
      this.ended.push(at);
      return;
    }
    let low = this.head;
    let high = this.ended.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.ended[mid] ?? Infinity) <= at) low = mid + 1;
      else high = mid;
    }
    this.ended.splice(low, 0, at);
  }

  /** Answer times of the slots that still count at `now`, oldest first (to save and restore). */
  endedSince(now: number): number[] {
    this.prune(now);
    return this.ended.slice(this.head);
  }

  /**
   * The answered slots by the whole second (from `now`) in which they free: element s counts
   * those freeing within [s, s + 1) s. Requests in flight are not in it; their answers set theirs.
   */
  freeing(now: number): number[] {
    this.prune(now);
    const seconds = Math.ceil(this.windowMs / 1_000);
    const counts = new Array<number>(seconds).fill(0);
    for (let i = this.head; i < this.ended.length; i++) {
      const second = Math.min(seconds - 1, Math.floor(((this.ended[i] ?? now) + this.windowMs - now) / 1_000));
      counts[second] = (counts[second] ?? 0) + 1;
    }
    return counts;
  }

  /**
   * When a slot frees up by time alone, given the window is full at `now`; Infinity when the
   * slots are held by calls in flight, whose answers will free them (the caller is woken then).
   */
  nextSlotAt(now: number, limit: number): number {
    this.prune(now);
    const held = this.ended.length - this.head;
    const excess = this.open + held - limit;
    if (excess < 0) return now;
    const oldestBlocking = this.ended[this.head + excess];
    return oldestBlocking === undefined ? Infinity : oldestBlocking + this.windowMs;
  }

  private prune(now: number): void {
    const cutoff = now - this.windowMs;
    while (this.head < this.ended.length && (this.ended[this.head] ?? Infinity) <= cutoff) this.head++;
    // Compact now and then so the array does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.ended.length) {
      this.ended = this.ended.slice(this.head);
      this.head = 0;
    }
  }
}
