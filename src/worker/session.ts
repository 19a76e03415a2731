import type { Brain } from '../brain/brain.ts';
import { MockBrain } from '../brain/mockBrain.ts';
import type { Clock, TimerHandle } from '../clock/clock.ts';
import { WorldEngine, type EngineEvent } from '../engine/engine.ts';
import { FixedStepLoop } from '../engine/loop.ts';
import { BudgetCoordinator, inProcessLink, type CoordinatorLink } from '../scheduler/budgetCoordinator.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import type { SchedulerEvent } from '../scheduler/types.ts';
import type { AnyAsk } from '../brain/ask.ts';
import type { WorldState } from '../sim/types.ts';
import { defaultWorldConfig } from '../sim/world.ts';
import { liveFor, type BrainChoice } from './brainFor.ts';
import { CallJournal } from './callJournal.ts';
import { localDay } from './day.ts';
import { checkPatch, DEFAULT_CONFIG, switchScenario, TICK_MS, type ConfigKey, type SandboxConfig, type ScenarioKey } from '../protocol/config.ts';
import { KeyBudgets } from './keyBudgets.ts';
import { connectionCapNotice, LiveChoice, schedulerConfigOf } from './liveChoice.ts';
import { LiveFailures } from './liveFailures.ts';
import { NoticeBoard, schedulerNotices } from './notices.ts';
import type { Command, WorkerMessage } from '../protocol/protocol.ts';
import { RaceRunner } from './raceRunner.ts';
import { Checkpoints, loadOf, saveOf } from './saveRun.ts';
import { metricsOf, tickOf } from './tickMessage.ts';
import { worldOf } from './worldMessage.ts';
import { CommunityHost } from './communityHost.ts';
import { GameMasterHost } from './gamemasterHost.ts';
import { RelationshipsHost } from './relationshipsHost.ts';
import type { ScenarioHost } from './scenarioHost.ts';
import { makeHost, startRace } from './scenarioHosts.ts';
import { checkDag } from '../scenarios/pipeline/spec.ts';
import { presetDag } from '../scenarios/pipeline/presets.ts';
import { inlineTools, type ToolRunner } from '../scenarios/pipeline/tools.ts';
import type { Dag } from '../scenarios/pipeline/types.ts';
import { MAX_AGENTS as MAX_PERSONAS } from '../scenarios/community/population.ts';
import { TickRate } from './tickRate.ts';

/** No agent answered: for messages that repeat the current tick. */
const NONE: ReadonlySet<number> = new Set();
/** Settings that shape the world itself: changing one builds a new world. */
const WORLD_KEYS: readonly ConfigKey[] = ['agents', 'seed', 'thinkInterval', 'align', 'scenario', 'epochs', 'topics', 'openness', 'npcs', 'deadline', 'cache', 'sims', 'scenes', 'dag', 'fanout', 'mode', 'failNode'];
/** What a save of each scenario would be called, for the sentence that says it cannot be made yet. */
const SAVE_NAMES: Readonly<Record<ScenarioKey, string>> = { grid: 'grid world', community: 'community run', gamemaster: 'game master session', relationships: 'set of relationship simulations', pipeline: 'pipeline run' };
/** How often the page's view of a shared budget (other tabs' requests included) is refreshed. */
const USAGE_REFRESH_MS = 1_000;
/** While a grid world is paused, how soon the page hears that calls left or came back (its panels' rate). */
const PAUSED_NEWS_MS = 250;

type ConfigureCommand = Extract<Command, { type: 'configure' }>;

export interface SessionOptions {
  readonly clock: Clock;
  /** Sends a message to the page, transferring the listed buffers. */
  readonly post: (message: WorkerMessage, transfer: Transferable[]) => void;
  /** Builds the live brain; the default asks Gemini. Tests inject their own. */
  readonly makeGemini?: (choice: BrainChoice) => Brain;
  /** Today's name for the daily request count; the local date by default. */
  readonly today?: () => string;
  /**
   * Keeps each live key's budget for every tab that uses it; by default one in this session
   * only (tests, or a browser that cannot share one between tabs).
   */
  readonly coordinator?: CoordinatorLink;
  /**
   * The pool the pipeline's tools run in (Web Workers in the browser); by default the caller's
   * thread, for tests in Node, where tools are small.
   */
  readonly makeTools?: () => ToolRunner & { dispose?(): void };
}

/**
 * Everything the worker owns: one scheduler for the whole session, which outlives every world
 * (so the key's budget never restarts with one), the world engine of the moment, the
 * fixed-step loop, the key and where it may go, and the bookkeeping that turns them into
 * messages. It holds no DOM and no `self`, so it runs under a fake clock in tests exactly as it
 * runs in the worker.
 */
export class Session {
  private config: SandboxConfig = DEFAULT_CONFIG;
  private readonly scheduler: Scheduler<AnyAsk, unknown>;
  private readonly choice: LiveChoice;
  private engine: WorldEngine | undefined;
  /** The scenario of the moment when it is not the grid (then there is no engine): a community, a game master, relationship simulations. */
  private host: ScenarioHost | undefined;
  private mock: MockBrain;
  /** Whether calls go to a live model now (its failures deserve banners; the mock's are on purpose). */
  private isLive = false;
  private usageRefreshedAt = -Infinity;
  private readonly loop: FixedStepLoop;
  private worldId = 0;
  private selected: number | null = null;
  /** A DAG loaded with `loadDag`, used instead of the `dag` preset until another preset is chosen. */
  private customDag: Dag | null = null;
  private toolRunner: (ToolRunner & { dispose?(): void }) | undefined;
  /** A scenario host's ticks (a grid world counts its own). */
  private hostTick = 0;
  private journal = new CallJournal();
  private readonly race: RaceRunner;
  private readonly tickRate = new TickRate();
  private readonly notices: NoticeBoard;
  private readonly failures = new LiveFailures();
  private readonly checkpoints: Checkpoints;
  /** A tick due to tell the page of calls that moved while the grid is paused (`PAUSED_NEWS_MS`). */
  private pausedNews: TimerHandle | null = null;

  constructor(private readonly options: SessionOptions) {
    const today = options.today ?? (() => localDay());
    this.notices = new NoticeBoard((notice) => {
      options.post({ type: 'notice', ...notice }, []);
    });
    this.mock = this.makeMock();
    const budgets = new KeyBudgets(options.clock, options.coordinator ?? inProcessLink(new BudgetCoordinator({ clock: options.clock, today })));
    this.choice = new LiveChoice(options.makeGemini ?? liveFor, budgets);
    this.scheduler = new Scheduler<AnyAsk, unknown>({
      model: this.mock,
      clock: options.clock,
      budget: budgets.mock,
      onEvent: (event) => {
        this.onSchedulerEvent(event);
      },
    });
    this.race = new RaceRunner(options.clock, (message) => {
      options.post(message, []);
      // "A race is already running" is true only until it ends.
      if (message.status !== 'running') this.setNotice('race', null, 'info');
    });
    this.loop = new FixedStepLoop(
      options.clock,
      TICK_MS,
      () => {
        this.tick();
      },
      (error) => {
        this.tickFailed(error);
      },
    );
    this.checkpoints = new Checkpoints(
      options.clock,
      () => this.engine && { world: this.engine.state, settings: this.config },
      (parts) => {
        options.post({ type: 'checkpoint', save: parts }, []);
      },
    );
  }

  /** Applies one command and posts its effects, then an `ack` carrying its `seq`. */
  handle(command: Command): void {
    switch (command.type) {
      case 'configure':
        this.configure(command);
        break;
      case 'start':
        this.ensureWorld();
        this.setNotice('tick-error', null, 'error');
        this.loop.start();
        this.host?.setRunning?.(true);
        this.postTick(NONE);
        break;
      case 'pause':
        this.ensureWorld();
        this.loop.pause();
        this.host?.setRunning?.(false);
        this.postTick(NONE);
        break;
      case 'step':
        this.ensureWorld();
        this.loop.pause();
        // A community steps a phase at a time, simulations a step each: Step lets the next go out.
        this.host?.setRunning?.(false);
        this.host?.step?.();
        this.tick();
        break;
      case 'reset':
        if (command.seed !== undefined) this.config = { ...this.config, seed: command.seed };
        this.race.cancel();
        this.setNotice('tick-error', null, 'error');
        this.rebuild();
        break;
      case 'select':
        this.ensureWorld();
        this.selected = command.agentId;
        this.host?.select?.(command.agentId);
        this.postTick(NONE);
        break;
      case 'race':
        this.startRace();
        break;
      case 'save':
        this.ensureWorld();
        if (this.host) {
          this.options.post({ type: 'ack', seq: command.seq, error: `Saving a ${SAVE_NAMES[this.config.scenario]} is not supported yet; only grid worlds can be saved.` }, []);
          return;
        }
        if (this.engine) this.options.post({ type: 'saved', seq: command.seq, save: saveOf(this.engine.state, this.config) }, []);
        break;
      case 'act':
        this.ensureWorld();
        if (this.host instanceof GameMasterHost) this.host.act(command.seq, command.text);
        else this.options.post({ type: 'ack', seq: command.seq, error: 'Actions are for the game master scenario; switch to it first.' }, []);
        return;
      case 'interview':
        // Answered (an `interview` message, then the ack) when the persona has spoken.
        if (this.host instanceof CommunityHost) this.host.interview(command, this.options.post);
        else this.options.post({ type: 'ack', seq: command.seq, error: 'Interviews are for the community scenario; switch to it first.' }, []);
        return;
      case 'testConnection':
        void this.choice.testConnection(this.config).then((result) => {
          this.options.post({ type: 'connection', seq: command.seq, result: result.ok ? { ok: true, models: [...result.models] } : { ...result } }, []);
          this.options.post({ type: 'ack', seq: command.seq }, []);
        });
        return;
      case 'loadDag':
        this.loadDag(command.seq, command.spec);
        return;
      case 'retrySim':
      case 'openSim':
      case 'exportSims':
        this.ensureWorld();
        this.relationshipsCommand(command);
        return;
      case 'load': {
        const error = this.load(command.save);
        if (error !== null) {
          // A bad file changed nothing; the ack says why in one sentence.
          this.options.post({ type: 'ack', seq: command.seq, error }, []);
          return;
        }
        break;
      }
    }
    this.options.post({ type: 'ack', seq: command.seq }, []);
  }

  /** Stops the loop and every call. */
  dispose(): void {
    if (this.pausedNews !== null) this.options.clock.clearTimeout(this.pausedNews);
    this.pausedNews = null;
    this.loop.pause();
    this.race.cancel();
    this.checkpoints.dispose();
    this.engine?.dispose();
    this.host?.dispose();
    this.toolRunner?.dispose?.();
    this.scheduler.dispose();
  }

  /** A tick threw: the loop has paused; say so, and show the world as it stands. */
  private tickFailed(error: unknown): void {
    const why = error instanceof Error ? error.message : String(error);
    const tick = this.engine?.state.tick ?? this.hostTick;
    this.host?.setRunning?.(false);
    this.setNotice('tick-error', `The simulation hit an error at tick ${tick} (${why}) and paused. Press Start to go on, or Reset.`, 'error');
    this.postTick(NONE);
  }

  private configure(command: ConfigureCommand): void {
    const { patch, problems: refused } = checkPatch(command.patch);
    const before = this.config;
    // A new scenario brings its own defaults for the keys still at the old one's.
    const base = patch.scenario !== undefined && patch.scenario !== before.scenario ? switchScenario(before, patch.scenario) : before;
    this.config = { ...base, ...patch };
    const tooMany = this.config.scenario === 'community' && this.config.agents > MAX_PERSONAS;
    if (tooMany) refused.push({ key: 'agents', message: `A community holds at most ${MAX_PERSONAS.toLocaleString('en-US')} personas (got ${this.config.agents.toLocaleString('en-US')}); it keeps ${Math.min(before.agents, MAX_PERSONAS).toLocaleString('en-US')}.` });
    if (tooMany) this.config = { ...this.config, agents: Math.min(before.agents, MAX_PERSONAS) };
    const keyProblem = this.choice.bindKey(command, this.config);
    const problems = keyProblem ? [...refused, keyProblem] : refused;
    this.choice.noteBaseUrl(command.patch, problems.some((p) => p.key === 'baseUrl'));
    const changed = (key: ConfigKey): boolean => before[key] !== this.config[key];
    this.loop.setSpeed(this.config.speed);
    this.mock.configure({ latencyMs: this.config.latency, jitterMs: this.config.jitter, errorRate: this.config.failureRate });
    // A new daily limit may allow what the old one stopped.
    if (changed('dailyLimit')) this.scheduler.enableLive();
    if (changed('strategy') && this.host instanceof GameMasterHost) this.host.setMode(this.config.strategy);
    if (changed('failSim') && this.host instanceof RelationshipsHost) this.host.setFailSim(this.config.failSim);
    // A preset chosen replaces a DAG of one's own.
    if (changed('dag') || changed('fanout')) this.customDag = null;
    if ((!this.engine && !this.host) || WORLD_KEYS.some(changed)) this.rebuild();
    else this.applyBrain();
    this.options.post({ type: 'config', seq: command.seq, config: { ...this.config }, ...this.choice.keyState(this.config), problems }, []);
    this.checkpoints.touch();
  }

  private ensureWorld(): void {
    if (!this.engine && !this.host) this.rebuild();
  }

  /**
   * Replaces the world with a save's, as a rebuild does (a new worldId), and applies its
   * settings; the key and the endpoints it may go to stay as they are (a save has neither), and
   * so does running or paused. Returns why a bad save was refused, having changed nothing.
   */
  private load(value: unknown): string | null {
    const loaded = loadOf(value);
    if (!loaded.ok) return loaded.error;
    const before = this.config;
    this.config = loaded.settings;
    // The save's base URL passed the settings' rules: a refused one typed earlier is gone.
    this.choice.noteBaseUrl({ baseUrl: this.config.baseUrl }, false);
    this.loop.setSpeed(this.config.speed);
    if (before.dailyLimit !== this.config.dailyLimit) this.scheduler.enableLive();
    this.race.cancel();
    this.rebuild(loaded.world);
    this.options.post({ type: 'config', seq: null, config: { ...this.config }, ...this.choice.keyState(this.config), problems: [] }, []);
    return null;
  }

  /**
   * Builds a fresh world from the current settings (or goes on from `initial`, a loaded save);
   * the loop keeps running if it was. The old world's waiting jobs are dropped unsent and its
   * calls aborted; the scheduler, and with it the key's budget, carries on.
   */
  private rebuild(initial?: WorldState): void {
    this.engine?.dispose();
    this.engine = undefined;
    this.host?.dispose();
    this.host = undefined;
    this.worldId++;
    this.journal = new CallJournal();
    this.mock = this.makeMock();
    this.applyBrain();
    const { config } = this;
    if (config.scenario !== 'grid' && !initial) {
      this.buildHost(config.scenario);
      return;
    }
    this.engine = new WorldEngine({
      world: defaultWorldConfig({
        agents: config.agents,
        seed: config.seed,
        align: config.align,
        thinkIntervalTicks: Math.max(1, Math.round(config.thinkInterval / TICK_MS)),
      }),
      initial,
      scheduler: this.scheduler,
      worldId: `world-${this.worldId}`,
      onEvent: (event) => {
        this.onEngineEvent(event);
      },
    });
    this.options.post(worldOf(this.worldId, this.engine.state), []);
    this.postTick(NONE);
  }

  /** The scenario's host on the session's scheduler, running if the loop is. */
  private buildHost(scenario: Exclude<ScenarioKey, 'grid'>): void {
    this.hostTick = 0;
    const host = makeHost(scenario, {
      worldId: this.worldId,
      config: this.config,
      scheduler: this.scheduler,
      clock: this.options.clock,
      journal: this.journal,
      post: this.options.post,
      postScene: (message: WorkerMessage) => {
        this.options.post(message, []);
        // Paused, no tick would tell the page that what was in progress has finished.
        if (!this.loop.running) this.postTick(this.journal.takeAnswered());
      },
      dag: () => this.customDag ?? presetDag(this.config.dag, this.config.fanout),
      tools: () => this.tools(),
    });
    this.host = host;
    host.select?.(this.selected);
    this.options.post(host.worldMessage(), []);
    host.setRunning?.(this.loop.running);
    this.postTick(NONE);
  }

  /**
   * A DAG of the user's own in the pipeline (switching to it if another scenario is on show): a
   * new world; a refused spec changes nothing, and the ack says why in a sentence.
   */
  private loadDag(seq: number, spec: unknown): void {
    const checked = checkDag(spec);
    if (!checked.ok) {
      this.options.post({ type: 'ack', seq, error: checked.error }, []);
      return;
    }
    this.customDag = checked.dag;
    if (this.config.scenario !== 'pipeline') this.config = switchScenario(this.config, 'pipeline');
    this.race.cancel();
    this.rebuild();
    this.options.post({ type: 'config', seq: null, config: { ...this.config }, ...this.choice.keyState(this.config), problems: [] }, []);
    this.options.post({ type: 'ack', seq }, []);
  }

  /** The pool the pipeline's tools run in: made on first use, kept for the session. */
  private tools(): ToolRunner {
    this.toolRunner ??= this.options.makeTools?.() ?? inlineTools;
    return this.toolRunner;
  }

  /** Retry, open or export relationship simulations; each answered (or refused) in its ack. */
  private relationshipsCommand(command: Extract<Command, { type: 'retrySim' | 'openSim' | 'exportSims' }>): void {
    const { post } = this.options;
    const host = this.host;
    if (!(host instanceof RelationshipsHost)) {
      post({ type: 'ack', seq: command.seq, error: 'That is for the relationships scenario; switch to it first.' }, []);
      return;
    }
    if (command.type === 'exportSims') post({ type: 'exported', seq: command.seq, text: host.exportText() }, []);
    if (command.type === 'openSim') host.openSim(command.sim);
    const error = command.type === 'retrySim' ? host.retry(command.sim) : null;
    post(error === null ? { type: 'ack', seq: command.seq } : { type: 'ack', seq: command.seq, error }, []);
  }

  private makeMock(): MockBrain {
    const { config } = this;
    return new MockBrain({ clock: this.options.clock, seed: config.seed, latencyMs: config.latency, jitterMs: config.jitter, errorRate: config.failureRate });
  }

  /**
   * Points the scheduler at the model and budget the settings call for (`LiveChoice`). A fresh
   * live model switches live calls back on and clears the old one's failures.
   */
  private applyBrain(): void {
    const choice = this.choice.choose(this.config, this.mock);
    this.setNotice('gemini-key', choice.missingKey, 'warning');
    this.setNotice('base-url', choice.badEndpoint, 'error');
    this.setNotice('connection-cap', connectionCapNotice(this.config, choice.model.maxConcurrent), 'info');
    if (choice.fresh) this.failures.clear();
    this.isLive = choice.live;
    this.scheduler.setModel(choice.model);
    this.scheduler.setBudget(choice.budget);
    this.scheduler.configure(schedulerConfigOf(this.config, this.isLive));
  }

  private tick(): void {
    const engine = this.engine;
    const host = this.host;
    if (!engine && !host) return;
    const answered = this.journal.takeAnswered();
    if (host) {
      this.hostTick++;
      host.tick?.();
    }
    engine?.tick();
    const now = this.options.clock.now();
    if (now - this.usageRefreshedAt >= USAGE_REFRESH_MS) {
      this.usageRefreshedAt = now;
      void this.choice.budgets.lastLive?.refresh().catch(() => undefined);
    }
    this.tickRate.tick(now);
    this.postTick(answered);
  }

  private postTick(answered: ReadonlySet<number>): void {
    const engine = this.engine;
    const host = this.host;
    if (!engine && !host) return;
    this.checkpoints.touch();
    const running = this.loop.running;
    const today = this.choice.budgets.lastLive?.usage().today;
    const requestsToday = today?.day === (this.options.today ?? localDay)() ? today.count : 0;
    const producer = engine?.worldId ?? host?.producer;
    const metrics = metricsOf(this.scheduler.metrics(producer), this.journal.latency(), running ? this.tickRate.perSecond() : 0, requestsToday, this.config.dailyLimit);
    const now = this.options.clock.now();
    for (const notice of [...schedulerNotices(metrics), ...this.failures.notices(now, this.config.timeout)]) {
      this.setNotice(notice.code, notice.message, notice.level);
    }
    const parts = { worldId: this.worldId, journal: this.journal, answered, selected: this.selected, running, tickMs: this.loop.interval, now, metrics };
    const { message, transfer } = engine
      ? tickOf({ ...parts, state: engine.state })
      : (host as ScenarioHost).tickMessage({ ...parts, tick: this.hostTick });
    this.options.post(message, transfer);
  }

  /**
   * Races the next decisions of the first agents (up to RACE_MAX_AGENTS) one at a time against
   * all together, with the mock and the current latency settings, beside the running world.
   */
  private startRace(): void {
    this.ensureWorld();
    const notice = startRace(this.race, { engine: this.engine, host: this.host, config: this.config, tools: () => this.tools(), clock: this.options.clock });
    this.setNotice('race', notice, 'info');
  }

  private onEngineEvent(event: EngineEvent): void {
    this.journal.record(event);
  }

  /** The scheduler serves every world in turn; only the current world's calls are shown. */
  private onSchedulerEvent(event: SchedulerEvent): void {
    const prefix = `world-${this.worldId}/`;
    const key = event.type === 'started' || event.type === 'failed-attempt' ? event.key : event.type === 'settled' ? event.record.key : undefined;
    if (key !== undefined && !key.startsWith(prefix)) return;
    if (event.type === 'batch') this.host?.noteBatch(event.stats);
    this.journal.record(event);
    if (event.type === 'failed-attempt' && this.isLive) this.failures.record(event.error.kind, this.options.clock.now());
    if (event.type === 'started' || event.type === 'failed-attempt' || event.type === 'settled') this.tellPausedPage();
  }

  /**
   * Paused, a grid world posts no ticks, and the calls in flight when it paused still come back:
   * without this the page went on showing them in flight, and their batch running, until Start or
   * Step. One tick at most every PAUSED_NEWS_MS carries the calls and the metrics; the decisions
   * still wait for the next tick to apply them (NONE). Scenario hosts post their own (postScene).
   */
  private tellPausedPage(): void {
    if (!this.engine || this.loop.running || this.pausedNews !== null) return;
    this.pausedNews = this.options.clock.setTimeout(() => {
      this.pausedNews = null;
      if (!this.loop.running) this.postTick(NONE);
    }, PAUSED_NEWS_MS);
  }

  private setNotice(code: string, message: string | null, level: 'info' | 'warning' | 'error'): void {
    this.notices.set({ code, message, level });
  }
}
