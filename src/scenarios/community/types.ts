/**
 * The community's data: plain objects and arrays, so a state can be compared in tests, described
 * to a model and copied to the page. Every function over it returns a new state.
 */

/** The phases of one epoch, in order (the contract's names); `vote` runs in the last epoch only. */
export const PHASE_NAMES = ['debate', 'beliefs-debate', 'chat', 'beliefs-chat', 'posts', 'reactions', 'beliefs-social', 'vote'] as const;
export type PhaseName = (typeof PHASE_NAMES)[number];

/** The settings a community is built from; `resolveSettings` fills the defaults. */
export interface CommunitySettings {
  /** Personas, 1 to 1,000 (default 24). */
  readonly agents: number;
  /** Topics, 1 to `TOPIC_CATALOGUE.length` (default 3). */
  readonly topics: number;
  /** Epochs, each a round of every phase (default 2). */
  readonly epochs: number;
  readonly seed: number;
  /** Calls of this community in flight at once: the semaphore (default 20). */
  readonly concurrency: number;
  /** The population's mean openness, 0 to 1: it sets how far an argument may be and still move a belief. */
  readonly openness: number;
  /** How far a belief moves toward an argument it accepts, 0 to 1 (default 0.5: Deffuant's halfway). */
  readonly convergence: number;
  /** Posts each persona reads in its feed (default 3). */
  readonly feedSize: number;
}

/** A question the community argues about, with the two options of its vote (for, against). */
export interface Topic {
  readonly id: number;
  /** `t0`, `t1`…: the topic's name in reply shapes. */
  readonly key: string;
  readonly statement: string;
  readonly options: readonly [string, string];
}

export interface Traits {
  /** 0 (closed) to 1 (open): sets `threshold`, how far a view may be and still persuade. */
  readonly openness: number;
  /** A word or two for prompts and texts (e.g. "blunt", "curious"). */
  readonly temper: string;
  readonly interest: string;
}

export interface Persona {
  readonly id: number;
  readonly name: string;
  readonly traits: Traits;
  /** The bounded-confidence threshold: views farther than this from its own do not move it. */
  readonly threshold: number;
  /** Grid cell; personas wander a little between epochs, and chat with their nearest neighbour. */
  readonly x: number;
  readonly y: number;
}

/** One debater's argument on a topic. */
export interface Argument {
  readonly topic: number;
  readonly side: 'for' | 'against';
  readonly speaker: number;
  /** The position the argument argues, −1 to 1. */
  readonly stance: number;
  readonly text: string;
}

/** What one persona said to its partner in a chat; `stances` are its beliefs as it spoke. */
export interface ChatLine {
  readonly epoch: number;
  readonly from: number;
  readonly to: number;
  readonly text: string;
  readonly stances: readonly number[];
}

export interface Post {
  readonly id: number;
  readonly epoch: number;
  readonly author: number;
  readonly topic: number;
  /** The author's belief on the topic when it posted. */
  readonly stance: number;
  readonly text: string;
  readonly up: number;
  readonly down: number;
}

/** A finished phase's figures, from its batch (the contract's `phases` entries). */
export interface PhaseRecord {
  readonly name: PhaseName;
  readonly epoch: number;
  readonly calls: number;
  readonly wallMs: number;
  readonly sumLatencyMs: number;
  readonly speedup: number;
  readonly fallbacks: number;
}

/** Every persona's beliefs after a phase that changes them (and at the start, `phase` null). */
export interface BeliefSnapshot {
  readonly epoch: number;
  readonly phase: PhaseName | null;
  readonly beliefs: readonly (readonly number[])[];
}

export interface CommunityState {
  readonly settings: CommunitySettings;
  readonly topics: readonly Topic[];
  readonly personas: readonly Persona[];
  readonly grid: { readonly width: number; readonly height: number };
  /** `beliefs[persona][topic]`, each in [−1, 1]. */
  readonly beliefs: readonly (readonly number[])[];
  /** 0 before the first epoch, then 1…epochs. */
  readonly epoch: number;
  /** The phase running now; null before the start, between phases and when done. */
  readonly phase: PhaseName | null;
  readonly done: boolean;
  readonly phases: readonly PhaseRecord[];
  /** This epoch's debate. */
  readonly arguments: readonly Argument[];
  /** This epoch's chat pairs (nearest neighbours). */
  readonly pairs: readonly (readonly [number, number])[];
  readonly chats: readonly ChatLine[];
  readonly posts: readonly Post[];
  /** `votes[persona][topic]`: the option's index; null until the vote. */
  readonly votes: readonly (readonly number[])[] | null;
  /** Personas whose call in the latest phase failed and fell back: greyed out on the page. */
  readonly failed: readonly boolean[];
  /** Each persona's last few impressions (newest first), for prompts and interviews. */
  readonly memory: readonly (readonly string[])[];
  readonly history: readonly BeliefSnapshot[];
}
