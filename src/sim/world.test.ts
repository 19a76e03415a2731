import { describe, expect, it } from 'vitest';
import { isWall } from './grid.ts';
import { createWorld, defaultWorldConfig } from './world.ts';

describe('createWorld', () => {
  it('places agents on distinct free cells with unique names, 1-3 traits and a goal', () => {
    const world = createWorld(defaultWorldConfig({ agents: 300, seed: 9 }));
    const cells = new Set(world.agents.map((a) => `${a.x},${a.y}`));
    expect(cells.size).toBe(300);
    expect(world.agents.every((a) => !isWall(world.grid, a.x, a.y))).toBe(true);
    expect(new Set(world.agents.map((a) => a.name)).size).toBe(300);
    expect(world.agents.some((a) => /^\w+ \d+$/.test(a.name))).toBe(true); // suffixed past the list
    for (const [i, a] of world.agents.entries()) {
      expect(a.id).toBe(i);
      expect(a.traits.length).toBeGreaterThanOrEqual(1);
      expect(a.traits.length).toBeLessThanOrEqual(3);
      expect(new Set(a.traits).size).toBe(a.traits.length);
      expect(a).toMatchObject({ state: 'idle', source: 'none', thought: '', plan: '', action: 'STAY', decisions: 0 });
      expect(a.needs.hunger).toBeLessThan(0.55);
      expect(a.needs.thirst).toBeLessThan(0.55);
    }
    expect(new Set(world.agents.map((a) => a.goal)).size).toBe(5);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const config = defaultWorldConfig({ agents: 50, seed: 4 });
    expect(JSON.stringify(createWorld(config).agents)).toBe(JSON.stringify(createWorld(config).agents));
    expect(JSON.stringify(createWorld({ ...config, seed: 5 }).agents)).not.toBe(JSON.stringify(createWorld(config).agents));
  });

  it('sets aligned timers to the interval and staggered ones within 1..interval', () => {
    const aligned = createWorld(defaultWorldConfig({ agents: 100, align: true, thinkIntervalTicks: 8 }));
    expect(aligned.agents.every((a) => a.thinkTimer === 8)).toBe(true);
    const staggered = createWorld(defaultWorldConfig({ agents: 100, align: false, thinkIntervalTicks: 8 }));
    expect(staggered.agents.every((a) => a.thinkTimer >= 1 && a.thinkTimer <= 8)).toBe(true);
    expect(new Set(staggered.agents.map((a) => a.thinkTimer)).size).toBe(8);
  });

  it('sizes the default grid for the agent count and validates its config', () => {
    expect(defaultWorldConfig({ agents: 10 })).toMatchObject({ width: 24, height: 24 });
    expect(defaultWorldConfig({ agents: 10_000 }).width).toBe(245);
    expect(defaultWorldConfig({ agents: 10, width: 40 })).toMatchObject({ width: 40, height: 24 });
    expect(createWorld(defaultWorldConfig({ agents: 1 })).agents).toHaveLength(1);
    expect(() => createWorld(defaultWorldConfig({ agents: 600, width: 24, height: 24 }))).toThrow(/do not fit/);
    expect(() => createWorld(defaultWorldConfig({ thinkIntervalTicks: 0 }))).toThrow(RangeError);
    expect(() => createWorld(defaultWorldConfig({ agents: 2.5 }))).toThrow(RangeError);
  });
});
