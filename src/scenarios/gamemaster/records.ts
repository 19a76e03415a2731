/**
 * The game master's bookkeeping, as pure functions: its first state, and what happens to a
 * turn's record after its reply (background jobs queued and settled, bars closed), so the
 * waterfall of the last turn keeps growing while the player reads.
 */
import type { Bar, GameSettings, GameState, TurnBackground, TurnRecord } from './types.ts';
import { createNpcs, createPlaces, gridSide, resolveSettings } from './village.ts';

/** At most this many bars per turn (a turn's prefetch can ask dozens): the rest are counted, not drawn. */
export const BARS_PER_TURN = 80;

/** A village before its first turn: the player on the square. */
export function initialState(patch: Partial<GameSettings> = {}): GameState {
  const settings = resolveSettings(patch);
  const side = gridSide(settings.npcs);
  const places = createPlaces(side);
  const square = places[0];
  return {
    settings,
    grid: { width: side, height: side },
    places,
    npcs: createNpcs(settings),
    player: { id: settings.player, x: square?.x ?? 0, y: square?.y ?? 0, place: square?.id ?? null, inventory: [] },
    reputation: 0,
    tension: 'calm',
    turn: 0,
    log: [],
    turns: [],
    responses: [],
    firstWords: [],
    assessed: 0,
    fallbacks: 0,
    background: { pending: 0, done: 0 },
    prefetch: { calls: 0, landed: 0 },
    gossip: [],
    streaming: null,
  };
}

export function initialTurnBackground(): TurnBackground {
  return { jobs: 0, prefetch: 0, pending: 0, done: 0 };
}

/** The state with turn `turn`'s record changed (if it is still kept). */
export function withTurn(state: GameState, turn: number, change: (record: TurnRecord) => TurnRecord): GameState {
  const index = state.turns.findIndex((record) => record.turn === turn);
  const record = state.turns[index];
  if (!record) return state;
  return { ...state, turns: [...state.turns.slice(0, index), change(record), ...state.turns.slice(index + 1)] };
}

/** A background job of turn `turn` was queued (`prefetch`: a prefetch call), with its bar. */
export function backgroundQueued(state: GameState, turn: number, bar: Bar, prefetch: boolean): GameState {
  const next: GameState = {
    ...state,
    background: { ...state.background, pending: state.background.pending + 1 },
    prefetch: prefetch ? { ...state.prefetch, calls: state.prefetch.calls + 1 } : state.prefetch,
  };
  return withTurn(next, turn, (record) => ({
    ...record,
    background: { ...record.background, jobs: record.background.jobs + 1, prefetch: record.background.prefetch + (prefetch ? 1 : 0), pending: record.background.pending + 1 },
    bars: record.bars.length < BARS_PER_TURN ? [...record.bars, bar] : record.bars,
  }));
}

/** A background job of turn `turn` settled at `ms` after the turn's action; `landed`: a prefetch stored an answer. */
export function backgroundDone(state: GameState, turn: number, name: string, ms: number, landed: boolean): GameState {
  const next: GameState = {
    ...state,
    background: { pending: Math.max(0, state.background.pending - 1), done: state.background.done + 1 },
    prefetch: landed ? { ...state.prefetch, landed: state.prefetch.landed + 1 } : state.prefetch,
  };
  return withTurn(next, turn, (record) => ({
    ...record,
    background: { ...record.background, pending: Math.max(0, record.background.pending - 1), done: record.background.done + 1 },
    bars: record.bars.map((bar) => (bar.name === name && bar.lane === 'background' ? { ...bar, endMs: ms } : bar)),
  }));
}

/** An interactive bar of turn `turn` that fell back got its (scheduler's) answer at `ms`, after the reply. */
export function closeBar(state: GameState, turn: number, name: string, ms: number): GameState {
  return withTurn(state, turn, (record) => ({
    ...record,
    bars: record.bars.map((bar) => (bar.name === name && bar.lane === 'interactive' ? { ...bar, endMs: ms, late: true } : bar)),
  }));
}

/** The nearest-rank percentile `p` (0..100) of `values`; 0 when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? 0;
}
