import { describe, expect, it } from 'vitest';
import { MockBrain } from '../brain/mockBrain.ts';
import { ManualClock } from '../clock/manualClock.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import type { BatchStats } from '../scheduler/types.ts';
import type { AnyAsk } from '../brain/ask.ts';
import { defaultWorldConfig } from '../sim/world.ts';
import { WorldEngine, type EngineEvent } from './engine.ts';

const TICK_MS = 100;

function makeEngine(seed: number, options: { failureRate?: number; agents?: number; latencyMs?: number; thinkIntervalTicks?: number } = {}) {
  const clock = new ManualClock();
  const events: EngineEvent[] = [];
  const scheduler = new Scheduler<AnyAsk, unknown>({
    model: new MockBrain({ clock, seed, latencyMs: options.latencyMs ?? 500, jitterMs: 100, errorRate: options.failureRate ?? 0 }),
    clock,
    config: { rpm: 10_000, concurrency: 100, timeoutMs: 2000 },
    random: () => 0.5,
    onEvent: (event) => events.push(event),
  });
  const engine = new WorldEngine({
    world: defaultWorldConfig({ agents: options.agents ?? 10, seed, align: true, thinkIntervalTicks: options.thinkIntervalTicks ?? 10 }),
    scheduler,
    onEvent: (event) => events.push(event),
  });
  return { clock, engine, events };
}

/** Runs `ticks` ticks of 100 ms of fake time and returns every agent's position after each. */
async function trajectory(engine: WorldEngine, clock: ManualClock, ticks: number): Promise<string[]> {
  const frames: string[] = [];
  for (let i = 0; i < ticks; i++) {
    engine.tick();
    frames.push(engine.state.agents.map((a) => `${a.x},${a.y},${a.state},${a.decisions}`).join(' '));
    await clock.advance(TICK_MS);
  }
  return frames;
}

describe('WorldEngine', () => {
  it('gives the same trajectory tick for tick for the same seed, failures included', async () => {
    for (const failureRate of [0, 0.3]) {
      const a = makeEngine(42, { failureRate });
      const b = makeEngine(42, { failureRate });
      const first = await trajectory(a.engine, a.clock, 200);
      const second = await trajectory(b.engine, b.clock, 200);
      expect(second).toEqual(first);
      const c = makeEngine(43, { failureRate });
      expect(await trajectory(c.engine, c.clock, 200)).not.toEqual(first);
    }
  });

  it('thinks a batch of ten in parallel: about one latency, not ten', async () => {
    const { engine, clock, events } = makeEngine(7, { latencyMs: 500 });
    await trajectory(engine, clock, 30);
    const batches = events.flatMap((e): BatchStats[] => (e.type === 'batch' ? [e.stats] : []));
    expect(batches.length).toBeGreaterThanOrEqual(2);
    for (const batch of batches) {
      expect(batch.size).toBe(10);
      // Jitter is ±100 ms, so the slowest call bounds the wall time.
      expect(batch.wallMs).toBeLessThanOrEqual(600);
      expect(batch.speedup).toBeGreaterThan(7);
    }
  });

  it('keeps agents moving while their calls are in flight', async () => {
    const { engine, clock } = makeEngine(3, { latencyMs: 3000 });
    // First round of decisions lands by tick ~40; the second round is then thinking for 3 s.
    await trajectory(engine, clock, 45);
    const thinking = () => engine.state.agents.filter((a) => a.state === 'queued' || a.state === 'thinking');
    await trajectory(engine, clock, 7);
    expect(thinking().length).toBeGreaterThan(0);
    const before = engine.state.agents.map((a) => `${a.x},${a.y}`);
    await trajectory(engine, clock, 5);
    const after = engine.state.agents.map((a) => `${a.x},${a.y}`);
    const moved = after.filter((p, i) => p !== before[i]).length;
    expect(thinking().length).toBeGreaterThan(0);
    expect(moved).toBeGreaterThan(0);
  });

  it('gives every agent a decision every round with 30% failures, marking fallbacks', async () => {
    // Rounds every 3 s: longer than the worst case of a failing job (3 attempts of ~600 ms plus
    // backoff), so a round that retries or falls back still ends before the next one starts.
    const { engine, clock, events } = makeEngine(11, { failureRate: 0.3, agents: 40, thinkIntervalTicks: 30 });
    await trajectory(engine, clock, 300);
    const sources = events.flatMap((e) => (e.type === 'decision' ? [e.source] : []));
    expect(sources).toContain('fallback');
    expect(sources).toContain('mock');
    // Rounds start on ticks 30, 60, …, 300; the first nine have been answered and applied.
    for (const agent of engine.state.agents) expect(agent.decisions).toBe(9);
  });
});
