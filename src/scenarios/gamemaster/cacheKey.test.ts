import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock/manualClock.ts';
import { AnswerCache } from './answerCache.ts';
import { bucket, TEMPLATE_VERSION } from './cacheKey.ts';
import { parseIntent } from './intent.ts';
import { initialState } from './records.ts';
import { planTurn } from './turn.ts';
import type { GameState } from './types.ts';

const village = initialState({ seed: 1 });

/** Each assessment's key, by name, for `text` in `state`. */
function keys(state: GameState, text: string, when = 1000): Record<string, string> {
  const plan = planTurn(state, text, parseIntent(state, text), when);
  return Object.fromEntries(plan.assessments.map((p) => [p.name, p.key]));
}

/** The names whose keys differ between two key sets of the same assessments. */
function changed(a: Record<string, string>, b: Record<string, string>): string[] {
  expect(Object.keys(b)).toEqual(Object.keys(a));
  return Object.keys(a).filter((name) => a[name] !== b[name]);
}

const withNpc = (state: GameState, id: number, disposition: number): GameState => ({
  ...state, npcs: state.npcs.map((npc) => (npc.id === id ? { ...npc, disposition } : npc)),
});

describe('the cache key ignores what it should', () => {
  const base = keys(village, 'take bread');

  it('ignores the wording: "take bread" and "I take the bread" share every key', () => {
    expect(keys(village, 'I take the bread')).toEqual(base);
    expect(keys(village, 'Grab a loaf from the market stall!')).toEqual(base);
    expect(changed(base, keys(village, 'take an apple'))).toEqual(Object.keys(base));
  });

  it('ignores the raw prompt: memories change what a model is told, not the key', () => {
    const remembering: GameState = { ...village, npcs: village.npcs.map((npc) => ({ ...npc, memory: ['The stranger took bread.'] })) };
    const before = planTurn(village, 'take bread', parseIntent(village, 'take bread'), 1000);
    const after = planTurn(remembering, 'take bread', parseIntent(remembering, 'take bread'), 1000);
    const npcBefore = before.assessments.find((p) => p.kind === 'npc');
    const npcAfter = after.assessments.find((p) => p.name === npcBefore?.name);
    expect(npcAfter?.ask.prompt()).not.toBe(npcBefore?.ask.prompt());
    expect(npcAfter?.key).toBe(npcBefore?.key);
    for (const planned of before.assessments) expect(planned.key).not.toContain('Mock');
  });

  it('ignores the exact disposition within its bucket, the draw, and the turn count within a part of the day', () => {
    const id = Number((Object.keys(base).find((name) => name.startsWith('npc:')) ?? 'npc:0').slice(4));
    const d = village.npcs[id]?.disposition ?? 0;
    expect(bucket(d + 0.05, 0.5)).toBe(bucket(d, 0.5));
    expect(keys(withNpc(village, id, d + 0.05), 'take bread')).toEqual(base);
    expect(keys(village, 'take bread', 99_000)).toEqual(base);
    expect(keys({ ...village, turn: 3 }, 'take bread')).toEqual(base);
  });
});

describe('the cache key respects players and world buckets', () => {
  const base = keys(village, 'take bread');

  it('never shares a key across players', () => {
    const other = initialState({ seed: 1, player: 'player-2' });
    expect(changed(base, keys(other, 'take bread'))).toEqual(Object.keys(base));
  });

  it('changes only the NPC whose disposition crossed into another bucket', () => {
    const npcName = Object.keys(base).find((name) => name.startsWith('npc:')) ?? '';
    const id = Number(npcName.slice(4));
    expect(changed(base, keys(withNpc(village, id, -0.9), 'take bread'))).toEqual([npcName]);
  });

  it('changes the world, pacing and narration keys with the reputation bucket, and no NPC key', () => {
    expect(changed(base, keys({ ...village, reputation: -0.6 }, 'take bread'))).toEqual(['narration', 'world', 'pacing']);
    expect(changed(base, keys({ ...village, reputation: 0.1 }, 'take bread'))).toEqual([]);
  });

  it('changes the world and the narration with the part of the day, and the pacing with the tension', () => {
    const noon = { ...village, turn: village.settings.periodTurns };
    expect(changed(base, keys(noon, 'take bread'))).toEqual(expect.arrayContaining(['world', 'narration']));
    expect(changed(base, keys(noon, 'take bread'))).not.toContain('pacing');
    expect(changed(base, keys({ ...village, tension: 'tense' }, 'take bread'))).toEqual(['pacing']);
  });

  it('holds the template version', () => {
    expect(JSON.parse(base.world ?? '[]')).toEqual(['gm', TEMPLATE_VERSION, 'player-1', 'world', null, 'take:item:bread@stall', 0, 'morning', 'stall', expect.any(String)]);
  });
});

describe('AnswerCache: LRU and TTL on the injected clock', () => {
  it('counts hits, misses and joins, and expires an entry after its TTL on fake time', async () => {
    const clock = new ManualClock();
    const cache = new AnswerCache({ enabled: true, max: 10, ttlMs: 1000, clock });
    expect(cache.lookup('a').kind).toBe('miss');
    cache.store('a', 1, 'turn');
    expect(cache.lookup('a')).toEqual({ kind: 'hit', value: 1, origin: 'turn' });
    await clock.advance(1000);
    expect(cache.lookup('a').kind).toBe('hit');
    await clock.advance(1);
    expect(cache.lookup('a').kind).toBe('miss');
    let answer: (got: { value: unknown } | undefined) => void = () => undefined;
    cache.track('b', new Promise((resolve) => (answer = resolve)), 'prefetch');
    expect(cache.known('b')).toBe(true);
    const joined = cache.lookup('b');
    expect(joined.kind).toBe('pending');
    answer({ value: 'B' });
    expect(joined.kind === 'pending' ? await joined.answer : null).toBe('B');
    expect(cache.lookup('b')).toEqual({ kind: 'hit', value: 'B', origin: 'prefetch' });
    expect(cache.stats()).toMatchObject({ hits: 3, misses: 2, joined: 1, prefetchHits: 1, hitRate: 0.5 });
  });

  it('keeps at most `max` entries, dropping the least recently used, and stores nothing when off', () => {
    const clock = new ManualClock();
    const cache = new AnswerCache({ enabled: true, max: 2, ttlMs: 1000, clock });
    cache.store('a', 1, 'turn');
    cache.store('b', 2, 'turn');
    expect(cache.lookup('a').kind).toBe('hit');
    cache.store('c', 3, 'turn');
    expect(cache.lookup('b').kind).toBe('miss');
    expect(cache.lookup('a').kind).toBe('hit');
    const off = new AnswerCache({ enabled: false, max: 2, ttlMs: 1000, clock });
    off.store('a', 1, 'turn');
    off.track('b', Promise.resolve({ value: 2 }), 'prefetch');
    expect(off.lookup('a').kind).toBe('miss');
    expect(off.known('b')).toBe(false);
    expect(off.stats()).toMatchObject({ hits: 0, misses: 1, hitRate: 0, size: 0 });
  });
});
