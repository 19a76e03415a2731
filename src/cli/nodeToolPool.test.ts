import { afterEach, describe, expect, it } from 'vitest';
import { runTool } from '../scenarios/pipeline/tools.ts';
import type { ToolName } from '../scenarios/pipeline/types.ts';
import { NodeToolPool, nodeToolWorkers } from './nodeToolPool.ts';

// Real worker threads: each starts tsx's loader (about half a second), so the pool is small and the sizes tiny.
const pools: NodeToolPool[] = [];
function pool(workers = 2): NodeToolPool {
  const made = new NodeToolPool(workers);
  pools.push(made);
  return made;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.dispose()));
});

describe('NodeToolPool', () => {
  it('is sized to the cores, 1 to 4', () => {
    expect(nodeToolWorkers()).toBeGreaterThanOrEqual(1);
    expect(nodeToolWorkers()).toBeLessThanOrEqual(4);
  });

  it('runs four tools on worker threads and answers what runTool answers inline', async () => {
    const tools: readonly ToolName[] = ['stats', 'patterns', 'sort', 'primes'];
    const runner = pool();
    const outputs = await Promise.all(tools.map((tool, i) => runner.run(tool, 7 + i, 0.05)));
    expect(outputs).toEqual(tools.map((tool, i) => runTool(tool, 7 + i, 0.05)));
  });

  it('a tool that throws fails its run alone, and its thread takes the next run', async () => {
    const runner = pool(1);
    const bad = runner.run('nope' as ToolName, 1, 0.01);
    const good = runner.run('primes', 1, 0.01);
    await expect(bad).rejects.toThrow('There is no tool named "nope"');
    await expect(good).resolves.toEqual(runTool('primes', 1, 0.01));
  });

  it('dispose rejects the runs in flight and waiting with a sentence', async () => {
    const runner = pool(1);
    // Started, so the thread exists, then a run on it and one waiting behind it.
    await runner.run('primes', 1, 0.01);
    const settled = Promise.allSettled([runner.run('stats', 1, 10), runner.run('stats', 2, 0.01)]);
    await runner.dispose();
    const [inFlight, waiting] = await settled;
    expect(inFlight).toMatchObject({ status: 'rejected', reason: { message: expect.stringContaining('The tool pool was closed') as unknown } });
    expect(waiting).toMatchObject({ status: 'rejected', reason: { message: expect.stringContaining('The tool pool was closed') as unknown } });
    await expect(runner.run('primes', 1, 0.01)).rejects.toThrow('The tool pool was closed');
  });
});
