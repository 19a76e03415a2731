/**
 * The world's data. Plain objects and arrays only, so a state can be cloned, compared in tests
 * and described to a model; the sim never reads a clock or the DOM.
 */

/**
 * The four steps, clockwise from north (the order a walled-in agent turns in). The one list of
 * directions: the brain's schema and prompt derive theirs from it; the protocol and the fake
 * server, which may not import the sim, are checked against it (`worker/listsAgree.test.ts`).
 */
export const STEPS = ['N', 'E', 'S', 'W'] as const;
export type Step = (typeof STEPS)[number];
/** A move an agent can cache and repeat every tick until its next decision: a step, or stay. */
export const DIRECTIONS = [...STEPS, 'STAY'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export type PoiKind = 'food' | 'water' | 'plaza' | 'library';
export const POI_KINDS: readonly PoiKind[] = ['food', 'water', 'plaza', 'library'];

/** A point of interest on the grid. */
export interface Poi {
  readonly kind: PoiKind;
  readonly name: string;
  readonly x: number;
  readonly y: number;
}

/** The static map: size, walls (1 = wall, row-major `y * width + x`) and points of interest. */
export interface Grid {
  readonly width: number;
  readonly height: number;
  readonly walls: Uint8Array;
  readonly pois: readonly Poi[];
}

/**
 * The agent's thinking state machine:
 * idle → queued (timer expired, job submitted) → thinking (call in flight)
 *      → decided (a model answered) | fellBack (the mock answered for a failed call)
 * and from decided / fellBack the timer counts again toward the next queued.
 */
export type AgentState = 'idle' | 'queued' | 'thinking' | 'decided' | 'fellBack';

/** Who produced an agent's last decision; `none` before the first one. */
export type DecisionSource = 'gemini' | 'openai' | 'mock' | 'fallback' | 'none';

export type Goal = 'find-water' | 'find-food' | 'visit-library' | 'meet-people' | 'explore';
export const GOALS: readonly Goal[] = ['find-water', 'find-food', 'visit-library', 'meet-people', 'explore'];

export interface Memory {
  readonly tick: number;
  readonly text: string;
}

/** Bodily needs in 0..1 that rise every tick and drop when the agent reaches food or water. */
export interface Needs {
  readonly hunger: number;
  readonly thirst: number;
}

export interface Agent {
  readonly id: number;
  readonly name: string;
  readonly traits: readonly string[];
  readonly goal: Goal;
  readonly x: number;
  readonly y: number;
  readonly needs: Needs;
  /** Newest last; at most `config.memoryLimit` entries. */
  readonly memories: readonly Memory[];
  readonly thought: string;
  readonly plan: string;
  /** What the agent last decided: the direction its model chose, kept exactly as it said it. */
  readonly action: Direction;
  /**
   * The direction it walks each tick: its action when a decision lands, then turned right by
   * every wall it meets (see `step`). Kept apart from `action` so that a turn never rewrites
   * what the model decided, and the page can show both.
   */
  readonly heading: Direction;
  /** What the agent last said aloud, if anything. */
  readonly say: string;
  readonly state: AgentState;
  /** Ticks until the agent wants to think again; counts only in idle / decided / fellBack. */
  readonly thinkTimer: number;
  readonly source: DecisionSource;
  /** How many decisions have been applied to this agent. */
  readonly decisions: number;
}

export interface WorldConfig {
  readonly seed: number;
  readonly width: number;
  readonly height: number;
  readonly agents: number;
  /** Ticks between an agent's decisions. */
  readonly thinkIntervalTicks: number;
  /** All timers start and reset on the same ticks (multiples of the interval): the classic demo. */
  readonly align: boolean;
  /** Cells an agent sees in every direction (Chebyshev distance). */
  readonly perceptionRadius: number;
  readonly memoryLimit: number;
}

export interface WorldState {
  readonly tick: number;
  readonly config: WorldConfig;
  readonly grid: Grid;
  /** Indexed by agent id: `agents[i].id === i`. */
  readonly agents: readonly Agent[];
}

/** What a model decided for one agent. */
export interface Decision {
  readonly thought: string;
  readonly plan: string;
  readonly action: Direction;
  /** Optional words said to neighbours. */
  readonly say?: string;
}

/** Something that happened outside the sim since the last tick, applied at the start of `step`. */
export type SimInput =
  | { readonly type: 'thinking'; readonly agentId: number }
  | {
      readonly type: 'decided';
      readonly agentId: number;
      readonly decision: Decision;
      readonly source: 'gemini' | 'openai' | 'mock' | 'fallback';
    };

/** What one tick produced besides the new state. */
export interface StepResult {
  readonly state: WorldState;
  /** Agents whose think timer expired this tick, in the order their jobs should be dispatched. */
  readonly expired: readonly number[];
}

/** A thing an agent sees, relative to itself (dx east, dy south). */
export interface SeenAgent {
  readonly id: number;
  readonly name: string;
  readonly dx: number;
  readonly dy: number;
  readonly say: string;
}
export interface SeenPoi {
  readonly kind: PoiKind;
  readonly name: string;
  readonly dx: number;
  readonly dy: number;
}

export interface Perception {
  readonly agents: readonly SeenAgent[];
  readonly pois: readonly SeenPoi[];
  /** Which neighbouring cells are blocked (wall, edge or agent). */
  readonly blocked: Readonly<Record<Step, boolean>>;
}

/** Everything a brain is told about one agent when its timer expires. */
export interface DecisionRequest {
  readonly seed: number;
  readonly tick: number;
  readonly agentId: number;
  readonly name: string;
  readonly traits: readonly string[];
  readonly goal: Goal;
  readonly x: number;
  readonly y: number;
  readonly needs: Needs;
  readonly perception: Perception;
  /** Newest first. */
  readonly memories: readonly string[];
  readonly lastPlan: string;
}
