import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellIndex, isWall } from './grid.ts';
import { occupancyOf } from './indexes.ts';
import { MAX_SEEN_AGENTS, agentById, perceive, requestFor } from './perception.ts';
import { DELTAS, step } from './step.ts';
import { decided, testWorld } from './testWorld.ts';
import { POI_KINDS, STEPS, type Perception, type Poi, type SeenAgent, type SeenPoi, type SimInput, type Step, type WorldState } from './types.ts';
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

/**
 * perceive as it was before it kept its nearest neighbours in a bounded buffer (a wrapper object
 * per occupied cell and a full sort): the new one must answer exactly as this one did.
 */
function referencePerceive(state: WorldState, agentId: number, radius: number): Perception {
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

const RADII = [0, 1, 3, 6, 12];

/** Checks perceive against the reference for every agent of a world at every radius given. */
function expectSameAsReference(state: WorldState, radii: readonly number[] = RADII): void {
  for (const radius of radii) {
    for (const agent of state.agents) {
      const actual = perceive(state, agent.id, radius);
      const expected = referencePerceive(state, agent.id, radius);
      expect(actual).toStrictEqual(expected);
      // Key order too, since perceptions end up serialised into prompts and messages.
      expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
    }
  }
}

/**
 * Small hand-built worlds packed with agents (ids in shuffled cell order, so id and scan order
 * differ), walls and POIs that may share cells and distances, so ties and overflow past
 * MAX_SEEN_AGENTS are the common case rather than the rare one.
 */
const crowdedWorld = fc
  .record({ width: fc.integer({ min: 2, max: 16 }), height: fc.integer({ min: 2, max: 16 }) })
  .chain(({ width, height }) => {
    const cell = fc.integer({ min: 0, max: width * height - 1 });
    const poi = fc.record({ kind: fc.constantFrom(...POI_KINDS), name: fc.constantFrom('Well', 'Market', 'Green'), x: fc.integer({ min: 0, max: width - 1 }), y: fc.integer({ min: 0, max: height - 1 }) });
    return fc.record({
      width: fc.constant(width),
      height: fc.constant(height),
      agentCells: fc.uniqueArray(cell, { minLength: 1, maxLength: width * height }),
      wallCells: fc.array(cell, { maxLength: Math.floor((width * height) / 4) }),
      pois: fc.array(poi, { maxLength: 12 }),
      says: fc.array(fc.constantFrom('', 'hi', 'hello there'), { minLength: 1, maxLength: 5 }),
    });
  })
  .map(({ width, height, agentCells, wallCells, pois, says }): WorldState =>
    testWorld({
      width,
      height,
      walls: wallCells.map((c): [number, number] => [c % width, Math.floor(c / width)]),
      pois: pois satisfies Poi[],
      agents: agentCells.map((c, i) => ({ x: c % width, y: Math.floor(c / width), name: `A${i}`, say: says[i % says.length] ?? '' })),
    }),
  );

describe('perceive', () => {
  it('answers exactly as the old full-sort version on crowded random worlds, radii 0 to 12', () => {
    fc.assert(
      fc.property(crowdedWorld, (state) => {
        expectSameAsReference(state);
      }),
      { numRuns: 300 },
    );
  });

  it('answers exactly as the old full-sort version on seeded worlds after some steps', () => {
    const world = fc.record({
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
      agents: fc.integer({ min: 0, max: 300 }),
      steps: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(world, ({ seed, agents, steps }) => {
        let state = createWorld(defaultWorldConfig({ agents, seed }));
        for (let t = 0; t < steps; t++) {
          const inputs: SimInput[] = state.agents.map((a) => ({
            ...decided(a.id, STEPS[(a.id + t + seed) % 4] ?? 'N'),
            decision: { thought: 't', plan: 'p', action: STEPS[(a.id + t + seed) % 4] ?? 'N', say: a.id % 3 === 0 ? `hi ${t}` : '' },
          }));
          state = step(state, inputs).state;
        }
        expectSameAsReference(state, [0, 1, 3, 5, 6, 12]);
      }),
      { numRuns: 12 },
    );
  });

  it('answers exactly as the old version for a fully packed grid, where every ring is full of ties', () => {
    const agents: { x: number; y: number }[] = [];
    for (let y = 0; y < 9; y++) for (let x = 0; x < 9; x++) agents.push({ x: (x * 5) % 9, y });
    const pois: Poi[] = [
      { kind: 'food', name: 'East', x: 6, y: 4 },
      { kind: 'water', name: 'West', x: 2, y: 4 },
      { kind: 'plaza', name: 'North', x: 4, y: 2 },
      { kind: 'library', name: 'Here', x: 4, y: 4 },
    ];
    expectSameAsReference(testWorld({ width: 9, height: 9, pois, agents }));
  });

  it('still refuses an agent id that does not exist', () => {
    const state = testWorld({ width: 3, height: 3, agents: [{ x: 1, y: 1 }] });
    for (const bad of [1, -1, 0.5]) expect(() => perceive(state, bad, 2)).toThrow(RangeError);
  });

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
