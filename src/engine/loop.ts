import type { Clock, TimerHandle } from '../clock/clock.ts';

/** Ticks the loop will run back to back to catch up after a stall before it drops time. */
const MAX_CATCH_UP = 5;

/**
 * A fixed-timestep loop on an injected clock: `onTick` runs every `tickMs / speed` of clock
 * time, on a schedule that does not drift with timer lateness. After a long stall it runs a few
 * ticks to catch up and then drops the rest, so a busy machine slows the world instead of
 * making it lurch.
 */
export class FixedStepLoop {
  private handle: TimerHandle | undefined;
  private nextAt = 0;
  private speed = 1;

  constructor(
    private readonly clock: Clock,
    private readonly tickMs: number,
    private readonly onTick: () => void,
    /** A tick threw: the loop has paused itself (rather than stop silently while "running"). */
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  get running(): boolean {
    return this.handle !== undefined;
  }

  get interval(): number {
    return this.tickMs / this.speed;
  }

  start(): void {
    if (this.running) return;
    this.nextAt = this.clock.now() + this.interval;
    this.schedule();
  }

  pause(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }

  /** Runs exactly one tick now (meant for a paused loop). */
  stepOnce(): void {
    this.onTick();
  }

  /** Changes the tick rate multiplier (e.g. 0.25 to 4); takes effect from the next tick. */
  setSpeed(speed: number): void {
    this.speed = speed;
    if (this.running) {
      this.pause();
      this.start();
    }
  }

  private schedule(): void {
    this.handle = this.clock.setTimeout(() => {
      this.fire();
    }, this.nextAt - this.clock.now());
  }

  private fire(): void {
    let ran = 0;
    while (this.clock.now() >= this.nextAt && ran < MAX_CATCH_UP) {
      try {
        this.onTick();
      } catch (error) {
        this.pause();
        this.onError(error);
        return;
      }
      this.nextAt += this.interval;
      ran++;
    }
    if (this.clock.now() >= this.nextAt) this.nextAt = this.clock.now() + this.interval;
    if (this.handle !== undefined) this.schedule();
  }
}
