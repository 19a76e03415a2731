import { describe, expect, it } from 'vitest';
import { requestFor } from './perception.ts';
import { step } from './step.ts';
import { STEPS } from './types.ts';
import { createWorld, defaultWorldConfig } from './world.ts';
import { decided } from './testWorld.ts';

describe('10,000 agents', () => {
  it('creates, steps and perceives quickly (generous bounds for a loaded CI machine)', () => {
    let started = performance.now();
    let state = createWorld(defaultWorldConfig({ agents: 10_000, seed: 1, align: true }));
    const createMs = performance.now() - started;
    // Everyone decides at once, then walks: the heaviest tick the sim has.
    state = step(state, state.agents.map((a) => decided(a.id, STEPS[a.id % 4] ?? 'N'))).state;
    const ticks = 50;
    started = performance.now();
    for (let i = 0; i < ticks; i++) state = step(state, []).state;
    const stepMs = (performance.now() - started) / ticks;
    started = performance.now();
    for (const agent of state.agents) requestFor(state, agent.id);
    const perceiveAllMs = performance.now() - started;
    console.log(`10k agents: createWorld ${createMs.toFixed(1)} ms, step ${stepMs.toFixed(2)} ms/tick, requestFor x10k ${perceiveAllMs.toFixed(1)} ms`);
    expect(createMs).toBeLessThan(1000);
    expect(stepMs).toBeLessThan(30);
    expect(perceiveAllMs).toBeLessThan(2000);
  });
});
