/** Hears an abort: a function, or an object whose `handleEvent` is called (as a DOM listener may be). */
export type AbortListener = (() => void) | { handleEvent(): void };

/** What waiting needs of an abort (`sleep`, `waitForAbort`): an `AbortSignal`, or an `AbortLine`. */
export interface AbortLike {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: AbortListener, options?: { readonly once?: boolean }): void;
  removeEventListener(type: 'abort', listener: AbortListener): void;
}

/**
 * One call's abort, with the `AbortSignal` built only when someone reads `signal`. Node builds an
 * event target for every signal (several microseconds and objects each), which a batch of
 * thousands of mock calls, hardly ever aborted and never needing a real signal, would pay for
 * nothing; a live model's `fetch` reads `signal` and gets the real one.
 *
 * The rule: `cancel(reason)` happens once; then `aborted` and `reason` say so, every listener
 * added before is called once, in the order added, then the signal (if built) aborts with the
 * same reason, and a signal built afterwards is built aborted. Listeners are always called once
 * (as with `{ once: true }`), and a listener removed before the abort is not called.
 */
export class AbortLine implements AbortLike {
  private abortState: { readonly reason: unknown } | undefined;
  /** The first listener, and any others oldest first: most lines have one, or none, and need no array. */
  private first: AbortListener | undefined;
  private others: AbortListener[] | undefined;
  private controller: AbortController | undefined;

  get aborted(): boolean {
    return this.abortState !== undefined;
  }

  get reason(): unknown {
    return this.abortState?.reason;
  }

  /** The real signal, built on first read (already aborted, when the line is). */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.abortState) this.controller.abort(this.abortState.reason);
    }
    return this.controller.signal;
  }

  /** Aborts with `reason` (the first time only). */
  cancel(reason: unknown): void {
    if (this.abortState) return;
    this.abortState = { reason };
    const { first, others } = this;
    this.first = undefined;
    this.others = undefined;
    if (first) hear(first);
    for (const listener of others ?? []) hear(listener);
    this.controller?.abort(reason);
  }

  addEventListener(_type: 'abort', listener: AbortListener): void {
    if (this.abortState) return;
    if (this.first === undefined && this.others === undefined) this.first = listener;
    else (this.others ??= []).push(listener);
  }

  removeEventListener(_type: 'abort', listener: AbortListener): void {
    if (this.first === listener) {
      // The oldest of the others takes its place, so the order added is kept.
      this.first = this.others?.shift();
      if (this.others?.length === 0) this.others = undefined;
      return;
    }
    const at = this.others?.indexOf(listener) ?? -1;
    if (at >= 0) this.others?.splice(at, 1);
  }
}

function hear(listener: AbortListener): void {
  if (typeof listener === 'function') listener();
  else listener.handleEvent();
}
