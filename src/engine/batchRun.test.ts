import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manualClock.ts';
import { requestFor } from '../sim/perception.ts';
import { createWorld, defaultWorldConfig } from '../sim/world.ts';
import { decisionJobs, runJobs, type BatchSettings } from './batchRun.ts';

const SETTINGS: BatchSettings = { latencyMs: 500, jitterMs: 0, rpm: Infinity, concurrency: Infinity, failureRate: 0, seed: 1, timeoutMs: 10_000 };

function jobsOf(agents: number, seed = 1) {
  const world = createWorld(defaultWorldConfig({ agents, seed, align: true }));
  return decisionJobs(world.agents.map((agent) => requestFor(world, agent.id)));
}

describe('runJobs', () => {
  it('hears every job of a batch larger than a slice, each record in its job’s place, in one latency', async () => {
    const clock = new ManualClock();
    const jobs = jobsOf(1_234);
    const run = runJobs('parallel', jobs, SETTINGS, clock);
    await clock.advance(500);
    const result = await run;
    expect(result).toMatchObject({ decisions: 1_234, fallbacks: 0, retries: 0, wallMs: 500 });
    expect(result.records.map((r) => r.key)).toEqual(jobs.map((job) => job.key));
    expect(result.records.every((r) => r.source === 'mock' && r.attempts === 1)).toBe(true);
    expect(result.batch).toMatchObject({ size: 1_234, answered: 1_234, sumLatencyMs: 1_234 * 500 });
  });

  it('counts the jobs that fell back after their retries', async () => {
    const clock = new ManualClock();
    const run = runJobs('parallel', jobsOf(30), { ...SETTINGS, failureRate: 1 }, clock);
    await clock.runAll();
    const result = await run;
    expect(result).toMatchObject({ decisions: 30, fallbacks: 30, retries: 60 });
    expect(result.records.every((r) => r.outcome === 'fallback' && r.attempts === 3)).toBe(true);
  });

  it('sends the same calls one at a time as all at once', async () => {
    const settings = { ...SETTINGS, jitterMs: 200 };
    const latencies = async (strategy: 'parallel' | 'sequential') => {
      const clock = new ManualClock();
      const run = runJobs(strategy, jobsOf(12), settings, clock);
      await clock.runAll();
      return (await run).records.map((r) => `${r.key}:${String(r.endedAt - (r.startedAt ?? 0))}:${r.raw ?? ''}`);
    };
    expect(await latencies('sequential')).toEqual(await latencies('parallel'));
  });

  it('settles an empty batch at once', async () => {
    const result = await runJobs('parallel', [], SETTINGS, new ManualClock());
    expect(result).toMatchObject({ decisions: 0, fallbacks: 0, records: [] });
  });
});
