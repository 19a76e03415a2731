import { afterEach, describe, expect, it, vi } from 'vitest';
import { tickFixture } from '../protocol/protocol.fixture.ts';
import type { WorkerMessage } from '../protocol/protocol.ts';
import { SandboxClient } from './client.ts';
import { fakeWorker } from './fakeWorker.fixture.ts';
import { restoreRun } from './restore.ts';
import { createSandboxStore } from './store.ts';

function setup() {
  const { port, posted, deliver } = fakeWorker();
  const store = createSandboxStore();
  const client = new SandboxClient(store, port);
  return { posted, store, client, deliver, ctx: { store, client, stage: { current: null } } };
}

const checkpoint = { save: { version: 1 }, at: 0, tick: 40 };
const config = (seq: number): WorkerMessage => ({ type: 'config', seq, config: {}, hasKey: false, keyOrigins: [], keyBlocked: null, problems: [] });

describe('restoreRun', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('posts, in order: the budget port, the checkpoint, the settings, the selection, start', async () => {
    const { posted, store, ctx, deliver } = setup();
    store.setState({ selectedId: 3, hasKey: false });
    const restored = restoreRun(ctx, () => null, checkpoint, true);
    expect(posted.map((m) => (m as { type: string }).type)).toEqual(['coordinator', 'load', 'configure', 'select', 'start']);
    expect(posted[1]).toEqual({ type: 'load', seq: 1, save: { version: 1 } });
    expect(posted[2]).toMatchObject({ type: 'configure', patch: store.getState().config });
    expect(posted[2]).not.toHaveProperty('apiKey');
    expect(restored.keyLost).toBe(false);
    deliver({ type: 'ack', seq: 1 });
    deliver(config(2));
    deliver({ type: 'ack', seq: 2 });
    deliver({ type: 'ack', seq: 3 });
    deliver({ type: 'world', worldId: 2, width: 2, height: 2, walls: new Uint8Array(4), pois: [], agents: [], scenario: 'grid', topics: 0 });
    deliver(tickFixture({ worldId: 2, tick: 41 }));
    deliver({ type: 'ack', seq: 4 });
    await expect(restored.resumed).resolves.toBeNull();
  });

  it('gives a remembered key with its endpoints; a key held only in memory is lost and said so', () => {
    const stored = new Map([['neon.geminiKey', JSON.stringify({ key: 'k-1', origins: ['http://127.0.0.1:8787'] })]]);
    vi.stubGlobal('localStorage', { getItem: (item: string) => stored.get(item) ?? null });
    const remembered = setup();
    remembered.store.setState({ hasKey: true });
    expect(restoreRun(remembered.ctx, () => null, null, false).keyLost).toBe(false);
    expect(remembered.posted.map((m) => (m as { type: string }).type)).toEqual(['coordinator', 'configure', 'pause']);
    expect(remembered.posted[1]).toMatchObject({ apiKey: 'k-1', keyOrigins: ['http://127.0.0.1:8787'] });
    stored.clear();
    const inMemory = setup();
    inMemory.store.setState({ hasKey: true });
    expect(restoreRun(inMemory.ctx, () => null, null, false).keyLost).toBe(true);
  });

  it('says why the world is a new one: the checkpoint was refused, or did not carry over', async () => {
    const refused = setup();
    const first = restoreRun(refused.ctx, () => null, checkpoint, true);
    refused.deliver({ type: 'ack', seq: 1, error: 'This save is from a newer release.' });
    refused.deliver(config(2));
    refused.deliver({ type: 'ack', seq: 2 });
    refused.deliver({ type: 'ack', seq: 3 });
    await expect(first.resumed).resolves.toBe('its checkpoint could not be loaded (This save is from a newer release.)');
    const fresh = setup();
    const second = restoreRun(fresh.ctx, () => null, checkpoint, true);
    fresh.deliver({ type: 'ack', seq: 1 });
    fresh.deliver({ type: 'world', worldId: 1, width: 2, height: 2, walls: new Uint8Array(4), pois: [], agents: [], scenario: 'grid', topics: 0 });
    fresh.deliver(tickFixture({ worldId: 1, tick: 0 }));
    fresh.deliver(config(2));
    fresh.deliver({ type: 'ack', seq: 2 });
    fresh.deliver({ type: 'ack', seq: 3 });
    await expect(second.resumed).resolves.toBe('its checkpoint (tick 40) did not carry over');
  });
});
