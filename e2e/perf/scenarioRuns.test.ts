import { describe, expect, it } from 'vitest';
import { checkDag } from '../../src/scenarios/pipeline/spec.ts';
import { SCENARIOS, wideDagSpec } from './scenarioRuns.ts';

describe('perf scenario runs', () => {
  it("the loadDag fallback is the app's own wide DAG: 1 → 98 → 1, 100 nodes the pipeline accepts", () => {
    const checked = checkDag(wideDagSpec(98));
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.dag.nodes).toHaveLength(100);
    expect(checked.dag.nodes.filter((n) => n.inputs.length === 1 && n.inputs[0] === 'source')).toHaveLength(98);
    expect(checked.dag.nodes.find((n) => n.id === 'merge')?.inputs).toHaveLength(98);
  });

  it('measures each scenario at its largest setting', () => {
    const query = (name: string): URLSearchParams => new URLSearchParams(SCENARIOS.find((s) => s.name === name)?.query ?? '');
    expect(query('community').get('agents')).toBe('1000');
    expect(query('gamemaster').get('npcs')).toBe('50');
    expect(query('relationships').get('sims')).toBe('200');
    expect(query('pipeline').get('fanout')).toBe('98');
    expect(SCENARIOS.map((s) => new URLSearchParams(s.query).get('scenario'))).toEqual(['community', 'gamemaster', 'relationships', 'pipeline']);
  });
});
