/**
 * The page's side of the worker protocol: numbers commands, parses every message with zod,
 * writes per-tick data into the store's `live` slice at once and publishes the panel slices
 * at most every `panelMs`, so panels update a few times a second whatever the tick rate.
 */
import { checkPatch, DEFAULT_CONFIG, TICK_MS, type ConfigProblem, type SandboxConfig } from '../protocol/config.ts';
import { workerMessageSchema, type CommandBody, type TickMessage, type WorkerMessage, type WorldMessage } from '../protocol/protocol.ts';
import { EMPTY_ROW, setNotice, writeLive, type AgentRow, type MetricSample, type SandboxStore } from './store.ts';
import { PendingCommands } from './pendingCommands.ts';
import { errorText, sendablePatch, WHOLE_PATCH } from './sendable.ts';
import { CallLog } from './timeline/callLog.ts';
import { RaceLog } from './timeline/raceLog.ts';
import { RingBuffer } from './ringBuffer.ts';
import type { ConnectionResult, InterviewMessage, RaceMessage } from '../protocol/protocol.ts';
import type { LastTurnWire } from '../protocol/gamemasterScene.ts';

/** The parts of a Worker the client uses, so tests can pass a fake. */
export interface WorkerPort {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  /** `messageerror`: a message from the worker that could not be read. */
  addEventListener(type: 'message' | 'messageerror', listener: (event: MessageEvent<unknown>) => void): void;
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
/**
 * One load sample per tick message: ten minutes at the fastest speed (×4, 40 ticks a second) is
 * 24,000. Repeated ticks (pause, select) can only push the oldest out early, never grow it.
 */
const HISTORY_CAP = (HISTORY_MS / TICK_MS) * 4;
/** The charts' latency histogram: the newest 1,000 calls. */
const LATENCY_SAMPLE = 1_000;
/** Interviews the panel lists. */
const INTERVIEWS_KEPT = 10;

export class SandboxClient {
  private seq = 0;
  private readonly commands = new PendingCommands();
  private readonly configured = new Map<number, (result: ConfigureResult) => void>();
  /** Saves the worker posted, by the seq of the `save` command they answer, until it is acked. */
  private readonly saved = new Map<number, unknown>();
  /** Interview answers, by the seq of the command they answer, until it is acked. */
  private readonly interviewed = new Map<number, InterviewMessage>();
  /** Game master turns, by the seq of the `act` they answer, until it is acked. */
  private readonly acted = new Map<number, LastTurnWire>();
  /** Connection tests, by the seq of the command they answer, until it is acked. */
  private readonly connections = new Map<number, ConnectionResult>();
  /** Exports, by the seq of the command they answer, until it is acked. */
  private readonly exported = new Map<number, string>();
  private worldId = -1;
  private publishTimer: ReturnType<typeof setTimeout> | undefined;
  /** Calls of the world's recent batches, and every settled call for export. */
  readonly calls = new CallLog();
  private readonly race = new RaceLog();
  private readonly history = new RingBuffer<MetricSample>(HISTORY_CAP);
  private readonly latencies = new RingBuffer<number>(LATENCY_SAMPLE);
  /** The worker clock at the newest tick. */
  private workerNow = 0;
  private readonly observers: ((message: WorkerMessage) => void)[] = [];
  /** Codes of the notices the worker raised and has not cleared. */
  private readonly workerNotices = new Set<string>();

  constructor(
    private readonly store: SandboxStore,
    private readonly worker: WorkerPort,
    private readonly now: () => number = () => performance.now(),
    private readonly panelMs = PANEL_MS,
  ) {
    worker.addEventListener('message', (event) => {
      this.receive(event.data);
    });
    // No 'error' listener: an error event does not say whether the worker died or only reported
    // a throw and ran on; workerSupervisor.ts tells the two apart and restarts a dead one.
  }

  /** Hears every message once it has been parsed and applied (the supervisor's liveness). */
  observe(listener: (message: WorkerMessage) => void): void {
    this.observers.push(listener);
  }

  /**
   * The worker is gone: every command it has not answered fails with `reason`, a race it was
   * running is dropped (it will never finish) and the notices it raised are cleared (a new
   * worker raises again whatever still holds).
   */
  abandon(reason: string): void {
    this.commands.failAll(reason);
    for (const code of this.workerNotices) setNotice(this.store, code, null);
    this.workerNotices.clear();
    if (this.race.running) {
      this.race.clear();
      this.publish();
    }
  }

  /**
   * Hands the simulation worker a port to the shared worker that keeps live keys' budgets for
   * every tab, or null where there is none; sent before any command.
   */
  shareBudget(port: MessagePort | null): void {
    this.worker.postMessage({ type: 'coordinator', port }, port ? [port] : []);
    this.store.setState({ budgetShared: port !== null });
  }

  /**
   * Sends a command; resolves once the worker has handled it and posted its effects. Rejects
   * with a `CommandError` saying why when the worker refused it, died before answering, or the
   * command could not be posted.
   */
  send(body: CommandBody): Promise<void> {
    return this.post(body, ++this.seq);
  }

  /**
   * Changes settings; resolves with the settings in force and the keys that were refused.
   * `apiKey` goes to the worker only: the page keeps no copy of it (unless the user asked).
   */
  configure(patch: Readonly<Record<string, unknown>>, extras: ConfigureExtras = {}): Promise<ConfigureResult> {
    const seq = ++this.seq;
    // Values postMessage cannot copy are refused here, by name, and the rest still go.
    const { patch: sendable, problems: refused } = sendablePatch(patch);
    const result = new Promise<ConfigureResult>((resolve) => this.configured.set(seq, (applied) => {
      resolve(refused.length === 0 ? applied : { ...applied, problems: [...refused, ...applied.problems] });
    }));
    const { keyOrigins, ...rest } = extras;
    this.post({ type: 'configure', patch: sendable, ...rest, ...(keyOrigins ? { keyOrigins: [...keyOrigins] } : {}) }, seq).catch((error: unknown) => {
      // No `config` reply will come: the settings in force are still the page's last ones.
      const { config, keyOrigins: origins } = this.store.getState();
      this.configured.get(seq)?.({ config, problems: [{ key: WHOLE_PATCH, message: errorText(error) }], keyOrigins: origins });
      this.configured.delete(seq);
    });
    return result;
  }

  private post(body: CommandBody, seq: number): Promise<void> {
    return this.commands.track(seq, () => {
      this.worker.postMessage({ ...body, seq });
    });
  }

  /**
   * The run as a save file (protocol/saveFile.ts), as a plain object. The call log lives here,
   * not in the worker, so it is added here when asked for. Rejects with the reason when the
   * worker refused or never answered.
   */
  async save(withCalls = false): Promise<Record<string, unknown>> {
    const seq = ++this.seq;
    try {
      await this.post({ type: 'save', ...(withCalls ? { withCalls } : {}) }, seq);
      // The worker posts `saved` before its ack, so it has arrived by now.
      const save = this.saved.get(seq);
      if (typeof save !== 'object' || save === null) throw new Error('The simulation answered without a save.');
      return withCalls ? { ...save, calls: this.calls.settledCalls() } : { ...save };
    } finally {
      this.saved.delete(seq);
    }
  }

  /**
   * Replaces the run with a save: an object, or a file's text (then the worker can tell a file
   * that is not JSON from one cut short). A bad one changes nothing and says why in one sentence.
   */
  async load(save: unknown): Promise<{ ok: true } | { ok: false; error: string }> {
    try {
      await this.send({ type: 'load', save });
      return { ok: true };
    } catch (error) {
      return { ok: false, error: errorText(error) };
    }
  }

  /**
   * Puts a question to one persona of the community; resolves with its answer (the run is
   * unchanged). Rejects with the reason when the worker refused (no such persona, not a community).
   */
  async interview(agentId: number, question: string): Promise<InterviewMessage> {
    const seq = ++this.seq;
    try {
      await this.post({ type: 'interview', agentId, question }, seq);
      const answer = this.interviewed.get(seq);
      if (!answer) throw new Error('The simulation answered without an interview.');
      this.store.setState({ interviews: [answer, ...this.store.getState().interviews].slice(0, INTERVIEWS_KEPT) });
      return answer;
    } finally {
      this.interviewed.delete(seq);
    }
  }

  /**
   * Plays one game master turn; resolves with that turn (the contract's `lastTurn`). Rejects
   * with the reason in a sentence (not the game master, an empty action, the worker gone).
   */
  async act(text: string): Promise<LastTurnWire> {
    const seq = ++this.seq;
    try {
      await this.post({ type: 'act', text }, seq);
      const turn = this.acted.get(seq);
      if (!turn) throw new Error('The simulation answered without a turn.');
      return turn;
    } finally {
      this.acted.delete(seq);
    }
  }

  /**
   * Runs a failed relationship simulation again, alone. Rejects with the reason in a sentence
   * (not failed, already being retried, not the relationships scenario).
   */
  retrySim(sim: number): Promise<void> {
    return this.send({ type: 'retrySim', sim });
  }

  /**
   * Loads a DAG spec (an object or its JSON text) into the pipeline: `{ ok: true }`, or why not
   * in a sentence (a cycle names its nodes). A refused spec changes nothing.
   */
  loadDag(spec: unknown): Promise<{ ok: true } | { ok: false; error: string }> {
    return this.send({ type: 'loadDag', spec }).then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ ok: false as const, error: error instanceof Error ? error.message : String(error) }),
    );
  }

  /** Asks the OpenAI-compatible server at the base URL for its models, through the worker (which holds the key). */
  async testConnection(): Promise<ConnectionResult> {
    const seq = ++this.seq;
    try {
      await this.post({ type: 'testConnection' }, seq);
      const result = this.connections.get(seq);
      if (!result) throw new Error('The simulation answered without a result.');
      return result;
    } finally {
      this.connections.delete(seq);
    }
  }

  /** Opens one simulation's transcript (it travels with each scene from now on), or closes it. */
  openSim(sim: number | null): Promise<void> {
    this.store.setState({ openSim: sim });
    return this.send({ type: 'openSim', sim });
  }

  /** Every relationship simulation's transcript and scores, as JSON text. */
  async exportSims(): Promise<string> {
    const seq = ++this.seq;
    try {
      await this.post({ type: 'exportSims' }, seq);
      const text = this.exported.get(seq);
      if (text === undefined) throw new Error('The simulation answered without an export.');
      return text;
    } finally {
      this.exported.delete(seq);
    }
  }

  /** Selects an agent (or none) at once in the page and asks the worker for its details. */
  select(agentId: number | null): Promise<void> {
    this.store.setState({ selectedId: agentId, detail: null, live: { ...this.store.getState().live, detail: null } });
    return this.send({ type: 'select', agentId });
  }

  dispose(): void {
    if (this.publishTimer !== undefined) clearTimeout(this.publishTimer);
    this.abandon('The simulation was closed before it answered.');
    this.worker.terminate();
  }

  private receive(data: unknown): void {
    const parsed = workerMessageSchema.safeParse(data);
    if (!parsed.success) {
      setNotice(this.store, 'protocol', { level: 'error', message: `The page received a message it does not understand (${parsed.error.issues[0]?.message ?? 'invalid'}); the display may be out of date.` });
      return;
    }
    this.apply(parsed.data);
    for (const observer of this.observers) observer(parsed.data);
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
        this.commands.answer(message.seq, message.error);
        break;
      case 'race':
        this.applyRace(message);
        break;
      case 'notice':
        setNotice(this.store, message.code, message.message === null ? null : { level: message.level, message: message.message });
        if (message.message === null) this.workerNotices.delete(message.code);
        else this.workerNotices.add(message.code);
        break;
      case 'saved':
        this.saved.set(message.seq, message.save);
        break;
      case 'scene':
        // Already at panel rate (the worker sends at most 4 a second); a scene of a replaced world is dropped.
        if (message.worldId === this.worldId) this.store.setState({ scene: message });
        break;
      case 'interview':
        this.interviewed.set(message.seq, message);
        break;
      case 'gmScene':
        if (message.worldId === this.worldId) this.store.setState({ gmScene: message });
        break;
      case 'acted':
        this.acted.set(message.seq, message.turn);
        break;
      case 'relScene':
        if (message.worldId === this.worldId) this.store.setState({ relScene: message });
        break;
      case 'pipeScene':
        if (message.worldId === this.worldId) this.store.setState({ pipeScene: message });
        break;
      case 'connection':
        this.connections.set(message.seq, message.result);
        break;
      case 'exported':
        this.exported.set(message.seq, message.text);
        break;
      case 'checkpoint':
        break; // kept by the supervisor (observe), which restarts a dead worker from it
    }
  }

  private applyWorld(message: WorldMessage): void {
    this.worldId = message.worldId;
    const { colorTopic } = this.store.getState();
    this.store.setState({ scene: null, gmScene: null, relScene: null, openSim: null, pipeScene: null, interviews: [], colorTopic: colorTopic < message.topics ? colorTopic : 0 });
    this.calls.clear();
    this.history.clear();
    this.latencies.clear();
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
      // The update is the row (its extra `id` is harmless): no copy of 1,000 records per batch.
      for (const update of message.updates) if (update.id < next.length) next[update.id] = update;
      rows = next;
    }
    this.recordCalls(message);
    const detail = message.selected !== null && message.selected.id === state.selectedId ? message.selected : null;
    writeLive(this.store, { frame, rows, detail, metrics: message.metrics });
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
    while ((this.history.oldest()?.t ?? message.now) < message.now - HISTORY_MS) this.history.shift();
    for (const call of message.calls) if (call.startedAt !== null) this.latencies.push(call.endedAt - call.startedAt);
  }

  private applyRace(message: RaceMessage): void {
    this.race.ingest(message);
    if (message.status !== 'running') this.publish();
    else this.schedulePublish();
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
      timeline: { batches: this.calls.batches(), now: this.workerNow, unsent: Object.fromEntries((live.metrics?.unsent ?? []).map((b) => [b.id, b.calls])) },
      race: this.race.view(),
      history: this.history.toArray(),
      latencies: this.latencies.toArray(),
    });
  }
}
