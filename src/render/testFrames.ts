/**
 * Builds TickMessages for the render tests: only the fields the renderer reads matter, the rest
 * are filled with neutral values so the fixtures stay one line each.
 */
import type { TickMessage } from '../worker/protocol.ts';

/** A tick with the given positions (cells) and tick length; states default to idle. */
export function tickOf(positions: readonly number[], tickMs = 100, states?: readonly number[]): TickMessage {
  return {
    type: 'tick',
    worldId: 1,
    tick: 0,
    running: true,
    tickMs,
    positions: Uint16Array.from(positions),
    states: Uint8Array.from(states ?? new Array<number>(positions.length / 2).fill(0)),
    updates: [],
    selected: null,
    calls: [],
    metrics: {
      callsStarted: 0, callsSucceeded: 0, callsFailed: 0, retries: 0, fallbacks: 0, inFlight: 0, queued: 0,
      rpmLimit: 0, concurrency: 0, callsLastMinute: 0, pausedForMs: 0, liveDisabled: null, lastBatch: null,
      tokens: { promptTokens: 0, outputTokens: 0, totalTokens: 0 },
      latencyP50: null, latencyP95: null, ticksPerSecond: 0,
    },
  };
}
