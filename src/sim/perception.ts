import { cellIndex, isWall } from './grid.ts';
import { occupancyOf } from './indexes.ts';
import { DELTAS } from './step.ts';
import type { Agent, DecisionRequest, Perception, SeenAgent, SeenPoi, Step, WorldState } from './types.ts';

/** At most this many neighbours are described to a brain, nearest first. */
export const MAX_SEEN_AGENTS = 8;

/** The agent with this id, or a RangeError. */
export function agentById(state: WorldState, agentId: number): Agent {
  const agent = state.agents[agentId];
  if (!agent) throw new RangeError(`No agent with id ${agentId} (world has ${state.agents.length})`);
  return agent;
}

/**
 * What an agent sees within a Chebyshev radius: neighbours and POIs with offsets (dx east, dy
 * south), nearest first, and which of its four neighbouring cells are blocked. Reads the cached
 * occupancy grid, so it costs O(radius²) however many agents the world has.
 */
export function perceive(state: WorldState, agentId: number, radius: number): Perception {
  const self = agentById(state, agentId);
  const { grid } = state;
  const occupancy = occupancyOf(state);
  const seen: { agent: SeenAgent; distance: number }[] = [];
  for (let y = Math.max(0, self.y - radius); y <= Math.min(grid.height - 1, self.y + radius); y++) {
    for (let x = Math.max(0, self.x - radius); x <= Math.min(grid.width - 1, self.x + radius); x++) {
      const id = occupancy[cellIndex(grid, x, y)] ?? -1;
      if (id < 0 || id === agentId) continue;
      const other = agentById(state, id);
      const dx = x - self.x;
      const dy = y - self.y;
      seen.push({ agent: { id, name: other.name, dx, dy, say: other.say }, distance: dx * dx + dy * dy });
    }
  }
  seen.sort((a, b) => a.distance - b.distance || a.agent.id - b.agent.id);
  const pois: { poi: SeenPoi; distance: number }[] = [];
  // POIs are few (they grow with the grid's side, not its area), so a scan is cheap.
  for (const poi of grid.pois) {
    const dx = poi.x - self.x;
    const dy = poi.y - self.y;
    if (Math.max(Math.abs(dx), Math.abs(dy)) > radius) continue;
    pois.push({ poi: { kind: poi.kind, name: poi.name, dx, dy }, distance: dx * dx + dy * dy });
  }
  pois.sort((a, b) => a.distance - b.distance);
  const blockedAt = (direction: Step): boolean => {
    const [dx, dy] = DELTAS[direction];
    const x = self.x + dx;
    const y = self.y + dy;
    return isWall(grid, x, y) || (occupancy[cellIndex(grid, x, y)] ?? -1) >= 0;
  };
  return {
    agents: seen.slice(0, MAX_SEEN_AGENTS).map((s) => s.agent),
    pois: pois.map((p) => p.poi),
    blocked: { N: blockedAt('N'), E: blockedAt('E'), S: blockedAt('S'), W: blockedAt('W') },
  };
}

/** Everything a brain is told about one agent now: its state, perception and memories. */
export function requestFor(state: WorldState, agentId: number): DecisionRequest {
  const agent = agentById(state, agentId);
  return {
    seed: state.config.seed,
    tick: state.tick,
    agentId,
    name: agent.name,
    traits: agent.traits,
    goal: agent.goal,
    x: agent.x,
    y: agent.y,
    needs: agent.needs,
    perception: perceive(state, agentId, state.config.perceptionRadius),
    memories: agent.memories.map((m) => m.text).reverse(),
    lastPlan: agent.plan,
  };
}
