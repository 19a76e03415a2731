/**
 * What every scenario (a grid world, a community, a game master, many small simulations, a DAG)
 * gets from the session that hosts it, and nothing more: a clock, and a way to put its asks to
 * the session's one scheduler under its own name. The scheduler, the key's budget, the models,
 * the timeline and the race are shared; a scenario brings its state, its asks and its view.
 */
import type { Ask } from '../brain/ask.ts';
import type { ModelError } from '../brain/errors.ts';
import type { Clock } from '../clock/clock.ts';
import type { BatchStats, CallRecord, Lane } from '../scheduler/types.ts';

/** The scenarios there are, by the name the URL key `scenario` takes. */
export const SCENARIO_NAMES = ['grid', 'community', 'gamemaster', 'relationships', 'pipeline'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** What one ask came back with: the answer (the model's, or the ask's own mock as a fallback). */
export interface Answer<Res> {
  readonly value: Res;
  /** `gemini`, `mock` (the mock model answered) or `fallback` (a live call failed). */
  readonly source: string;
  readonly record: CallRecord;
}

export interface AskOptions {
  /** Who asks, unique while in flight (e.g. `community-3/persona-17`). */
  readonly key: string;
  /** Asks that go out together and are measured as a batch (e.g. one phase of one epoch). */
  readonly batch?: string;
  /** `background` asks take only the budget interactive ones leave (scheduler lanes). */
  readonly lane?: Lane;
  /** This ask's own per-attempt timeout (ms). */
  readonly timeoutMs?: number;
  /** A line of dependent asks within the scenario (one simulation of many): the scheduler takes turns between them. */
  readonly flow?: string;
  /** An injected failure (a classroom's `failSim`): while it returns an error, every attempt fails with it unsent. */
  readonly fault?: () => ModelError | undefined;
}

/** The session's side of a scenario: its clock and its line to the scheduler. */
export interface ScenarioContext {
  readonly clock: Clock;
  /** The scenario's name in the scheduler: its calls are counted, capped and cancelled under it. */
  readonly producer: string;
  /** Puts an ask to the scheduler; always resolves (a failed call answers with the ask's mock). */
  ask<Res>(ask: Ask<Res>, options: AskOptions): Promise<Answer<Res>>;
  /** Caps this scenario's calls in flight at once (a community's semaphore); undefined lifts it. */
  capConcurrency(cap: number | undefined): void;
  /**
   * Resolves when the scenario may begin its next batch: a host holds it while paused (the
   * page's Pause, or one batch per Step). Absent: always at once.
   */
  ready?(): Promise<void>;
  /** Called with each batch's figures as its last call settles. */
  onBatch(listener: (stats: BatchStats) => void): () => void;
}
