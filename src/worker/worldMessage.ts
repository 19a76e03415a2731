/**
 * A world as the page first sees it, and where its agents stand: the parts of the worker's
 * messages that need nothing at run time from the protocol (types only), so a page that must not
 * build the protocol's zod schemas (`e2e/perf/stageOnly.ts`) can make them the way the worker does.
 */
import type { WorldMessage } from '../protocol/protocol.ts';
import type { WorldState } from '../sim/types.ts';

/** Positions as [x0, y0, x1, y1, …] in a fresh buffer that can be transferred to the page. */
export function packPositions(state: WorldState): Uint16Array<ArrayBuffer> {
  const out = new Uint16Array(state.agents.length * 2);
  for (const agent of state.agents) {
    out[agent.id * 2] = agent.x;
    out[agent.id * 2 + 1] = agent.y;
  }
  return out;
}

/** A scenario's grid with no walls, as a world message carries it. */
export function emptyGrid(width: number, height: number): Pick<WorldMessage, 'width' | 'height' | 'walls'> {
  return { width, height, walls: new Uint8Array(width * height) };
}

/** The message that announces a new world: its grid, places and agents. */
export function worldOf(worldId: number, state: WorldState): WorldMessage {
  const { grid, agents } = state;
  return {
    type: 'world',
    worldId,
    width: grid.width,
    height: grid.height,
    walls: grid.walls.slice(),
    pois: grid.pois.map((p) => ({ ...p })),
    agents: agents.map((a) => ({ id: a.id, name: a.name, traits: [...a.traits], goal: a.goal })),
    scenario: 'grid',
    topics: 0,
  };
}
