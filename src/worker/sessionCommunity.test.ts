import { describe, expect, it } from 'vitest';
import { scenarioSession as harness } from './scenarioSession.fixture.ts';

describe('Session with a community', () => {
  it('runs a community through its phases to the vote on the one scheduler', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { scenario: 'community', agents: 8, epochs: 1, latency: 100 } });
    const world = h.messages.find((m) => m.type === 'world');
    expect(world?.type === 'world' && world.scenario).toBe('community');
    expect(world?.type === 'world' && world.agents).toHaveLength(8);
    const config = h.messages.find((m) => m.type === 'config');
    // The community's own default for the semaphore.
    expect(config?.type === 'config' && config.config.concurrency).toBe(20);
    // Paused: no phase goes out.
    await h.clock.advance(2_000);
    expect(h.scenes().at(-1)?.scene.phases ?? []).toHaveLength(0);
    h.send({ type: 'start' });
    await h.clock.advance(20_000);
    const scene = h.scenes().at(-1)?.scene;
    expect(scene?.done).toBe(true);
    expect(scene?.phases.map((p) => p.name)).toEqual(['debate', 'beliefs-debate', 'chat', 'beliefs-chat', 'posts', 'reactions', 'beliefs-social', 'vote']);
    expect(Object.values(scene?.votes ?? {}).reduce((a, b) => a + b, 0)).toBe(8 * 3);
    const tick = h.ticks().at(-1);
    expect(tick?.beliefs).toHaveLength(8 * 3);
    expect(tick?.metrics.callsSucceeded).toBeGreaterThan(8 * 5);
    // The timeline got the calls, grouped by phase.
    const batches = new Set(h.ticks().flatMap((t) => t.calls.map((c) => c.batch)));
    expect(batches).toContain('world-1:e1:vote');
  });

  it('steps one phase at a time while paused', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { scenario: 'community', agents: 6, epochs: 1, latency: 100 } });
    h.send({ type: 'step' });
    await h.clock.advance(3_000);
    expect(h.scenes().at(-1)?.scene.phases.map((p) => p.name)).toEqual(['debate']);
    h.send({ type: 'step' });
    await h.clock.advance(3_000);
    expect(h.scenes().at(-1)?.scene.phases.map((p) => p.name)).toEqual(['debate', 'beliefs-debate']);
  });

  it('answers an interview without changing beliefs or memory', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { scenario: 'community', agents: 6, epochs: 1, latency: 50 } });
    h.send({ type: 'select', agentId: 2 });
    await h.clock.advance(500);
    const before = h.scenes().at(-1)?.persona;
    const seq = h.send({ type: 'interview', agentId: 2, question: 'What do you think of the tram?' });
    await h.clock.advance(500);
    const answer = h.messages.find((m) => m.type === 'interview');
    expect(answer?.type === 'interview' && answer.answer.length).toBeGreaterThan(10);
    expect(h.messages.find((m) => m.type === 'ack' && m.seq === seq)).toEqual({ type: 'ack', seq });
    h.send({ type: 'select', agentId: 2 });
    await h.clock.advance(500);
    const after = h.scenes().at(-1)?.persona;
    expect(after?.beliefs).toEqual(before?.beliefs);
    expect(after?.memory).toEqual(before?.memory);
    const wrong = h.send({ type: 'interview', agentId: 99, question: 'Hello?' });
    expect(h.messages.find((m) => m.type === 'ack' && m.seq === wrong)).toMatchObject({ error: 'There is no persona 99 in this community.' });
  });

  it('keeps the budget when the scenario switches, and refuses more than 1,000 personas', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { agents: 10, align: true, thinkInterval: 100, latency: 50, rpm: 30 } });
    h.send({ type: 'start' });
    await h.clock.advance(3_000);
    const used = h.ticks().at(-1)?.metrics.callsLastMinute ?? 0;
    expect(used).toBeGreaterThan(0);
    h.send({ type: 'configure', patch: { scenario: 'community' } });
    expect(h.ticks().at(-1)?.metrics.callsLastMinute).toBeGreaterThanOrEqual(used);
    h.send({ type: 'configure', patch: { agents: 5_000 } });
    const config = h.messages.filter((m) => m.type === 'config').at(-1);
    expect(config?.type === 'config' && config.config.agents).toBe(24);
    expect(config?.type === 'config' && config.problems[0]?.message).toMatch(/at most 1,000 personas/);
    h.session.dispose();
  });
});
