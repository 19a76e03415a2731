/** Game master messages for the panel's tests: one village, a turn with every kind of bar. */
import type { GameMasterSceneWire, GameMasterViewWire, TurnRecordWire } from '../../protocol/gamemasterScene.ts';
import type { GmSceneMessage } from '../../protocol/protocol.ts';

/** Turn 3: world from the model, pacing from the cache, Bram fell back (answered late), narration streamed; three background jobs. */
export function makeTurn(patch: Partial<TurnRecordWire> = {}): TurnRecordWire {
  return {
    turn: 3,
    action: 'take the bread from the bakery',
    mode: 'parallel',
    responseMs: 452,
    firstWordsMs: 180,
    narration: 'You lift a warm loaf from the stall.',
    lines: ['The baker sees it.', 'Bram frowns.'],
    assessments: [
      { name: 'world', source: 'model', ms: 320 },
      { name: 'pacing', source: 'cache', ms: 0 },
      { name: 'npc:0', source: 'fallback', ms: 452 },
      { name: 'narration', source: 'model', ms: 410 },
    ],
    late: [{ name: 'npc:0', ms: 610, applied: true }],
    background: { jobs: 3, prefetch: 1, pending: 1, done: 2 },
    deadlineMs: 450,
    bars: [
      { name: 'world', lane: 'interactive', source: 'model', startMs: 0, endMs: 320, late: false },
      { name: 'pacing', lane: 'interactive', source: 'cache', startMs: 0, endMs: 0, late: false },
      { name: 'npc:0', lane: 'interactive', source: 'fallback', startMs: 0, endMs: 610, late: true },
      { name: 'narration', lane: 'interactive', source: 'model', startMs: 0, endMs: 410, late: false },
      { name: 'reputation', lane: 'background', source: 'model', startMs: 455, endMs: 800, late: false },
      { name: 'memory:0', lane: 'background', source: 'model', startMs: 455, endMs: 905, late: false },
      { name: 'prefetch:0:npc:1', lane: 'background', source: 'model', startMs: 460, endMs: null, late: false },
    ],
    ...patch,
  };
}

export function makeGmView(patch: Partial<GameMasterViewWire> = {}): GameMasterViewWire {
  const turn = makeTurn();
  return {
    places: [{ id: 'bakery', name: 'the bakery', x: 2, y: 2 }],
    player: { x: 2, y: 2, place: 'bakery', inventory: ['bread'] },
    npcs: [
      { id: 0, name: 'Bram', trade: 'baker', temper: 'gruff', place: 'bakery', disposition: -0.4, emote: 'frown', inReach: true, memory: ['took bread'] },
      { id: 1, name: 'Cora', trade: 'smith', temper: 'kind', place: 'forge', disposition: 0.6, emote: 'smile', inReach: false, memory: [] },
    ],
    period: 'morning',
    reputation: -0.1,
    tension: 'rising',
    log: [
      { turn: 2, action: 'look around', text: 'The square is busy.', source: 'cache' },
      { turn: 3, action: turn.action, text: turn.narration, source: 'model' },
    ],
    streaming: null,
    suggestions: ['look around', 'talk to the smith'],
    gossip: [],
    lastTurn: turn,
    turns: [makeTurn({ turn: 2, action: 'look around', mode: 'sequential', deadlineMs: null, bars: [], lines: [] }), turn],
    deadlineMs: 450,
    mode: 'parallel',
    cacheEnabled: true,
    ...patch,
  };
}

export function makeGmSceneWire(patch: Partial<GameMasterSceneWire> = {}): GameMasterSceneWire {
  return {
    turns: 3,
    lastTurn: null,
    response: { p50: 438, p95: 612, firstWords: { p50: 170, p95: 412 } },
    cache: { hits: 12, misses: 28, hitRate: 0.3, joined: 0 },
    background: { pending: 1, done: 20 },
    prefetch: { calls: 8, landed: 7, hits: 3 },
    fallbacks: 4,
    assessed: 40,
    ...patch,
  };
}

/** A gmScene message for world 1. */
export function makeGmScene(scene: Partial<GameMasterSceneWire> = {}, view: Partial<GameMasterViewWire> = {}): GmSceneMessage {
  return { type: 'gmScene', worldId: 1, scene: makeGmSceneWire(scene), view: makeGmView(view) };
}

/** Before the first turn: nothing measured, nothing in the log. */
export function emptyGmScene(): GmSceneMessage {
  return makeGmScene(
    { turns: 0, response: { p50: 0, p95: 0, firstWords: { p50: 0, p95: 0 } }, cache: { hits: 0, misses: 0, hitRate: 0, joined: 0 }, background: { pending: 0, done: 0 }, prefetch: { calls: 0, landed: 0, hits: 0 }, fallbacks: 0, assessed: 0 },
    { log: [], lastTurn: null, turns: [] },
  );
}
