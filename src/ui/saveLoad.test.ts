import { describe, expect, it } from 'vitest';
import { SandboxClient } from './client.ts';
import { fakeWorker, uncloneableWorker } from './fakeWorker.fixture.ts';
import { openSave, SAVE_NOTICE } from './saveLoad.ts';
import { createSandboxStore } from './store.ts';

/** A fake worker that answers each command with what `reply` says (as client.test.ts's). */
const call = { id: 1, agentId: 0, batch: null, enqueuedAt: 0, startedAt: 1, attemptStarts: [1], endedAt: 5, callMs: 4, attempts: 1, outcome: 'success' as const, source: 'mock', errorKind: null };

describe('save and open in the page', () => {
  it("save resolves with the worker's save; the call log is added from the page when asked for", async () => {
    const { port, posted } = fakeWorker(({ seq }) => [{ type: 'saved', seq, save: { format: 'neon-save', world: { tick: 3 } } }, { type: 'ack', seq }]);
    const client = new SandboxClient(createSandboxStore(), port);
    await expect(client.save()).resolves.toEqual({ format: 'neon-save', world: { tick: 3 } });
    client.calls.ingest([], [call]);
    await expect(client.save(true)).resolves.toEqual({ format: 'neon-save', world: { tick: 3 }, calls: [call] });
    expect(posted).toEqual([{ type: 'save', seq: 1 }, { type: 'save', withCalls: true, seq: 2 }]);
  });

  it('a save the worker refused rejects with its sentence', async () => {
    const { port } = fakeWorker(({ seq }) => [{ type: 'ack', seq, error: 'No world to save.' }]);
    const client = new SandboxClient(createSandboxStore(), port);
    await expect(client.save()).rejects.toThrow('No world to save.');
  });

  it("open resolves with the ack's sentence, raises it as a notice, and clears it once a file opens", async () => {
    let error: string | undefined = 'The file is not JSON, so it is not a Neon save (it begins \'x\').';
    const { port } = fakeWorker(({ seq }) => [error === undefined ? { type: 'ack', seq } : { type: 'ack', seq, error }]);
    const store = createSandboxStore();
    const ctx = { client: new SandboxClient(store, port), store, stage: { current: null } };
    await expect(openSave(ctx, 'x')).resolves.toEqual({ ok: false, error });
    expect(store.getState().notices[SAVE_NOTICE]).toEqual({ level: 'error', message: error });
    error = undefined;
    await expect(openSave(ctx, {})).resolves.toEqual({ ok: true });
    expect(store.getState().notices[SAVE_NOTICE]).toBeUndefined();
  });

  it('a save that cannot be copied to the worker is refused with a sentence, not an exception', async () => {
    const client = new SandboxClient(createSandboxStore(), uncloneableWorker('function could not be cloned.'));
    await expect(client.load({ f: () => 1 })).resolves.toEqual({ ok: false, error: expect.stringMatching(/not sent to the simulation: function could not be cloned/) as unknown });
  });
});
