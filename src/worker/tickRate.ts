/**
 * The loop's ticks per second, as the Metrics panel shows it: measured from the intervals between
 * the ticks of the last second, not by counting them.
 *
 * Why not the count: the loop's timer fires a little late or early, so a one-second window holds
 * 11 ticks as often as 10 at speed ×1 (ticks at 0.9 ms and 1,000.5 ms both fall in
 * (0.5, 1,000.5]), and the panel read 11 for a loop that ran at 10. Ten intervals over 999.6 ms
 * read 10.0. A loop slowed by its work (10,000 agents) reads slower, as it should.
 */
const WINDOW_MS = 1_000;

export class TickRate {
  private times: number[] = [];

  /** A tick ran at `now` (ms, monotonic). */
  tick(now: number): void {
    this.times.push(now);
    while ((this.times[0] ?? now) <= now - WINDOW_MS) this.times.shift();
  }

  /** Ticks held: those of the last second (a soak test checks it stays bounded). */
  get held(): number {
    return this.times.length;
  }

  /**
   * Ticks per second over the last second's intervals, to a whole number; with one tick in the
   * window there is no interval yet, and the count (1) is the best it can say.
   */
  perSecond(): number {
    const n = this.times.length;
    const first = this.times[0];
    const last = this.times[n - 1];
    if (n < 2 || first === undefined || last === undefined || last <= first) return n;
    return Math.round(((n - 1) * 1_000) / (last - first));
  }
}
