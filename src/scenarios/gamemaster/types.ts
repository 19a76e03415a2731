/**
 * The game master's data: a village on a grid (places, NPCs with personas and dispositions, the
 * player's avatar), the turns played and their timing. Plain objects and arrays, so a state can
 * be compared in tests, described to a model and copied to the page; every function over it
 * returns a new state.
 */

/** What a player's free text is normalised to. */
export const VERBS = ['take', 'talk', 'attack', 'give', 'look', 'go', 'other'] as const;
export type Verb = (typeof VERBS)[number];

/**
 * A normalised action. `target` names something known: `npc:<id>`, `place:<id>` or
 * `item:<item>@<place>`; `item` is what is given (give only). Two wordings of one action
 * ("take bread", "I take the bread") give the same intent.
 */
export interface Intent {
  readonly verb: Verb;
  readonly target: string | null;
  readonly item: string | null;
}

/** Parts of the day; the NPCs stand where their routine puts them in each. */
export const PERIODS = ['morning', 'noon', 'evening', 'night'] as const;
export type Period = (typeof PERIODS)[number];

export const EMOTES = ['neutral', 'smile', 'wave', 'laugh', 'shrug', 'frown', 'angry', 'fear'] as const;
export type Emote = (typeof EMOTES)[number];

export const TENSIONS = ['calm', 'rising', 'tense', 'climax'] as const;
export type Tension = (typeof TENSIONS)[number];

/** How the world took the action: it happened, it happened and was seen, or it was stopped. */
export const OUTCOMES = ['allowed', 'noticed', 'blocked'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const TEMPERS = ['kind', 'gruff', 'wary', 'cheerful', 'proud', 'nervous'] as const;
export type Temper = (typeof TEMPERS)[number];

/** Where an assessment's value came from: the model in time, the cache, or its fallback. */
export type Source = 'model' | 'cache' | 'fallback';

/** A turn's assessments run together under a deadline, or one at a time (the comparison). */
export type TurnMode = 'parallel' | 'sequential';

export interface GameSettings {
  /** NPCs, 1 to 50 (default 6). */
  readonly npcs: number;
  readonly seed: number;
  /** The reply is composed this many ms after the action, from what has arrived (default 450). */
  readonly deadlineMs: number;
  /** The answer cache in front of the model (default on). */
  readonly cache: boolean;
  /** Entries the cache keeps (LRU) and how long one lives (ms, on the run's clock). */
  readonly cacheMax: number;
  readonly cacheTtlMs: number;
  /** Whose game this is: part of every cache key, so answers are never shared across players. */
  readonly player: string;
  readonly mode: TurnMode;
  /** Reputation, memories and gossip after each turn (background lane). */
  readonly background: boolean;
  /** Likely next actions whose assessments are prefetched after each turn (0: none). */
  readonly prefetch: number;
  /** A turn's own ask gives up this long after it was sent (late answers come until then). */
  readonly askTimeoutMs: number;
  /** NPCs within this grid distance (Chebyshev) of the player, or at its place, react. */
  readonly reach: number;
  /** At most this many NPCs react to one action, the nearest first. */
  readonly maxReach: number;
  /** Turns per part of the day. */
  readonly periodTurns: number;
}

export interface Place {
  readonly id: string;
  readonly name: string;
  readonly x: number;
  readonly y: number;
  /** What can be taken there (wares restock; taking one leaves more). */
  readonly wares: readonly string[];
}

export interface Npc {
  readonly id: number;
  readonly name: string;
  readonly trade: string;
  readonly temper: Temper;
  /** Where the NPC works: the owner of its wares. */
  readonly home: string;
  /** Toward the player, −1 (hostile) to 1 (friendly). */
  readonly disposition: number;
  readonly emote: Emote;
  /** Newest first, at most MEMORY_LINES. */
  readonly memory: readonly string[];
}

export interface Player {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  /** The place the player stands at, or null between places. */
  readonly place: string | null;
  readonly inventory: readonly string[];
}

export interface LogEntry {
  readonly turn: number;
  readonly action: string;
  readonly text: string;
  readonly source: Source;
}

/** The contract's per-assessment record: when its value was there (ms after the action). */
export interface AssessmentRecord {
  readonly name: string;
  readonly source: Source;
  readonly ms: number;
}

/** One bar of a turn's waterfall, in ms from the action; `endMs` null while still on its way. */
export interface Bar {
  readonly name: string;
  readonly lane: 'interactive' | 'background';
  readonly source: Source;
  readonly startMs: number;
  readonly endMs: number | null;
  /** Arrived after the reply was composed. */
  readonly late: boolean;
}

/** An answer that came after the reply; `applied` when it still changed the world. */
export interface LateRecord {
  readonly name: string;
  readonly ms: number;
  readonly applied: boolean;
}

export interface TurnBackground {
  /** Background jobs this turn queued (upkeep and prefetch), and how many have settled. */
  readonly jobs: number;
  readonly prefetch: number;
  readonly pending: number;
  readonly done: number;
}

export interface TurnRecord {
  readonly turn: number;
  readonly action: string;
  readonly intent: Intent;
  readonly mode: TurnMode;
  /** From the action to the reply composed. */
  readonly responseMs: number;
  /** From the action to the narration's first words (the reply's time when it was not streamed). */
  readonly firstWordsMs: number;
  readonly narration: string;
  /** The rest of the reply: the world's consequence and each NPC's reaction. */
  readonly lines: readonly string[];
  readonly assessments: readonly AssessmentRecord[];
  readonly late: readonly LateRecord[];
  readonly background: TurnBackground;
  /** The deadline in force (null: one at a time, no deadline). */
  readonly deadlineMs: number | null;
  readonly bars: readonly Bar[];
}

export interface GameState {
  readonly settings: GameSettings;
  readonly grid: { readonly width: number; readonly height: number };
  readonly places: readonly Place[];
  readonly npcs: readonly Npc[];
  readonly player: Player;
  /** The village's opinion of the player, −1 to 1. */
  readonly reputation: number;
  readonly tension: Tension;
  /** Turns played. */
  readonly turn: number;
  /** Narration, newest last, at most LOG_LINES. */
  readonly log: readonly LogEntry[];
  /** The latest turns in full, newest last, at most TURN_RECORDS. */
  readonly turns: readonly TurnRecord[];
  /** Every turn's response and first-words time (the percentiles), at most TIMES_KEPT. */
  readonly responses: readonly number[];
  readonly firstWords: readonly number[];
  /** Assessments composed into replies, and how many of them fell back. */
  readonly assessed: number;
  readonly fallbacks: number;
  /** Background jobs of every turn (upkeep and prefetch). */
  readonly background: { readonly pending: number; readonly done: number };
  readonly prefetch: { readonly calls: number; readonly landed: number };
  /** What a pair of NPCs said about the player, newest last, at most LOG_LINES. */
  readonly gossip: readonly string[];
  /** The narration streaming in right now, or null. */
  readonly streaming: string | null;
}

export const MEMORY_LINES = 5;
export const LOG_LINES = 40;
export const TURN_RECORDS = 50;
export const TIMES_KEPT = 10_000;
