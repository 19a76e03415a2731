import { describe, expect, it } from 'vitest';
import { makeTurn } from './gmScene.fixture.ts';
import { waterfallLayout } from './waterfallLayout.ts';
import { anchorOf, backgroundSummary, barLabel, rowDuration, rowText, tickLabel, turnSummary } from './waterfallText.ts';

const names = (id: number): string | undefined => ['Bram', 'Cora'][id];

describe('waterfall words', () => {
  it('names bars for people', () => {
    expect(barLabel('npc:0', names)).toBe('Bram reacts');
    expect(barLabel('npc:7', names)).toBe('villager 7 reacts');
    expect(barLabel('world', names)).toBe('world reaction');
    expect(barLabel('memory:1', names)).toBe('Cora’s memory');
    expect(barLabel('gossip:0>1', names)).toBe('gossip Bram → Cora');
    expect(barLabel('prefetch:0:npc:1', names)).toBe('prefetch 1 · Cora reacts');
    expect(barLabel('prefetch:2:narration', names)).toBe('prefetch 3 · narration');
    expect(barLabel('something-new', names)).toBe('something-new');
  });

  it('says each row in a sentence, and its duration beside it', () => {
    const turn = makeTurn();
    const { interactive, background } = waterfallLayout(turn);
    const [world, pacing, bram] = interactive;
    if (!world || !pacing || !bram || !background[0] || !background[2]) throw new Error('rows missing');
    expect(rowText(world, 'world reaction', 452)).toBe('world reaction: model, 0 ms → 320 ms.');
    expect(rowText(pacing, 'pacing', 452)).toBe('pacing: cache hit at 0 ms, no call.');
    expect(rowText(bram, 'Bram reacts', 452, { ms: 610, applied: true })).toBe('Bram reacts: fallback at the reply (452 ms); the model answered late, at 610 ms, and still changed the world.');
    expect(rowText(bram, 'Bram reacts', 452)).toBe('Bram reacts: fallback at the reply (452 ms); the call ended without an answer at 610 ms.');
    expect(rowText({ ...bram, endMs: null, late: false, open: true }, 'Bram reacts', 452)).toBe('Bram reacts: fallback at the reply (452 ms); the model has not answered yet.');
    expect(rowText({ ...bram, endMs: 90, late: false }, 'Bram reacts', 452)).toBe('Bram reacts: fallback at 90 ms (the call gave no usable answer).');
    expect(rowText(background[0], 'reputation', 452)).toBe('reputation: background, 455 ms → 800 ms.');
    expect(rowText(background[2], 'prefetch 1 · Cora reacts', 452)).toBe('prefetch 1 · Cora reacts: background, asked at 460 ms, still running.');
    expect([world, pacing, bram, background[2]].map(rowDuration)).toEqual(['320 ms', 'cache', '610 ms', '…']);
    expect(rowDuration({ ...bram, endMs: null })).toBe('fallback');
  });

  it('sums a turn and its background lane up', () => {
    expect(turnSummary(makeTurn())).toBe('Turn 3: the reply came at 452 ms (deadline 450 ms), its first words at 180 ms. 4 assessments: 2 from the model, 1 from the cache, 1 fell back.');
    expect(turnSummary(makeTurn({ turn: 2, deadlineMs: null, mode: 'sequential', responseMs: 2_140, firstWordsMs: 1_900, assessments: [] }))).toBe(
      'Turn 2, one at a time (no deadline): the reply came at 2.14 s, its first words at 1.90 s. 0 assessments.',
    );
    expect(backgroundSummary({ jobs: 3, prefetch: 1, pending: 1, done: 2 })).toBe('Background lane: 3 jobs (1 prefetch), 1 still running. Queued after the reply, never awaited by it.');
    expect(backgroundSummary({ jobs: 1, prefetch: 0, pending: 0, done: 1 })).toBe('Background lane: 1 job, all done. Queued after the reply, never awaited by it.');
    expect(backgroundSummary({ jobs: 0, prefetch: 0, pending: 0, done: 0 })).toBe('Background lane: no jobs for this turn.');
  });

  it('labels ticks briefly and keeps labels on the axis', () => {
    expect(tickLabel(200, 1000, false)).toBe('200');
    expect(tickLabel(1000, 1000, true)).toBe('1000 ms');
    expect(tickLabel(1500, 2500, false)).toBe('1.5');
    expect(tickLabel(2500, 2500, true)).toBe('2.5 s');
    expect([0, 11, 50, 89, 100].map(anchorOf)).toEqual(['start', 'start', 'middle', 'end', 'end']);
  });
});
