import { describe, expect, it } from 'vitest';
import { tickFixture } from '../protocol/protocol.fixture.ts';
import type { TickMessage, WorkerMessage } from '../protocol/protocol.ts';
import { SandboxClient, type WorkerPort } from './client.ts';
import { createSandboxStore } from './store.ts';

/** A fake worker: records what the client posts and lets the test deliver messages. */
function fakeWorker() {
  const posted: unknown[] = [];
  let onMessage: ((event: MessageEvent<unknown>) => void) | undefined;
  const port: WorkerPort = {
    postMessage: (message) => posted.push(message),
    addEventListener: (type: string, listener: unknown) => {
      if (type === 'message') onMessage = listener as (event: MessageEvent<unknown>) => void;
    },
    terminate: () => undefined,
  };
  const deliver = (message: WorkerMessage | Record<string, unknown>): void => {
    onMessage?.({ data: message } as MessageEvent<unknown>);
  };
  return { port, posted, deliver };
}


function tick(worldId: number, n: number, overrides: Partial<TickMessage> = {}): TickMessage {
  return tickFixture({ worldId, tick: n, positions: new Uint16Array([n, 0, 1, 1]), states: new Uint8Array(2), ...overrides });
}

const world = {
  type: 'world', worldId: 1, width: 4, height: 4, walls: new Uint8Array(16), pois: [],
  agents: [{ id: 0, name: 'Ada', traits: [], goal: 'explore' }, { id: 1, name: 'Bo', traits: [], goal: 'explore' }],
} as const;

describe('SandboxClient', () => {
  it('numbers commands and resolves them on ack', async () => {
    const { port, posted, deliver } = fakeWorker();
    const client = new SandboxClient(createSandboxStore(), port);
    const done = client.send({ type: 'step' });
    expect(posted).toEqual([{ type: 'step', seq: 1 }]);
    deliver({ type: 'ack', seq: 1 });
    await expect(done).resolves.toBeUndefined();
  });

  it('keeps the two newest ticks for interpolation; a repeated tick does not restart motion', () => {
    const { port, deliver } = fakeWorker();
    const store = createSandboxStore();
    let now = 1_000;
    const client = new SandboxClient(store, port, () => now, 60_000);
    deliver({ ...world, walls: new Uint8Array(16), agents: [...world.agents] });
    deliver(tick(1, 1));
    now = 1_100;
    deliver(tick(1, 2));
    expect(store.getState().live.frame).toMatchObject({ prev: { tick: 1 }, curr: { tick: 2 }, receivedAt: 1_100 });
    now = 1_150;
    deliver(tick(1, 2, { running: false }));
    expect(store.getState().live.frame).toMatchObject({ prev: { tick: 1 }, curr: { tick: 2, running: false }, receivedAt: 1_100 });
    // Ticks of an old world are dropped.
    deliver(tick(0, 9));
    expect(store.getState().live.frame?.curr.tick).toBe(2);
    client.dispose();
  });

  it('applies decisions to rows at once and to the panels at panel rate', async () => {
    const { port, deliver } = fakeWorker();
    const store = createSandboxStore();
    const client = new SandboxClient(store, port, () => 0, 30);
    deliver({ ...world, walls: new Uint8Array(16), agents: [...world.agents] });
    const update = { id: 1, thought: 'thirsty', plan: 'go', action: 'N', say: '', source: 'mock', decisions: 1, latencyMs: 500, attempts: 1, error: null } as const;
    deliver(tick(1, 1, { updates: [update] }));
    deliver(tick(1, 2));
    expect(store.getState().live.rows[1]?.thought).toBe('thirsty');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(store.getState().rows[1]?.thought).toBe('thirsty');
    expect(store.getState().tick).toBe(2);
    client.dispose();
  });

  it('turns a malformed message into a notice instead of throwing', () => {
    const { port, deliver } = fakeWorker();
    const store = createSandboxStore();
    new SandboxClient(store, port);
    deliver({ type: 'tick', tick: 'soon' });
    expect(store.getState().notices.protocol?.level).toBe('error');
  });
});
