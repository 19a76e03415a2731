import { describe, expect, it } from 'vitest';
import { gameHarness, play, settleAll, type Harness } from './gamemaster.fixture.ts';
import { scriptedAction } from './script.ts';
import { suggestions } from './suggest.ts';
import { LOG_LINES, TURN_RECORDS } from './types.ts';

/** A scripted session on fake time: `turns` turns with a reading pause between them. */
async function scripted(turns: number, seed: number, pauseMs = 300): Promise<Harness> {
  const harness = gameHarness({ seed }, { mock: { latencyMs: 450, jitterMs: 350 } });
  const history: string[] = [];
  for (let turn = 1; turn <= turns; turn++) {
    const action = scriptedAction(seed, turn, history, suggestions(harness.run.state));
    history.push(action);
    await play(harness, action, 1);
    await harness.clock.advance(pauseMs);
  }
  await settleAll(harness);
  return harness;
}

describe('the game master scene (the contract)', () => {
  it('has the contract fields, before and after turns', async () => {
    const harness = gameHarness({ seed: 2 });
    expect(harness.run.scene()).toEqual({
      turns: 0, lastTurn: null, response: { p50: 0, p95: 0, firstWords: { p50: 0, p95: 0 } }, cache: { hits: 0, misses: 0, hitRate: 0, joined: 0 },
      background: { pending: 0, done: 0 }, prefetch: { calls: 0, landed: 0, hits: 0 }, fallbacks: 0, assessed: 0,
    });
    const reply = await play(harness, 'I take the bread from the stall');
    await settleAll(harness);
    const scene = harness.run.scene();
    expect(Object.keys(scene)).toEqual(['turns', 'lastTurn', 'response', 'cache', 'background', 'prefetch', 'fallbacks', 'assessed']);
    expect(scene.turns).toBe(1);
    expect(Object.keys(scene.lastTurn ?? {})).toEqual(['turn', 'action', 'responseMs', 'firstWordsMs', 'narration', 'lines', 'assessments', 'late', 'background']);
    expect(scene.lastTurn).toMatchObject({ turn: 1, action: 'I take the bread from the stall', narration: reply.narration });
    for (const a of scene.lastTurn?.assessments ?? []) {
      expect(Object.keys(a)).toEqual(['name', 'source', 'ms']);
      expect(['model', 'cache', 'fallback']).toContain(a.source);
    }
    expect(scene.background.done).toBeGreaterThan(0);
    expect(scene.lastTurn?.background.done).toBe(scene.background.done);
  });

  it('gives the page the village, the log, suggestions and the last turn\'s waterfall', async () => {
    const harness = gameHarness({ seed: 3 }, { mock: { latencyMs: 450, jitterMs: 350 } });
    await play(harness, 'talk to the baker');
    await settleAll(harness);
    const view = harness.run.view();
    expect(view.npcs).toHaveLength(6);
    for (const npc of view.npcs) {
      expect(npc.x).toBeGreaterThanOrEqual(0);
      expect(npc.x).toBeLessThan(view.grid.width);
      expect(npc.disposition).toBeGreaterThanOrEqual(-1);
      expect(npc.disposition).toBeLessThanOrEqual(1);
    }
    expect(view.npcs.some((npc) => npc.inReach && npc.emote !== 'neutral')).toBe(true);
    expect(view.player.place).toBe('bakery');
    expect(view.log).toHaveLength(1);
    expect(view.suggestions.length).toBeGreaterThanOrEqual(3);
    expect(view.deadlineMs).toBe(450);
    const bars = view.lastTurn?.bars ?? [];
    expect(bars.filter((bar) => bar.lane === 'interactive').map((bar) => bar.name)).toEqual(view.lastTurn?.assessments.map((a) => a.name));
    expect(bars.some((bar) => bar.lane === 'background')).toBe(true);
    // Bars that missed the deadline end later, marked late; the rest by the reply.
    for (const bar of bars.filter((b) => b.lane === 'interactive')) {
      if (bar.late) expect(bar.endMs ?? 0).toBeGreaterThan(450);
      else expect(bar.endMs ?? Infinity).toBeLessThanOrEqual(450);
    }
  });
});

describe('a scripted session on fake time', () => {
  it('answers by the deadline, hits the cache, and stays within its bounds', async () => {
    const harness = await scripted(80, 4);
    const { state } = harness.run;
    const scene = harness.run.scene();
    expect(scene.turns).toBe(80);
    expect(scene.response.p95).toBeLessThanOrEqual(450);
    expect(scene.response.firstWords.p95).toBeLessThanOrEqual(450);
    expect(scene.cache.hitRate).toBeGreaterThanOrEqual(0.3);
    expect(scene.fallbacks / scene.assessed).toBeLessThan(0.35);
    expect(scene.prefetch.calls).toBeGreaterThan(0);
    expect(scene.background).toMatchObject({ pending: 0 });
    expect(state.turns.length).toBeLessThanOrEqual(TURN_RECORDS);
    expect(state.log.length).toBeLessThanOrEqual(LOG_LINES);
    expect(state.npcs.every((npc) => npc.disposition >= -1 && npc.disposition <= 1)).toBe(true);
  });

  it('replays the same session from the same seed', async () => {
    const a = await scripted(25, 5);
    const b = await scripted(25, 5);
    expect(b.run.scene()).toEqual(a.run.scene());
    expect(b.run.state.npcs).toEqual(a.run.state.npcs);
    expect(b.run.state.log).toEqual(a.run.state.log);
  });
});
