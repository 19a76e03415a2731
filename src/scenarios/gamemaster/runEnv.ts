/**
 * What the game master's runners (turnRunner.ts, backgroundRunner.ts) share with the run that
 * owns them: the scenario's context, the cache, and the one state they read and change.
 */
import type { AnyAsk } from '../../brain/ask.ts';
import type { ScenarioContext } from '../scenario.ts';
import type { AnswerCache } from './answerCache.ts';
import type { GameState } from './types.ts';

/** One assessment or background job about to be asked (or found in the cache), for a bench's bookkeeping. */
export interface AskEvent {
  readonly turn: number;
  readonly name: string;
  readonly lane: 'interactive' | 'background';
  /** A prefetch call (background). */
  readonly prefetch: boolean;
  /** Served at once from the cache: no call. */
  readonly cached: boolean;
  readonly ask: AnyAsk;
}

export interface RunEnv {
  readonly ctx: ScenarioContext;
  readonly cache: AnswerCache;
  current(): GameState;
  update(change: (state: GameState) => GameState): void;
  isCancelled(): boolean;
  /** Settles when the run is cancelled, so a turn stops waiting at once. */
  readonly cancelled: Promise<'cancelled'>;
  readonly observe?: ((event: AskEvent) => void) | undefined;
}

/** The scheduler key of one of the run's asks: unique while in flight. */
export function askKey(env: RunEnv, turn: number, name: string): string {
  return `${env.ctx.producer}/t${turn}/${name}`;
}
