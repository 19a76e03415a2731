import { describe, expect, it } from 'vitest';
import { ModelError } from '../brain/errors.ts';
import type { CallEnd, CallOptions, Model, ModelReply } from '../brain/model.ts';
import { AbortableCall, type CallListener } from './abortableCall.ts';

/** A model that answers as `answer` says, given the call's options. */
function model<T>(answer: (options: CallOptions) => Promise<T>): Model<null, T> {
  return { source: 'test', call: (_request, options) => answer(options).then((value): ModelReply<T> => ({ value })) };
}

describe('AbortableCall', () => {
  it('settles as the call does', async () => {
    const call = new AbortableCall(2);
    await expect(call.run(model((options) => Promise.resolve(options.attempt)), null)).resolves.toEqual({ value: 2 });
    const failing = new AbortableCall(1);
    await expect(failing.run(model(() => Promise.reject(new Error('boom'))), null)).rejects.toThrow('boom');
  });

  it('fails at once with the abort’s reason even when the model ignores its abort, and tells the model', async () => {
    const call = new AbortableCall(1);
    let heard = false;
    const run = call.run(model((options) => {
      options.abort?.addEventListener('abort', () => { heard = true; });
      return new Promise<never>(() => undefined);
    }), null);
    const reason = new Error('timeout');
    call.cancel(reason);
    await expect(run).rejects.toBe(reason);
    expect(heard).toBe(true);
    expect(call.abortedWith).toBe(reason);
  });

  it('gives a model that reads `signal` a real one that aborts with the call', () => {
    const call = new AbortableCall(1);
    let signal: AbortSignal | undefined;
    void call.run(model((options) => {
      signal = options.signal;
      return new Promise<never>(() => undefined);
    }), null).catch(() => undefined);
    expect(signal?.aborted).toBe(false);
    const reason = new Error('disposed');
    call.cancel(reason);
    expect(signal?.reason).toBe(reason);
  });

  it('does not start a call that was aborted before it ran', async () => {
    const call = new AbortableCall(1);
    const reason = new Error('cancelled');
    call.cancel(reason);
    let called = false;
    await expect(call.run(model(() => { called = true; return Promise.resolve(1); }), null)).rejects.toBe(reason);
    expect(called).toBe(false);
  });

  it('fails as the model does when it throws at once', async () => {
    const call = new AbortableCall(1);
    const throwing: Model<null, never> = { source: 'test', call: () => { throw new Error('at once'); } };
    await expect(call.run(throwing, null)).rejects.toThrow('at once');
  });

  describe('send, with a listener', () => {
    /** A listener that records what it heard, and the owner it was given. */
    function listener(): { heard: string[]; listener: CallListener<string, number> } {
      const heard: string[] = [];
      return {
        heard,
        listener: {
          answered: (owner, _call, reply) => { heard.push(`${owner}:answered:${String(reply.value)}`); },
          failed: (owner, _call, reason) => { heard.push(`${owner}:failed:${reason instanceof Error ? reason.message : String(reason)}`); },
        },
      };
    }

    /** A model with `callWith` that keeps the end it was given, to tell it by hand. */
    function callbackModel(): { model: Model<null, number>; end: () => CallEnd<number> } {
      let kept: CallEnd<number> | undefined;
      const model: Model<null, number> = {
        source: 'cb',
        call: () => Promise.reject(new Error('call is not used when callWith is there')),
        callWith: (_request, _options, end) => { kept = end; },
      };
      return { model, end: () => { if (!kept) throw new Error('not called'); return kept; } };
    }

    it('hears a callWith model’s answer once, at once after send, and nothing after', () => {
      const { heard, listener: l } = listener();
      const { model, end } = callbackModel();
      const call = new AbortableCall<string, number>(1);
      call.send(model, null, l, 'job');
      expect(call.model).toBe(model);
      end().answer({ value: 7 });
      end().fail(new Error('late'));
      call.cancel(new Error('too late'));
      expect(heard).toEqual(['job:answered:7']);
    });

    it('never tells within send: an answer given at once is heard on a microtask', async () => {
      const { heard, listener: l } = listener();
      const model: Model<null, number> = { source: 'now', call: () => Promise.resolve({ value: 0 }), callWith: (_r, _o, end) => { end.answer({ value: 1 }); } };
      const call = new AbortableCall<string, number>(1);
      call.send(model, null, l, 'job');
      expect(heard).toEqual([]);
      await Promise.resolve();
      expect(heard).toEqual(['job:answered:1']);
    });

    it('fails with the abort’s reason on a microtask when cancelled, ignoring the model’s end after', async () => {
      const { heard, listener: l } = listener();
      const { model, end } = callbackModel();
      const call = new AbortableCall<string, number>(1);
      call.send(model, null, l, 'job');
      call.cancel(new Error('cancelled'));
      end().answer({ value: 3 });
      expect(heard).toEqual([]);
      await Promise.resolve();
      expect(heard).toEqual(['job:failed:cancelled']);
    });

    it('uses a promise model’s call when it has no callWith', async () => {
      const { heard, listener: l } = listener();
      const call = new AbortableCall<string, number>(2);
      call.send(model((options) => Promise.resolve(options.attempt * 10)), null, l, 'job');
      await new Promise((resolve) => { setTimeout(resolve, 0); });
      expect(heard).toEqual(['job:answered:20']);
    });

    it('is its own timeout: onTimer aborts with a timeout error naming the limit', async () => {
      const { heard, listener: l } = listener();
      const { model } = callbackModel();
      const call = new AbortableCall<string, number>(1);
      call.timeoutMs = 250;
      call.send(model, null, l, 'job');
      call.onTimer();
      await Promise.resolve();
      expect(heard).toEqual(['job:failed:No answer within 250 ms; the call was aborted.']);
      expect(call.abortedWith).toBeInstanceOf(ModelError);
    });

    it('fails an injected fault on a microtask without calling the model', async () => {
      const { heard, listener: l } = listener();
      let called = false;
      const call = new AbortableCall<string, number>(1);
      call.inject(new Error('fault'), l, 'job');
      void model(() => { called = true; return Promise.resolve(1); });
      expect(heard).toEqual([]);
      await Promise.resolve();
      expect(heard).toEqual(['job:failed:fault']);
      expect(called).toBe(false);
    });
  });
});
