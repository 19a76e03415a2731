/**
 * What the page reads of the game master: `sceneOf` is the contract's public state (the
 * snapshot's `scene`), `viewOf` what the page draws (village, narration log, suggestions, the
 * last turn's waterfall). Both are derived from the state and the cache's counters, never stored.
 */
import type { CacheStats } from './answerCache.ts';
import { percentile } from './records.ts';
import { suggestions } from './suggest.ts';
import type { AssessmentRecord, Emote, GameState, LateRecord, LogEntry, Place, Tension, TurnBackground, TurnMode, TurnRecord } from './types.ts';
import { periodOf, reachOf, spots } from './village.ts';

/** The contract's `lastTurn`, and a little more (first words, the rest of the reply, late answers). */
export interface LastTurnScene {
  readonly turn: number;
  readonly action: string;
  readonly responseMs: number;
  readonly firstWordsMs: number;
  readonly narration: string;
  readonly lines: readonly string[];
  readonly assessments: readonly AssessmentRecord[];
  readonly late: readonly LateRecord[];
  readonly background: TurnBackground;
}

/** The contract's `scene` for the game master (see "Scenario contracts"). */
export interface GameMasterScene {
  readonly turns: number;
  readonly lastTurn: LastTurnScene | null;
  readonly response: { readonly p50: number; readonly p95: number; readonly firstWords: { readonly p50: number; readonly p95: number } };
  readonly cache: { readonly hits: number; readonly misses: number; readonly hitRate: number; readonly joined: number };
  readonly background: { readonly pending: number; readonly done: number };
  readonly prefetch: { readonly calls: number; readonly landed: number; readonly hits: number };
  /** Assessments that fell back, over all turns, and every assessment composed. */
  readonly fallbacks: number;
  readonly assessed: number;
}

export interface NpcDot {
  readonly id: number;
  readonly name: string;
  readonly trade: string;
  readonly temper: string;
  readonly x: number;
  readonly y: number;
  readonly place: string;
  readonly disposition: number;
  readonly emote: Emote;
  readonly inReach: boolean;
  readonly memory: readonly string[];
}

export interface GameMasterView {
  readonly grid: { readonly width: number; readonly height: number };
  readonly places: readonly Place[];
  readonly player: { readonly x: number; readonly y: number; readonly place: string | null; readonly inventory: readonly string[] };
  readonly npcs: readonly NpcDot[];
  readonly period: string;
  readonly reputation: number;
  readonly tension: Tension;
  readonly log: readonly LogEntry[];
  /** The narration streaming in now, or null. */
  readonly streaming: string | null;
  readonly suggestions: readonly string[];
  readonly gossip: readonly string[];
  /** The last turn whole, with its waterfall bars (ms from the action), or null before the first. */
  readonly lastTurn: TurnRecord | null;
  /** The latest turns, for export. */
  readonly turns: readonly TurnRecord[];
  readonly deadlineMs: number;
  readonly mode: TurnMode;
  readonly cacheEnabled: boolean;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** The contract's `lastTurn` of a turn's record. */
export function lastTurnOf(record: TurnRecord): LastTurnScene {
  const { turn, action, responseMs, firstWordsMs, narration, lines, assessments, late, background } = record;
  return { turn, action, responseMs: round1(responseMs), firstWordsMs: round1(firstWordsMs), narration, lines, assessments, late, background };
}

/** The contract's public state. */
export function sceneOf(state: GameState, cache: CacheStats): GameMasterScene {
  const last = state.turns.at(-1);
  return {
    turns: state.turn,
    lastTurn: last ? lastTurnOf(last) : null,
    response: {
      p50: round1(percentile(state.responses, 50)),
      p95: round1(percentile(state.responses, 95)),
      firstWords: { p50: round1(percentile(state.firstWords, 50)), p95: round1(percentile(state.firstWords, 95)) },
    },
    cache: { hits: cache.hits, misses: cache.misses, hitRate: Math.round(cache.hitRate * 1000) / 1000, joined: cache.joined },
    background: state.background,
    prefetch: { ...state.prefetch, hits: cache.prefetchHits },
    fallbacks: state.fallbacks,
    assessed: state.assessed,
  };
}

/** What the page draws. */
export function viewOf(state: GameState, cacheEnabled: boolean): GameMasterView {
  const where = spots(state);
  const reach = new Set(reachOf(state));
  return {
    grid: state.grid,
    places: state.places,
    player: { x: state.player.x, y: state.player.y, place: state.player.place, inventory: state.player.inventory },
    npcs: state.npcs.map((npc) => {
      const spot = where[npc.id];
      return {
        id: npc.id, name: npc.name, trade: npc.trade, temper: npc.temper, x: spot?.x ?? 0, y: spot?.y ?? 0, place: spot?.place ?? npc.home,
        disposition: npc.disposition, emote: npc.emote, inReach: reach.has(npc.id), memory: npc.memory,
      };
    }),
    period: periodOf(state.turn, state.settings.periodTurns),
    reputation: state.reputation,
    tension: state.tension,
    log: state.log,
    streaming: state.streaming,
    suggestions: suggestions(state),
    gossip: state.gossip,
    lastTurn: state.turns.at(-1) ?? null,
    turns: state.turns,
    deadlineMs: state.settings.deadlineMs,
    mode: state.settings.mode,
    cacheEnabled,
  };
}
