/**
 * Holds a scenario's next batch (a community's phase, a simulation's step) while the page is
 * paused: open while the session runs, one batch per Step while it is paused. Disposing opens it
 * for good, so nothing waits on a scenario that was replaced.
 */
export class RunGate {
  private running = false;
  /** Batches Step has let through while paused. */
  private allowance = 0;
  private waiters: (() => void)[] = [];
  private disposed = false;

  /** The session runs (batches go on) or is paused (the next one waits). */
  setRunning(running: boolean): void {
    this.running = running;
    if (running) this.release();
  }

  /** Step while paused: lets the next batch through. */
  step(): void {
    this.allowance++;
    this.release();
  }

  /** Resolves when the next batch may begin: at once while running, else when Step lets one through. */
  async wait(): Promise<void> {
    while (!this.disposed) {
      if (this.running) return;
      if (this.allowance > 0) {
        this.allowance--;
        return;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Lets everything through, now and from now on. */
  dispose(): void {
    this.disposed = true;
    this.release();
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
