import type { TickMessage, WorldMessage } from '../protocol/protocol.ts';

/** The two newest ticks and when the newer one arrived (main-thread `performance.now()`). */
export interface FramePair {
  /** The tick before `curr` in the same world, or null right after a new world arrived. */
  readonly prev: TickMessage | null;
  readonly curr: TickMessage;
  readonly receivedAt: number;
}

/**
 * What the renderer reads. It polls these getters once per animation frame (cheap reference
 * reads, no React), so the page never re-renders per frame; `ui/` implements it over the store.
 */
export interface RenderSource {
  /** The world on screen, or null before the worker has sent one. */
  world(): WorldMessage | null;
  frames(): FramePair | null;
  /** The selected agent's id, or null. */
  selected(): number | null;
  /** Called when the user clicks an agent (its id) or empty ground (null). */
  select(agentId: number | null): void;
  /** The topic whose beliefs colour a community's personas. */
  colorTopic(): number;
  /** Frames per second, reported a few times a second. */
  reportFps(fps: number): void;
}
