import { describe, expect, it } from 'vitest';
import { criticalPath, levelsOf, topoOrder } from './dag.ts';
import { PRESET_SPECS, presetDag } from './presets.ts';
import { checkDag } from './spec.ts';
import { DAG_NAMES } from './types.ts';

const agent = (id: string, inputs: string[] = []) => ({ id, kind: 'agent', prompt: 'p', inputs });

describe('DAG specs', () => {
  it('every preset passes its own check', () => {
    for (const name of DAG_NAMES) expect(checkDag(PRESET_SPECS[name]).ok).toBe(true);
  });

  it('sizes wide by its fanout: 98 makes 100 nodes in three levels, the default twelve', () => {
    const big = presetDag('wide', 98);
    expect(big.nodes).toHaveLength(100);
    expect(new Set(levelsOf(big).values())).toEqual(new Set([0, 1, 2]));
    expect(big.nodes.at(-1)?.inputs).toHaveLength(98);
    expect(presetDag('wide').nodes).toHaveLength(12);
  });

  it('computes levels: a node is one past its highest input', () => {
    const levels = levelsOf(presetDag('uneven'));
    expect(Object.fromEntries(levels)).toEqual({ ingest: 0, summary: 1, stats: 1, patterns: 1, analysis: 2, critique: 3, report: 4 });
    expect(topoOrder(presetDag('chain')).map((n) => n.id)).toEqual(['fetch', 'clean', 'classify', 'summarise', 'publish']);
  });

  it('refuses a cycle with a sentence that names its nodes', () => {
    const result = checkDag({ nodes: [agent('a', ['c']), agent('b', ['a']), agent('c', ['b'])] });
    expect(result).toEqual({ ok: false, error: 'The DAG has a cycle: a → b → c → a; a step cannot wait for itself.' });
    expect(checkDag({ nodes: [agent('a', ['a'])] })).toEqual({ ok: false, error: 'The DAG has a cycle: a → a; a step cannot wait for itself.' });
  });

  it('refuses a missing node, a duplicate id, bad JSON and a bad field, each in a sentence', () => {
    expect(checkDag({ nodes: [agent('a', ['ghost'])] })).toEqual({ ok: false, error: 'Node a reads from "ghost", which is not a node.' });
    expect(checkDag({ nodes: [agent('a'), agent('a')] })).toEqual({ ok: false, error: 'Duplicate node id: a; each node needs its own.' });
    const bad = checkDag('{ "nodes": [');
    expect(bad.ok ? '' : bad.error).toMatch(/^The DAG is not valid JSON \(/);
    const tool = checkDag({ nodes: [{ id: 't', kind: 'tool', tool: 'teleport' }] });
    expect(tool.ok ? '' : tool.error).toMatch(/^The DAG's nodes\.0\.tool /);
    expect(checkDag({ nodes: [] })).toEqual({ ok: false, error: "The DAG's nodes must have at least one node." });
  });

  it('finds the critical path of node times', () => {
    const durations = new Map([['ingest', 1], ['summary', 3], ['stats', 0.2], ['patterns', 0.3], ['analysis', 1], ['critique', 1], ['report', 1]]);
    expect(criticalPath(presetDag('uneven'), durations)).toEqual({ ms: 5, path: ['ingest', 'summary', 'report'] });
  });
});
