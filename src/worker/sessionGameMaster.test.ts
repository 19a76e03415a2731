import { describe, expect, it } from 'vitest';
import { scenarioSession as harness } from './scenarioSession.fixture.ts';

describe('Session with a game master', () => {
  it('plays a turn on the one scheduler and answers with it', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { scenario: 'gamemaster', latency: 100, jitter: 0 } });
    const world = h.messages.find((m) => m.type === 'world');
    expect(world?.type === 'world' && world.scenario).toBe('gamemaster');
    expect(world?.type === 'world' && world.agents).toHaveLength(7);
    const seq = h.send({ type: 'act', text: 'talk to the baker' });
    await h.clock.advance(2_000);
    const acted = h.messages.find((m) => m.type === 'acted');
    expect(acted?.type === 'acted' && acted.seq).toBe(seq);
    expect(acted?.type === 'acted' && acted.turn.responseMs).toBeLessThanOrEqual(450);
    expect(h.messages.find((m) => m.type === 'ack' && m.seq === seq)).toEqual({ type: 'ack', seq });
    expect(h.gmScenes().at(-1)?.scene.turns).toBe(1);
    h.send({ type: 'step' });
    const tick = h.ticks().at(-1);
    expect(tick?.emotes).toHaveLength(7);
    expect(tick?.beliefs).toHaveLength(7);
    // The timeline groups the turn's calls under its batch.
    const batches = new Set(h.ticks().flatMap((t) => t.calls.map((c) => c.batch)));
    expect([...batches].some((b) => b?.endsWith(':turn-1'))).toBe(true);
    h.session.dispose();
  });

  it('refuses an action outside the game master, and an empty one, with a sentence', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { agents: 3 } });
    const outside = h.send({ type: 'act', text: 'look around' });
    expect(h.messages.find((m) => m.type === 'ack' && m.seq === outside)).toMatchObject({ error: 'Actions are for the game master scenario; switch to it first.' });
    h.send({ type: 'configure', patch: { scenario: 'gamemaster' } });
    const empty = h.send({ type: 'act', text: '   ' });
    await h.clock.advance(10);
    expect(h.messages.find((m) => m.type === 'ack' && m.seq === empty)).toMatchObject({ error: expect.stringMatching(/needs some words/) as unknown });
    h.session.dispose();
  });
});
