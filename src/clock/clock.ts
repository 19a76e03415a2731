import type { AbortLike } from './abortLine.ts';

/**
 * Time as an injected object. Everything that waits (the scheduler, the mock brain's latency,
 * timeouts, backoff) waits on a Clock, so tests can step time by hand and runs stay reproducible.
 */
export type TimerHandle = number;

/** A source of milliseconds and one-shot timers. */
export interface Clock {
  /** Milliseconds on a monotonic scale; only differences matter. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /**
   * The step its timers really fire on (the platform's: whole milliseconds), so timers due within
   * one step may share a timer (`TimerWheel`); absent for a clock whose timers are exact.
   */
  readonly resolutionMs?: number | undefined;
}

/** The wall clock: `performance.now()` and the platform's timers (Node, browser, worker). */
export const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, Math.max(0, ms)) as unknown as TimerHandle,
  clearTimeout: (handle) => {
    clearTimeout(handle);
  },
  resolutionMs: 1,
};

/**
 * The wall clock in whole milliseconds: the worker's. Every time the worker stamps on a call (its
 * enqueue, each attempt's start, its end: thousands a second with 1,000 agents thinking) travels
 * to the page, which rebuilds it as a field of a record and reads it again in the timeline's
 * figures. V8 holds a whole number below 2^30 in the field itself, but a fraction in a heap object
 * of its own, made at every such read in code not yet optimised: ~0.5 MB of garbage a second on
 * the page from times alone (heap sampler). Timers fire on whole milliseconds anyway
 * (`resolutionMs`), and the page shows milliseconds, so the fraction was never seen. Rounded
 * down, so it is as monotonic as performance.now().
 */
export const wholeMsClock: Clock = {
  ...realClock,
  now: () => Math.floor(performance.now()),
};

/**
 * The wall clock on the epoch scale (ms since 1970), still monotonic within one thread: for a
 * coordinator that other threads share and that saves times across restarts.
 */
export const epochClock: Clock = {
  ...realClock,
  now: () => performance.timeOrigin + performance.now(),
};

/** Resolves after `ms` on `clock`; rejects with the signal's reason as soon as it aborts. */
export function sleep(clock: Clock, ms: number, signal?: AbortLike): Promise<void> {
  return after(clock, ms, signal, nothing);
}

function nothing(): void {
  // A sleep resolves with nothing.
}

/**
 * `sleep`, then settles as `then()` does (its value, its thrown error, or the promise it
 * returns): one promise where an async function awaiting a sleep makes three, which a batch of
 * thousands of mock calls, all waiting at once, feels.
 */
export function after<T>(clock: Clock, ms: number, signal: AbortLike | undefined, then: () => T | PromiseLike<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const waiting = new Waiting(clock, signal, reject);
    waiting.handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', waiting);
      try {
        resolve(then());
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    }, ms);
    signal?.addEventListener('abort', waiting, { once: true });
  });
}

/**
 * An `after` in progress, as its signal's listener: a method on one object where a named
 * closure would do, because a closure held in a variable is given its name at run time by the
 * dev-time transpiler (tsx), a few hundred bytes and microseconds each, thousands at once.
 */
class Waiting {
  handle: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly signal: AbortLike | undefined,
    private readonly reject: (reason: Error) => void,
  ) {}

  /** The signal aborted: the timer is cleared and the wait fails with its reason. */
  handleEvent(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.reject(abortReason(this.signal));
  }
}

/** Never settles unless the signal aborts: a model that hangs. */
export function waitForAbort(signal: AbortLike): Promise<never> {
  return new Promise<never>((_resolve, reject) => {
    if (signal.aborted) reject(abortReason(signal));
    else signal.addEventListener('abort', () => { reject(abortReason(signal)); }, { once: true });
  });
}

/** The abort's reason as an Error (callers abort with Errors; anything else is wrapped). */
export function abortReason(signal: AbortLike | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  return new DOMException(typeof reason === 'string' ? reason : 'The operation was aborted.', 'AbortError');
}
