/**
 * A turn, as pure functions: the plan (the player moves where the action takes it, then the
 * assessments of everyone within reach), the reply composed from what arrived (each missing
 * assessment takes its fallback, the ask's mock answer), and a late answer that still corrects
 * the world. The runner (turnRunner.ts) only times and fetches.
 */
import { planAssessments, type Planned } from './asks.ts';
import type { Reaction } from './background.ts';
import { destinationOf } from './intent.ts';
import { clamp } from './rules.ts';
import { initialTurnBackground, withTurn } from './records.ts';
import type { NpcReply, WorldReply } from './replies.ts';
import { LOG_LINES, TIMES_KEPT, TURN_RECORDS, type AssessmentRecord, type Bar, type GameState, type Intent, type Source, type TurnMode, type TurnRecord } from './types.ts';
import { reachOf } from './village.ts';

const INVENTORY_MAX = 6;

export interface TurnPlan {
  readonly action: string;
  readonly intent: Intent;
  /** The state with the player where the action took it: what the assessments were asked about. */
  readonly state: GameState;
  readonly reach: readonly number[];
  readonly assessments: readonly Planned[];
}

/** The player moves toward the action's target (an NPC's place, a place, an item's place). */
export function moveFor(state: GameState, intent: Intent): GameState {
  const to = destinationOf(state, intent);
  return to === null ? state : { ...state, player: { ...state.player, x: to.x, y: to.y, place: to.place } };
}

/** The turn `action` (read as `intent`) would ask; `when` tells its draws from any other turn's or prefetch's. */
export function planTurn(state: GameState, action: string, intent: Intent, when: number, onText?: (text: string) => void): TurnPlan {
  const moved = moveFor(state, intent);
  const reach = reachOf(moved);
  return { action, intent, state: moved, reach, assessments: planAssessments(moved, action, intent, reach, when, onText) };
}

/** A value that was there when the reply was composed: the model's in time, the cache's, or a call that already fell back. */
export interface Got {
  readonly value: unknown;
  readonly source: Source;
  readonly ms: number;
}

export interface TurnTiming {
  readonly responseMs: number;
  /** When the narration's first words streamed in, if they did. */
  readonly firstTextMs: number | null;
  readonly mode: TurnMode;
  readonly deadlineMs: number | null;
  readonly bars: readonly Bar[];
}

/** An assessment's value as composed: what arrived, else its fallback at the reply's time. */
export function valueOf<T>(planned: { readonly name: string; readonly ask: { answer(): T } }, got: ReadonlyMap<string, Got>, responseMs: number): { value: T; source: Source; ms: number } {
  const arrived = got.get(planned.name);
  // The value came from this assessment's own ask (or the cache under its exact key).
  return arrived ? { value: arrived.value as T, source: arrived.source, ms: arrived.ms } : { value: planned.ask.answer(), source: 'fallback', ms: responseMs };
}

function withItem(inventory: readonly string[], intent: Intent, world: WorldReply): readonly string[] {
  if (world.outcome === 'blocked') return inventory;
  if (intent.verb === 'take' && intent.target?.startsWith('item:')) {
    const item = intent.target.slice('item:'.length).split('@')[0] ?? '';
    return [...inventory, item].slice(-INVENTORY_MAX);
  }
  if (intent.verb === 'give' && intent.item !== null) {
    const at = inventory.indexOf(intent.item);
    return at < 0 ? inventory : [...inventory.slice(0, at), ...inventory.slice(at + 1)];
  }
  return inventory;
}

/** A composed reply: the next state, the turn's record, and each NPC's reaction (for the upkeep). */
export interface Composed {
  readonly state: GameState;
  readonly record: TurnRecord;
  readonly reactions: readonly Reaction[];
}

/**
 * The reply, composed from what arrived, onto `base`: the state now (the player already moved;
 * late answers and upkeep may have changed it since the plan was made, and are kept).
 */
export function composeTurn(base: GameState, plan: TurnPlan, got: ReadonlyMap<string, Got>, timing: TurnTiming): Composed {
  let state = base;
  const reactions: Reaction[] = [];
  const assessments: AssessmentRecord[] = [];
  const lines: string[] = [];
  let narration = '';
  let narrationSource: Source = 'fallback';
  let narrationMs = timing.responseMs;
  for (const planned of plan.assessments) {
    switch (planned.kind) {
      case 'world': {
        const { value, source, ms } = valueOf(planned, got, timing.responseMs);
        state = { ...state, reputation: clamp(state.reputation + value.reputation), player: { ...state.player, inventory: withItem(state.player.inventory, plan.intent, value) } };
        lines.unshift(value.consequence);
        assessments.push({ name: planned.name, source, ms });
        break;
      }
      case 'pacing': {
        const { value, source, ms } = valueOf(planned, got, timing.responseMs);
        state = { ...state, tension: value.tension };
        assessments.push({ name: planned.name, source, ms });
        break;
      }
      case 'npc': {
        const { value, source, ms } = valueOf(planned, got, timing.responseMs);
        state = reactNpc(state, planned.npc, value, value.disposition);
        reactions.push({ npc: planned.npc, reply: value });
        lines.push(value.line);
        assessments.push({ name: planned.name, source, ms });
        break;
      }
      case 'narration': {
        const { value, source, ms } = valueOf(planned, got, timing.responseMs);
        narration = value;
        narrationSource = source;
        narrationMs = ms;
        assessments.push({ name: planned.name, source, ms });
        break;
      }
    }
  }
  const turn = base.turn + 1;
  // First words: when they streamed in, else when the whole narration was there (the reply's time for a cache hit or a fallback).
  const firstWordsMs = narrationSource === 'model' ? Math.min(timing.firstTextMs ?? narrationMs, narrationMs) : timing.responseMs;
  const record: TurnRecord = {
    turn, action: plan.action, intent: plan.intent, mode: timing.mode, responseMs: timing.responseMs, firstWordsMs, narration, lines,
    assessments, late: [], background: initialTurnBackground(), deadlineMs: timing.deadlineMs, bars: timing.bars,
  };
  const fallbacks = assessments.filter((a) => a.source === 'fallback').length;
  return {
    record,
    reactions,
    state: {
      ...state,
      turn,
      streaming: null,
      log: [...state.log, { turn, action: plan.action, text: narration, source: narrationSource }].slice(-LOG_LINES),
      turns: [...state.turns, record].slice(-TURN_RECORDS),
      responses: [...state.responses, timing.responseMs].slice(-TIMES_KEPT),
      firstWords: [...state.firstWords, firstWordsMs].slice(-TIMES_KEPT),
      assessed: state.assessed + assessments.length,
      fallbacks: state.fallbacks + fallbacks,
    },
  };
}

/** An NPC's reaction: its face, and its disposition moved by `change`. */
function reactNpc(state: GameState, id: number, reply: NpcReply, change: number): GameState {
  return { ...state, npcs: state.npcs.map((npc) => (npc.id === id ? { ...npc, emote: reply.emote, disposition: clamp(npc.disposition + change) } : npc)) };
}

/**
 * A model's answer that came after turn `turn`'s reply, which used `fallback` instead. An NPC's
 * reaction and the world's judgement still correct the world (by the difference from the
 * fallback already applied, so nothing counts twice); pacing and narration were told already.
 */
export function applyLate(state: GameState, turn: number, planned: Planned, fallback: unknown, late: unknown, ms: number): GameState {
  let next = state;
  let applied = false;
  if (planned.kind === 'npc') {
    const before = fallback as NpcReply;
    const after = late as NpcReply;
    const current = state.npcs[planned.npc];
    // The face only while no later turn has set another.
    const reply = state.turn === turn ? after : { ...after, emote: current?.emote ?? after.emote };
    next = reactNpc(state, planned.npc, reply, after.disposition - before.disposition);
    applied = true;
  } else if (planned.kind === 'world') {
    next = { ...state, reputation: clamp(state.reputation + (late as WorldReply).reputation - (fallback as WorldReply).reputation) };
    applied = true;
  }
  return withTurn(next, turn, (record) => ({
    ...record,
    late: [...record.late, { name: planned.name, ms, applied }],
    bars: record.bars.map((bar) => (bar.name === planned.name && bar.lane === 'interactive' ? { ...bar, endMs: ms, late: true } : bar)),
  }));
}
