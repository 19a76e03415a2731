import type { EngineEvent } from '../engine/engine.ts';
import type { CallRecord } from '../scheduler/types.ts';
import type { CallStart, CallSummary } from '../protocol/protocol.ts';
import { agentIdOf, quantile, startOf, summaryOf, type LatencyQuantiles } from './tickMessage.ts';

/** Latencies kept for p50 / p95. */
const LATENCY_WINDOW = 1_000;

/**
 * What the session remembers of the world's calls between ticks: who has an answer waiting,
 * who is retrying, each agent's last call, the attempts and calls to send with the next tick,
 * and the recent latencies. Percentiles are sorted once per change, not once per tick.
 */
export class CallJournal {
  /** Agents whose answer is in the engine's inbox: it is applied, and sent, on the next tick. */
  private answered = new Set<number>();
  /** Each agent's newest call whose answer the sim has applied: what the inspector shows beside the decision. */
  readonly lastRecord = new Map<number, CallRecord>();
  /** Calls answered but not yet applied: shown only once the tick applies their decision, so
   * the inspector never shows a new reply beside the previous decision. */
  private readonly waiting = new Map<number, CallRecord>();
  readonly retrying = new Set<number>();
  private started: CallStart[] = [];
  private calls: CallSummary[] = [];
  private latencies: number[] = [];
  private quantiles: LatencyQuantiles | undefined;

  /** Notes one event of the world's engine. */
  record(event: EngineEvent): void {
    switch (event.type) {
      case 'decision':
        this.answer(event.agentId, event.record);
        break;
      case 'failed-attempt':
        this.retrying.add(agentIdOf(event.key));
        break;
      case 'started': {
        const start = startOf(event);
        this.retrying.delete(start.agentId);
        this.started.push(start);
        break;
      }
      case 'paused':
      case 'live-disabled':
      case 'settled':
      case 'batch':
        break;
    }
  }

  /** An answer reached agent `agentId` (a grid decision, or a persona's reply in a scenario). */
  answer(agentId: number, record: CallRecord): void {
    this.answered.add(agentId);
    this.waiting.set(agentId, record);
    this.retrying.delete(agentId);
    this.calls.push(summaryOf(record, agentId));
    const { startedAt, endedAt } = record;
    if (startedAt !== undefined) {
      this.latencies.push(endedAt - startedAt);
      if (this.latencies.length > LATENCY_WINDOW * 2) this.latencies = this.latencies.slice(-LATENCY_WINDOW);
      this.quantiles = undefined;
    }
  }

  /** The agents answered since the last call; their answers are applied by the coming tick. */
  takeAnswered(): ReadonlySet<number> {
    const answered = this.answered;
    this.answered = new Set();
    for (const [agentId, record] of this.waiting) this.lastRecord.set(agentId, record);
    this.waiting.clear();
    return answered;
  }

  /** Attempts that left and calls that settled since the last call. */
  takeCalls(): { started: CallStart[]; calls: CallSummary[] } {
    const taken = { started: this.started, calls: this.calls };
    this.started = [];
    this.calls = [];
    return taken;
  }

  /** p50 and p95 of the newest calls' latencies. */
  latency(): LatencyQuantiles {
    if (!this.quantiles) {
      const sorted = this.latencies.slice(-LATENCY_WINDOW).sort((a, b) => a - b);
      this.quantiles = { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
    }
    return this.quantiles;
  }
}
