import { describe, expect, it } from 'vitest';
import { isWall } from './grid.ts';
import { hash32 } from './rng.ts';
import { step } from './step.ts';
import { decided, summary, testWorld } from './testWorld.ts';
import { DIRECTIONS, type SimInput, type WorldConfig, type WorldState } from './types.ts';
import { createWorld, defaultWorldConfig } from './world.ts';

interface Run {
  frames: string[];
  expiredAt: Map<number, number[]>;
  final: WorldState;
}

/**
 * Drives a world like the engine does: an expired agent starts thinking next tick and its
 * decision lands a seeded 1-5 ticks later, so answers arrive at scattered ticks. With `check`,
 * each state is checked instead of recorded.
 */
function drive(config: WorldConfig, ticks: number, check?: (state: WorldState) => void): Run {
  let state = createWorld(config);
  const pending: { at: number; input: SimInput }[] = [];
  const frames: string[] = [];
  const expiredAt = new Map<number, number[]>();
  for (let t = 0; t < ticks; t++) {
    const inputs = pending.filter((p) => p.at <= state.tick).map((p) => p.input);
    pending.splice(0, pending.length, ...pending.filter((p) => p.at > state.tick));
    const result = step(state, inputs);
    state = result.state;
    check?.(state);
    if (result.expired.length > 0) expiredAt.set(state.tick, [...result.expired]);
    for (const id of result.expired) {
      const lag = 1 + (hash32(config.seed, id, state.tick) % 5);
      const action = DIRECTIONS[hash32(config.seed, id, state.tick, 7) % DIRECTIONS.length] ?? 'STAY';
      pending.push({ at: state.tick + 1, input: { type: 'thinking', agentId: id } });
      pending.push({ at: state.tick + lag, input: decided(id, action, lag === 5 ? 'fallback' : 'mock', `thought ${state.tick}`) });
    }
    if (!check) frames.push(JSON.stringify({ tick: state.tick, agents: state.agents }));
  }
  return { frames, expiredAt, final: state };
}

/** Throws on the first agent in a wall, off the grid, or sharing a cell (one expect per tick is too slow). */
function assertValid(state: WorldState): void {
  const seen = new Set<number>();
  for (const a of state.agents) {
    const cell = a.y * state.grid.width + a.x;
    if (isWall(state.grid, a.x, a.y) || seen.has(cell)) throw new Error(`tick ${state.tick}: agent ${a.id} at ${a.x},${a.y} is in a wall or a shared cell`);
    seen.add(cell);
  }
}

describe('step: determinism and purity', () => {
  it('replays identically for the same seed and inputs, tick for tick over 200 ticks', () => {
    const config = defaultWorldConfig({ agents: 40, seed: 7 });
    const a = drive(config, 200);
    const b = drive(config, 200);
    expect(b.frames).toEqual(a.frames);
    expect(a.final.agents.some((agent) => agent.decisions > 0)).toBe(true);
    const other = drive(defaultWorldConfig({ agents: 40, seed: 8 }), 200);
    expect(other.frames).not.toEqual(a.frames);
  });

  it('never mutates its input state and shares unchanged agents', () => {
    const state = testWorld({ width: 6, height: 6, agents: [{ x: 1, y: 1, action: 'E' }, { x: 4, y: 4, state: 'thinking', needs: { hunger: 1, thirst: 1 } }] });
    const before = JSON.stringify(state);
    Object.freeze(state.agents);
    const { state: next } = step(state, [decided(0, 'S')]);
    expect(JSON.stringify(state)).toBe(before);
    expect(next).not.toBe(state);
    expect(next.tick).toBe(1);
    expect(next.agents[1]).toBe(state.agents[1]);
  });
});

describe('step: movement', () => {
  it('never enters walls or leaves the grid, and never puts two agents in one cell', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      // Crowded on purpose (about a third of the cells) so conflicts happen all the time.
      const config = defaultWorldConfig({ agents: 180, seed, width: 24, height: 24, thinkIntervalTicks: 3 });
      const run = drive(config, 300, assertValid);
      expect(run.final.tick).toBe(300);
    }
  });

  it('turns right at walls and edges to the first open side, and keeps going that way', () => {
    const state = testWorld({ width: 4, height: 3, walls: [[2, 1]], agents: [{ x: 1, y: 1, action: 'E' }, { x: 0, y: 0, action: 'N' }, { x: 3, y: 2, action: 'E' }] });
    const next = step(state, []).state;
    // E into a wall → S; N off the top → E; E off the side, S off the bottom → W.
    expect(summary(next).map((s) => s.split(' ')[0])).toEqual(['0@1,2', '1@1,0', '2@2,2']);
    expect(next.agents.map((a) => a.heading)).toEqual(['S', 'E', 'W']);
    // The turn changes where it walks, never what was decided.
    expect(next.agents.map((a) => a.action)).toEqual(['E', 'N', 'E']);
    // It keeps walking its heading, turning again at the next edge: S off the bottom → W.
    const later = step(next, []).state;
    expect(later.agents.map((a) => `${a.x},${a.y} ${a.action}>${a.heading}`)).toEqual(['0,2 E>W', '2,0 N>E', '1,2 E>W']);
    // Walled in on every side: stays, and keeps its heading for when a way opens.
    const boxed = testWorld({ width: 3, height: 3, walls: [[1, 0], [0, 1], [2, 1], [1, 2]], agents: [{ x: 1, y: 1, action: 'N' }] });
    const still = step(boxed, []).state.agents[0];
    expect([still?.x, still?.y, still?.action, still?.heading]).toEqual([1, 1, 'N', 'N']);
  });

  it('keeps a decided action the agent cannot walk, and heads the way the wall turns it', () => {
    // Against the west edge, a model says W: the agent turns right to N at once, but what it
    // decided stays W (issue 9: a reply of "action":"W" was shown as N).
    const state = testWorld({ width: 4, height: 4, agents: [{ x: 0, y: 2, state: 'thinking' }] });
    const next = step(state, [decided(0, 'W', 'gemini')]).state;
    expect(next.agents[0]).toMatchObject({ action: 'W', heading: 'N', x: 0, y: 1, source: 'gemini' });
    // The next decision sets both again.
    const after = step(next, [decided(0, 'E', 'gemini')]).state;
    expect(after.agents[0]).toMatchObject({ action: 'E', heading: 'E', x: 1, y: 1 });
  });

  it('resolves conflicts in ascending id order against current occupancy', () => {
    const at = (state: WorldState): string[] => state.agents.map((a) => `${a.x},${a.y}`);
    // A lower id behind a higher id in a queue is blocked for a tick, and keeps its direction.
    let state = testWorld({ width: 8, height: 3, agents: [{ x: 1, y: 1, action: 'E' }, { x: 2, y: 1, action: 'E' }] });
    state = step(state, []).state;
    expect(at(state)).toEqual(['1,1', '3,1']);
    expect(state.agents[0]?.action).toBe('E');
    state = step(state, []).state;
    expect(at(state)).toEqual(['2,1', '4,1']);
    // A higher id follows into the cell a lower id just left.
    state = step(testWorld({ width: 8, height: 3, agents: [{ x: 2, y: 1, action: 'E' }, { x: 1, y: 1, action: 'E' }] }), []).state;
    expect(at(state)).toEqual(['3,1', '2,1']);
    // Two agents aiming at one empty cell: the lower id gets it.
    state = step(testWorld({ width: 8, height: 3, agents: [{ x: 3, y: 1, action: 'W' }, { x: 1, y: 1, action: 'E' }] }), []).state;
    expect(at(state)).toEqual(['2,1', '1,1']);
    // Face to face: nobody swaps.
    state = step(testWorld({ width: 8, height: 3, agents: [{ x: 1, y: 1, action: 'E' }, { x: 2, y: 1, action: 'W' }] }), []).state;
    expect(at(state)).toEqual(['1,1', '2,1']);
  });

  it('moves agents whatever their thinking state', () => {
    const states = ['idle', 'queued', 'thinking', 'decided', 'fellBack'] as const;
    const state = testWorld({ width: 8, height: 8, agents: states.map((s, i) => ({ x: 1, y: i + 1, action: 'E' as const, state: s })) });
    expect(step(state, []).state.agents.every((a) => a.x === 2)).toBe(true);
  });
});

describe('step: think timers', () => {
  it('aligned: everyone expires on the same ticks and re-aligns after decisions land at different ticks', () => {
    const config = defaultWorldConfig({ agents: 25, seed: 3, align: true, thinkIntervalTicks: 10 });
    const run = drive(config, 100);
    const ticks = [...run.expiredAt.keys()];
    expect(ticks).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    for (const ids of run.expiredAt.values()) expect(ids).toEqual([...Array(25).keys()]);
  });

  it('aligned: a decision landing on the tick before a boundary still thinks at the boundary', () => {
    const state = testWorld({ width: 5, height: 5, tick: 9, agents: [{ x: 1, y: 1, state: 'thinking' }], config: { align: true, thinkIntervalTicks: 10 } });
    const result = step(state, [decided(0, 'STAY')]);
    expect(result.expired).toEqual([0]);
    expect(result.state.tick).toBe(10);
  });

  it('staggered: first expiries spread over the interval and resets jitter by about ±25%', () => {
    const config = defaultWorldConfig({ agents: 200, seed: 5, align: false, thinkIntervalTicks: 12 });
    const world = createWorld(config);
    const timers = new Set(world.agents.map((a) => a.thinkTimer));
    expect(timers.size).toBeGreaterThanOrEqual(10);
    expect(Math.min(...timers)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...timers)).toBeLessThanOrEqual(12);
    const reset = step(world, world.agents.map((a) => decided(a.id, 'STAY'))).state;
    // The timer counted down once after its reset, hence the -1.
    const after = reset.agents.map((a) => a.thinkTimer + 1);
    expect(Math.min(...after)).toBeGreaterThanOrEqual(9);
    expect(Math.max(...after)).toBeLessThanOrEqual(15);
    expect(new Set(after).size).toBeGreaterThanOrEqual(5);
    const run = drive(config, 120);
    expect(run.expiredAt.size).toBeGreaterThan(60);
  });
});

describe('step: decisions, memories and the state machine', () => {
  it('walks idle → queued → thinking → decided | fellBack → queued', () => {
    let state = testWorld({ width: 5, height: 5, agents: [{ x: 1, y: 1, thinkTimer: 2 }], config: { align: false, thinkIntervalTicks: 4 } });
    state = step(state, []).state;
    expect(state.agents[0]?.state).toBe('idle');
    let result = step(state, []);
    expect(result.expired).toEqual([0]);
    state = result.state;
    expect(state.agents[0]?.state).toBe('queued');
    state = step(state, [{ type: 'thinking', agentId: 0 }]).state;
    expect(state.agents[0]?.state).toBe('thinking');
    for (let i = 0; i < 20; i++) state = step(state, []).state; // no timer runs while thinking
    expect(state.agents[0]?.state).toBe('thinking');
    state = step(state, [decided(0, 'E', 'gemini')]).state;
    expect(state.agents[0]).toMatchObject({ state: 'decided', source: 'gemini', action: 'E', decisions: 1, x: 2 });
    state = step(state, [decided(0, 'S', 'fallback')]).state; // a late answer still applies
    expect(state.agents[0]).toMatchObject({ state: 'fellBack', source: 'fallback', action: 'S', decisions: 2 });
    let expiredTicks = 0;
    for (let i = 0; i < 10; i++) {
      result = step(state, []);
      state = result.state;
      expiredTicks += result.expired.length;
    }
    expect(expiredTicks).toBe(1);
    expect(state.agents[0]?.state).toBe('queued');
  });

  it('ignores thinking for an agent that is not queued, and inputs for unknown ids', () => {
    const state = testWorld({ width: 5, height: 5, agents: [{ x: 1, y: 1 }] });
    const next = step(state, [{ type: 'thinking', agentId: 0 }, { type: 'thinking', agentId: 9 }, decided(9, 'E')]).state;
    expect(next.agents[0]?.state).toBe('idle');
  });

  it('keeps at most memoryLimit memories, newest last, and clears say when a decision has none', () => {
    let state = testWorld({ width: 5, height: 5, agents: [{ x: 1, y: 1, say: 'hello' }], config: { memoryLimit: 3 } });
    for (let i = 0; i < 5; i++) state = step(state, [decided(0, 'STAY', 'mock', `idea ${i}`)]).state;
    const agent = state.agents[0];
    expect(agent?.memories.map((m) => m.text)).toEqual(['tick 2: idea 2', 'tick 3: idea 3', 'tick 4: idea 4']);
    expect(agent?.say).toBe('');
    const none = step(testWorld({ width: 5, height: 5, agents: [{ x: 1, y: 1 }], config: { memoryLimit: 0 } }), [decided(0, 'N')]).state;
    expect(none.agents[0]?.memories).toEqual([]);
  });

  it('raises needs each tick and relieves them next to food and water', () => {
    const pois = [{ kind: 'water' as const, name: 'Well', x: 3, y: 1 }, { kind: 'food' as const, name: 'Market', x: 7, y: 7 }];
    let state = testWorld({ width: 9, height: 9, pois, agents: [{ x: 2, y: 2, needs: { hunger: 0.5, thirst: 0.9 } }, { x: 5, y: 5, needs: { hunger: 0.999, thirst: 0 } }] });
    state = step(state, []).state;
    expect(state.agents[0]?.needs.thirst).toBeCloseTo(0.7);
    expect(state.agents[0]?.needs.hunger).toBeCloseTo(0.502);
    expect(state.agents[1]?.needs.hunger).toBe(1);
    for (let i = 0; i < 10; i++) state = step(state, []).state;
    expect(state.agents[0]?.needs.thirst).toBe(0);
    expect(state.agents[1]?.needs.hunger).toBe(1);
  });
});
