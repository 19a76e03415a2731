import { describe, expect, it } from 'vitest';
import { failSimFault } from './relationshipsRun.ts';
import { relationshipsHarness, runSet, settle } from './relationships.fixture.ts';
import { CALLS_PER_SCENE } from './simRun.ts';
import { FAIL_AFTER } from './simState.ts';
import { STEPS } from './types.ts';

describe('relationship simulations', () => {
  it('plays every scene of every simulation: seven steps, twelve calls and a commitment score per scene', async () => {
    const { run, host } = await runSet({ sims: 4, scenes: 3, seed: 5 });
    expect(run.state.map((sim) => sim.status)).toEqual(['done', 'done', 'done', 'done']);
    for (const sim of run.state) {
      expect(sim.commitment).toHaveLength(3);
      expect(sim.calls).toBe(3 * CALLS_PER_SCENE);
      expect(new Set(sim.transcript.map((line) => line.step))).toEqual(new Set(STEPS));
      for (const c of sim.commitment) expect(c).toBeGreaterThanOrEqual(0);
    }
    expect(host.records).toHaveLength(4 * 3 * CALLS_PER_SCENE);
  });

  it('gives the same transcripts and scores for the same seed, and others for another seed', async () => {
    const strip = (h: Awaited<ReturnType<typeof runSet>>) => h.run.state.map((sim) => ({ pair: sim.pair, commitment: sim.commitment, lines: sim.transcript.map((l) => `${String(l.speaker)}:${l.text}`) }));
    const a = strip(await runSet({ sims: 5, scenes: 2, seed: 11 }));
    const b = strip(await runSet({ sims: 5, scenes: 2, seed: 11 }));
    const c = strip(await runSet({ sims: 5, scenes: 2, seed: 12 }));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('runs twenty simulations in about the time of one: speedup near 20 against one after another', async () => {
    const { run } = await runSet({ sims: 20, scenes: 3 }, { mock: { latencyMs: 500 } });
    const figures = run.figures;
    expect(figures).not.toBeNull();
    // 3 scenes × 7 steps × 500 ms each, whatever the number of simulations.
    expect(figures?.wallMs).toBe(3 * STEPS.length * 500);
    expect(figures?.sumMs).toBe(20 * 3 * STEPS.length * 500);
    expect(figures?.speedup).toBeCloseTo(20, 5);
  });

  it('runs them one after another when asked: the wall is then the sum', async () => {
    const harness = relationshipsHarness({ sims: 3, scenes: 1 }, { mock: { latencyMs: 500 } });
    await settle(harness.clock, harness.run.start('one-by-one'));
    expect(harness.run.figures?.wallMs).toBe(3 * STEPS.length * 500);
    expect(harness.run.figures?.speedup).toBeCloseTo(1, 5);
    // Each began only when the one before had ended.
    const [a, b] = harness.run.state;
    expect(b?.startedAt).toBe(a?.endedAt);
  });

  it('fails the simulation whose calls all fail, with one sentence, while every other finishes', async () => {
    const { run, host } = await runSet({ sims: 6, scenes: 2 }, { fault: failSimFault(() => 3) });
    const statuses = run.state.map((sim) => sim.status);
    expect(statuses).toEqual(['done', 'done', 'done', 'failed', 'done', 'done']);
    const failed = run.state[3];
    expect(failed?.error).toMatch(/^Simulation 3 failed at scene 1 \(.+\) after 3 calls in a row failed \(server: Injected fault: failSim=3 makes every call of simulation 3 fail\)\.$/);
    expect(failed?.calls).toBeGreaterThanOrEqual(FAIL_AFTER);
    // The scheduler retried each failing call, then fell back; no other simulation saw a fallback.
    expect(run.state.filter((sim) => sim.id !== 3).every((sim) => sim.fallbacks === 0)).toBe(true);
    expect(host.records.filter((r) => r.outcome === 'fallback').every((r) => r.key.endsWith(`agent-${3 * 3}`) || r.key.endsWith(`agent-${3 * 3 + 1}`) || r.key.endsWith(`agent-${3 * 3 + 2}`))).toBe(true);
    expect(run.figures).toMatchObject({ done: 5, failed: 1 });
  });

  it('retries a failed simulation alone once the fault is off, to the same scenes as an unfaulted run', async () => {
    let failSim = 2;
    const harness = relationshipsHarness({ sims: 4, scenes: 2, seed: 3 }, { fault: failSimFault(() => failSim) });
    await settle(harness.clock, harness.run.start());
    expect(harness.run.state[2]?.status).toBe('failed');
    const before = harness.host.records.length;
    await expect(harness.run.retry(1)).rejects.toThrow('Simulation 1 is done; only a failed simulation can be retried.');
    failSim = -1;
    const retried = await settle(harness.clock, harness.run.retry(2));
    expect(retried.status).toBe('done');
    expect(retried.retries).toBe(1);
    // Only simulation 2's calls were made again.
    expect(harness.host.records.slice(before).every((r) => /agent-(6|7|8)$/.test(r.key))).toBe(true);
    const clean = await runSet({ sims: 4, scenes: 2, seed: 3 });
    expect(harness.run.state[2]?.commitment).toEqual(clean.run.state[2]?.commitment);
  });

  it('shares a tight budget evenly: equal simulations finish within 15% of each other', async () => {
    const { run } = await runSet({ sims: 10, scenes: 1 }, { mock: { latencyMs: 500 }, config: { rpm: 30 }, rpm: 30 });
    const figures = run.figures;
    expect(figures?.done).toBe(10);
    expect(figures?.spread).toBeLessThan(0.15);
    // The budget, not the latency, set the pace: 120 calls at 30 a minute take over three minutes.
    expect(figures?.wallMs).toBeGreaterThan(3 * 60_000);
    // One after another would be held to the same pace: the speedup is against that, not the bare sum.
    expect(figures?.floorMs).toBe(3 * 60_000);
    expect(figures?.speedup).toBeCloseTo(3 * 60_000 / (figures?.wallMs ?? 1), 5);
  });

  it('rejects settings out of range with a sentence', () => {
    expect(() => relationshipsHarness({ sims: 0 })).toThrow('sims must be a whole number from 1 to 200 (got 0).');
    expect(() => relationshipsHarness({ scenes: 11 })).toThrow('scenes must be a whole number from 1 to 10 (got 11).');
  });
});
