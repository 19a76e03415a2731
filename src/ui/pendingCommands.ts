/**
 * The commands the worker has not answered yet, each with the promise its caller holds. Every
 * one settles: with the worker's `ack`, with the sentence of an `ack` that carries an error,
 * or, when the worker dies or the page closes it, with the reason it never will be answered.
 */
import { errorText } from './sendable.ts';

/** A command the worker refused or never answered; `message` is the sentence that says why. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

export class PendingCommands {
  private readonly settlers = new Map<number, (error?: string) => void>();

  /**
   * Runs `post` (which sends command `seq`) and returns the promise of its answer. A `post`
   * that throws (a DataCloneError, or no worker to post to) fails this command, never the caller.
   */
  track(seq: number, post: () => void): Promise<void> {
    const done = new Promise<void>((resolve, reject) => {
      this.settlers.set(seq, (error) => {
        if (error === undefined) resolve();
        else reject(new CommandError(error));
      });
      try {
        post();
      } catch (error) {
        this.settlers.delete(seq);
        reject(new CommandError(`The command was not sent to the simulation: ${errorText(error)}`));
      }
    });
    // A button fires a command and forgets it, and the page already says in a notice why one
    // failed; marking the promise handled keeps that from also logging an uncaught rejection,
    // while a caller that awaits it (a window.sandbox script) still gets the error.
    done.catch(() => undefined);
    return done;
  }

  /** The worker answered command `seq`; `error` says why it failed, if it did. */
  answer(seq: number, error?: string): void {
    this.settlers.get(seq)?.(error);
    this.settlers.delete(seq);
  }

  /** No answer will come: every command still waiting fails with `reason`. */
  failAll(reason: string): void {
    const waiting = [...this.settlers.values()];
    this.settlers.clear();
    for (const settle of waiting) settle(reason);
  }

  get size(): number {
    return this.settlers.size;
  }
}
