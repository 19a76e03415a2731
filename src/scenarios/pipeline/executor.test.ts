import { describe, expect, it } from 'vitest';
import { NODE_BACKOFF_MS } from './executor.ts';
import { runPipeline } from './pipeline.fixture.ts';
import { presetDag } from './presets.ts';
import { checkDag } from './spec.ts';
import type { ToolRunner } from './tools.ts';
import type { Dag, Mode } from './types.ts';

const settings = (dag: Dag, mode: Mode, failNode: string | null = null) => ({ dag, mode, seed: 7, failNode });
const byId = <T extends { id: string }>(nodes: readonly T[]): Map<string, T> => new Map(nodes.map((n) => [n.id, n]));

describe('the DAG executor', () => {
  it('diamond at 1,000 ms: levels take three latencies, one at a time five, ready three', async () => {
    const dag = presetDag('diamond');
    const levels = await runPipeline(settings(dag, 'levels'));
    const sequential = await runPipeline(settings(dag, 'sequential'));
    const ready = await runPipeline(settings(dag, 'ready'));
    expect(levels.run.figures?.wallMs).toBe(3_000);
    expect(sequential.run.figures?.wallMs).toBe(5_000);
    expect(ready.run.figures?.wallMs).toBe(3_000);
    expect(levels.run.figures?.sequentialMs).toBe(5_000);
    expect(levels.run.figures?.criticalPathMs).toBe(3_000);
    expect(levels.run.figures?.speedup).toBeCloseTo(5 / 3, 5);
    expect(levels.run.state.every((n) => n.status === 'done')).toBe(true);
  });

  it('wide (1 → 10 → 1) gains 4; a chain gains nothing', async () => {
    const wide = await runPipeline(settings(presetDag('wide'), 'levels'));
    expect(wide.run.figures?.speedup).toBeCloseTo(4, 5);
    const chain = await runPipeline(settings(presetDag('chain'), 'levels'));
    expect(chain.run.figures?.speedup).toBeCloseTo(1, 5);
  });

  it('uneven: ready beats levels and equals the critical path', async () => {
    const dag = presetDag('uneven');
    const levels = await runPipeline(settings(dag, 'levels'));
    const ready = await runPipeline(settings(dag, 'ready'));
    expect(levels.run.figures?.wallMs).toBe(7_000);
    expect(ready.run.figures?.wallMs).toBe(5_000);
    expect(ready.run.figures?.criticalPathMs).toBe(5_000);
    expect(ready.run.figures?.criticalPath).toEqual(['ingest', 'summary', 'report']);
    // Each node of `ready` started the moment its last input ended.
    const nodes = byId(ready.run.state);
    expect(nodes.get('analysis')?.startMs).toBe(1_000);
    expect(nodes.get('report')?.startMs).toBe(4_000);
  });

  it('a failed node skips what reads from it, and the nodes beside it finish (every mode)', async () => {
    for (const mode of ['levels', 'ready', 'sequential'] as const) {
      const { run } = await runPipeline(settings(presetDag('diamond'), mode, 'patterns'));
      const nodes = byId(run.state);
      expect(nodes.get('patterns')?.status).toBe('failed');
      expect(nodes.get('patterns')?.error).toBe('patterns failed after 2 attempts: injected fault (failNode=patterns).');
      expect(nodes.get('report')?.status).toBe('skipped');
      expect(nodes.get('report')?.error).toBe('Skipped: its input patterns failed.');
      for (const id of ['ingest', 'stats', 'analysis']) expect(nodes.get(id)?.status).toBe('done');
    }
  });

  it('retries a node after a backoff, and a tool that throws fails its node alone', async () => {
    let calls = 0;
    const flaky: ToolRunner = {
      workers: 1,
      run: (tool) => {
        calls++;
        return tool === 'patterns' || calls === 1 ? Promise.reject(new Error('out of memory')) : Promise.resolve({ ok: 1 });
      },
    };
    const { run } = await runPipeline(settings(presetDag('uneven'), 'ready'), { tools: flaky });
    const nodes = byId(run.state);
    // stats failed once and then succeeded on its retry; patterns failed both attempts.
    expect(nodes.get('stats')).toMatchObject({ status: 'done', attempts: 2 });
    expect(nodes.get('patterns')).toMatchObject({ status: 'failed', attempts: 2, error: 'patterns failed after 2 attempts: out of memory.' });
    expect(nodes.get('analysis')?.status).toBe('skipped');
    expect(nodes.get('summary')?.status).toBe('done');
    // The retry waited its backoff: stats began at 1 s and ended after it.
    expect((nodes.get('stats')?.endMs ?? 0) - (nodes.get('stats')?.startMs ?? 0)).toBe(NODE_BACKOFF_MS);
  });

  it('times a node out: a step whose call is slower than its timeout falls back, or fails when its fallback is "fail"', async () => {
    const spec = (fallback: 'mock' | 'fail') => ({ name: 't', nodes: [{ id: 'slow', kind: 'agent', prompt: 'x', weight: 5, timeoutMs: 1_000, retries: 0, fallback }, { id: 'next', kind: 'agent', prompt: 'y', inputs: ['slow'] }] });
    const mock = checkDag(spec('mock'));
    const fail = checkDag(spec('fail'));
    if (!mock.ok || !fail.ok) throw new Error('bad spec');
    const a = byId((await runPipeline(settings(mock.dag, 'ready'), { config: { maxAttempts: 1 } })).run.state);
    expect(a.get('slow')).toMatchObject({ status: 'done', source: 'fallback' });
    expect(a.get('next')?.status).toBe('done');
    const b = byId((await runPipeline(settings(fail.dag, 'ready'), { config: { maxAttempts: 1 } })).run.state);
    expect(b.get('slow')?.status).toBe('failed');
    expect(b.get('slow')?.error).toMatch(/^slow failed after 1 attempt: its model call failed \(No answer within 1000 ms/);
    expect(b.get('next')?.status).toBe('skipped');
  });

  it('gives the same outputs for the same seed with the mock, and others for another seed', async () => {
    const outputs = async (seed: number) => (await runPipeline({ ...settings(presetDag('uneven'), 'ready'), seed })).run.state.map((n) => JSON.stringify(n.output));
    const a = await outputs(7);
    expect(await outputs(7)).toEqual(a);
    expect(await outputs(8)).not.toEqual(a);
  });
});
