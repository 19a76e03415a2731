import type { Brain } from '../brain/brain.ts';
import type { Model } from '../brain/model.ts';
import { MockBrain } from '../brain/mockBrain.ts';
import type { Clock } from '../clock/clock.ts';
import { WorldEngine, type EngineEvent } from '../engine/engine.ts';
import { FixedStepLoop } from '../engine/loop.ts';
import type { DayCount } from '../scheduler/dailyLimit.ts';
import type { SchedulerConfig } from '../scheduler/types.ts';
import { requestFor } from '../sim/perception.ts';
import type { Decision, DecisionRequest } from '../sim/types.ts';
import { defaultWorldConfig } from '../sim/world.ts';
import { geminiFor, LiveBrains, type BrainChoice } from './brainFor.ts';
import { CallJournal } from './callJournal.ts';
import { localDay } from './day.ts';
import { checkPatch, DEFAULT_CONFIG, TICK_MS, type ConfigKey, type SandboxConfig } from './config.ts';
import { LiveFailures } from './liveFailures.ts';
import { schedulerNotices } from './notices.ts';
import type { Command, WorkerMessage } from './protocol.ts';
import { RACE_MAX_AGENTS, RaceRunner } from './raceRunner.ts';
import { detailOf, metricsOf, packPositions, packStates, updateOf } from './tickMessage.ts';

/** No agent answered: for messages that repeat the current tick. */
const NONE: ReadonlySet<number> = new Set();
/** Settings that shape the world itself: changing one builds a new world. */
const WORLD_KEYS: readonly ConfigKey[] = ['agents', 'seed', 'thinkInterval', 'align'];
/** Settings that choose or shape the live brain: changing one swaps it (and re-enables live calls). */
const LIVE_KEYS: readonly ConfigKey[] = ['brain', 'model', 'baseUrl', 'temperature', 'maxTokens', 'dailyLimit'];

export interface SessionOptions {
  readonly clock: Clock;
  /** Sends a message to the page, transferring the listed buffers. */
  readonly post: (message: WorkerMessage, transfer: Transferable[]) => void;
  /** Builds the live brain; the default asks Gemini. Tests inject their own. */
  readonly makeGemini?: (choice: BrainChoice) => Brain;
  /** Today's name for the daily request count; the local date by default. */
  readonly today?: () => string;
}

/**
 * Everything the worker owns: one world engine (sim + scheduler + brain), the fixed-step loop,
 * and the bookkeeping that turns them into messages. It holds no DOM and no `self`, so it runs
 * under a fake clock in tests exactly as it runs in the worker.
 */
export class Session {
  private config: SandboxConfig = DEFAULT_CONFIG;
  private apiKey = '';
  private engine: WorldEngine | undefined;
  private mock: MockBrain;
  private readonly loop: FixedStepLoop;
  private worldId = 0;
  private selected: number | null = null;
  private journal = new CallJournal();
  private readonly race: RaceRunner;
  private tickTimes: number[] = [];
  private readonly notices = new Map<string, string>();
  private readonly live: LiveBrains;
  private readonly failures = new LiveFailures();

  constructor(private readonly options: SessionOptions) {
    this.live = new LiveBrains(options.makeGemini ?? geminiFor, options.today ?? (() => localDay()));
    this.mock = this.makeMock();
    this.race = new RaceRunner(options.clock, (message) => {
      options.post(message, []);
    });
    this.loop = new FixedStepLoop(options.clock, TICK_MS, () => {
      this.tick();
    });
  }

  /** Applies one command and posts its effects, then an `ack` carrying its `seq`. */
  handle(command: Command): void {
    switch (command.type) {
      case 'configure':
        if (command.usage) this.live.restore(command.usage);
        this.configure(command.patch, command.apiKey, command.seq);
        break;
      case 'start':
        this.ensureWorld();
        this.loop.start();
        this.postTick(NONE);
        break;
      case 'pause':
        this.ensureWorld();
        this.loop.pause();
        this.postTick(NONE);
        break;
      case 'step':
        this.ensureWorld();
        this.loop.pause();
        this.tick();
        break;
      case 'reset':
        if (command.seed !== undefined) this.config = { ...this.config, seed: command.seed };
        this.rebuild();
        break;
      case 'select':
        this.ensureWorld();
        this.selected = command.agentId;
        this.postTick(NONE);
        break;
      case 'race':
        this.startRace();
        break;
    }
    this.options.post({ type: 'ack', seq: command.seq }, []);
  }

  /** Stops the loop and every call. */
  dispose(): void {
    this.loop.pause();
    this.engine?.dispose();
  }

  private configure(raw: Readonly<Record<string, unknown>>, apiKey: string | undefined, seq: number): void {
    const { patch, problems } = checkPatch(raw);
    const before = this.config;
    this.config = { ...before, ...patch };
    const keyChanged = apiKey !== undefined && apiKey.trim() !== this.apiKey;
    if (apiKey !== undefined) this.apiKey = apiKey.trim();
    const changed = (key: ConfigKey): boolean => before[key] !== this.config[key];
    this.loop.setSpeed(this.config.speed);
    if (!this.engine || WORLD_KEYS.some(changed)) {
      this.rebuild();
    } else {
      this.engine.scheduler.configure(this.schedulerConfig());
      this.mock.configure({ latencyMs: this.config.latency, jitterMs: this.config.jitter, errorRate: this.config.failureRate });
      if (keyChanged || LIVE_KEYS.some(changed)) this.engine.setBrain(this.liveBrain());
    }
    this.options.post({ type: 'config', seq, config: { ...this.config }, hasKey: this.apiKey !== '', problems }, []);
  }

  private ensureWorld(): void {
    if (!this.engine) this.rebuild();
  }

  /** Builds a fresh world from the current settings; the loop keeps running if it was. */
  private rebuild(): void {
    this.engine?.dispose();
    this.worldId++;
    this.journal = new CallJournal();
    this.mock = this.makeMock();
    const worldId = this.worldId;
    const { config } = this;
    this.engine = new WorldEngine({
      world: defaultWorldConfig({
        agents: config.agents,
        seed: config.seed,
        align: config.align,
        thinkIntervalTicks: Math.max(1, Math.round(config.thinkInterval / TICK_MS)),
      }),
      brain: this.liveBrain(),
      clock: this.options.clock,
      scheduler: this.schedulerConfig(),
      worldId: `world-${worldId}`,
      onEvent: (event) => {
        // A disposed engine still settles its jobs (as fallbacks); they belong to no world now.
        if (worldId === this.worldId) this.onEngineEvent(event);
      },
    });
    const { grid, agents } = this.engine.state;
    this.options.post(
      {
        type: 'world',
        worldId,
        width: grid.width,
        height: grid.height,
        walls: grid.walls.slice(),
        pois: grid.pois.map((p) => ({ ...p })),
        agents: agents.map((a) => ({ id: a.id, name: a.name, traits: [...a.traits], goal: a.goal })),
      },
      [],
    );
    this.postTick(NONE);
  }

  private makeMock(): MockBrain {
    const { config } = this;
    return new MockBrain({ clock: this.options.clock, seed: config.seed, latencyMs: config.latency, jitterMs: config.jitter, errorRate: config.failureRate });
  }

  /** The model agents think with now; a fresh one also clears the previous one's failures. */
  private liveBrain(): Model<DecisionRequest, Decision> {
    const missingKey = LiveBrains.missingKey(this.config, this.apiKey);
    this.setNotice('gemini-key', missingKey ? 'Gemini is selected but no API key is set: agents think with the mock brain until you enter one.' : null, 'warning');
    this.failures.clear();
    return this.live.modelFor(this.config, this.apiKey, this.mock);
  }

  /** Whether calls go to a live model now (its failures deserve banners; the mock's are on purpose). */
  private get isLive(): boolean {
    return this.config.brain === 'gemini' && this.apiKey !== '';
  }

  private schedulerConfig(): Partial<SchedulerConfig> {
    const { config } = this;
    return { strategy: config.strategy, rpm: config.rpm, concurrency: config.concurrency, timeoutMs: config.timeout };
  }

  private tick(): void {
    const engine = this.engine;
    if (!engine) return;
    const answered = this.journal.takeAnswered();
    engine.tick();
    const now = this.options.clock.now();
    this.tickTimes.push(now);
    while ((this.tickTimes[0] ?? now) <= now - 1_000) this.tickTimes.shift();
    this.postTick(answered);
  }

  private postTick(answered: ReadonlySet<number>): void {
    const engine = this.engine;
    if (!engine) return;
    const state = engine.state;
    const { journal } = this;
    const updates = [];
    for (const id of answered) {
      const agent = state.agents[id];
      if (agent) updates.push(updateOf(agent, journal.lastRecord.get(id)));
    }
    const selectedAgent = this.selected === null ? undefined : state.agents[this.selected];
    const positions = packPositions(state);
    const states = packStates(state, journal.retrying);
    const running = this.loop.running;
    const usage: DayCount = this.live.usage();
    const metrics = metricsOf(engine.scheduler.metrics(), journal.latency(), running ? this.tickTimes.length : 0, usage.count, this.config.dailyLimit);
    const now = this.options.clock.now();
    for (const notice of [...schedulerNotices(metrics), ...this.failures.notices(now, this.config.timeout)]) {
      this.setNotice(notice.code, notice.message, notice.level);
    }
    this.options.post(
      {
        type: 'tick',
        worldId: this.worldId,
        tick: state.tick,
        running,
        tickMs: this.loop.interval,
        positions,
        states,
        updates,
        selected: selectedAgent ? detailOf(selectedAgent, journal.retrying, journal.lastRecord.get(selectedAgent.id)) : null,
        now,
        ...journal.takeCalls(),
        metrics,
      },
      [positions.buffer, states.buffer],
    );
  }

  /**
   * Races the next decisions of the first agents (up to RACE_MAX_AGENTS) one at a time against
   * all together, with the mock and the current latency settings, beside the running world.
   */
  private startRace(): void {
    this.ensureWorld();
    const engine = this.engine;
    if (!engine) return;
    const state = engine.state;
    const requests = state.agents.slice(0, RACE_MAX_AGENTS).map((agent) => requestFor(state, agent.id));
    const { config } = this;
    const started = this.race.start(requests, {
      latencyMs: config.latency,
      jitterMs: config.jitter,
      failureRate: config.failureRate,
      seed: config.seed,
      rpm: config.rpm,
      concurrency: config.concurrency,
      timeoutMs: config.timeout,
    });
    this.setNotice('race', started ? null : 'A race is already running; wait for it to finish.', 'info');
  }

  private onEngineEvent(event: EngineEvent): void {
    this.journal.record(event);
    if (event.type === 'failed-attempt' && this.isLive) this.failures.record(event.error.kind, this.options.clock.now());
  }

  /** Posts a notice when its text changes; null clears it. */
  private setNotice(code: string, message: string | null, level: 'info' | 'warning' | 'error'): void {
    if ((this.notices.get(code) ?? null) === message) return;
    if (message === null) this.notices.delete(code);
    else this.notices.set(code, message);
    this.options.post({ type: 'notice', code, level, message }, []);
  }
}
