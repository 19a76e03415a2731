/**
 * The game master on the session's scheduler: `act(text)` plays one turn (its assessments at
 * once under a deadline, from the cache when it can), then hands the upkeep and the prefetch of
 * the likely next actions to the background lane, which no turn ever waits for. Turns are played
 * one after another in the order asked. The runner only sequences; every change of state is a
 * pure function, and what the page reads is derived from the state (sceneView.ts).
 */
import type { ScenarioContext } from '../scenario.ts';
import { AnswerCache, type CacheStats } from './answerCache.ts';
import { startPrefetch, startUpkeep } from './backgroundRunner.ts';
import { initialState } from './records.ts';
import type { AskEvent, RunEnv } from './runEnv.ts';
import { lastTurnOf, sceneOf, viewOf, type GameMasterScene, type GameMasterView, type LastTurnScene } from './sceneView.ts';
import { playTurn } from './turnRunner.ts';
import type { GameSettings, GameState, TurnMode } from './types.ts';

/** An action's words are clipped to this many characters. */
export const MAX_ACTION = 200;
/** The player's own latest actions kept for the prefetch's repeats. */
const RECENT = 8;

export interface GameMasterOptions {
  /** Hears of every assessment and background job as it is asked or found in the cache (a bench's bookkeeping). */
  readonly observe?: (event: AskEvent) => void;
}

export class GameMasterRun {
  private current: GameState;
  private readonly ctx: ScenarioContext;
  private readonly cache: AnswerCache;
  private readonly env: RunEnv;
  private readonly listeners = new Set<() => void>();
  private readonly recent: string[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private cancelled = false;
  private stopWaiting: () => void = () => undefined;

  /** A village of `settings` (defaults filled in; a bad value throws a RangeError) on `ctx`'s scheduler. */
  constructor(settings: Partial<GameSettings>, ctx: ScenarioContext, options: GameMasterOptions = {}) {
    this.current = initialState(settings);
    this.ctx = ctx;
    const { cache, cacheMax, cacheTtlMs } = this.current.settings;
    this.cache = new AnswerCache({ enabled: cache, max: cacheMax, ttlMs: cacheTtlMs, clock: ctx.clock });
    const cancelled = new Promise<'cancelled'>((resolve) => {
      this.stopWaiting = () => {
        resolve('cancelled');
      };
    });
    this.env = {
      ctx,
      cache: this.cache,
      current: () => this.current,
      update: (change) => {
        this.set(change(this.current));
      },
      isCancelled: () => this.cancelled,
      cancelled,
      observe: options.observe,
    };
  }

  /** The settings in force, defaults filled in. */
  get settings(): GameSettings {
    return this.current.settings;
  }

  /** The whole state (read-only), for tests and exports. */
  get state(): GameState {
    return this.current;
  }

  get cacheStats(): CacheStats {
    return this.cache.stats();
  }

  /** Plays `text` as the next turn (after any turn still playing); resolves with that turn's `lastTurn`. */
  act(text: string): Promise<LastTurnScene> {
    const action = text.trim().slice(0, MAX_ACTION);
    if (action === '') return Promise.reject(new RangeError('An action needs some words, e.g. "look around".'));
    const next = this.queue.then(() => this.play(action));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** One at a time (`sequential`, no deadline: what a reply costs without the techniques) or all at once, from the next turn on. */
  setMode(mode: TurnMode): void {
    this.set({ ...this.current, settings: { ...this.current.settings, mode } });
  }

  /** Stops: a turn in play is composed at once from what has arrived, no further ask is put, and later answers are ignored. */
  cancel(): void {
    this.cancelled = true;
    this.stopWaiting();
  }

  /** The contract's public state. */
  scene(): GameMasterScene {
    return sceneOf(this.current, this.cache.stats());
  }

  /** What the page draws. */
  view(): GameMasterView {
    return viewOf(this.current, this.cache.enabled);
  }

  /** Calls `listener` after every change of state; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(state: GameState): void {
    this.current = state;
    for (const listener of this.listeners) listener();
  }

  private async play(action: string): Promise<LastTurnScene> {
    if (this.cancelled) throw new Error('The game master was cancelled; no turn is played.');
    const { clock } = this.ctx;
    const t0 = clock.now();
    const since = (): number => clock.now() - t0;
    const composed = await playTurn(this.env, action, t0);
    this.recent.push(action);
    if (this.recent.length > RECENT) this.recent.shift();
    const turn = composed.record.turn;
    const reply = lastTurnOf(composed.record);
    // Cancelled while the turn played? (A method, not the field: the await may have changed it.)
    if (!this.env.isCancelled()) {
      startUpkeep(this.env, turn, action, composed.reactions, since);
      startPrefetch(this.env, turn, this.recent, since);
    }
    return reply;
  }
}
