/**
 * Builds TickMessages for the render tests: only the fields the renderer reads matter, the rest
 * are filled with neutral values so the fixtures stay one line each.
 */
import type { TickMessage } from '../protocol/protocol.ts';
import { tickFixture } from '../protocol/protocol.fixture.ts';

/** A tick with the given positions (cells) and tick length; states default to idle. */
export function tickOf(positions: readonly number[], tickMs = 100, states?: readonly number[]): TickMessage {
  return tickFixture({
    tickMs,
    positions: Uint16Array.from(positions),
    states: Uint8Array.from(states ?? new Array<number>(positions.length / 2).fill(0)),
  });
}
