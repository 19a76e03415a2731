/**
 * The relationship simulations' data: many small simulations, each a pair of personas and a
 * scene master who takes them through scenes. Plain objects and arrays, so a state can be
 * compared in tests, described to a model and copied to the page; every function over it
 * returns a new value.
 */

/** What a persona cares about; a scene is about one of them. */
export const VALUES = ['adventure', 'security', 'humour', 'ambition', 'family', 'art'] as const;
export type Value = (typeof VALUES)[number];

/** What a persona can do in an interaction, warmest first. */
export const MOVES = ['support', 'share', 'compromise', 'tease', 'insist', 'withdraw'] as const;
export type Move = (typeof MOVES)[number];

/** How a persona feels after appraising its partner's move. */
export const EMOTIONS = ['joy', 'trust', 'calm', 'sadness', 'anger'] as const;
export type Emotion = (typeof EMOTIONS)[number];

/** The steps of one scene, in order; `act` and `appraise` come twice (two interactions). */
export const STEPS = ['context', 'act-1', 'appraise-1', 'act-2', 'appraise-2', 'reflect', 'commit'] as const;
export type StepName = (typeof STEPS)[number];

export type Status = 'running' | 'done' | 'failed';

export interface Persona {
  readonly name: string;
  /** Two values the persona warms to, first the dearest. */
  readonly likes: readonly [Value, Value];
  /** The value that puts it off. */
  readonly dislikes: Value;
  /** 0 cold … 1 warm: how often it supports, and attends to the partner's values. */
  readonly warmth: number;
  /** 0 yielding … 1 assertive: how often it insists. */
  readonly assertiveness: number;
  /** The avatar's hue (degrees). */
  readonly hue: number;
}

export interface RelationshipSettings {
  /** Simulations run at once (1–200). */
  readonly sims: number;
  /** Scenes per simulation (1–10). */
  readonly scenes: number;
  readonly seed: number;
  /** Simulations of unequal length: simulation k plays (k mod scenes) + 1 scenes (for measuring fairness). */
  readonly uneven: boolean;
}

/** The scene master's setting for a scene. */
export interface ContextReply {
  readonly setting: string;
  readonly topic: Value;
}
/** One persona's move in an interaction. */
export interface ActReply {
  readonly move: Move;
  readonly topic: Value;
  readonly line: string;
}
/** How one persona felt about its partner's move. */
export interface AppraisalReply {
  readonly emotion: Emotion;
  /** 0–1. */
  readonly intensity: number;
  readonly why: string;
}
/** One persona's reflection at the end of a scene; `affinity` (−1…1) is how it now feels about its partner. */
export interface ReflectReply {
  readonly reflection: string;
  readonly affinity: number;
}
/** The scene master's score of the pair's commitment after a scene (0–1). */
export interface CommitReply {
  readonly commitment: number;
  readonly reason: string;
}

/** Who speaks in a transcript line: the scene master or one of the pair (0 or 1). */
export type Speaker = 'master' | 0 | 1;

/** One line of a simulation's transcript. */
export interface TranscriptLine {
  readonly scene: number;
  readonly step: StepName;
  readonly speaker: Speaker;
  readonly text: string;
  /** `gemini`, `mock` or `fallback`. */
  readonly source: string;
  /** The call's own time, first attempt sent to answer (ms). */
  readonly ms: number;
}

/** One simulation, as it stands. */
export interface SimState {
  readonly id: number;
  readonly pair: readonly [Persona, Persona];
  readonly status: Status;
  /** The scene in progress (1-based), or the last one once the simulation has ended. */
  readonly scene: number;
  readonly scenes: number;
  readonly step: StepName | null;
  /** The setting of the scene in progress. */
  readonly setting: ContextReply | null;
  readonly emotions: readonly [Emotion, Emotion];
  readonly affinity: readonly [number, number];
  /** The scene master's score after each finished scene. */
  readonly commitment: readonly number[];
  readonly transcript: readonly TranscriptLine[];
  readonly memories: readonly [readonly string[], readonly string[]];
  /** Why it failed, in one sentence; null unless `failed`. */
  readonly error: string | null;
  /** Calls that fell back after a failure since the last answer that did not: the rule in `simState.ts`. */
  readonly failuresInARow: number;
  readonly calls: number;
  readonly fallbacks: number;
  /** Its own time: the sum of each step's longest call, what it would take alone (ms). */
  readonly ownMs: number;
  /** On the worker's clock. */
  readonly startedAt: number;
  readonly endedAt: number | null;
  /** How many times it was retried from the page. */
  readonly retries: number;
}
