/**
 * The page's side of the worker protocol: numbers commands, parses every message with zod,
 * writes per-tick data into the store's `live` slice at once and publishes the panel slices
 * at most every `panelMs`, so panels update a few times a second whatever the tick rate.
 */
import { checkPatch, DEFAULT_CONFIG, type ConfigProblem, type SandboxConfig } from '../protocol/config.ts';
import { workerMessageSchema, type CommandBody, type TickMessage, type WorkerMessage, type WorldMessage } from '../protocol/protocol.ts';
import { EMPTY_ROW, setNotice, type AgentRow, type MetricSample, type SandboxState, type SandboxStore } from './store.ts';
import { CallLog } from './timeline/callLog.ts';
import type { RaceMessage } from '../protocol/protocol.ts';

/** The parts of a Worker the client uses, so tests can pass a fake. */
export interface WorkerPort {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export interface ConfigureResult {
  readonly config: SandboxConfig;
  readonly problems: readonly ConfigProblem[];
  /** Where the key may be sent, after this change. */
  readonly keyOrigins: readonly string[];
}

/** What a configure command may carry besides settings. */
export interface ConfigureExtras {
  readonly apiKey?: string;
  /** Where `apiKey` was given before (a remembered key); by default where calls go now. */
  readonly keyOrigins?: readonly string[];
  /** The user agreed to send the key to this origin. */
  readonly allowOrigin?: string;
}

/** Panels refresh at most this often (4 Hz): fast enough to read, far below frame rate. */
const PANEL_MS = 250;
/** How much load history the charts keep. */
const HISTORY_MS = 10 * 60_000;
const LATENCY_SAMPLE = 1_000;

export class SandboxClient {
  private seq = 0;
  private readonly acks = new Map<number, () => void>();
  private readonly configured = new Map<number, (result: ConfigureResult) => void>();
  private worldId = -1;
  private publishTimer: ReturnType<typeof setTimeout> | undefined;
  /** Calls of the world's recent batches, and every settled call for export. */
  readonly calls = new CallLog();
  private race: { raceId: number; message: RaceMessage; sequential: CallLog; parallel: CallLog } | undefined;
  private history: MetricSample[] = [];
  private latencies: number[] = [];
  /** The worker clock at the newest tick. */
  private workerNow = 0;

  constructor(
    private readonly store: SandboxStore,
    private readonly worker: WorkerPort,
    private readonly now: () => number = () => performance.now(),
    private readonly panelMs = PANEL_MS,
  ) {
    worker.addEventListener('message', (event) => {
      this.receive(event.data);
    });
    worker.addEventListener('error', (event) => {
      setNotice(store, 'worker', { level: 'error', message: `The simulation stopped: ${event.message || 'the worker failed to load'}. Reload the page to start again.` });
    });
  }

  /**
   * Hands the simulation worker a port to the shared worker that keeps live keys' budgets for
   * every tab, or null where there is none; sent before any command.
   */
  shareBudget(port: MessagePort | null): void {
    this.worker.postMessage({ type: 'coordinator', port }, port ? [port] : []);
    this.store.setState({ budgetShared: port !== null });
  }

  /** Sends a command; resolves once the worker has handled it and posted its effects. */
  send(body: CommandBody): Promise<void> {
    return this.post(body, ++this.seq);
  }

  /**
   * Changes settings; resolves with the settings in force and the keys that were refused.
   * `apiKey` goes to the worker only: the page keeps no copy of it (unless the user asked).
   */
  configure(patch: Readonly<Record<string, unknown>>, extras: ConfigureExtras = {}): Promise<ConfigureResult> {
    const seq = ++this.seq;
    const result = new Promise<ConfigureResult>((resolve) => this.configured.set(seq, resolve));
    const { keyOrigins, ...rest } = extras;
    void this.post({ type: 'configure', patch: { ...patch }, ...rest, ...(keyOrigins ? { keyOrigins: [...keyOrigins] } : {}) }, seq);
    return result;
  }

  private post(body: CommandBody, seq: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.acks.set(seq, resolve);
      this.worker.postMessage({ ...body, seq });
    });
  }

  /** Selects an agent (or none) at once in the page and asks the worker for its details. */
  select(agentId: number | null): Promise<void> {
    this.store.setState({ selectedId: agentId, detail: null, live: { ...this.store.getState().live, detail: null } });
    return this.send({ type: 'select', agentId });
  }

  dispose(): void {
    if (this.publishTimer !== undefined) clearTimeout(this.publishTimer);
    this.worker.terminate();
  }

  private receive(data: unknown): void {
    const parsed = workerMessageSchema.safeParse(data);
    if (!parsed.success) {
      setNotice(this.store, 'protocol', { level: 'error', message: `The page received a message it does not understand (${parsed.error.issues[0]?.message ?? 'invalid'}); the display may be out of date.` });
      return;
    }
    this.apply(parsed.data);
  }

  private apply(message: WorkerMessage): void {
    switch (message.type) {
      case 'world':
        this.applyWorld(message);
        break;
      case 'tick':
        this.applyTick(message);
        break;
      case 'config': {
        const config: SandboxConfig = { ...DEFAULT_CONFIG, ...checkPatch(message.config).patch };
        this.store.setState({ config, hasKey: message.hasKey, keyOrigins: message.keyOrigins, keyBlocked: message.keyBlocked });
        if (message.seq !== null) {
          this.configured.get(message.seq)?.({ config, problems: message.problems, keyOrigins: message.keyOrigins });
          this.configured.delete(message.seq);
        }
        break;
      }
      case 'ack':
        this.acks.get(message.seq)?.();
        this.acks.delete(message.seq);
        break;
      case 'race':
        this.applyRace(message);
        break;
      case 'notice':
        setNotice(this.store, message.code, message.message === null ? null : { level: message.level, message: message.message });
        break;
    }
  }

  private applyWorld(message: WorldMessage): void {
    this.worldId = message.worldId;
    this.calls.clear();
    this.history = [];
    this.latencies = [];
    const rows: AgentRow[] = new Array<AgentRow>(message.agents.length).fill(EMPTY_ROW);
    const { selectedId } = this.store.getState();
    const keep = selectedId !== null && selectedId < message.agents.length;
    this.store.setState({
      world: message,
      rows,
      live: { frame: null, rows, detail: null, metrics: null },
      ...(keep ? {} : { selectedId: null, detail: null }),
    });
    if (!keep && selectedId !== null) void this.send({ type: 'select', agentId: null });
  }

  private applyTick(message: TickMessage): void {
    if (message.worldId !== this.worldId) return; // a tick of a world already replaced
    const state = this.store.getState();
    const { live } = state;
    const last = live.frame;
    const sameWorld = last !== null && last.curr.worldId === message.worldId;
    // A repeat of the same tick (after pause, select) must not restart the motion between ticks.
    const frame = sameWorld && last.curr.tick === message.tick
      ? { prev: last.prev, curr: message, receivedAt: last.receivedAt }
      : { prev: sameWorld ? last.curr : null, curr: message, receivedAt: this.now() };
    let rows = live.rows;
    if (message.updates.length > 0) {
      const next = rows.slice();
      for (const { id, ...row } of message.updates) if (id < next.length) next[id] = row;
      rows = next;
    }
    this.recordCalls(message);
    const detail = message.selected !== null && message.selected.id === state.selectedId ? message.selected : null;
    this.store.setState({ live: { frame, rows, detail, metrics: message.metrics } });
    if (message.running !== state.running || detail?.id !== state.detail?.id) this.publish();
    else this.schedulePublish();
  }

  private schedulePublish(): void {
    if (this.publishTimer !== undefined) return;
    this.publishTimer = setTimeout(() => {
      this.publish();
    }, this.panelMs);
  }

  /** Feeds the timeline, the load history and the latency sample. */
  private recordCalls(message: TickMessage): void {
    this.workerNow = message.now;
    this.calls.ingest(message.started, message.calls);
    const m = message.metrics;
    this.history.push({ t: message.now, callsLastMinute: m.callsLastMinute, rpmLimit: m.rpmLimit, queued: m.queued, inFlight: m.inFlight });
    while ((this.history[0]?.t ?? message.now) < message.now - HISTORY_MS) this.history.shift();
    for (const call of message.calls) if (call.startedAt !== null) this.latencies.push(call.endedAt - call.startedAt);
    if (this.latencies.length > 2 * LATENCY_SAMPLE) this.latencies = this.latencies.slice(-LATENCY_SAMPLE);
  }

  private applyRace(message: RaceMessage): void {
    if (this.race?.raceId !== message.raceId) {
      this.race = { raceId: message.raceId, message, sequential: new CallLog(1), parallel: new CallLog(1) };
    }
    this.race.message = message;
    this.race.sequential.ingest(message.sequential.started, message.sequential.calls);
    this.race.parallel.ingest(message.parallel.started, message.parallel.calls);
    if (message.status === 'done') this.publish();
    else this.schedulePublish();
  }

  private raceView(): SandboxState['race'] {
    const race = this.race;
    if (!race) return null;
    const { message } = race;
    const lane = (log: CallLog, wallMs: number | null) => ({ bars: log.batches()[0]?.bars ?? [], wallMs });
    return {
      raceId: race.raceId,
      status: message.status,
      size: message.size,
      startedAt: message.startedAt,
      now: message.now,
      sequential: lane(race.sequential, message.sequential.wallMs),
      parallel: lane(race.parallel, message.parallel.wallMs),
    };
  }

  /** Copies the live slice into the panel slices. */
  private publish(): void {
    if (this.publishTimer !== undefined) clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
    const { live } = this.store.getState();
    const curr = live.frame?.curr;
    this.store.setState({
      rows: live.rows,
      detail: live.detail,
      metrics: live.metrics,
      tick: curr?.tick ?? 0,
      running: curr?.running ?? false,
      timeline: { batches: this.calls.batches(), now: this.workerNow },
      race: this.raceView(),
      history: this.history.slice(),
      latencies: this.latencies.slice(-LATENCY_SAMPLE),
    });
  }
}
