import { AbortLine, type AbortLike } from '../clock/abortLine.ts';
import { ModelError } from '../brain/errors.ts';
import type { CallEnd, CallOptions, Model, ModelReply } from '../brain/model.ts';
import type { TimerTarget } from '../clock/timerWheel.ts';

/**
 * Hears how an attempt ended, exactly once and never within `send` or `cancel` (always on a
 * later microtask). `owner` is what the listener gave the call (the scheduler: the job's entry),
 * so one listener serves every call and no closure is made per call for it.
 */
export interface CallListener<O, Res> {
  answered(owner: O, call: AbortableCall<O, Res>, reply: ModelReply<Res>): void;
  failed(owner: O, call: AbortableCall<O, Res>, reason: unknown): void;
}

/**
 * One attempt's call, and the only way to abort it. Only the scheduler aborts its attempts (their
 * timeout, a cancel, dispose), so it fails the attempt itself when it does, rather than racing
 * each call against a listener on its signal: the attempt still fails with the abort's
 * reason the moment it aborts, even when the model ignores its signal, and a call of a batch of
 * thousands costs no listener and no second promise. The model hears the abort on an `AbortLine`
 * (`CallOptions.abort`), whose real signal is built only if the model reads `signal`.
 *
 * The end is told to a listener (`send`) rather than through a promise of the call's own: at
 * 10,000 calls, the promise, its reactions and an async function awaiting it were three
 * promises and as many microtasks per answer, all on the path where the batch's answers land.
 */
export class AbortableCall<O = unknown, Res = unknown> extends AbortLine implements CallOptions, CallEnd<Res>, TimerTarget {
  /** The call's line is the call itself: one object per attempt. */
  readonly abort: AbortLike = this;
  /** How long the attempt may take; `onTimer` aborts it then (the scheduler's `TimerWheel` fires the call itself). */
  timeoutMs = Infinity;
  /** The model it was sent to (absent until sent): its `source` names the answer. */
  model: Model<unknown, Res> | undefined;
  private listener: CallListener<O, Res> | undefined;
  private owner: O | undefined;
  /** The listener was told, or will be on a microtask already queued: nothing more is told. */
  private ended = false;
  /** Within `send`: an end told now waits for a microtask. */
  private sending = false;

  constructor(readonly attempt: number) {
    super();
  }

  /**
   * Calls `model` with this attempt's options and tells `listener` how it ended: the model's
   * answer or failure, or the abort's reason when aborted first. A model that throws at once
   * fails the attempt as if it had rejected, and a call aborted before it was sent is not sent.
   * A model with `callWith` (the mock) tells the call itself (`answer`, `fail`), with no promise.
   */
  send<Req>(model: Model<Req, Res>, request: Req, listener: CallListener<O, Res>, owner: O): void {
    this.listener = listener;
    this.owner = owner;
    if (this.aborted) {
      this.failSoon(this.reason);
      return;
    }
    this.model = model;
    this.sending = true;
    try {
      if (model.callWith) {
        model.callWith(request, this, this);
      } else {
        model.call(request, this).then(
          (reply) => {
            this.answer(reply);
          },
          (error: unknown) => {
            this.fail(error);
          },
        );
      }
    } catch (error) {
      this.failSoon(error);
    }
    this.sending = false;
  }

  /** The model answered (`CallEnd`): told to the listener unless the call already ended. */
  answer(reply: ModelReply<Res>): void {
    if (this.ended) return;
    this.ended = true;
    const { listener, owner } = this;
    if (listener === undefined) return;
    // Never within `send`: a model that answers at once is heard on a microtask.
    if (this.sending) {
      queueMicrotask(() => {
        listener.answered(owner as O, this, reply);
      });
    } else {
      listener.answered(owner as O, this, reply);
    }
  }

  /** The model failed (`CallEnd`): told to the listener unless the call already ended. */
  fail(error: unknown): void {
    if (this.ended) return;
    if (this.sending) {
      this.failSoon(error);
      return;
    }
    this.ended = true;
    this.listener?.failed(this.owner as O, this, error);
  }

  /** Fails the attempt with `reason` without calling a model (an injected fault), on a later microtask, as a model's failure would. */
  inject(reason: unknown, listener: CallListener<O, Res>, owner: O): void {
    this.listener = listener;
    this.owner = owner;
    this.failSoon(reason);
  }

  /** `send` as a promise (tests, and callers with one call to wait for). A failure that is not an Error stays as it is. */
  run<Req>(model: Model<Req, Res>, request: Req): Promise<ModelReply<Res>> {
    return new Promise<ModelReply<Res>>((resolve, reject) => {
      this.send(model, request, { answered: (_owner, _call, reply) => { resolve(reply); }, failed: (_owner, _call, reason) => { reject(asError(reason)); } }, undefined as O);
    });
  }

  /** Aborts the call (its line, and its signal if built) and fails the attempt with `reason` (on a microtask); later aborts change nothing. */
  override cancel(reason: Error): void {
    if (this.aborted) return;
    super.cancel(reason);
    if (this.listener !== undefined) this.failSoon(reason);
  }

  /** The attempt's timeout (`TimerTarget`): aborts it with a timeout error. */
  onTimer(): void {
    this.cancel(new ModelError('timeout', `No answer within ${this.timeoutMs} ms; the call was aborted.`));
  }

  /** Why the call was aborted, or undefined while it was not. */
  get abortedWith(): unknown {
    return this.reason;
  }

  private failSoon(reason: unknown): void {
    if (this.ended) return;
    this.ended = true;
    const listener = this.listener;
    const owner = this.owner as O;
    queueMicrotask(() => {
      listener?.failed(owner, this, reason);
    });
  }
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
