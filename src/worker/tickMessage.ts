import type { CallRecord, SchedulerEvent, SchedulerMetrics } from '../scheduler/types.ts';
import type { Agent, WorldState } from '../sim/types.ts';
import { STATE_CODE, type AgentDetail, type AgentStateName, type AgentUpdate, type CallStart, type CallSummary, type Metrics, type TickMessage } from '../protocol/protocol.ts';
import type { CallJournal } from './callJournal.ts';
import { packPositions } from './worldMessage.ts';

/** One state code per agent; an agent waiting to retry a failed call shows as `retrying`. */
export function packStates(state: WorldState, retrying: ReadonlySet<number>): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(state.agents.length);
  for (const agent of state.agents) out[agent.id] = STATE_CODE[stateName(agent, retrying)];
  return out;
}

function stateName(agent: Agent, retrying: ReadonlySet<number>): AgentStateName {
  if ((agent.state === 'queued' || agent.state === 'thinking') && retrying.has(agent.id)) return 'retrying';
  return agent.state;
}

/** The job's latency from first attempt to answer; null when it fell back without a call. */
export function latencyOf(record: CallRecord): number | null {
  return record.startedAt === undefined ? null : record.endedAt - record.startedAt;
}

/** The fields of an agent's newest decision. */
function decisionOf(agent: Agent): Pick<AgentUpdate, 'thought' | 'plan' | 'action' | 'say' | 'source' | 'decisions'> {
  const { thought, plan, action, say, source, decisions } = agent;
  return { thought, plan, action, say, source, decisions };
}

/** What the page needs to show an agent's newest decision. */
export function updateOf(agent: Agent, record: CallRecord | undefined): AgentUpdate {
  return {
    id: agent.id,
    ...decisionOf(agent),
    latencyMs: record ? latencyOf(record) : null,
    attempts: record?.attempts ?? 0,
    error: record?.error ?? null,
  };
}

/** The inspector's view of one agent: memories newest first, and its last call in full. */
export function detailOf(agent: Agent, retrying: ReadonlySet<number>, record: CallRecord | undefined): AgentDetail {
  return {
    id: agent.id,
    name: agent.name,
    traits: [...agent.traits],
    goal: agent.goal,
    x: agent.x,
    y: agent.y,
    state: stateName(agent, retrying),
    needs: agent.needs,
    memories: agent.memories.map((m) => m.text).reverse(),
    ...decisionOf(agent),
    heading: agent.heading,
    lastCall: lastCallOf(record),
  };
}

/** The inspector's view of a call: its timing, outcome, prompt and raw reply. */
export function lastCallOf(record: CallRecord | undefined): AgentDetail['lastCall'] {
  if (!record) return null;
  return {
    latencyMs: latencyOf(record),
    attempts: record.attempts,
    outcome: record.outcome,
    source: record.source,
    error: record.error ?? null,
    prompt: record.prompt ?? null,
    raw: record.raw ?? null,
    tokens: record.usage ?? null,
  };
}

/** Job keys end in the agent id (`agent-7`, `world-1/7`). */
export function agentIdOf(key: string): number {
  const match = /(\d+)$/.exec(key);
  return match ? Number(match[1]) : -1;
}

/** An attempt leaving, as the timelines draw it. */
export function startOf(event: Extract<SchedulerEvent, { type: 'started' }>): CallStart {
  return { id: event.id, agentId: agentIdOf(event.key), batch: event.batch ?? null, enqueuedAt: event.enqueuedAt, startedAt: event.at, attempt: event.attempt };
}

/** A call record without the prompt and reply text, which only the inspector needs. */
export function summaryOf(record: CallRecord, agentId: number): CallSummary {
  return {
    id: record.id,
    agentId,
    batch: record.batch ?? null,
    enqueuedAt: record.enqueuedAt,
    startedAt: record.startedAt ?? null,
    attemptStarts: [...record.attemptStarts],
    endedAt: record.endedAt,
    callMs: record.callMs,
    attempts: record.attempts,
    outcome: record.outcome,
    source: record.source,
    errorKind: record.error?.kind ?? null,
  };
}

/** The value at quantile q (0..1) of an ascending array, nearest rank; null when empty. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? null;
}

/** Latency percentiles of the recent calls, in ms; null before the first call. */
export interface LatencyQuantiles {
  readonly p50: number | null;
  readonly p95: number | null;
}

/** The scheduler's metrics plus what the worker measures itself. */
export function metricsOf(
  scheduler: SchedulerMetrics,
  latency: LatencyQuantiles,
  ticksPerSecond: number,
  requestsToday: number,
  dailyLimit: number,
): Metrics {
  return {
    callsStarted: scheduler.callsStarted,
    callsSucceeded: scheduler.callsSucceeded,
    callsFailed: scheduler.callsFailed,
    retries: scheduler.retries,
    fallbacks: scheduler.fallbacks,
    inFlight: scheduler.inFlight,
    queued: scheduler.queued,
    rpmLimit: scheduler.rpmLimit,
    concurrency: scheduler.concurrency,
    callsLastMinute: scheduler.callsLastMinute,
    budgetWaitMs: scheduler.budgetWaitMs,
    pausedForMs: scheduler.pausedForMs,
    liveDisabled: scheduler.liveDisabled,
    lastBatch: scheduler.lastBatch,
    unsent: [...scheduler.unsent],
    tokens: scheduler.tokens,
    latencyP50: latency.p50,
    latencyP95: latency.p95,
    ticksPerSecond,
    requestsToday,
    dailyLimit,
  };
}

/** What one tick message is made of. */
export interface TickParts {
  readonly worldId: number;
  readonly state: WorldState;
  readonly journal: CallJournal;
  /** Agents whose answers this tick applied: their new decisions travel. */
  readonly answered: ReadonlySet<number>;
  readonly selected: number | null;
  readonly running: boolean;
  readonly tickMs: number;
  readonly now: number;
  readonly metrics: Metrics;
}

/** An asker's newest decision in a scenario without a grid (a persona, a simulation's role, a pipeline step). */
export interface AskerRow {
  thought: string;
  plan: string;
  source: AgentUpdate['source'];
  decisions: number;
}

/** The update of asker `id` of a gridless scenario: its row and its last call (it walks nowhere, says nothing). */
export function askerUpdate(id: number, row: AskerRow, record: CallRecord | undefined): AgentUpdate {
  return { id, ...row, action: 'STAY', say: '', latencyMs: record ? latencyOf(record) : null, attempts: record?.attempts ?? 0, error: record?.error ?? null };
}

/** The fields every scenario's tick shares: which world and tick, the clock, the calls since the last tick, the metrics. */
export function tickEnvelope(parts: Omit<TickParts, 'state' | 'answered' | 'selected'> & { readonly tick: number }): Pick<TickMessage, 'type' | 'worldId' | 'tick' | 'running' | 'tickMs' | 'now' | 'started' | 'calls' | 'metrics'> {
  return { type: 'tick', worldId: parts.worldId, tick: parts.tick, running: parts.running, tickMs: parts.tickMs, now: parts.now, ...parts.journal.takeCalls(), metrics: parts.metrics };
}

/** The tick message, and the buffers to transfer with it (positions and states, packed). */
export function tickOf(parts: TickParts): { message: TickMessage; transfer: Transferable[] } {
  const { state, journal } = parts;
  const updates: AgentUpdate[] = [];
  for (const id of parts.answered) {
    const agent = state.agents[id];
    if (agent) updates.push(updateOf(agent, journal.lastRecord.get(id)));
  }
  const selected = parts.selected === null ? undefined : state.agents[parts.selected];
  const positions = packPositions(state);
  const states = packStates(state, journal.retrying);
  const message: TickMessage = {
    ...tickEnvelope({ ...parts, tick: state.tick }),
    positions,
    states,
    updates,
    selected: selected ? detailOf(selected, journal.retrying, journal.lastRecord.get(selected.id)) : null,
    beliefs: null,
    links: null,
    emotes: null,
  };
  return { message, transfer: [positions.buffer, states.buffer] };
}
