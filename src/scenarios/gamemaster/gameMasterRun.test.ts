import { describe, expect, it } from 'vitest';
import type { AnyAsk } from '../../brain/ask.ts';
import { sleep } from '../../clock/clock.ts';
import { WHO } from './asks.ts';
import { gameHarness, liveLike, play, settleAll } from './gamemaster.fixture.ts';
import type { GameSettings } from './types.ts';

const BAKER = 0;
const isBaker = (ask: AnyAsk): boolean => ask.draw.who === WHO.npc + BAKER;
/** Interactive and background asks alike answer in 100 ms, except as the test says. */
const quiet: Partial<GameSettings> = { seed: 1, background: false, prefetch: 0 };

describe('a turn: fan-out under a deadline', () => {
  it('composes the reply at the deadline from what has arrived: a slow NPC gets its fallback', async () => {
    const harness = gameHarness(quiet, { model: (clock) => liveLike(clock, (ask) => (isBaker(ask) ? 900 : 100)) });
    const reply = await play(harness, 'talk to the baker');
    expect(reply.responseMs).toBe(450);
    const byName = Object.fromEntries(reply.assessments.map((a) => [a.name, a]));
    expect(byName[`npc:${BAKER}`]).toEqual({ name: `npc:${BAKER}`, source: 'fallback', ms: 450 });
    const others = reply.assessments.filter((a) => a.name !== `npc:${BAKER}`);
    expect(others.length).toBeGreaterThanOrEqual(4);
    expect(others.every((a) => a.source === 'model' && a.ms === 100)).toBe(true);
    expect(reply.narration).toContain('You talk to');
    expect(harness.run.scene()).toMatchObject({ turns: 1, fallbacks: 1, response: { p50: 450, p95: 450 } });
    // The waterfall: the deadline, and the baker's bar still open when the reply went.
    const record = harness.run.state.turns.at(-1);
    expect(record?.deadlineMs).toBe(450);
    expect(record?.bars.find((bar) => bar.name === `npc:${BAKER}`)).toMatchObject({ source: 'fallback', startMs: 0, endMs: null, late: false });
  });

  it('composes at once when everything arrives before the deadline', async () => {
    const harness = gameHarness(quiet, { model: (clock) => liveLike(clock, (ask) => (ask.draw.who === WHO.world ? 240 : 100)) });
    const reply = await play(harness, 'talk to the baker', 1);
    expect(reply.responseMs).toBe(240);
    expect(reply.assessments.every((a) => a.source === 'model')).toBe(true);
    expect(harness.run.scene().fallbacks).toBe(0);
  });

  it('lets a late NPC answer move the world afterwards, by the difference from the fallback it used', async () => {
    const late = JSON.stringify({ emote: 'laugh', line: 'The baker laughs at last.', disposition: 0.5 });
    const harness = gameHarness(quiet, { model: (clock) => liveLike(clock, (ask) => (isBaker(ask) ? 900 : 100), (ask) => (isBaker(ask) ? late : undefined)) });
    const before = harness.run.state.npcs[BAKER]?.disposition ?? 0;
    const reply = await play(harness, 'talk to the baker');
    const fallback = harness.run.state.npcs[BAKER];
    expect(reply.late).toEqual([]);
    expect(fallback?.disposition).toBeCloseTo(before + 0.15, 9); // the mock's rule for a nervous baker
    await harness.clock.advance(450);
    const after = harness.run.state;
    expect(after.npcs[BAKER]?.disposition).toBeCloseTo(before + 0.5, 9);
    expect(after.npcs[BAKER]?.emote).toBe('laugh');
    expect(harness.run.scene().lastTurn?.late).toEqual([{ name: `npc:${BAKER}`, ms: 900, applied: true }]);
    expect(after.turns.at(-1)?.bars.find((bar) => bar.name === `npc:${BAKER}`)).toMatchObject({ endMs: 900, late: true, source: 'fallback' });
    // The reply as told keeps the fallback's words.
    expect(after.turns.at(-1)?.lines).not.toContain('The baker laughs at last.');
  });

  it('answers by the deadline when an NPC\'s call hangs; the ask\'s own timeout ends the call later', async () => {
    const harness = gameHarness({ ...quiet, askTimeoutMs: 2_000 }, { model: (clock) => liveLike(clock, (ask) => (isBaker(ask) ? 3_600_000 : 100)) });
    const before = harness.run.state.npcs[BAKER]?.disposition ?? 0;
    const reply = await play(harness, 'talk to the baker');
    expect(reply.responseMs).toBe(450);
    expect(reply.assessments.find((a) => a.name === `npc:${BAKER}`)?.source).toBe('fallback');
    await settleAll(harness);
    const record = harness.host.records.find((r) => r.key.endsWith(`/t1/npc:${BAKER}`));
    expect(record).toMatchObject({ outcome: 'fallback', endedAt: 2_000, error: { kind: 'timeout' } });
    // Nothing came to correct the fallback: the bar closes late and the world keeps the fallback.
    const state = harness.run.state;
    expect(state.turns.at(-1)?.late).toEqual([]);
    expect(state.turns.at(-1)?.bars.find((bar) => bar.name === `npc:${BAKER}`)).toMatchObject({ endMs: 2_000, late: true, source: 'fallback' });
    expect(state.npcs[BAKER]?.disposition).toBeCloseTo(before + 0.15, 9);
  });

  it('records a late narration without retelling the story', async () => {
    const harness = gameHarness(quiet, { model: (clock) => liveLike(clock, (ask) => (ask.format === 'text' ? 700 : 100), (ask) => (ask.format === 'text' ? 'A late tale.' : undefined)) });
    const reply = await play(harness, 'look around');
    expect(reply.assessments.find((a) => a.name === 'narration')).toEqual({ name: 'narration', source: 'fallback', ms: 450 });
    await settleAll(harness);
    const { state } = harness.run;
    expect(state.turns.at(-1)?.late).toEqual([{ name: 'narration', ms: 700, applied: false }]);
    expect(state.log.at(-1)?.text).toBe(reply.narration);
    expect(reply.narration).not.toBe('A late tale.');
  });

  it('falls back at once for one assessment whose reply fails the zod check, and only for it', async () => {
    const bad = (ask: AnyAsk): string | undefined => (isBaker(ask) ? '{"emote":"grin","line":"?","disposition":2}' : ask.draw.who === WHO.world ? 'not json' : undefined);
    const harness = gameHarness(quiet, { model: (clock) => liveLike(clock, () => 100, bad) });
    const reply = await play(harness, 'talk to the baker', 1);
    // Every call settled at 100 ms (two by falling back): no need to wait for the deadline.
    expect(reply.responseMs).toBe(100);
    const fell = reply.assessments.filter((a) => a.source === 'fallback').map((a) => a.name).sort();
    expect(fell).toEqual([`npc:${BAKER}`, 'world']);
    expect(reply.assessments.every((a) => a.ms === 100)).toBe(true);
    const failed = harness.host.records.filter((r) => r.outcome === 'fallback');
    expect(failed.map((r) => r.error?.kind)).toEqual(['bad-output', 'bad-output']);
  });

  it('records when the narration\'s first words streamed in', async () => {
    const harness = gameHarness(quiet, {
      model: (clock) => ({
        source: 'gemini',
        async call(ask: AnyAsk, options) {
          if (ask.format === 'text') {
            await sleep(clock, 60, options.signal);
            ask.onText?.('Morning light');
            await sleep(clock, 240, options.signal);
          } else {
            await sleep(clock, 120, options.signal);
          }
          const raw = ask.format === 'text' ? 'Morning light over the square.' : JSON.stringify(ask.answer());
          return { value: ask.parse(raw), raw };
        },
      }),
    });
    const seen: (string | null)[] = [];
    harness.run.onChange(() => seen.push(harness.run.state.streaming));
    const reply = await play(harness, 'look around', 1);
    expect(reply).toMatchObject({ responseMs: 300, firstWordsMs: 60, narration: 'Morning light over the square.' });
    expect(seen).toContain('Morning light');
    expect(harness.run.state.streaming).toBeNull();
  });
});

describe('one at a time', () => {
  it('plays the same assessments one after another, with no deadline', async () => {
    const harness = gameHarness({ ...quiet, mode: 'sequential' }, { model: (clock) => liveLike(clock, () => 200) });
    const reply = await play(harness, 'talk to the baker', 10);
    const n = reply.assessments.length;
    expect(reply.responseMs).toBe(200 * n);
    expect(reply.assessments.map((a) => a.ms)).toEqual(Array.from({ length: n }, (_, i) => 200 * (i + 1)));
    expect(reply.assessments.every((a) => a.source === 'model')).toBe(true);
    expect(harness.run.state.turns.at(-1)?.deadlineMs).toBeNull();
    harness.run.setMode('parallel');
    expect((await play(harness, 'talk to the baker')).responseMs).toBe(200);
  });
});

describe('cancel', () => {
  it('composes a turn in play at once, and plays no more', async () => {
    const harness = gameHarness(quiet, { mock: { latencyMs: 300 } });
    const reply = harness.run.act('look around');
    await harness.clock.advance(100);
    harness.run.cancel();
    const got = await reply;
    expect(got.responseMs).toBe(100);
    expect(got.assessments.every((a) => a.source === 'fallback')).toBe(true);
    await expect(harness.run.act('look around')).rejects.toThrow(/cancelled/);
    await expect(gameHarness().run.act('   ')).rejects.toThrow(RangeError);
  });
});
