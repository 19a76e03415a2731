import { describe, expect, it } from 'vitest';
import { tickFixture } from '../protocol/protocol.fixture.ts';
import type { TickMessage } from '../protocol/protocol.ts';
import { SandboxClient } from './client.ts';
import { fakeWorker, uncloneableWorker } from './fakeWorker.fixture.ts';
import { CommandError } from './pendingCommands.ts';
import { createSandboxStore } from './store.ts';

function tick(worldId: number, n: number, overrides: Partial<TickMessage> = {}): TickMessage {
  return tickFixture({ worldId, tick: n, positions: new Uint16Array([n, 0, 1, 1]), states: new Uint8Array(2), ...overrides });
}

const world = {
  type: 'world', worldId: 1, width: 4, height: 4, walls: new Uint8Array(16), pois: [], scenario: 'grid', topics: 0,
  agents: [{ id: 0, name: 'Ada', traits: [] as string[], goal: 'explore' }, { id: 1, name: 'Bo', traits: [] as string[], goal: 'explore' }],
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
    const malformed: Record<string, unknown> = { type: 'tick', tick: 'soon' };
    deliver(malformed);
    expect(store.getState().notices.protocol?.level).toBe('error');
  });
});

describe('SandboxClient: every promise settles', () => {
  const config = (seq: number) => ({ type: 'config', seq, config: {}, hasKey: false, keyOrigins: [], keyBlocked: null, problems: [] }) as const;

  it('rejects a command whose ack carries an error, with the worker\'s sentence', async () => {
    const { port, deliver } = fakeWorker();
    const client = new SandboxClient(createSandboxStore(), port);
    const done = client.send({ type: 'step' });
    deliver({ type: 'ack', seq: 1, error: 'The simulation could not do that: boom.' });
    await expect(done).rejects.toThrow(new CommandError('The simulation could not do that: boom.'));
  });

  it('settles every pending command and configure when the worker is abandoned or the client disposed', async () => {
    const { port, deliver } = fakeWorker();
    const store = createSandboxStore();
    const client = new SandboxClient(store, port);
    const step = client.send({ type: 'step' });
    const configured = client.configure({ agents: 5 });
    const answered = client.send({ type: 'pause' });
    deliver({ type: 'ack', seq: 3 });
    client.abandon('The simulation stopped before it answered (no tick for 3 s).');
    await expect(answered).resolves.toBeUndefined();
    await expect(step).rejects.toThrow('no tick for 3 s');
    await expect(configured).resolves.toMatchObject({ problems: [{ key: 'configure', message: expect.stringContaining('no tick for 3 s') as unknown }] });
    const late = client.send({ type: 'start' });
    client.dispose();
    await expect(late).rejects.toThrow('closed before it answered');
  });

  it('refuses a function or Symbol value by name and sends the rest; never throws', async () => {
    const { port, posted, deliver } = fakeWorker();
    const client = new SandboxClient(createSandboxStore(), port);
    const result = client.configure({ x: () => 1, y: Symbol('s'), agents: 5 });
    expect(posted).toEqual([{ type: 'configure', seq: 1, patch: { agents: 5 } }]);
    deliver({ ...config(1), problems: [{ key: 'z', message: 'from the worker' }] });
    const { problems } = await result;
    expect(problems.map((p) => p.key)).toEqual(['x', 'y', 'z']);
    expect(problems[0]?.message).toBe('x was ignored: a function cannot be sent to the simulation.');
    expect(problems[1]?.message).toBe('y was ignored: a Symbol cannot be sent to the simulation.');
  });

  it('fails a command, not the caller, when postMessage throws (a DataCloneError)', async () => {
    const client = new SandboxClient(createSandboxStore(), uncloneableWorker());
    await expect(client.send({ type: 'step' })).rejects.toThrow('The command was not sent to the simulation: could not be cloned');
    await expect(client.configure({ agents: 5 })).resolves.toMatchObject({ problems: [{ key: 'configure' }] });
  });

  it('clears the notices a dead worker raised', () => {
    const { port, deliver } = fakeWorker();
    const store = createSandboxStore();
    const client = new SandboxClient(store, port);
    deliver({ type: 'notice', code: 'race', level: 'info', message: 'A race is already running.' });
    client.abandon('gone');
    expect(store.getState().notices.race).toBeUndefined();
  });
});
