import { describe, expect, it } from 'vitest';
import type { CallOptions, Model, ModelReply } from '../brain/model.ts';
import { AbortableCall } from './abortableCall.ts';

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
});
