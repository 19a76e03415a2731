import type { Clock } from '../clock/clock.ts';
import { runBatch, type BatchSettings } from '../engine/batchRun.ts';
import type { SchedulerEvent, Strategy } from '../scheduler/types.ts';
import type { DecisionRequest } from '../sim/types.ts';
import type { CallStart, CallSummary, RaceMessage } from './protocol.ts';
import { summaryOf } from './tickMessage.ts';

/** The most agents a race takes: a sequential lane of 100 calls at 500 ms is already 50 s. */
export const RACE_MAX_AGENTS = 100;

interface Lane {
  started: CallStart[];
  calls: CallSummary[];
  wallMs: number | null;
}

/**
 * The classroom race: the same requests run at once through two fresh schedulers, one
 * sequential and one parallel, each with its own mock brain (same seed, same latencies). It
 * never touches the world's scheduler or budget, and always uses the mock, so a race costs no
 * quota. `drain()` hands out what happened since the last call, for one message per tick.
 */
export class RaceRunner {
  private lanes: Record<Strategy, Lane> = { sequential: emptyLane(), parallel: emptyLane() };
  private raceId = 0;
  private size = 0;
  private startedAt = 0;
  private running = false;
  private finished = false;

  constructor(private readonly clock: Clock) {}

  get busy(): boolean {
    return this.running;
  }

  /** Starts a race of these requests; false (and nothing happens) while one is running. */
  start(requests: readonly DecisionRequest[], settings: BatchSettings): boolean {
    if (this.running) return false;
    this.raceId++;
    const raceId = this.raceId;
    this.running = true;
    this.finished = false;
    this.size = requests.length;
    this.startedAt = this.clock.now();
    this.lanes = { sequential: emptyLane(), parallel: emptyLane() };
    const run = (strategy: Strategy) =>
      runBatch(strategy, requests, settings, this.clock, (event) => {
        if (raceId === this.raceId) this.record(strategy, event);
      }).then((result) => {
        if (raceId === this.raceId) this.lanes[strategy].wallMs = result.wallMs;
      });
    void Promise.all([run('sequential'), run('parallel')]).then(() => {
      if (raceId !== this.raceId) return;
      this.running = false;
      this.finished = true;
    });
    return true;
  }

  /** What happened since the last drain, or null when no race has news. */
  drain(): RaceMessage | null {
    if (!this.running && !this.finished) return null;
    const message: RaceMessage = {
      type: 'race',
      raceId: this.raceId,
      status: this.running ? 'running' : 'done',
      size: this.size,
      startedAt: this.startedAt,
      now: this.clock.now(),
      sequential: this.lanes.sequential,
      parallel: this.lanes.parallel,
    };
    this.lanes = {
      sequential: { ...emptyLane(), wallMs: this.lanes.sequential.wallMs },
      parallel: { ...emptyLane(), wallMs: this.lanes.parallel.wallMs },
    };
    this.finished = false;
    return message;
  }

  private record(strategy: Strategy, event: SchedulerEvent): void {
    const lane = this.lanes[strategy];
    if (event.type === 'started') {
      lane.started.push({ id: event.id, agentId: agentIdOf(event.key), batch: strategy, enqueuedAt: event.enqueuedAt, startedAt: event.at, attempt: event.attempt });
    } else if (event.type === 'settled') {
      lane.calls.push(summaryOf(event.record, agentIdOf(event.record.key)));
    }
  }
}

function emptyLane(): Lane {
  return { started: [], calls: [], wallMs: null };
}

/** Job keys end in the agent id (`agent-7`, `world-1/7`). */
export function agentIdOf(key: string): number {
  const match = /(\d+)$/.exec(key);
  return match ? Number(match[1]) : -1;
}
