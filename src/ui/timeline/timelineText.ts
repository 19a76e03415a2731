/**
 * The words of the timeline views: durations, the screen-reader summary of a lane, a bar's
 * tooltip and the race's speedup. Pure, so the wording is tested without a browser.
 */
import type { CallBar } from './callLog.ts';
import { formatCount, plural } from '../numbers.ts';

/** A duration for people: "540 ms", "1.25 s", "50.3 s". */
export function formatMs(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.floor((ms % 60_000) / 1_000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

// The per-lane figures below walk the bars with indexed loops: they run a few times a second, too
// rarely for V8 to optimise them, and there a for-of makes an iterator result per bar.

/** When the first of these calls was sent, or null when none was. */
export function firstSentAt(bars: readonly CallBar[]): number | null {
  let first = Infinity;
  for (let i = 0; i < bars.length; i++) first = Math.min(first, bars[i]?.attemptStarts[0] ?? Infinity);
  return first < Infinity ? first : null;
}

/** How long a call took from its first attempt to its answer, or null while it runs or was never sent. */
export function latencyOf(bar: CallBar): number | null {
  const first = bar.attemptStarts[0];
  return bar.endedAt === null || first === undefined ? null : bar.endedAt - first;
}


/** One sentence for a lane's aria-label: "10 calls: 9 succeeded, 1 fell back, longest 540 ms". */
export function summarizeBars(bars: readonly CallBar[]): string {
  if (bars.length === 0) return 'no calls yet';
  let succeeded = 0;
  let fellBack = 0;
  let running = 0;
  let retried = 0;
  let longest: number | null = null;
  for (let i = 0; i < bars.length; i++) {
    const bar = bars[i];
    if (!bar) continue;
    if (bar.outcome === 'success') succeeded++;
    else if (bar.outcome === 'fallback') fellBack++;
    else running++;
    if (bar.attemptStarts.length > 1) retried++;
    const latency = latencyOf(bar);
    if (latency !== null && (longest === null || latency > longest)) longest = latency;
  }
  const parts = [`${formatCount(succeeded)} succeeded`, `${formatCount(fellBack)} fell back`];
  if (running > 0) parts.push(`${formatCount(running)} running`);
  if (retried > 0) parts.push(`${formatCount(retried)} retried`);
  if (longest !== null) parts.push(`longest ${formatMs(longest)}`);
  return `${plural(bars.length, 'call')}: ${parts.join(', ')}`;
}

const OUTCOME_TEXT: Readonly<Record<CallBar['outcome'], string>> = {
  running: 'running',
  success: 'succeeded',
  fallback: 'fell back to the mock',
};

/** The tooltip of one bar, one fact per line; `now` dates a running call. */
export function describeBar(bar: CallBar, name: string, now: number): string[] {
  const first = bar.attemptStarts[0];
  const latency = latencyOf(bar);
  const lines = [name];
  lines.push(latency === null ? (bar.outcome === 'running' && first !== undefined ? `Latency: running (${formatMs(Math.max(0, now - first))} so far)` : 'Latency: never sent') : `Latency: ${formatMs(latency)}`);
  const waited = (first ?? bar.endedAt ?? now) - bar.enqueuedAt;
  if (waited >= 1) lines.push(`Waited in line: ${formatMs(waited)}`);
  lines.push(`Attempts: ${bar.attemptStarts.length}`);
  const error = bar.errorKind === null ? '' : bar.outcome === 'fallback' ? ` (${bar.errorKind})` : ` (after ${bar.errorKind})`;
  lines.push(`Outcome: ${OUTCOME_TEXT[bar.outcome]}${error}`);
  return lines;
}

/** Sequential wall ÷ parallel wall as "9.9×", or null until both lanes are done. */
export function speedupText(sequentialMs: number | null, parallelMs: number | null): string | null {
  if (sequentialMs === null || parallelMs === null || parallelMs <= 0) return null;
  return `${(sequentialMs / parallelMs).toFixed(1)}×`;
}

/** Names by agent id, from the world's agent list; ids are not assumed to be indices. */
export function namesById(agents: readonly { readonly id: number; readonly name: string }[] | undefined): ReadonlyMap<number, string> {
  return new Map((agents ?? []).map((agent) => [agent.id, agent.name]));
}

/** An agent's name, or a neutral label when the world no longer has it. */
export function nameOf(names: ReadonlyMap<number, string>, agentId: number): string {
  return names.get(agentId) ?? (agentId >= 0 ? `Agent ${agentId}` : 'Unknown caller');
}

/**
 * A batch's heading: "Tick 12" for the grid's batches (ids like `1:tick-12`), "Epoch 1 ·
 * beliefs-debate" for a community's phases (ids like `world-3:e1:beliefs-debate`), "Turn 4" and
 * "Turn 4 · background" for a game master's (`world-3:turn-4`, `world-3:turn-4:background`),
 * "All simulations" and "Retry of simulation 4" for the relationship simulations' first pass and
 * retries (`world-3:sims`, `world-3:retry-4-1`), else its id.
 */
export function batchTitle(id: string): string {
  if (/:sims$/.test(id)) return 'All simulations';
  const retry = /:retry-(\d+)-(\d+)$/.exec(id);
  if (retry) return `Retry of simulation ${retry[1] ?? ''}${retry[2] === '1' ? '' : ` · attempt ${retry[2] ?? ''}`}`;
  const phase = /:e(\d+):([a-z]+(?:-[a-z]+)*)$/.exec(id);
  if (phase) return `Epoch ${phase[1] ?? ''} · ${phase[2] ?? ''}`;
  const turn = /:turn-(\d+)(:background)?$/.exec(id);
  if (turn) return turn[2] ? `Turn ${turn[1] ?? ''} · background` : `Turn ${turn[1] ?? ''}`;
  const tick = /tick-(\d+)$/.exec(id);
  if (tick) return `Tick ${tick[1] ?? ''}`;
  return id === 'other' ? 'Calls outside a batch' : id;
}

/**
 * What a lane's calls would take one after another: the sum of their own time (`callMs`), as the
 * scheduler sums a batch's. Not their latencies: a retried call's latency holds its backoff, in
 * which other calls run, so summing latencies counted that time twice and a one-at-a-time batch
 * with retries read a speedup. Running calls are not counted yet.
 */
export function sumLatencyMs(bars: readonly CallBar[]): number {
  let sum = 0;
  for (let i = 0; i < bars.length; i++) sum += bars[i]?.callMs ?? 0;
  return sum;
}
