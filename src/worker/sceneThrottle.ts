/**
 * Sends a scenario's scene to the page at most once per `SCENE_MS`, and soon after every change:
 * at once when the last one went out long enough ago, else when it may. Scenes change on every
 * streamed word or finished call; the page reads them at panel rate anyway.
 */
import type { Clock, TimerHandle } from '../clock/clock.ts';

/** The scene goes to the page at most this often (4 Hz). */
export const SCENE_MS = 250;

export class SceneThrottle {
  private timer: TimerHandle | undefined;
  private sentAt = -Infinity;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly send: () => void,
  ) {}

  /** Something changed: the scene goes out now or at the next slot. */
  changed(): void {
    if (this.stopped || this.timer !== undefined) return;
    const wait = Math.max(0, this.sentAt + SCENE_MS - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.stopped) return;
      this.sentAt = this.clock.now();
      this.send();
    }, wait);
  }

  /** No more scenes (the world was replaced). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
