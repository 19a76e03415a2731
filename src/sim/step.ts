import { cellIndex, isWall } from './grid.ts';
import { NEAR_FOOD, NEAR_WATER, needsMaskOf, occupancyOf, rememberOccupancy } from './indexes.ts';
import { uniformFrom } from './rng.ts';
import { STEPS, type Agent, type AgentState, type Decision, type Direction, type Needs, type SimInput, type StepResult, type WorldConfig, type WorldState } from './types.ts';

const SALT_TIMER = 0x74696d72;
/** Needs rise slowly so an agent gets thirsty over a few hundred ticks, not every decision. */
const HUNGER_PER_TICK = 0.002;
const THIRST_PER_TICK = 0.003;
/** A trait like 'thirsty' makes that need rise this much faster. */
const TRAIT_FACTOR = 1.5;
/** How much a tick next to food or water relieves the need. */
const RELIEF_PER_TICK = 0.2;
/** Staggered timers reset to the interval ± this fraction, so agents drift apart. */
const STAGGER = 0.25;

/** One cell of movement per direction (dx east, dy south). */
export const DELTAS: Readonly<Record<Direction, readonly [number, number]>> = {
  N: [0, -1],
  E: [1, 0],
  S: [0, 1],
  W: [-1, 0],
  STAY: [0, 0],
};

/**
 * Advances the world one tick and returns a new state (the input is never mutated; unchanged
 * agents are shared). Order: (1) apply inputs, (2) move, (3) needs, (4) think timers, tick + 1.
 *
 * Movement: an agent walks its `heading` (set to its `action` when a decision lands). One whose
 * heading runs into a wall or off the grid turns right (N → E → S → W) to the first open side
 * and walks on that way, so it keeps moving between decisions instead of pressing against a
 * wall; the turn changes `heading` only, never the decided `action`. Conflicts: agents move in
 * ascending id order against the current occupancy; a move onto a cell occupied at that moment
 * (by an agent that already moved there, or by one that has not moved yet) does not happen: the
 * agent stays put this tick and keeps its heading. So two agents never share a cell and never
 * swap places.
 */
export function step(state: WorldState, inputs: readonly SimInput[]): StepResult {
  const agents = applyInputs(state, inputs);
  const occupancy = occupancyOf(state).slice();
  const xs = new Int32Array(agents.length);
  const ys = new Int32Array(agents.length);
  moveAgents(state, agents, occupancy, xs, ys);
  const mask = needsMaskOf(state.grid);
  const width = state.grid.width;
  const expired: number[] = [];
  for (let id = 0; id < agents.length; id++) {
    const agent = agents[id];
    if (!agent) continue;
    const x = xs[id] ?? agent.x;
    const y = ys[id] ?? agent.y;
    const needs = nextNeeds(agent, mask[y * width + x] ?? 0);
    let { state: agentState, thinkTimer } = agent;
    if (agentState === 'idle' || agentState === 'decided' || agentState === 'fellBack') {
      thinkTimer -= 1;
      if (thinkTimer <= 0) {
        thinkTimer = 0;
        agentState = 'queued';
        expired.push(id);
      }
    }
    const changed = x !== agent.x || y !== agent.y || needs !== agent.needs || agentState !== agent.state || thinkTimer !== agent.thinkTimer;
    if (changed) agents[id] = withTick(agent, x, y, needs, agentState, thinkTimer);
  }
  const next: WorldState = { tick: state.tick + 1, config: state.config, grid: state.grid, agents };
  rememberOccupancy(next, occupancy);
  return { state: next, expired };
}

/**
 * 'thinking' moves a queued agent to thinking (ignored in other states, where it would strand
 * the agent with no timer running). 'decided' always applies, even late: the newest answer wins.
 * Inputs for unknown agent ids are ignored so a stale answer cannot break a reset world.
 */
function applyInputs(state: WorldState, inputs: readonly SimInput[]): Agent[] {
  const agents = state.agents.slice();
  for (const input of inputs) {
    const agent = agents[input.agentId];
    if (!agent) continue;
    if (input.type === 'thinking') {
      if (agent.state === 'queued') agents[input.agentId] = { ...agent, state: 'thinking' };
    } else {
      agents[input.agentId] = applyDecision(state, agent, input.decision, input.source);
    }
  }
  return agents;
}

function applyDecision(state: WorldState, agent: Agent, decision: Decision, source: 'gemini' | 'openai' | 'mock' | 'fallback'): Agent {
  const { config, tick } = state;
  const memory = { tick, text: `tick ${tick}: ${decision.thought}` };
  const memories = config.memoryLimit === 0 ? [] : [...agent.memories, memory].slice(-config.memoryLimit);
  return {
    ...agent,
    thought: decision.thought,
    plan: decision.plan,
    action: decision.action,
    heading: decision.action,
    say: decision.say ?? '',
    source,
    decisions: agent.decisions + 1,
    memories,
    state: source === 'fallback' ? 'fellBack' : 'decided',
    thinkTimer: nextTimer(config, tick, agent.id),
  };
}

/** Ticks until this agent thinks again, counted from a decision applied at `tick`. */
export function nextTimer(config: WorldConfig, tick: number, agentId: number): number {
  const interval = config.thinkIntervalTicks;
  // Aligned: expire on the next multiple of the interval after this tick, with everyone else.
  if (config.align) return interval - (tick % interval);
  const u = uniformFrom(config.seed, SALT_TIMER, agentId, tick);
  return Math.max(1, interval + Math.round((2 * u - 1) * STAGGER * interval));
}

/** Clockwise order for turning away from a wall. */
const TURN_RIGHT: readonly Direction[] = STEPS;

/** The agent's heading, or the first open direction turning right from it; STAY when walled in. */
function openDirection(grid: WorldState['grid'], agent: Agent): Direction {
  if (agent.heading === 'STAY') return 'STAY';
  const start = TURN_RIGHT.indexOf(agent.heading);
  for (let turn = 0; turn < 4; turn++) {
    const direction = TURN_RIGHT[(start + turn) % 4] ?? 'STAY';
    const [dx, dy] = DELTAS[direction];
    if (!isWall(grid, agent.x + dx, agent.y + dy)) return direction;
  }
  return 'STAY';
}

function moveAgents(state: WorldState, agents: Agent[], occupancy: Int32Array, xs: Int32Array, ys: Int32Array): void {
  const grid = state.grid;
  for (let id = 0; id < agents.length; id++) {
    const agent = agents[id];
    if (!agent) continue;
    xs[id] = agent.x;
    ys[id] = agent.y;
    const direction = openDirection(grid, agent);
    if (direction === 'STAY') continue;
    if (direction !== agent.heading) agents[id] = { ...agent, heading: direction };
    const [dx, dy] = DELTAS[direction];
    const tx = agent.x + dx;
    const ty = agent.y + dy;
    const target = cellIndex(grid, tx, ty);
    if (occupancy[target] !== -1) continue;
    occupancy[cellIndex(grid, agent.x, agent.y)] = -1;
    occupancy[target] = id;
    xs[id] = tx;
    ys[id] = ty;
  }
}

/**
 * A copy with this tick's changes. Spelled out rather than spread: it runs for every agent on
 * every tick, and a literal with a fixed shape is several times faster than `{ ...agent }`.
 */
function withTick(agent: Agent, x: number, y: number, needs: Needs, state: AgentState, thinkTimer: number): Agent {
  return {
    id: agent.id,
    name: agent.name,
    traits: agent.traits,
    goal: agent.goal,
    x,
    y,
    needs,
    memories: agent.memories,
    thought: agent.thought,
    plan: agent.plan,
    action: agent.action,
    heading: agent.heading,
    say: agent.say,
    state,
    thinkTimer,
    source: agent.source,
    decisions: agent.decisions,
  };
}

function nextNeeds(agent: Agent, near: number): Needs {
  const { hunger, thirst } = agent.needs;
  const hungerRate = agent.traits.includes('hungry') ? HUNGER_PER_TICK * TRAIT_FACTOR : HUNGER_PER_TICK;
  const thirstRate = agent.traits.includes('thirsty') ? THIRST_PER_TICK * TRAIT_FACTOR : THIRST_PER_TICK;
  const nextHunger = (near & NEAR_FOOD) !== 0 ? Math.max(0, hunger - RELIEF_PER_TICK) : Math.min(1, hunger + hungerRate);
  const nextThirst = (near & NEAR_WATER) !== 0 ? Math.max(0, thirst - RELIEF_PER_TICK) : Math.min(1, thirst + thirstRate);
  const h = round4(nextHunger);
  const t = round4(nextThirst);
  return h === hunger && t === thirst ? agent.needs : { hunger: h, thirst: t };
}

/** Keeps needs readable in snapshots and prompts (0.3 rather than 0.30000000000000004). */
function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
