import { describe, expect, it } from 'vitest';
import { gameHarness, play, settleAll, type Harness } from './gamemaster.fixture.ts';
import { suggestions } from './suggest.ts';
import type { GameSettings } from './types.ts';

const quiet: Partial<GameSettings> = { seed: 1, background: false, prefetch: 0 };
const calls = (harness: Harness): number => harness.host.records.length;

describe('the cache in play', () => {
  it('answers a repeated action from the cache: no call, no time, whatever the wording', async () => {
    const harness = gameHarness(quiet, { mock: { latencyMs: 100 } });
    const first = await play(harness, 'look around');
    expect(first.assessments.every((a) => a.source === 'model')).toBe(true);
    await settleAll(harness);
    const before = calls(harness);
    const again = await play(harness, 'I look around.');
    expect(calls(harness)).toBe(before);
    expect(again.responseMs).toBe(0);
    expect(again.firstWordsMs).toBe(0);
    expect(again.assessments.map((a) => [a.source, a.ms])).toEqual(first.assessments.map(() => ['cache', 0]));
    expect(again.narration).toBe(first.narration);
    const n = first.assessments.length;
    expect(harness.run.scene().cache).toEqual({ hits: n, misses: n, hitRate: 0.5, joined: 0 });
  });

  it('asks again with the cache off', async () => {
    const harness = gameHarness({ ...quiet, cache: false }, { mock: { latencyMs: 100 } });
    const first = await play(harness, 'look around');
    await settleAll(harness);
    const before = calls(harness);
    const again = await play(harness, 'look around');
    expect(calls(harness) - before).toBe(first.assessments.length);
    expect(again.assessments.every((a) => a.source === 'model')).toBe(true);
    expect(harness.run.scene().cache).toMatchObject({ hits: 0, hitRate: 0 });
  });

  it('stores a late answer, so the next time it is there', async () => {
    const harness = gameHarness(quiet, { mock: { latencyMs: 600 } });
    const first = await play(harness, 'look around');
    expect(first.assessments.every((a) => a.source === 'fallback')).toBe(true);
    await settleAll(harness);
    // Looking changes nothing, so the same keys come again.
    const again = await play(harness, 'look around');
    expect(again.assessments.every((a) => a.source === 'cache')).toBe(true);
  });
});

describe('prefetch while the player reads', () => {
  it('asks for the likely next actions on the background lane, counts the calls, and the next turn finds them', async () => {
    const harness = gameHarness({ seed: 1, background: false, prefetch: 4 }, { mock: { latencyMs: 100 } });
    await play(harness, 'look around');
    const next = suggestions(harness.run.state).find((action) => action.startsWith('talk')) ?? '';
    expect(next).not.toBe('');
    await settleAll(harness);
    const prefetched = harness.host.records.filter((r) => r.key.includes('/prefetch:'));
    expect(prefetched.length).toBeGreaterThan(5);
    expect(harness.run.scene().prefetch).toMatchObject({ calls: prefetched.length, landed: prefetched.length });
    expect(harness.run.scene().background).toEqual({ pending: 0, done: prefetched.length });
    const before = calls(harness);
    const reply = await play(harness, next);
    expect(reply.assessments.every((a) => a.source === 'cache')).toBe(true);
    expect(reply.responseMs).toBe(0);
    expect(harness.host.records.slice(before).some((r) => r.key.includes('/t2/') && !r.key.includes('/t2/prefetch:'))).toBe(false);
    expect(harness.run.scene().prefetch.hits).toBe(reply.assessments.length);
  });

  it('waits for a prefetch already on its way instead of asking again', async () => {
    const harness = gameHarness({ seed: 1, background: false, prefetch: 4 }, { mock: { latencyMs: 300 } });
    await play(harness, 'look around');
    const next = suggestions(harness.run.state).find((action) => action.startsWith('talk')) ?? '';
    // The prefetch left at 300 ms and answers at 600: play at once, at 300.
    const before = calls(harness);
    const reply = await play(harness, next, 1);
    expect(reply.responseMs).toBe(300);
    expect(reply.assessments.every((a) => a.source === 'model' && a.ms === 300)).toBe(true);
    expect(harness.run.scene().cache.joined).toBe(reply.assessments.length);
    await settleAll(harness);
    // Turn 2 asked nothing of its own (only its own prefetch, after the reply).
    expect(harness.host.records.slice(before).filter((r) => r.key.includes('/t2/') && !r.key.includes('/t2/prefetch:'))).toHaveLength(0);
  });
});

describe('background upkeep', () => {
  it('updates reputation, memories and gossip after the reply, never before it', async () => {
    const harness = gameHarness({ seed: 1, prefetch: 0 }, { mock: { latencyMs: 100 } });
    const reply = await play(harness, 'talk to the baker', 1);
    expect(reply.responseMs).toBe(100);
    expect(reply.background).toEqual({ jobs: 0, prefetch: 0, pending: 0, done: 0 });
    const queued = harness.run.scene().background.pending;
    const reacted = reply.assessments.filter((a) => a.name.startsWith('npc:')).length;
    // Reputation, one memory per NPC who reacted, one piece of gossip.
    expect(queued).toBe(1 + reacted + 1);
    await settleAll(harness);
    const { state } = harness.run;
    expect(harness.run.scene().background).toEqual({ pending: 0, done: queued });
    expect(state.npcs.filter((npc) => npc.memory.length === 1)).toHaveLength(reacted);
    expect(state.gossip).toHaveLength(1);
    expect(state.turns.at(-1)?.background).toEqual({ jobs: queued, prefetch: 0, pending: 0, done: queued });
    const bars = state.turns.at(-1)?.bars.filter((bar) => bar.lane === 'background') ?? [];
    expect(bars).toHaveLength(queued);
    expect(bars.every((bar) => bar.startMs >= reply.responseMs && bar.endMs !== null && bar.endMs > bar.startMs)).toBe(true);
  });
});
