import { describe, expect, it } from 'vitest';
import { workerMessageSchema, type PipeSceneMessage } from '../protocol/protocol.ts';
import { scenarioSession as harness } from './scenarioSession.fixture.ts';

const pipeScenes = (h: ReturnType<typeof harness>): PipeSceneMessage[] => h.messages.filter((m): m is PipeSceneMessage => m.type === 'pipeScene');
const ackOf = (h: ReturnType<typeof harness>, seq: number) => h.messages.find((m) => m.type === 'ack' && m.seq === seq);

describe('Session with a pipeline', () => {
  it('runs the diamond level by level on the one scheduler, and a failed node skips the report', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { scenario: 'pipeline', dag: 'diamond', failNode: 'patterns', latency: 100 } });
    const world = h.messages.find((m) => m.type === 'world');
    expect(world?.type === 'world' && world.agents.map((a) => a.name)).toEqual(['ingest', 'stats', 'patterns', 'analysis', 'report']);
    h.send({ type: 'start' });
    await h.clock.advance(5_000);
    const scene = pipeScenes(h).at(-1)?.scene;
    expect(scene?.mode).toBe('levels');
    expect(Object.fromEntries(scene?.nodes.map((n) => [n.id, n.status]) ?? [])).toEqual({ ingest: 'done', stats: 'done', patterns: 'failed', analysis: 'done', report: 'skipped' });
    expect(scene?.wallMs).not.toBeNull();
    for (const message of h.messages) expect(workerMessageSchema.safeParse(message).success).toBe(true);
    h.session.dispose();
  });

  it('loads a DAG of one\'s own, and refuses a cycle with its sentence, changing nothing', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { scenario: 'pipeline', latency: 50 } });
    const worlds = h.messages.filter((m) => m.type === 'world').length;
    const cycle = h.send({ type: 'loadDag', spec: { nodes: [{ id: 'a', kind: 'agent', inputs: ['b'] }, { id: 'b', kind: 'agent', inputs: ['a'] }] } });
    expect(ackOf(h, cycle)).toEqual({ type: 'ack', seq: cycle, error: 'The DAG has a cycle: a → b → a; a step cannot wait for itself.' });
    expect(h.messages.filter((m) => m.type === 'world')).toHaveLength(worlds);
    const ok = h.send({ type: 'loadDag', spec: JSON.stringify({ name: 'mine', nodes: [{ id: 'a', kind: 'agent' }, { id: 'b', kind: 'tool', tool: 'primes', size: 0.1, inputs: ['a'] }] }) });
    expect(ackOf(h, ok)).toEqual({ type: 'ack', seq: ok });
    h.send({ type: 'start' });
    await h.clock.advance(2_000);
    const last = pipeScenes(h).at(-1);
    expect(last?.scene.dag).toBe('mine');
    expect(last?.scene.nodes.map((n) => n.status)).toEqual(['done', 'done']);
    expect(last?.view.nodes[1]?.output).toContain('"primes"');
    h.session.dispose();
  });
});
