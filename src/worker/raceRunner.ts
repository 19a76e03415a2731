import type { Clock, TimerHandle } from '../clock/clock.ts';
import { decisionAsk } from '../brain/decisionAsk.ts';
import { runJobs, type BatchJob, type BatchSettings } from '../engine/batchRun.ts';
import type { SchedulerEvent, Strategy } from '../scheduler/types.ts';
import { requestFor } from '../sim/perception.ts';
import type { WorldState } from '../sim/types.ts';
import { TICK_MS, type SandboxConfig } from '../protocol/config.ts';
import type { CallStart, CallSummary, RaceMessage } from '../protocol/protocol.ts';
import { agentIdOf, startOf, summaryOf } from './tickMessage.ts';

/** The most agents a race takes: a sequential lane of 100 calls at 500 ms is already 50 s. */
export const RACE_MAX_AGENTS = 100;

/** A race of the world's first agents' next decisions, with the mock and the current settings. */
export function raceOf(state: WorldState, config: SandboxConfig): { jobs: BatchJob[]; settings: BatchSettings } {
  return {
    jobs: state.agents.slice(0, RACE_MAX_AGENTS).map((agent) => ({ key: `agent-${agent.id}`, ask: decisionAsk(requestFor(state, agent.id)) })),
    settings: raceSettings(config),
  };
}

/** The race's mock and limits: the current latency settings and the scheduler's limits. */
export function raceSettings(config: SandboxConfig): BatchSettings {
  return {
      latencyMs: config.latency,
      jitterMs: config.jitter,
      failureRate: config.failureRate,
      seed: config.seed,
      rpm: config.rpm,
      concurrency: config.concurrency,
      timeoutMs: config.timeout,
  };
}

/** One lane of a race: runs under `strategy`, reporting its scheduler's events, until done or aborted. */
export type LaneRun = (lane: RaceLaneName, onEvent: (event: SchedulerEvent) => void, signal: AbortSignal) => Promise<{ readonly wallMs: number }>;

/** A race's lanes: one at a time and all together, and for a pipeline also "as soon as ready". */
export type RaceLaneName = Strategy | 'ready';

interface Lane {
  started: CallStart[];
  calls: CallSummary[];
  wallMs: number | null;
}

/**
 * The classroom race: the same requests run at once through two fresh schedulers, one
 * sequential and one parallel, each with its own mock brain (same seed, same latencies). It
 * never touches the world's scheduler or budget, and always uses the mock, so a race costs no
 * quota. It posts its progress on its own timer, because the world may be paused.
 */
export class RaceRunner {
  private lanes: Partial<Record<RaceLaneName, Lane>> = {};
  private names: readonly RaceLaneName[] = ['sequential', 'parallel'];
  private raceId = 0;
  private size = 0;
  private startedAt = 0;
  private running = false;
  /** Aborts the race in progress: its schedulers drop their calls and its report timer stops. */
  private abort: AbortController | undefined;
  private reportTimer: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly post: (message: RaceMessage) => void,
  ) {}

  /** Starts a race of these requests; false (and nothing happens) while one is running. */
  start(jobs: readonly BatchJob[], settings: BatchSettings): boolean {
    return this.startRun(jobs.length, (lane, onEvent, signal) => runJobs(lane === 'sequential' ? 'sequential' : 'parallel', jobs, settings, this.clock, onEvent, signal));
  }

  /**
   * Starts a race of any two runs (a set of simulations together and one after another): each
   * lane's run reports its own scheduler's events and resolves with its wall time. False (and
   * nothing happens) while a race is running.
   */
  startRun(size: number, lane: LaneRun, names: readonly RaceLaneName[] = ['sequential', 'parallel']): boolean {
    if (this.running) return false;
    this.raceId++;
    this.running = true;
    this.size = size;
    this.startedAt = this.clock.now();
    this.names = names;
    this.lanes = Object.fromEntries(names.map((name) => [name, emptyLane()]));
    const abort = new AbortController();
    this.abort = abort;
    const run = (name: RaceLaneName) =>
      lane(name, (event) => {
        if (!abort.signal.aborted) this.record(name, event);
      }, abort.signal).then((result) => {
        const kept = this.lanes[name];
        if (!abort.signal.aborted && kept) kept.wallMs = result.wallMs;
      });
    void Promise.all(names.map(run)).then(() => {
      if (abort.signal.aborted) return;
      this.running = false;
      this.abort = undefined;
    });
    this.report();
    return true;
  }

  /** Drops the race in progress, if any (a reset, a new scenario, the worker shutting down): no more calls, timers or reports. */
  cancel(): void {
    if (!this.abort) return;
    this.abort.abort();
    this.abort = undefined;
    this.running = false;
    if (this.reportTimer !== undefined) this.clock.clearTimeout(this.reportTimer);
    this.reportTimer = undefined;
    // One last word, so the page stops showing a race in progress.
    this.lanes = Object.fromEntries(this.names.map((name) => [name, emptyLane()]));
    this.report('cancelled');
  }

  /** Posts what happened since the last report, every tick's length until the race is done. */
  private report(ending?: 'cancelled'): void {
    const done = !this.running;
    const { sequential = emptyLane(), parallel = emptyLane(), ready } = this.lanes;
    this.post({
      type: 'race',
      raceId: this.raceId,
      status: ending ?? (done ? 'done' : 'running'),
      size: this.size,
      startedAt: this.startedAt,
      now: this.clock.now(),
      sequential,
      parallel,
      ...(ready ? { ready } : {}),
    });
    // Deltas: each report carries what happened since the last one, and the wall once known.
    this.lanes = Object.fromEntries(this.names.map((name) => [name, { ...emptyLane(), wallMs: this.lanes[name]?.wallMs ?? null }]));
    this.reportTimer = done
      ? undefined
      : this.clock.setTimeout(() => {
        this.report();
      }, TICK_MS);
  }

  private record(name: RaceLaneName, event: SchedulerEvent): void {
    const lane = this.lanes[name];
    if (!lane) return;
    if (event.type === 'started') lane.started.push(startOf(event));
    else if (event.type === 'settled') lane.calls.push(summaryOf(event.record, agentIdOf(event.record.key)));
  }
}

function emptyLane(): Lane {
  return { started: [], calls: [], wallMs: null };
}
