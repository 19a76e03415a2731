import { cellIndex, isWall } from './grid.ts';
import { occupancyOf } from './indexes.ts';
import type { Agent, DecisionRequest, Grid, Perception, Poi, SeenAgent, SeenPoi, WorldState } from './types.ts';

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
 * south), nearest first (neighbours tied on distance by id, POIs in grid order), and which of its
 * four neighbouring cells are blocked. Reads the cached occupancy grid, so it costs O(radius²)
 * however many agents the world has.
 *
 * This runs for every agent that thinks (about 1,000 a second with 1,000 agents), so the scan
 * allocates nothing per occupied cell: candidates go into a small sorted buffer of the nearest
 * MAX_SEEN_AGENTS, and SeenAgent objects are built for those kept only.
 */
export function perceive(state: WorldState, agentId: number, radius: number): Perception {
  const self = agentById(state, agentId);
  const { grid } = state;
  const occupancy = occupancyOf(state);
  const width = grid.width;
  const sx = self.x;
  const sy = self.y;
  const yEnd = Math.min(grid.height - 1, sy + radius);
  const xStart = Math.max(0, sx - radius);
  const xEnd = Math.min(width - 1, sx + radius);
  let kept = 0;
  for (let y = Math.max(0, sy - radius); y <= yEnd; y++) {
    const row = y * width; // cellIndex(grid, x, y) is row + x
    for (let x = xStart; x <= xEnd; x++) {
      const id = occupancy[row + x] ?? -1;
      if (id < 0 || id === agentId) continue;
      const dx = x - sx;
      const dy = y - sy;
      kept = keepNearest(kept, dx * dx + dy * dy, id, dx, dy);
    }
  }
  const agents: SeenAgent[] = [];
  for (let i = 0; i < kept; i++) {
    const id = nearIds[i] ?? -1;
    const other = agentById(state, id);
    agents.push({ id, name: other.name, dx: nearDx[i] ?? 0, dy: nearDy[i] ?? 0, say: other.say });
  }
  return {
    agents,
    pois: poisWithin(grid.pois, sx, sy, radius),
    blocked: {
      N: isBlocked(grid, occupancy, sx, sy - 1),
      E: isBlocked(grid, occupancy, sx + 1, sy),
      S: isBlocked(grid, occupancy, sx, sy + 1),
      W: isBlocked(grid, occupancy, sx - 1, sy),
    },
  };
}

/*
 * The nearest neighbours found so far by one perceive call, sorted by (distance², id): parallel
 * arrays, not objects, so a crowded scan allocates nothing. Shared by every call, which is safe
 * because perceive is synchronous and reads them back before it returns.
 */
const nearDistance = new Float64Array(MAX_SEEN_AGENTS);
const nearIds = new Int32Array(MAX_SEEN_AGENTS);
const nearDx = new Float64Array(MAX_SEEN_AGENTS);
const nearDy = new Float64Array(MAX_SEEN_AGENTS);

/**
 * Inserts a neighbour into the first `kept` entries of the near buffers if it is among the
 * nearest MAX_SEEN_AGENTS so far (by distance², then id, as a full sort would order them) and
 * returns the new count. An insertion sort is the cheapest way to keep eight of a few dozen.
 */
function keepNearest(kept: number, distance: number, id: number, dx: number, dy: number): number {
  let i = kept < MAX_SEEN_AGENTS ? kept : MAX_SEEN_AGENTS - 1;
  if (kept === MAX_SEEN_AGENTS && !nearer(distance, id, i)) return kept;
  // Shift farther entries one place down (the last falls off when full) until the slot is found.
  while (i > 0 && nearer(distance, id, i - 1)) {
    nearDistance[i] = nearDistance[i - 1] ?? 0;
    nearIds[i] = nearIds[i - 1] ?? 0;
    nearDx[i] = nearDx[i - 1] ?? 0;
    nearDy[i] = nearDy[i - 1] ?? 0;
    i--;
  }
  nearDistance[i] = distance;
  nearIds[i] = id;
  nearDx[i] = dx;
  nearDy[i] = dy;
  return kept < MAX_SEEN_AGENTS ? kept + 1 : kept;
}

/** True when (distance², id) comes before entry `i` of the near buffers. */
function nearer(distance: number, id: number, i: number): boolean {
  const other = nearDistance[i] ?? 0;
  return distance < other || (distance === other && id < (nearIds[i] ?? 0));
}

/**
 * The POIs within a Chebyshev radius, nearest first and ties in grid order (a stable sort by
 * distance², done as an insertion while scanning). POIs are few, as they grow with the grid's
 * side, not its area, so a scan is cheap.
 */
function poisWithin(all: readonly Poi[], sx: number, sy: number, radius: number): SeenPoi[] {
  const pois: SeenPoi[] = [];
  const distances: number[] = [];
  for (const poi of all) {
    const dx = poi.x - sx;
    const dy = poi.y - sy;
    if (Math.max(Math.abs(dx), Math.abs(dy)) > radius) continue;
    const distance = dx * dx + dy * dy;
    let i = pois.length;
    while (i > 0 && (distances[i - 1] ?? 0) > distance) i--;
    pois.splice(i, 0, { kind: poi.kind, name: poi.name, dx, dy });
    distances.splice(i, 0, distance);
  }
  return pois;
}

/** True when (x, y) is a wall, off the grid or taken by an agent. */
function isBlocked(grid: Grid, occupancy: Int32Array, x: number, y: number): boolean {
  return isWall(grid, x, y) || (occupancy[cellIndex(grid, x, y)] ?? -1) >= 0;
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
