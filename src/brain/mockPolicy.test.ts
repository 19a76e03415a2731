import { describe, expect, it } from 'vitest';
import { requestFor } from '../sim/perception.ts';
import { testWorld } from '../sim/testWorld.ts';
import { step } from '../sim/step.ts';
import type { DecisionRequest, Perception, SimInput } from '../sim/types.ts';
import { createWorld, defaultWorldConfig } from '../sim/world.ts';
import { distance, mockDecision } from './mockPolicy.ts';
import { parseDecision } from './schema.ts';

const OPEN = { N: false, E: false, S: false, W: false };
const WORDS = { N: 'north', E: 'east', S: 'south', W: 'west' } as const;

/**
 * The compass words a text uses as directions, lower case. Place names are taken out first:
 * "the North Well" names a place, not a way to walk.
 */
function namedDirections(text: string, places: readonly string[] = []): string[] {
  const plain = places.reduce((rest, place) => rest.split(place).join('<place>'), text);
  return [...plain.toLowerCase().matchAll(/\b(north|east|south|west)\b/g)].map((m) => m[1] ?? '');
}

function request(patch: Omit<Partial<DecisionRequest>, 'perception'> & { perception?: Partial<Perception> } = {}): DecisionRequest {
  const { perception, ...rest } = patch;
  return {
    seed: 1,
    tick: 40,
    agentId: 3,
    name: 'Ada',
    traits: ['curious'],
    goal: 'explore',
    x: 10,
    y: 10,
    needs: { hunger: 0.1, thirst: 0.1 },
    memories: [],
    lastPlan: '',
    ...rest,
    perception: { agents: [], pois: [], blocked: OPEN, ...perception },
  };
}

describe('mockDecision', () => {
  it('sends a thirsty agent toward visible water, by the larger axis', () => {
    const well = { kind: 'water' as const, name: 'North Well', dx: 3, dy: 1 };
    const d = mockDecision(request({ needs: { hunger: 0.2, thirst: 0.8 }, perception: { pois: [well] } }));
    expect(d.action).toBe('E');
    expect(d.thought).toBe("I'm thirsty; the North Well is 4 steps away, and east takes me closer.");
    expect(d.plan).toBe('Walk east to the North Well and drink.');
    const beside = mockDecision(request({ needs: { hunger: 0.2, thirst: 0.8 }, perception: { pois: [{ ...well, dx: 1, dy: 0 }] } }));
    expect(beside.action).toBe('E');
    const north = mockDecision(request({ needs: { hunger: 0.2, thirst: 0.8 }, perception: { pois: [{ ...well, dx: 1, dy: -4 }] } }));
    expect(north.action).toBe('N');
  });

  it('stays when on the water, or beside it with the way onto it taken', () => {
    const well = { kind: 'water' as const, name: 'Spring', dx: 0, dy: 0 };
    expect(mockDecision(request({ needs: { hunger: 0, thirst: 0.9 }, perception: { pois: [well] } })).action).toBe('STAY');
    const blocked = { ...OPEN, E: true };
    expect(mockDecision(request({ needs: { hunger: 0, thirst: 0.9 }, perception: { pois: [{ ...well, dx: 1 }], blocked } })).action).toBe('STAY');
  });

  it('heads for food when hunger is the larger need, and for its goal otherwise', () => {
    const pois = [
      { kind: 'water' as const, name: 'Pond', dx: 4, dy: 0 },
      { kind: 'food' as const, name: 'Market', dx: -2, dy: 0 },
      { kind: 'library' as const, name: 'Library', dx: 0, dy: 5 },
    ];
    const hungry = mockDecision(request({ needs: { hunger: 0.9, thirst: 0.7 }, perception: { pois } }));
    expect(hungry).toMatchObject({ action: 'W', plan: 'Walk west to the Market and eat.' });
    const bookish = mockDecision(request({ goal: 'visit-library', perception: { pois } }));
    expect(bookish.action).toBe('S');
    expect(bookish.thought).toContain('visit the library');
  });

  it('takes the stronger need above the threshold, thirst on a tie, and neither below it', () => {
    const pois = [
      { kind: 'water' as const, name: 'Pond', dx: 4, dy: 0 },
      { kind: 'food' as const, name: 'Market', dx: -2, dy: 0 },
    ];
    expect(mockDecision(request({ needs: { hunger: 0.8, thirst: 0.8 }, perception: { pois } })).plan).toBe('Walk east to the Pond and drink.');
    expect(mockDecision(request({ needs: { hunger: 0.8, thirst: 0.1 }, perception: { pois } })).plan).toBe('Walk west to the Market and eat.');
    expect(mockDecision(request({ needs: { hunger: 0.6, thirst: 0.6 }, perception: { pois } })).plan).not.toMatch(/drink|eat/);
  });

  it('has a friendly agent greet a neighbour within two cells', () => {
    const ben = { id: 4, name: 'Ben', dx: 1, dy: 1, say: '' };
    const d = mockDecision(request({ traits: ['friendly'], perception: { agents: [ben] } }));
    expect(d.say).toBe('Hi, Ben!');
    const far = mockDecision(request({ traits: ['friendly'], perception: { agents: [{ ...ben, dx: 3 }] } }));
    expect(far.say).toBeUndefined();
    const shy = mockDecision(request({ traits: ['shy'], perception: { agents: [ben] } }));
    expect(shy.say).toBeUndefined();
    // Over many ticks a friendly agent sometimes stops to chat and sometimes walks on.
    const actions = new Set(Array.from({ length: 40 }, (_, tick) => mockDecision(request({ tick, traits: ['friendly'], perception: { agents: [ben] } })).action));
    expect(actions.has('STAY')).toBe(true);
    expect(actions.size).toBeGreaterThan(1);
  });

  it('never explores into a blocked direction, and stays when boxed in', () => {
    const blocked = { N: true, E: true, S: false, W: true };
    for (let tick = 0; tick < 50; tick++) expect(mockDecision(request({ tick, perception: { blocked } })).action).toBe('S');
    const boxed = mockDecision(request({ perception: { blocked: { N: true, E: true, S: true, W: true } } }));
    expect(boxed.action).toBe('STAY');
    // A target behind a wall: take the other axis toward it.
    const well = { kind: 'water' as const, name: 'Well', dx: 4, dy: -2 };
    expect(mockDecision(request({ needs: { hunger: 0, thirst: 0.9 }, perception: { pois: [well], blocked: { ...OPEN, E: true } } })).action).toBe('N');
  });

  it('is deterministic, varies by seed/agent/tick, and always passes parseDecision', () => {
    const world = createWorld(defaultWorldConfig({ agents: 300, seed: 12 }));
    const actions = new Set<string>();
    for (const agent of world.agents) {
      const r = requestFor(world, agent.id);
      const d = mockDecision(r);
      expect(mockDecision(r)).toEqual(d);
      const parsed = parseDecision(JSON.parse(JSON.stringify(d)));
      expect(parsed).toEqual({ ok: true, decision: d });
      actions.add(d.action);
    }
    expect(actions.size).toBeGreaterThanOrEqual(4);
    const r = request();
    const picks = new Set([0, 1, 2, 3, 4, 5, 6, 7].map((tick) => mockDecision({ ...r, tick }).action));
    expect(picks.size).toBeGreaterThan(1);
  });

  it('works on a hand-built world end to end', () => {
    const pois = [{ kind: 'water' as const, name: 'East Well', x: 5, y: 2 }];
    const world = testWorld({ width: 8, height: 5, pois, agents: [{ x: 2, y: 2, needs: { hunger: 0, thirst: 0.95 } }] });
    expect(mockDecision(requestFor(world, 0))).toMatchObject({ action: 'E', thought: "I'm thirsty; the East Well is 3 steps away, and east takes me closer." });
  });

  it('gives distances in steps, with no direction in them', () => {
    expect(distance(3, 0)).toBe('3 steps');
    expect(distance(-1, 2)).toBe('3 steps');
    expect(distance(0, -1)).toBe('1 step');
  });

  it('never names a direction in its thought or plan other than the one it decided', () => {
    // A target off both axes, reached by stepping along one (the other blocked or shorter),
    // once gave "the Well is 3 cells east and 4 north" with action N (issue 9).
    const well = { kind: 'water' as const, name: 'Well', dx: 3, dy: -4 };
    const thirsty = { needs: { hunger: 0, thirst: 0.9 } };
    const d = mockDecision(request({ ...thirsty, perception: { pois: [well] } }));
    expect(d).toMatchObject({ action: 'N', thought: "I'm thirsty; the Well is 7 steps away, and north takes me closer." });
    const turned = mockDecision(request({ ...thirsty, perception: { pois: [well], blocked: { ...OPEN, N: true } } }));
    expect(turned).toMatchObject({ action: 'E', plan: 'Walk east to the Well and drink.' });
    expect(namedDirections(turned.thought)).toEqual(['east']);
    // Every decision of a crowded run, over every rule: needs, goals, meeting, chatting, exploring.
    let checked = 0;
    for (const seed of [1, 2, 3, 4]) {
      let state = createWorld(defaultWorldConfig({ agents: 120, seed, width: 30, height: 30 }));
      const places = state.grid.pois.map((p) => p.name);
      for (let tick = 0; tick < 400; tick += 1) {
        const inputs: SimInput[] = [];
        for (const agent of state.agents) {
          if ((agent.id + tick) % 10 !== 0) continue;
          const decision = mockDecision(requestFor(state, agent.id));
          const words = namedDirections(`${decision.thought} ${decision.plan}`, places);
          const allowed: readonly string[] = decision.action === 'STAY' ? [] : [WORDS[decision.action]];
          if (words.some((word) => !allowed.includes(word))) throw new Error(`${decision.action}: ${decision.thought} / ${decision.plan}`);
          inputs.push({ type: 'decided', agentId: agent.id, decision, source: 'mock' });
          checked += 1;
        }
        state = step(state, inputs).state;
      }
    }
    expect(checked).toBe(4 * 120 * 40);
  });
});
