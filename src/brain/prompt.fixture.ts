import type { DecisionRequest } from '../sim/types.ts';

/** A request with a bit of everything, so each prompt line has something to show (tests only). */
export function sampleRequest(overrides: Partial<DecisionRequest> = {}): DecisionRequest {
  return {
    seed: 7,
    tick: 42,
    agentId: 3,
    name: 'Ada',
    traits: ['curious', 'kind'],
    goal: 'find-water',
    x: 12,
    y: 7,
    needs: { hunger: 0.25, thirst: 0.8 },
    perception: {
      agents: [{ id: 1, name: 'Bo', dx: 2, dy: -1, say: 'Water is east!' }],
      pois: [{ kind: 'water', name: 'Spring', dx: -3, dy: 0 }],
      blocked: { N: true, E: false, S: false, W: true },
    },
    memories: ['m6', 'm5', 'm4', 'm3', 'm2', 'm1'],
    lastPlan: 'Head west to the spring.',
    ...overrides,
  };
}
