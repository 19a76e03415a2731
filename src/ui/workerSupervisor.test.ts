import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tickFixture } from '../protocol/protocol.fixture.ts';
import type { WorkerMessage } from '../protocol/protocol.ts';
import { SandboxClient, type WorkerPort } from './client.ts';
import { createSandboxStore, type SandboxStore } from './store.ts';
import { REPORTED_NOTICE, RESTART_NOTICE, WorkerSupervisor, type Checkpoint } from './workerSupervisor.ts';

/** A fake worker: what the page posted to it, and its events to fire. */
interface FakeWorker {
  readonly port: WorkerPort;
  readonly posted: unknown[];
  terminated: boolean;
  deliver(message: WorkerMessage): void;
  fail(message: string): void;
  garble(): void;
}

function fakeWorker(): FakeWorker {
  const listeners = new Map<string, (event: unknown) => void>();
  const fake: FakeWorker = {
    posted: [],
    terminated: false,
    port: {
      postMessage: (message) => fake.posted.push(message),
      addEventListener: (type: string, listener: unknown) => {
        listeners.set(type, listener as (event: unknown) => void);
      },
      terminate: () => {
        fake.terminated = true;
      },
    },
    deliver: (message) => listeners.get('message')?.({ data: message }),
    fail: (message) => listeners.get('error')?.({ message }),
    garble: () => listeners.get('messageerror')?.({ data: null }),
  };
  return fake;
}

const tick = (n: number, running = true): WorkerMessage => tickFixture({ tick: n, running });

describe('WorkerSupervisor', () => {
  let workers: FakeWorker[];
  let store: SandboxStore;
  let supervisor: WorkerSupervisor;
  let client: SandboxClient;
  let restores: { from: Checkpoint | null; running: boolean }[];
  const current = (): FakeWorker => {
    const worker = workers.at(-1);
    if (!worker) throw new Error('no worker');
    return worker;
  };
  /** The worker ticks every 100 ms for `ms`. */
  const runFor = (ms: number, from: number): number => {
    let n = from;
    for (let t = 0; t < ms; t += 100) {
      vi.advanceTimersByTime(100);
      current().deliver(tick(++n));
    }
    return n;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    workers = [];
    restores = [];
    store = createSandboxStore();
    supervisor = new WorkerSupervisor(() => {
      const worker = fakeWorker();
      workers.push(worker);
      return worker.port;
    }, store, () => Date.now());
    client = new SandboxClient(store, supervisor.port);
    supervisor.attach(client, (from, running) => {
      restores.push({ from, running });
      return { keyLost: store.getState().hasKey, resumed: Promise.resolve(null) };
    });
  });

  afterEach(() => {
    client.dispose();
    vi.useRealTimers();
  });

  it('restarts a running world that stops ticking (a closed worker fires no event) from its checkpoint', () => {
    const n = runFor(1_000, 0);
    current().deliver({ type: 'checkpoint', save: { world: 'at 10' } });
    runFor(500, n);
    const pending = client.send({ type: 'step' });
    vi.advanceTimersByTime(2_900);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(400);
    expect(workers).toHaveLength(2);
    expect(workers[0]?.terminated).toBe(true);
    expect(restores).toEqual([{ from: { save: { world: 'at 10' }, at: expect.any(Number) as unknown, tick: 10 }, running: true }]);
    expect(store.getState().notices[RESTART_NOTICE]?.message).toBe('The simulation stopped (no tick for 3 s) and was restarted from its checkpoint of 4 s ago (tick 10).');
    return expect(pending).rejects.toThrow('The simulation stopped before it answered (no tick for 3 s); it is restarting.');
  });

  it('sends the commands after a restart to the new worker, and says a key held in memory is gone', () => {
    store.setState({ hasKey: true });
    runFor(300, 0);
    vi.advanceTimersByTime(3_500);
    expect(workers).toHaveLength(2);
    void client.send({ type: 'pause' });
    expect(current().posted).toEqual([{ type: 'pause', seq: 1 }]);
    expect(store.getState().notices[RESTART_NOTICE]?.message).toBe(
      'The simulation stopped (no tick for 3 s) and was restarted with a new world: it had not yet saved a checkpoint. Your API key was not remembered on this device, so agents think with the mock brain until you enter it again.',
    );
  });

  it('tells an error the worker survived from death: a notice that clears, no restart', () => {
    let n = runFor(500, 0);
    current().fail('Uncaught Error: probe');
    n = runFor(1_000, n);
    expect(store.getState().notices[REPORTED_NOTICE]?.message).toBe('The simulation reported an error (Uncaught Error: probe); it is still running.');
    runFor(16_000, n);
    expect(store.getState().notices[REPORTED_NOTICE]).toBeUndefined();
    expect(workers).toHaveLength(1);
    expect(store.getState().notices[RESTART_NOTICE]).toBeUndefined();
  });

  it('counts an error followed by silence as death, and names the error', () => {
    runFor(500, 0);
    current().fail('Uncaught RangeError: too deep');
    vi.advanceTimersByTime(3_300);
    expect(workers).toHaveLength(2);
    expect(store.getState().notices[RESTART_NOTICE]?.message).toContain('it reported an error (Uncaught RangeError: too deep), then no tick for 3 s');
    expect(store.getState().notices[REPORTED_NOTICE]).toBeUndefined();
  });

  it('asks a paused world something after an error: answered is alive, silent is dead', () => {
    runFor(200, 0);
    current().deliver(tick(2, false));
    current().fail('oops');
    expect(current().posted).toEqual([{ type: 'select', agentId: null, seq: 1 }]);
    current().deliver(tick(2, false));
    current().deliver({ type: 'ack', seq: 1 });
    expect(store.getState().notices[REPORTED_NOTICE]?.message).toContain('(oops)');
    vi.advanceTimersByTime(10_000);
    expect(workers).toHaveLength(1);
    current().fail('oops again');
    vi.advanceTimersByTime(3_300);
    expect(workers).toHaveLength(2);
    expect(restores.at(-1)?.running).toBe(false);
  });

  it('counts a command that gets no answer at all for 5 s as death, and a messageerror at once', () => {
    void client.send({ type: 'start' });
    vi.advanceTimersByTime(4_900);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(400);
    expect(workers).toHaveLength(2);
    current().garble();
    expect(workers).toHaveLength(3);
    expect(store.getState().notices[RESTART_NOTICE]?.message).toContain('(a message from it could not be read)');
  });

  it('does not count the page\'s own sleep (a frozen tab) as the worker\'s silence', () => {
    runFor(500, 0);
    // Timers did not run for 20 s: the page was not listening, so no tick could be heard.
    vi.setSystemTime(Date.now() + 20_000);
    vi.advanceTimersByTime(250);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(3_300);
    expect(workers).toHaveLength(2);
  });

  it('stops after three deaths within a minute; Restart starts again; commands fail clearly meanwhile', async () => {
    for (let crash = 1; crash <= 2; crash++) {
      runFor(500, 0);
      vi.advanceTimersByTime(3_300);
    }
    expect(workers).toHaveLength(3);
    expect(store.getState().workerStopped).toBeNull();
    runFor(500, 0);
    vi.advanceTimersByTime(3_300);
    expect(workers).toHaveLength(3);
    expect(current().terminated).toBe(true);
    expect(store.getState().workerStopped).toBe('The simulation stopped 3 times within a minute (last: no tick for 3 s), so it is not restarted again by itself.');
    expect(store.getState().notices[RESTART_NOTICE]).toBeUndefined();
    await expect(client.send({ type: 'step' })).rejects.toThrow('not restarted again by itself');
    await expect(client.configure({ agents: 3 })).resolves.toMatchObject({ problems: [{ key: 'configure' }] });
    store.setState((s) => ({ restartCalls: s.restartCalls + 1 }));
    expect(workers).toHaveLength(4);
    expect(store.getState().workerStopped).toBeNull();
    expect(restores.at(-1)?.running).toBe(true);
    expect(store.getState().notices[RESTART_NOTICE]?.message).toMatch(/^The simulation was restarted with a new world/);
  });

  it('spreads over more than a minute, deaths keep being restarted', () => {
    for (let crash = 1; crash <= 4; crash++) {
      runFor(30_000, 0);
      vi.advanceTimersByTime(3_300);
    }
    expect(workers).toHaveLength(5);
    expect(store.getState().workerStopped).toBeNull();
  });
});
