import { describe, expect, it } from 'vitest';
import { isWall } from './grid.ts';
import { MAX_SEEN_AGENTS, perceive, requestFor } from './perception.ts';
import { step } from './step.ts';
import { decided, testWorld } from './testWorld.ts';
import { STEPS, type Perception, type WorldState } from './types.ts';
import { createWorld, defaultWorldConfig } from './world.ts';

/** The obvious O(n) answer, to check the occupancy-grid version against. */
function bruteForce(state: WorldState, agentId: number, radius: number): Perception {
  const self = state.agents[agentId];
  if (!self) throw new Error('no agent');
  const near = (dx: number, dy: number): boolean => Math.max(Math.abs(dx), Math.abs(dy)) <= radius;
  const agents = state.agents
    .filter((a) => a.id !== agentId && near(a.x - self.x, a.y - self.y))
    .map((a) => ({ id: a.id, name: a.name, dx: a.x - self.x, dy: a.y - self.y, say: a.say }))
    .sort((a, b) => a.dx * a.dx + a.dy * a.dy - (b.dx * b.dx + b.dy * b.dy) || a.id - b.id)
    .slice(0, MAX_SEEN_AGENTS);
  const pois = state.grid.pois
    .map((p) => ({ kind: p.kind, name: p.name, dx: p.x - self.x, dy: p.y - self.y }))
    .filter((p) => near(p.dx, p.dy))
    .sort((a, b) => a.dx * a.dx + a.dy * a.dy - (b.dx * b.dx + b.dy * b.dy));
  const taken = (x: number, y: number): boolean => isWall(state.grid, x, y) || state.agents.some((a) => a.x === x && a.y === y);
  const blocked = { N: taken(self.x, self.y - 1), E: taken(self.x + 1, self.y), S: taken(self.x, self.y + 1), W: taken(self.x - 1, self.y) };
  return { agents, pois, blocked };
}

describe('perceive', () => {
  it('matches a brute-force scan for every agent, across radii and after movement', () => {
    let state = createWorld(defaultWorldConfig({ agents: 150, seed: 21, width: 30, height: 30 }));
    state = step(state, state.agents.map((a) => decided(a.id, STEPS[a.id % 4] ?? 'N'))).state;
    for (const radius of [0, 1, 3, 6]) {
      for (const agent of state.agents) expect(perceive(state, agent.id, radius)).toEqual(bruteForce(state, agent.id, radius));
    }
  });

  it('reports blocked sides from walls, edges and agents', () => {
    const state = testWorld({ width: 3, height: 3, walls: [[1, 0]], agents: [{ x: 1, y: 1 }, { x: 2, y: 1 }] });
    expect(perceive(state, 0, 2).blocked).toEqual({ N: true, E: true, S: false, W: false });
    expect(perceive(state, 1, 2).blocked).toEqual({ N: false, E: true, S: false, W: true });
  });

  it('caps neighbours at the nearest eight', () => {
    const agents = [{ x: 5, y: 5 }];
    for (let y = 2; y <= 8; y++) for (let x = 2; x <= 8; x++) if (x !== 5 || y !== 5) agents.push({ x, y });
    const seen = perceive(testWorld({ width: 11, height: 11, agents }), 0, 3).agents;
    expect(seen).toHaveLength(MAX_SEEN_AGENTS);
    expect(seen.every((a) => Math.abs(a.dx) + Math.abs(a.dy) === 1 || (Math.abs(a.dx) === 1 && Math.abs(a.dy) === 1))).toBe(true);
  });
});

describe('requestFor', () => {
  it('describes the agent with its memories newest first', () => {
    let state = testWorld({ width: 6, height: 6, agents: [{ x: 1, y: 1, name: 'Ada', goal: 'find-water' }], config: { seed: 77 } });
    state = step(state, [decided(0, 'STAY', 'mock', 'first')]).state;
    state = step(state, [decided(0, 'STAY', 'mock', 'second')]).state;
    const request = requestFor(state, 0);
    expect(request).toMatchObject({ seed: 77, tick: 2, agentId: 0, name: 'Ada', goal: 'find-water', x: 1, y: 1, lastPlan: 'Keep going STAY.' });
    expect(request.memories).toEqual(['tick 1: second', 'tick 0: first']);
    expect(() => requestFor(state, 3)).toThrow(RangeError);
  });
});
