/**
 * The game master's state in the protocol's shapes (`protocol/gamemasterScene.ts`): copies with
 * mutable arrays, and only what the panel reads (the village's positions travel in ticks).
 */
import type { GameMasterScene, GameMasterView, LastTurnScene } from '../scenarios/gamemaster/sceneView.ts';
import type { TurnRecord } from '../scenarios/gamemaster/types.ts';
import type { GameMasterSceneWire, GameMasterViewWire, LastTurnWire, TurnRecordWire } from '../protocol/gamemasterScene.ts';

/** Turns the panel's export and waterfall keep. */
const TURNS_SENT = 50;

function lastTurn(turn: LastTurnScene): LastTurnWire {
  return {
    turn: turn.turn,
    action: turn.action,
    responseMs: turn.responseMs,
    firstWordsMs: turn.firstWordsMs,
    narration: turn.narration,
    lines: [...turn.lines],
    assessments: turn.assessments.map((a) => ({ ...a })),
    late: turn.late.map((l) => ({ ...l })),
    background: { ...turn.background },
  };
}

function turnRecord(turn: TurnRecord): TurnRecordWire {
  return {
    ...lastTurn(turn),
    mode: turn.mode,
    deadlineMs: turn.deadlineMs,
    bars: turn.bars.map((b) => ({ ...b })),
  };
}

function scene(s: GameMasterScene): GameMasterSceneWire {
  return {
    turns: s.turns,
    lastTurn: s.lastTurn === null ? null : lastTurn(s.lastTurn),
    response: { p50: s.response.p50, p95: s.response.p95, firstWords: { ...s.response.firstWords } },
    cache: { ...s.cache },
    background: { ...s.background },
    prefetch: { ...s.prefetch },
    fallbacks: s.fallbacks,
    assessed: s.assessed,
  };
}

function view(v: GameMasterView): GameMasterViewWire {
  return {
    places: v.places.map((p) => ({ id: p.id, name: p.name, x: p.x, y: p.y })),
    player: { x: v.player.x, y: v.player.y, place: v.player.place, inventory: [...v.player.inventory] },
    npcs: v.npcs.map((n) => ({
      id: n.id, name: n.name, trade: n.trade, temper: n.temper, place: n.place, disposition: n.disposition, emote: n.emote, inReach: n.inReach, memory: [...n.memory],
    })),
    period: v.period,
    reputation: v.reputation,
    tension: v.tension,
    log: v.log.map((entry) => ({ ...entry })),
    streaming: v.streaming,
    suggestions: [...v.suggestions],
    gossip: [...v.gossip],
    lastTurn: v.lastTurn === null ? null : turnRecord(v.lastTurn),
    turns: v.turns.slice(-TURNS_SENT).map(turnRecord),
    deadlineMs: v.deadlineMs,
    mode: v.mode,
    cacheEnabled: v.cacheEnabled,
  };
}

/** The copies, by what they copy. */
export const gameMasterWire = { lastTurn, scene, view };
