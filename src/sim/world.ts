import { createGrid } from './grid.ts';
import { Rng, hash32, rngFor } from './rng.ts';
import type { Agent, Goal, Grid, WorldConfig, WorldState } from './types.ts';
import { GOALS } from './types.ts';

const SALT_NAMES = 0x6e616d65;
const SALT_CELLS = 0x63656c6c;
const SALT_AGENT = 0x6167656e;

/** First names handed out in a seeded order; numbers are appended once they run out. */
export const AGENT_NAMES: readonly string[] = [
  'Ada', 'Basil', 'Cleo', 'Dara', 'Emil', 'Fern', 'Gus', 'Hana', 'Ivo', 'Juno', 'Kai', 'Lena',
  'Milo', 'Nia', 'Otto', 'Pia', 'Quin', 'Rosa', 'Sami', 'Tess', 'Uma', 'Vic', 'Wren', 'Xavi',
  'Yara', 'Zeno', 'Amos', 'Bea', 'Cyrus', 'Dell', 'Edda', 'Finn', 'Greta', 'Hugo', 'Iris', 'Jonas',
  'Kira', 'Leo', 'Mara', 'Noor',
];

/** Personality words; the mock policy reads a few of them (friendly, hungry, thirsty). */
export const AGENT_TRAITS: readonly string[] = [
  'friendly', 'curious', 'shy', 'hungry', 'thirsty', 'bookish', 'chatty', 'cautious', 'adventurous', 'lazy',
];

/** Fills in a world config; a grid not given is sized so the agents fill about a sixth of it. */
export function defaultWorldConfig(partial: Partial<WorldConfig> = {}): WorldConfig {
  const agents = partial.agents ?? 10;
  const side = Math.max(24, Math.ceil(Math.sqrt(agents * 6)));
  return {
    seed: partial.seed ?? 1,
    width: partial.width ?? side,
    height: partial.height ?? side,
    agents,
    thinkIntervalTicks: partial.thinkIntervalTicks ?? 10,
    align: partial.align ?? false,
    perceptionRadius: partial.perceptionRadius ?? 5,
    memoryLimit: partial.memoryLimit ?? 8,
  };
}

/** Builds the seeded world at tick 0: grid, agents on distinct free cells, timers set. */
export function createWorld(config: WorldConfig): WorldState {
  validateConfig(config);
  const grid = createGrid(config.seed, config.width, config.height);
  const cells = pickFreeCells(grid, config.agents, config.seed);
  const names = agentNames(config.seed, config.agents);
  const agents: Agent[] = [];
  for (let id = 0; id < config.agents; id++) {
    const cell = cells[id] ?? 0;
    agents.push(makeAgent(config, id, names[id] ?? `Agent ${id}`, cell % grid.width, Math.floor(cell / grid.width)));
  }
  return { tick: 0, config, grid, agents };
}

function validateConfig(config: WorldConfig): void {
  const whole = (name: string, value: number, min: number): void => {
    if (!Number.isInteger(value) || value < min) throw new RangeError(`WorldConfig.${name} must be an integer >= ${min}, got ${value}`);
  };
  whole('agents', config.agents, 0);
  whole('width', config.width, 2);
  whole('height', config.height, 2);
  whole('thinkIntervalTicks', config.thinkIntervalTicks, 1);
  whole('perceptionRadius', config.perceptionRadius, 0);
  whole('memoryLimit', config.memoryLimit, 0);
}

/** `count` distinct non-wall cells by a partial Fisher-Yates shuffle: O(area), no retries. */
function pickFreeCells(grid: Grid, count: number, seed: number): Int32Array {
  const free = new Int32Array(grid.width * grid.height);
  let n = 0;
  for (let i = 0; i < grid.walls.length; i++) if (grid.walls[i] !== 1) free[n++] = i;
  if (count > n) throw new RangeError(`${count} agents do not fit on ${n} free cells of a ${grid.width}x${grid.height} grid`);
  const rng = new Rng(hash32(seed, SALT_CELLS));
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(n - i);
    const a = free[i] ?? 0;
    free[i] = free[j] ?? 0;
    free[j] = a;
  }
  return free.subarray(0, count);
}

function agentNames(seed: number, count: number): string[] {
  const rng = new Rng(hash32(seed, SALT_NAMES));
  const order = shuffled(rng, AGENT_NAMES);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const round = Math.floor(i / order.length);
    const base = order[i % order.length] ?? 'Agent';
    names.push(round === 0 ? base : `${base} ${round + 1}`);
  }
  return names;
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

function makeAgent(config: WorldConfig, id: number, name: string, x: number, y: number): Agent {
  const rng = rngFor(config.seed, SALT_AGENT, id);
  const traits = shuffled(rng, AGENT_TRAITS).slice(0, rng.range(1, 3));
  const goal: Goal = rng.pick(GOALS);
  const start = (boost: boolean): number => Math.round((rng.next() * 0.3 + (boost ? 0.2 : 0)) * 100) / 100;
  return {
    id,
    name,
    traits,
    goal,
    x,
    y,
    needs: { hunger: start(traits.includes('hungry')), thirst: start(traits.includes('thirsty')) },
    memories: [],
    thought: '',
    plan: '',
    action: 'STAY',
    heading: 'STAY',
    say: '',
    state: 'idle',
    // Aligned: everyone expires on tick = interval; staggered: spread over the first interval.
    thinkTimer: config.align ? config.thinkIntervalTicks : rng.range(1, config.thinkIntervalTicks),
    source: 'none',
    decisions: 0,
  };
}
