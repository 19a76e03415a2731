import { describe, expect, it } from 'vitest';
import type { AnyAsk } from '../../brain/ask.ts';
import type { Model, ModelReply, CallOptions } from '../../brain/model.ts';
import { sleep } from '../../clock/clock.ts';
import type { ManualClock } from '../../clock/manualClock.ts';
import type { CallRecord } from '../../scheduler/types.ts';
import { aroundPhase, communityHarness, PRODUCER, personaOfKey, recordsOf, runCommunity, runToEnd, type Harness } from './community.fixture.ts';
import { sceneOf } from './sceneView.ts';
import { schedule } from './state.ts';
import type { PhaseName } from './types.ts';

const BELIEF_PHASES: readonly PhaseName[] = ['beliefs-debate', 'beliefs-chat', 'beliefs-social'];
const EPOCH_PHASES: readonly PhaseName[] = ['debate', 'beliefs-debate', 'chat', 'beliefs-chat', 'posts', 'reactions', 'beliefs-social'];

const maxOf = (values: readonly number[]): number => values.reduce((a, b) => Math.max(a, b), -Infinity);
const minOf = (values: readonly number[]): number => values.reduce((a, b) => Math.min(a, b), Infinity);

/** Personas whose call in this phase fell back (every key ends with the asker's id). */
function fellBack(harness: Harness, epoch: number, phase: PhaseName): Set<number> {
  const ids = recordsOf(harness, epoch, phase).filter((r) => r.outcome === 'fallback').map((r) => personaOfKey(r.key));
  expect(ids.every((id) => id !== undefined)).toBe(true);
  return new Set(ids.flatMap((id) => (id === undefined ? [] : [id])));
}

/** The most calls of `records` in flight at one moment. */
function peakInFlight(records: readonly CallRecord[]): number {
  const edges = records.flatMap((r) => [
    { at: r.startedAt ?? r.endedAt, by: 1 },
    { at: r.endedAt, by: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.by - b.by);
  let now = 0;
  let peak = 0;
  for (const edge of edges) {
    now += edge.by;
    peak = Math.max(peak, now);
  }
  return peak;
}

describe('CommunityRun: phases and barriers', () => {
  it('runs every phase of every epoch in order, the vote only in the last', async () => {
    const harness = await runCommunity({ agents: 24, epochs: 2, seed: 3 }, { mock: { latencyMs: 100, jitterMs: 60 } });
    const { state } = harness.run;
    const order = [...EPOCH_PHASES.map((p) => `1:${p}`), ...EPOCH_PHASES.map((p) => `2:${p}`), '2:vote'];
    expect(state.phases.map((p) => `${p.epoch}:${p.name}`)).toEqual(order);
    expect(schedule(2).map((s) => `${s.epoch}:${s.phase}`)).toEqual(order);
    // The phases began in the same order, one at a time.
    expect(harness.states.filter((s) => s.phase !== null).map((s) => `${s.epoch}:${s.phase ?? ''}`)).toEqual(order);
    expect(state.done).toBe(true);
    expect(state.votes).toHaveLength(24);
  });

  it('starts no call of a phase before every call of the phase before has settled', async () => {
    const harness = await runCommunity({ agents: 30, epochs: 2, seed: 4 }, { mock: { latencyMs: 200, jitterMs: 150 } });
    const plan = schedule(2);
    for (let i = 1; i < plan.length; i++) {
      const prev = plan[i - 1];
      const next = plan[i];
      if (!prev || !next) throw new Error('plan');
      const before = recordsOf(harness, prev.epoch, prev.phase);
      const after = recordsOf(harness, next.epoch, next.phase);
      expect(before.length).toBeGreaterThan(0);
      expect(after.length).toBeGreaterThan(0);
      const lastEnd = maxOf(before.map((r) => r.endedAt));
      // Not even queued before the barrier, let alone sent.
      expect(minOf(after.map((r) => r.enqueuedAt))).toBeGreaterThanOrEqual(lastEnd);
      expect(minOf(after.flatMap((r) => r.attemptStarts))).toBeGreaterThanOrEqual(lastEnd);
    }
    // Every call belongs to a phase's batch, and each phase's record counts them.
    expect(harness.host.records.every((r) => r.batch?.startsWith(`${PRODUCER}:e`))).toBe(true);
    for (const record of harness.run.state.phases) expect(recordsOf(harness, record.epoch, record.name)).toHaveLength(record.calls);
  });

  it('holds the semaphore: a phase of N calls takes ⌈N / 20⌉ latencies, never more than 20 in flight', async () => {
    const harness = await runCommunity({ agents: 50, epochs: 1, seed: 5 }, { mock: { latencyMs: 100 } });
    for (const phase of harness.run.state.phases) {
      expect(peakInFlight(recordsOf(harness, phase.epoch, phase.name))).toBeLessThanOrEqual(20);
      expect(phase.wallMs).toBe(Math.ceil(phase.calls / 20) * 100);
      expect(phase.sumLatencyMs).toBe(phase.calls * 100);
      expect(phase.speedup).toBeCloseTo(phase.sumLatencyMs / phase.wallMs, 9);
    }
    const beliefs = harness.run.state.phases.find((p) => p.name === 'beliefs-debate');
    expect(beliefs).toMatchObject({ calls: 50, wallMs: 300, sumLatencyMs: 5000, fallbacks: 0 });
    // The debate has two debaters per topic; the chat two lines per pair.
    expect(harness.run.state.phases.find((p) => p.name === 'debate')?.calls).toBe(6);
    expect(harness.run.state.phases.find((p) => p.name === 'chat')?.calls).toBe(50);
  });

  it('shows the contract scene while running and when done', async () => {
    const harness = communityHarness({ agents: 20, epochs: 2, seed: 6 });
    expect(harness.run.scene()).toMatchObject({ epoch: 0, epochs: 2, phase: null, done: false, phases: [], posts: 0, votes: null });
    await runToEnd(harness);
    const running = harness.states.filter((s) => s.phase !== null).map(sceneOf);
    running.forEach((scene, index) => {
      expect(scene.phases).toHaveLength(index);
      expect(typeof scene.phase).toBe('string');
      expect(scene.done).toBe(false);
      expect(scene.votes).toBeNull();
    });
    const scene = harness.run.scene();
    const n = expect.any(Number) as unknown;
    expect(scene).toEqual({
      epoch: 2,
      epochs: 2,
      phase: null,
      done: true,
      phases: expect.any(Array) as unknown,
      beliefs: { mean: [n, n, n], spread: [n, n, n] },
      posts: 40,
      reactions: { up: n, down: n },
      votes: expect.any(Object) as unknown,
    });
    expect(scene.phases).toHaveLength(15);
    for (const phase of scene.phases) {
      expect(Object.keys(phase).sort()).toEqual(['calls', 'epoch', 'fallbacks', 'name', 'speedup', 'sumLatencyMs', 'wallMs']);
      expect(phase.wallMs).toBeGreaterThan(0);
      expect(phase.speedup).toBeGreaterThanOrEqual(1);
    }
    expect(scene.reactions.up + scene.reactions.down).toBeGreaterThan(0);
    // One count per option label, every persona voting once per topic.
    const { topics } = harness.run.state;
    expect(Object.keys(scene.votes ?? {}).sort()).toEqual(topics.flatMap((t) => [...t.options]).sort());
    for (const topic of topics) expect(topic.options.reduce((sum, option) => sum + (scene.votes?.[option] ?? 0), 0)).toBe(20);
  });
});

describe('CommunityRun: seeded', () => {
  const settings = { agents: 30, epochs: 2 };
  const mock = { latencyMs: 100, jitterMs: 90 };

  it('replays the same beliefs, posts and votes from the same seed, and others from another', async () => {
    const a = (await runCommunity({ ...settings, seed: 11 }, { mock })).run.state;
    const b = (await runCommunity({ ...settings, seed: 11 }, { mock: { ...mock, latencyMs: 300 } })).run.state;
    const c = (await runCommunity({ ...settings, seed: 12 }, { mock })).run.state;
    // The latencies differ, so the calls settle in another order: the state does not care.
    expect(b.beliefs).toEqual(a.beliefs);
    expect(b.history).toEqual(a.history);
    expect(b.posts).toEqual(a.posts);
    expect(b.votes).toEqual(a.votes);
    expect(c.beliefs).not.toEqual(a.beliefs);
    expect(c.votes).not.toEqual(a.votes);
  });
});

describe('CommunityRun: failures stay with their persona', () => {
  it('completes every phase with 30% of calls failing, keeping the beliefs of those who fell back', async () => {
    // Malformed output is not retried: 30% of calls fall back.
    const harness = await runCommunity({ agents: 30, epochs: 2, seed: 8 }, { mock: { latencyMs: 100, malformedRate: 0.3 } });
    const { state } = harness.run;
    expect(state.done).toBe(true);
    expect(state.phases).toHaveLength(15);
    expect(state.votes).toHaveLength(30);
    expect(state.votes?.every((row) => row.length === 3 && row.every((v) => v === 0 || v === 1))).toBe(true);
    const total = harness.host.records.length;
    const failed = harness.host.records.filter((r) => r.outcome === 'fallback');
    expect(failed.length / total).toBeGreaterThan(0.2);
    expect(failed.length / total).toBeLessThan(0.4);
    expect(failed.every((r) => r.error?.kind === 'bad-output' && r.source === 'fallback')).toBe(true);
    for (const phase of state.phases) {
      const records = recordsOf(harness, phase.epoch, phase.name);
      expect(phase.fallbacks).toBe(records.filter((r) => r.outcome === 'fallback').length);
    }
    expect(state.phases.reduce((sum, p) => sum + p.fallbacks, 0)).toBe(failed.length);
    for (const epoch of [1, 2]) {
      for (const phase of EPOCH_PHASES) {
        const { before, after } = aroundPhase(harness, epoch, phase);
        const fell = fellBack(harness, epoch, phase);
        // Greyed: exactly the personas whose call fell back in this phase.
        expect({ epoch, phase, failed: after.failed.flatMap((f, id) => (f ? [id] : [])) }).toEqual({ epoch, phase, failed: [...fell].sort((x, y) => x - y) });
        if (!BELIEF_PHASES.includes(phase)) continue;
        expect(fell.size).toBeGreaterThan(0);
        for (const id of fell) expect(after.beliefs[id]).toEqual(before.beliefs[id]);
        const answered = after.personas.filter((p) => !fell.has(p.id));
        expect(answered.some((p) => JSON.stringify(after.beliefs[p.id]) !== JSON.stringify(before.beliefs[p.id]))).toBe(true);
      }
    }
  });

  it('falls back for one persona whose live reply fails the zod check, and only for it', async () => {
    const BAD = 5;
    /** Answers like a live model: the reply text goes through the ask's parser; persona 5 sends the wrong shape. */
    const liveModel = (clock: ManualClock): Model<AnyAsk, unknown> => ({
      source: 'gemini',
      async call(ask: AnyAsk, options: CallOptions): Promise<ModelReply<unknown>> {
        await sleep(clock, 120, options.signal);
        if (ask.draw.who === BAD) return { value: ask.parse('{"bad":1}'), raw: '{"bad":1}' };
        const value = ask.answer();
        return { value, raw: JSON.stringify(value) };
      },
    });
    const harness = await runCommunity({ agents: 12, epochs: 1, seed: 9 }, { model: liveModel });
    const { state } = harness.run;
    expect(state.done).toBe(true);
    const mine = harness.host.records.filter((r) => personaOfKey(r.key) === BAD);
    const others = harness.host.records.filter((r) => personaOfKey(r.key) !== BAD);
    expect(mine.length).toBeGreaterThanOrEqual(7);
    expect(mine.every((r) => r.outcome === 'fallback' && r.error?.kind === 'bad-output' && r.attempts === 1)).toBe(true);
    expect(others.every((r) => r.outcome === 'success' && r.source === 'gemini')).toBe(true);
    for (const phase of BELIEF_PHASES) {
      const { before, after } = aroundPhase(harness, 1, phase);
      expect(after.beliefs[BAD]).toEqual(before.beliefs[BAD]);
      expect(after.failed.flatMap((f, id) => (f ? [id] : []))).toEqual([BAD]);
    }
    expect(state.phases.every((p) => p.name === 'debate' || p.fallbacks === 1)).toBe(true);
  });
});

describe('CommunityRun: interviews', () => {
  it('answers an interview without touching beliefs or memory, during and after the run', async () => {
    const settings = { agents: 16, epochs: 2, seed: 10 };
    const plain = await runCommunity(settings);
    const harness = communityHarness(settings);
    const ctx = harness.host.context(PRODUCER);
    const done = harness.run.start();
    await harness.clock.advance(650);
    expect(harness.run.state.phase).not.toBeNull();
    const asked = ctx.ask(harness.run.interview(3, 'What do you make of the tram?'), { key: `${PRODUCER}/interview-3` });
    await harness.clock.advance(100);
    const answer = await asked;
    expect(answer.source).toBe('mock');
    expect(answer.value.answer).toContain('tram?');
    await runToEnd(harness);
    await done;
    // Every state the run went through is the one the run without an interview went through.
    expect(harness.states.map((s) => [s.epoch, s.phase, s.beliefs, s.memory])).toEqual(plain.states.map((s) => [s.epoch, s.phase, s.beliefs, s.memory]));
    expect(harness.run.state.votes).toEqual(plain.run.state.votes);

    const end = harness.run.state;
    const after = ctx.ask(harness.run.interview(7, 'Will you vote?'), { key: `${PRODUCER}/interview-7` });
    await harness.clock.runAll();
    expect((await after).value.answer).toContain('Will you vote?');
    // Not a new state, not even a copy.
    expect(harness.run.state).toBe(end);
    expect(harness.states.at(-1)).toBe(end);
    expect(() => harness.run.interview(99, 'Hello?')).toThrow(RangeError);
  });
});
