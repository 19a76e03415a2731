import { cellIndex } from './grid.ts';
import type { Agent, Decision, Direction, Poi, SimInput, WorldConfig, WorldState } from './types.ts';

/**
 * Hand-built worlds for tests: exact walls, POIs and agent positions, so a test can set up a
 * collision or a blocked corridor without searching seeds for one.
 */

export interface TestWorldSpec {
  readonly width: number;
  readonly height: number;
  readonly walls?: readonly (readonly [number, number])[];
  readonly pois?: readonly Poi[];
  readonly agents: readonly (Partial<Agent> & { readonly x: number; readonly y: number })[];
  readonly config?: Partial<WorldConfig>;
  readonly tick?: number;
}

/**
 * A plain idle agent at (x, y) with the given overrides. Its heading is its action unless given,
 * as after a decision, so a test can set a walking agent up with `action` alone.
 */
export function testAgent(id: number, x: number, y: number, patch: Partial<Agent> = {}): Agent {
  return {
    id,
    name: `Agent ${id}`,
    traits: [],
    goal: 'explore',
    x,
    y,
    needs: { hunger: 0, thirst: 0 },
    memories: [],
    thought: '',
    plan: '',
    action: 'STAY',
    say: '',
    state: 'idle',
    thinkTimer: 1000,
    source: 'none',
    decisions: 0,
    ...patch,
    heading: patch.heading ?? patch.action ?? 'STAY',
  };
}

/** A world exactly as specified; agent ids are their positions in `spec.agents`. */
export function testWorld(spec: TestWorldSpec): WorldState {
  const walls = new Uint8Array(spec.width * spec.height);
  for (const [x, y] of spec.walls ?? []) walls[cellIndex(spec, x, y)] = 1;
  const config: WorldConfig = {
    seed: 1,
    width: spec.width,
    height: spec.height,
    agents: spec.agents.length,
    thinkIntervalTicks: 10,
    align: true,
    perceptionRadius: 5,
    memoryLimit: 8,
    ...spec.config,
  };
  return {
    tick: spec.tick ?? 0,
    config,
    grid: { width: spec.width, height: spec.height, walls, pois: spec.pois ?? [] },
    agents: spec.agents.map((a, id) => testAgent(id, a.x, a.y, { ...a, id })),
  };
}

/** A 'decided' input with a short made-up thought. */
export function decided(agentId: number, action: Direction, source: 'gemini' | 'openai' | 'mock' | 'fallback' = 'mock', thought = `go ${action}`): SimInput {
  const decision: Decision = { thought, plan: `Keep going ${action}.`, action };
  return { type: 'decided', agentId, decision, source };
}

/** Agents' positions and states as one comparable string per agent. */
export function summary(state: WorldState): string[] {
  return state.agents.map((a) => `${a.id}@${a.x},${a.y} ${a.state} t${a.thinkTimer} ${a.action}>${a.heading} d${a.decisions}`);
}
