import { describe, expect, it } from 'vitest';
import { requestFor } from './perception.ts';
import { resumable, fromSaved, toSaved } from './serialize.ts';
import { step } from './step.ts';
import { decided, summary, testWorld } from './testWorld.ts';
import type { Direction, SimInput, WorldState } from './types.ts';
import { createWorld, defaultWorldConfig } from './world.ts';

const DIRS: readonly Direction[] = ['N', 'E', 'S', 'W', 'STAY'];

/** A world some way into its life: decisions, memories, needs and timers all moved on. */
function livedIn(ticks: number): WorldState {
  let state = createWorld(defaultWorldConfig({ agents: 40, seed: 3, memoryLimit: 3 }));
  for (let t = 0; t < ticks; t++) {
    const inputs: SimInput[] = [];
    for (const agent of state.agents) {
      if (agent.state === 'queued') inputs.push({ type: 'thinking', agentId: agent.id });
      // Answer thinking agents two ticks later, some as fallbacks, with a say now and then.
      if (agent.state === 'thinking' && (t + agent.id) % 2 === 0) {
        const input = decided(agent.id, DIRS[(t + agent.id) % 5] ?? 'N', agent.id % 4 === 0 ? 'fallback' : 'mock', `t${t} a${agent.id} "quoted" ünïcode`);
        inputs.push(input.type === 'decided' && agent.id % 3 === 0 ? { ...input, decision: { ...input.decision, say: 'Hi!' } } : input);
      }
    }
    state = step(state, inputs).state;
  }
  return state;
}

/** The world through a file: JSON text and back. */
const throughJson = (state: WorldState): WorldState => fromSaved(JSON.parse(JSON.stringify(toSaved(state))) as ReturnType<typeof toSaved>);

describe('toSaved / fromSaved', () => {
  it('round-trips a lived-in world exactly, through JSON text too', () => {
    const state = livedIn(60);
    expect(state.agents.some((a) => a.memories.length === 3 && a.say === 'Hi!' && a.source === 'fallback')).toBe(true);
    expect(state.agents.some((a) => a.state === 'thinking')).toBe(true);
    expect(fromSaved(toSaved(state))).toEqual(state);
    expect(throughJson(state)).toEqual(state);
  });

  it('keeps walls as the list of wall cells', () => {
    const state = testWorld({ width: 5, height: 4, walls: [[1, 0], [4, 3]], agents: [{ x: 0, y: 0 }] });
    expect(toSaved(state).walls).toEqual([1, 19]);
    expect(Array.from(fromSaved(toSaved(state)).grid.walls)).toEqual(Array.from(state.grid.walls));
  });

  it('a restored world steps and perceives exactly like the original', () => {
    let a = livedIn(30);
    let b = throughJson(a);
    for (let t = 0; t < 50; t++) {
      const inputs = a.agents.filter((x) => x.state === 'queued').map((x): SimInput => decided(x.id, DIRS[x.id % 5] ?? 'N'));
      a = step(a, inputs).state;
      b = step(b, inputs).state;
    }
    expect(b).toEqual(a);
    expect(a.agents.map((x) => requestFor(b, x.id))).toEqual(a.agents.map((x) => requestFor(a, x.id)));
  });

  it('does not keep the saved object: changing it afterwards leaves the world alone', () => {
    const saved = JSON.parse(JSON.stringify(toSaved(livedIn(20)))) as { agents: { x: number; traits: string[] }[]; walls: number[] };
    const world = fromSaved(saved as unknown as ReturnType<typeof toSaved>);
    const before = JSON.stringify(toSaved(world));
    const [first] = saved.agents;
    if (!first) throw new Error('no agent');
    first.x = 999;
    first.traits.push('changed');
    saved.walls.push(0);
    expect(JSON.stringify(toSaved(world))).toBe(before);
  });
});

describe('resumable', () => {
  it('sends agents that waited for an answer back to idle with their timer due; the rest are untouched', () => {
    const state = testWorld({
      width: 6,
      height: 3,
      agents: [
        { x: 0, y: 0, state: 'queued', thinkTimer: 0 },
        { x: 1, y: 0, state: 'thinking', thinkTimer: 0, decisions: 4, thought: 'kept' },
        { x: 2, y: 0, state: 'decided', thinkTimer: 7 },
        { x: 3, y: 0, state: 'idle', thinkTimer: 3 },
      ],
    });
    const resumed = resumable(state);
    expect(summary(resumed).map((s) => s.split(' ').slice(0, 3).join(' '))).toEqual(['0@0,0 idle t1', '1@1,0 idle t1', '2@2,0 decided t7', '3@3,0 idle t3']);
    expect(resumed.agents[1]).toMatchObject({ decisions: 4, thought: 'kept' });
    expect(resumed.agents[2]).toBe(state.agents[2]);
    // On the next tick they ask again, with everyone else whose timer ran out.
    expect(step(resumed, []).expired).toEqual([0, 1]);
    const quiet = resumable(resumed);
    expect(quiet).toBe(resumed);
  });
});
