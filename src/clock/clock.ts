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
}

/** The wall clock: `performance.now()` and the platform's timers (Node, browser, worker). */
export const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, Math.max(0, ms)) as unknown as TimerHandle,
  clearTimeout: (handle) => {
    clearTimeout(handle);
  },
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
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      reject(abortReason(signal));
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Never settles unless the signal aborts: a model that hangs. */
export function waitForAbort(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_resolve, reject) => {
    if (signal.aborted) reject(abortReason(signal));
    else signal.addEventListener('abort', () => { reject(abortReason(signal)); }, { once: true });
  });
}

/** Rejects as soon as the signal aborts, even if the model ignores its signal and never settles. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(abortReason(signal));
    };
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The abort's reason as an Error (callers abort with Errors; anything else is wrapped). */
export function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  return new DOMException(typeof reason === 'string' ? reason : 'The operation was aborted.', 'AbortError');
}
