/**
 * What the session asks of a scenario's host (a community, a game master, a set of relationship
 * simulations): the scenario's world and ticks as messages, the scheduler's batch figures, and
 * the run controls it honours. The grid world is the session's own engine, not a host.
 */
import type { BatchStats } from '../scheduler/types.ts';
import type { TickMessage, WorldMessage } from '../protocol/protocol.ts';
import type { TickParts } from './tickMessage.ts';

/** A grid tick's parts without the grid's state, with the host's own tick count. */
export type HostTickParts = Omit<TickParts, 'state'> & { readonly tick: number };

export interface ScenarioHost {
  /** Its name in the scheduler and in its calls' keys: `world-3`, like a grid world's. */
  readonly producer: string;
  worldMessage(): WorldMessage;
  tickMessage(parts: HostTickParts): { message: TickMessage; transfer: Transferable[] };
  /** A batch of the scheduler's finished. */
  noteBatch(stats: BatchStats): void;
  /** The session's loop runs or pauses; absent: the scenario does not follow it. */
  setRunning?(running: boolean): void;
  /** Step while paused: the next batch may go. */
  step?(): void;
  /** One loop tick (a walk on the grid). */
  tick?(): void;
  /** The agent the page inspects. */
  select?(id: number | null): void;
  /** Stops for good: its waiting calls are dropped and those in flight aborted. */
  dispose(): void;
}
