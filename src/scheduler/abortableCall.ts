import { AbortLine, type AbortLike } from '../clock/abortLine.ts';
import type { CallOptions, Model, ModelReply } from '../brain/model.ts';

/**
 * One attempt's call, and the only way to abort it. Only the scheduler aborts its attempts (their
 * timeout, a cancel, dispose), so it rejects the attempt itself when it does, rather than each
 * call listening on its signal for it (`raceAbort`): the attempt still fails with the abort's
 * reason the moment it aborts, even when the model ignores its signal, and a call of a batch of
 * thousands costs no listener and no second promise. The model hears the abort on an `AbortLine`
 * (`CallOptions.abort`), whose real signal is built only if the model reads `signal`.
 */
export class AbortableCall extends AbortLine implements CallOptions {
  /** The call's line is the call itself: one object per attempt. */
  readonly abort: AbortLike = this;
  private rejectRun: ((reason: Error) => void) | undefined;

  constructor(readonly attempt: number) {
    super();
  }

  /**
   * Calls `model` with this attempt's options; settles as the call does, or with the abort's
   * reason when aborted first. (Not `resolve(call)`: a promise resolved with another is locked
   * to it, and could no longer be failed by an abort. A failure that is not an Error stays as it
   * is; the scheduler wraps it.)
   */
  run<Req, Res>(model: Model<Req, Res>, request: Req): Promise<ModelReply<Res>> {
    return new Promise<ModelReply<Res>>((resolve, reject) => {
      if (this.aborted) {
        reject(asError(this.reason));
        return;
      }
      this.rejectRun = reject;
      model.call(request, this).then(resolve, reject);
    });
  }

  /** Aborts the call (its line, and its signal if built) and fails the run with `reason` at once; later aborts change nothing. */
  override cancel(reason: Error): void {
    if (this.aborted) return;
    super.cancel(reason);
    this.rejectRun?.(reason);
  }

  /** Why the call was aborted, or undefined while it was not. */
  get abortedWith(): unknown {
    return this.reason;
  }
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
