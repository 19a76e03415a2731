/**
 * The soak: a whole session and the page's client on one fake clock, for a simulated hour at
 * 1,000 agents, checking every buffer that grows with time against its stated cap. It lives at
 * the root beside `main.tsx` because, like it, it wires both sides of the worker boundary.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock/manualClock.ts';
import { commandSchema, type WorkerMessage } from './protocol/protocol.ts';
import { SandboxClient, type WorkerPort } from './ui/client.ts';
import { createSandboxStore, NOTICE_CAP } from './ui/store.ts';
import { SETTLED_CAP } from './ui/timeline/callLog.ts';
import { Session } from './worker/session.ts';

const AGENTS = 1_000;
const HOUR_MS = 3_600_000;
/**
 * 1,000 agents thinking every 30 s make 120,000 calls an hour, past the call log's cap. At the
 * default 3 s it would be 1.2 million, and the fake clock's per-timer cost makes that hour take
 * about 7 minutes here; the ticks alone (36,000 of 1,000 agents) cost about 40 s of it.
 */
const THINK_MS = 30_000;
/** The journal's latency window ×2, and one last call per agent. */
const JOURNAL_LATENCY_CAP = 2_000;
/** Ten minutes of load samples at ×1: one per tick, and one per message that repeats a tick. */
const HISTORY_AT_SPEED_1 = 6_000;

/** The session's and client's insides that a soak must see; read only, never changed. */
interface Insides {
  readonly session: {
    readonly journal: { readonly lastRecord: Map<number, unknown>; readonly retrying: Set<number>; readonly latencies: unknown[] };
    readonly tickRate: { readonly held: number };
    readonly notices: { readonly size: number };
    readonly scheduler: { readonly queue: unknown[]; readonly inFlight: Set<unknown> };
  };
}

function insides(session: Session): Insides['session'] {
  return session as unknown as Insides['session'];
}

/** Session → client through a fake port, as `worker.ts` and a real Worker would carry them. */
function wire(clock: ManualClock) {
  const store = createSandboxStore();
  let deliver: ((event: MessageEvent<unknown>) => void) | undefined;
  const session = new Session({
    clock,
    today: () => '2026-11-25',
    post: (message: WorkerMessage) => {
      deliver?.({ data: message } as MessageEvent<unknown>);
    },
  });
  const port: WorkerPort = {
    postMessage: (message) => {
      const parsed = commandSchema.safeParse(message);
      if (parsed.success) session.handle(parsed.data);
    },
    addEventListener: (type: string, listener: unknown) => {
      if (type === 'message') deliver = listener as (event: MessageEvent<unknown>) => void;
    },
    terminate: () => undefined,
  };
  // Panels publish on a long real-time timer: the test publishes by pausing, not by waiting.
  const client = new SandboxClient(store, port, () => clock.now(), 3_600_000);
  return { store, client, session };
}

describe('soak', () => {
  it('1,000 agents for one simulated hour: every buffer stays within its cap', async () => {
    const clock = new ManualClock();
    const { store, client, session } = wire(clock);
    await client.configure({ agents: AGENTS, thinkInterval: THINK_MS, rpm: 100_000, concurrency: 1_000, latency: 500, jitter: 50, failureRate: 0.05, align: true });
    void client.send({ type: 'start' });
    const peak = { settled: 0, lanes: 0, journalLatencies: 0, lastRecords: 0, retrying: 0, tickTimes: 0, workerNotices: 0, storeNotices: 0, timers: 0, queue: 0, inFlight: 0 };
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    for (let minute = 1; minute <= HOUR_MS / 60_000; minute++) {
      await clock.advance(60_000);
      // A race now and then, so its two logs and its timers are part of the soak.
      if (minute % 20 === 0) void client.send({ type: 'race' });
      const s = insides(session);
      const sizes = {
        settled: client.calls.settledCount,
        lanes: client.calls.batches().length,
        journalLatencies: s.journal.latencies.length,
        lastRecords: s.journal.lastRecord.size,
        retrying: s.journal.retrying.size,
        tickTimes: s.tickRate.held,
        workerNotices: s.notices.size,
        storeNotices: Object.keys(store.getState().notices).length,
        timers: clock.pending,
        queue: s.scheduler.queue.length,
        inFlight: s.scheduler.inFlight.size,
      };
      for (const key of Object.keys(peak) as (keyof typeof peak)[]) peak[key] = Math.max(peak[key], sizes[key]);
    }
    const wallMs = performance.now() - wallStart;
    const cpu = process.cpuUsage(cpuStart);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    // Pausing publishes the panel slices at once (running changed).
    await client.send({ type: 'pause' });
    const state = store.getState();
    const metrics = state.metrics;
    const settledJobs = (metrics?.callsSucceeded ?? 0) + (metrics?.fallbacks ?? 0);
    console.info(`soak: 1 simulated hour, ${AGENTS} agents, think ${THINK_MS} ms: ${Math.round(wallMs / 1000)} s wall, ${Math.round(cpuMs / 1000)} s CPU; ${settledJobs} jobs settled, ${metrics?.callsStarted ?? 0} calls; peaks ${JSON.stringify({ ...peak, history: state.history.length, latencies: state.latencies.length })}`);

    expect(state.tick).toBeGreaterThanOrEqual(HOUR_MS / 100);
    // Enough calls to fill the call log: its cap, not the run's length, is what bounds it.
    expect(settledJobs).toBeGreaterThan(SETTLED_CAP);
    expect(client.calls.settledCount).toBe(SETTLED_CAP);
    expect(client.calls.settledCalls()).toHaveLength(SETTLED_CAP);
    expect(peak.settled).toBeLessThanOrEqual(SETTLED_CAP);
    expect(peak.lanes).toBeLessThanOrEqual(5);
    // Load history: ten minutes, so about 6,000 samples at ×1 (the ring's cap, 24,000, is for ×4).
    expect(state.history.length).toBeGreaterThan(HISTORY_AT_SPEED_1 - 10);
    expect(state.history.length).toBeLessThanOrEqual(HISTORY_AT_SPEED_1 + 10);
    const [first, last] = [state.history[0], state.history.at(-1)];
    expect((last?.t ?? 0) - (first?.t ?? 0)).toBeLessThanOrEqual(10 * 60_000);
    expect(state.latencies).toHaveLength(1_000);
    expect(peak.journalLatencies).toBeLessThanOrEqual(JOURNAL_LATENCY_CAP);
    expect(peak.lastRecords).toBeLessThanOrEqual(AGENTS);
    expect(peak.retrying).toBeLessThanOrEqual(AGENTS);
    // Tick times of the last second: ten ticks at ×1.
    expect(peak.tickTimes).toBeLessThanOrEqual(11);
    expect(peak.storeNotices).toBeLessThanOrEqual(NOTICE_CAP);
    expect(peak.workerNotices).toBeLessThanOrEqual(NOTICE_CAP);
    // Jobs and timers scale with the agents, not with time: none leak.
    expect(peak.queue + peak.inFlight).toBeLessThanOrEqual(AGENTS);
    expect(peak.timers).toBeLessThanOrEqual(3 * AGENTS);
    session.dispose();
    client.dispose();
  }, 300_000);
});
