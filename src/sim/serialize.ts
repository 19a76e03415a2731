/**
 * A world as plain JSON and back, for save files and checkpoints. Everything in a `WorldState`
 * is already plain data except the grid's walls (a Uint8Array), which become the list of wall
 * cells: a few per cent of the grid, so far shorter than one number per cell, and readable.
 */
import type { Agent, AgentState, Poi, WorldConfig, WorldState } from './types.ts';

/** The world as a save file holds it. Agents are exactly the sim's (all plain fields). */
export interface SavedWorld {
  readonly tick: number;
  readonly config: WorldConfig;
  /** Wall cells as row-major indices (`y * width + x`), ascending. */
  readonly walls: readonly number[];
  readonly pois: readonly Poi[];
  /** Indexed by id, as in `WorldState`. */
  readonly agents: readonly Agent[];
}

/**
 * The world as plain data. Agents, their memories and the POIs are shared, not copied: a state
 * is never mutated, and whoever sends this on (postMessage, JSON.stringify) makes the one copy
 * that is needed. So a checkpoint of 1,000 agents costs an array of pointers, not a deep clone.
 */
export function toSaved(state: WorldState): SavedWorld {
  const { walls } = state.grid;
  const cells: number[] = [];
  for (let i = 0; i < walls.length; i++) if (walls[i] === 1) cells.push(i);
  return { tick: state.tick, config: state.config, walls: cells, pois: state.grid.pois, agents: state.agents };
}

/**
 * The sim's world from its saved form, which the caller has checked (`protocol/saveFile.ts`
 * names every value out of range). The input is not kept: arrays are copied so a caller that
 * changes its object afterwards cannot change the world.
 */
export function fromSaved(saved: SavedWorld): WorldState {
  const { config } = saved;
  const walls = new Uint8Array(config.width * config.height);
  for (const cell of saved.walls) walls[cell] = 1;
  return {
    tick: saved.tick,
    config: { ...config },
    grid: { width: config.width, height: config.height, walls, pois: saved.pois.map((p) => ({ ...p })) },
    agents: saved.agents.map(copyAgent),
  };
}

function copyAgent(agent: Agent): Agent {
  return { ...agent, traits: [...agent.traits], needs: { ...agent.needs }, memories: agent.memories.map((m) => ({ ...m })) };
}

/** States in which an agent waits for a model's answer that only its engine could deliver. */
const WAITING: ReadonlySet<AgentState> = new Set<AgentState>(['queued', 'thinking']);

/**
 * The world ready to run in a new engine. An agent saved while it waited for an answer (queued,
 * thinking, or retrying, which the sim records as one of those) would wait forever: its call
 * belonged to the engine that made the save. It goes back to idle with its timer due, so it
 * asks again on the first tick, with what it sees then, like any agent whose timer expired.
 * Everyone else is untouched; nothing else in a state refers to a call.
 */
export function resumable(state: WorldState): WorldState {
  if (!state.agents.some((a) => WAITING.has(a.state))) return state;
  const agents = state.agents.map((a) => (WAITING.has(a.state) ? { ...a, state: 'idle' as const, thinkTimer: 1 } : a));
  return { ...state, agents };
}
