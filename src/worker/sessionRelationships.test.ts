import { describe, expect, it } from 'vitest';
import { workerMessageSchema } from '../protocol/protocol.ts';
import { scenarioSession as harness } from './scenarioSession.fixture.ts';

const ackOf = (h: ReturnType<typeof harness>, seq: number) => h.messages.find((m) => m.type === 'ack' && m.seq === seq);

describe('Session with relationship simulations', () => {
  it('runs the set on the one scheduler, fails the faulted simulation alone, and retries it once the fault is off', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { scenario: 'relationships', sims: 4, scenes: 1, failSim: 2, latency: 100, jitter: 0 } });
    const world = h.messages.find((m) => m.type === 'world');
    expect(world?.type === 'world' && world.scenario).toBe('relationships');
    expect(world?.type === 'world' && world.agents.map((a) => a.name).slice(0, 3)).toEqual([expect.stringMatching(/^Sim 0 · scene master$/), expect.stringMatching(/^Sim 0 · /), expect.stringMatching(/^Sim 0 · /)]);
    h.send({ type: 'start' });
    await h.clock.advance(60_000);
    const scene = h.relScenes().at(-1)?.scene;
    expect(scene?.sims.map((s) => s.status)).toEqual(['done', 'done', 'failed', 'done']);
    expect(scene?.sims[2]?.error).toMatch(/^Simulation 2 failed at scene 1 .*failSim=2/);
    expect(scene?.wallMs).not.toBeNull();
    // The faulted one's retries back off for a random while, so its end (and the wall) varies a little.
    expect(scene?.speedup).toBeGreaterThan(1.3);
    expect(scene?.speedup).toBeCloseTo((scene?.sumMs ?? 0) / (scene?.wallMs ?? 1), 5);
    // Every message the page gets passes the protocol's check.
    for (const message of h.messages) expect(workerMessageSchema.safeParse(message).success).toBe(true);

    const refused = h.send({ type: 'retrySim', sim: 1 });
    expect(ackOf(h, refused)).toMatchObject({ error: 'Simulation 1 is done; only a failed simulation can be retried.' });
    // Turning the fault off rebuilds nothing: the set stays as it is.
    const worlds = h.messages.filter((m) => m.type === 'world').length;
    h.send({ type: 'configure', patch: { failSim: -1 } });
    expect(h.messages.filter((m) => m.type === 'world')).toHaveLength(worlds);
    const retry = h.send({ type: 'retrySim', sim: 2 });
    expect(ackOf(h, retry)).toEqual({ type: 'ack', seq: retry });
    await h.clock.advance(30_000);
    const after = h.relScenes().at(-1)?.scene;
    expect(after?.sims.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(after?.sims[2]?.retries).toBe(1);
    // The first pass's figures stand: the retry is its own run.
    expect(after?.wallMs).toBe(scene?.wallMs);
    h.session.dispose();
  });

  it('sends the open simulation\'s transcript, exports every transcript, and refuses these outside the scenario', async () => {
    const h = harness();
    const outside = h.send({ type: 'exportSims' });
    expect(ackOf(h, outside)).toMatchObject({ error: 'That is for the relationships scenario; switch to it first.' });
    h.send({ type: 'configure', patch: { scenario: 'relationships', sims: 2, scenes: 1, latency: 50, jitter: 0 } });
    h.send({ type: 'openSim', sim: 1 });
    h.send({ type: 'start' });
    await h.clock.advance(10_000);
    const detail = h.relScenes().at(-1)?.detail;
    expect(detail?.id).toBe(1);
    expect(detail?.transcript.length).toBe(12);
    const exported = h.send({ type: 'exportSims' });
    const text = h.messages.find((m) => m.type === 'exported' && m.seq === exported);
    const parsed = text?.type === 'exported' ? (JSON.parse(text.text) as { sims: { transcript: unknown[]; commitment: number[] }[] }) : null;
    expect(parsed?.sims).toHaveLength(2);
    expect(parsed?.sims[0]?.transcript).toHaveLength(12);
    expect(parsed?.sims[0]?.commitment).toHaveLength(1);
    h.session.dispose();
  });

  it('holds every simulation at its next step while paused; Step lets each take one', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { scenario: 'relationships', sims: 3, scenes: 1, latency: 100, jitter: 0 } });
    h.send({ type: 'step' });
    await h.clock.advance(1_000);
    const first = h.relScenes().at(-1)?.scene;
    expect(first?.sims.every((s) => s.step === 'context')).toBe(true);
    await h.clock.advance(5_000);
    expect(h.relScenes().at(-1)?.scene.sims.every((s) => s.step === 'context')).toBe(true);
    h.send({ type: 'step' });
    await h.clock.advance(1_000);
    expect(h.relScenes().at(-1)?.scene.sims.every((s) => s.step === 'act-1')).toBe(true);
    h.session.dispose();
  });
});
