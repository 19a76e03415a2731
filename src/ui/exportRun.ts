/**
 * The run as files: every settled call and the load history as CSV, and everything (settings,
 * latest metrics, calls, history) as JSON; for a community also its beliefs and phases as CSV
 * and its scene, beliefs, histograms, posts and vote as JSON; for a game master its turns as CSV and
 * its scene and turns as JSON. The API key is never part of any of them: the page
 * does not hold it, and the settings have no field for it.
 */
import type { SandboxConfig } from '../protocol/config.ts';
import type { CallSummary, GmSceneMessage, Metrics, SceneMessage } from '../protocol/protocol.ts';
import type { MetricSample } from './store.ts';

export interface RunExport {
  readonly config: SandboxConfig;
  readonly metrics: Metrics | null;
  readonly calls: readonly CallSummary[];
  readonly history: readonly MetricSample[];
  /** Agent names by id. */
  readonly names: readonly string[];
}

/** One CSV field: quoted when it holds a comma, quote or line break. */
function field(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\n') + '\n';
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** Every settled call, one row each; times in ms on the worker's clock. */
export function callsCsv(run: RunExport): string {
  return csv(
    ['id', 'agent_id', 'agent_name', 'batch', 'enqueued_ms', 'started_ms', 'ended_ms', 'latency_ms', 'attempts', 'outcome', 'source', 'error_kind'],
    run.calls.map((c) => [
      c.id,
      c.agentId,
      run.names[c.agentId] ?? '',
      c.batch,
      round(c.enqueuedAt),
      c.startedAt === null ? null : round(c.startedAt),
      round(c.endedAt),
      c.startedAt === null ? null : round(c.endedAt - c.startedAt),
      c.attempts,
      c.outcome,
      c.source,
      c.errorKind,
    ]),
  );
}

/** The scheduler's load over time, one row per tick. */
export function metricsCsv(run: RunExport): string {
  return csv(
    ['t_ms', 'calls_last_minute', 'rpm_limit', 'queued', 'in_flight'],
    run.history.map((s) => [round(s.t), s.callsLastMinute, s.rpmLimit, s.queued, s.inFlight]),
  );
}

/** Keys whose numbers are times in ms: `…Ms`, `…At`, the history's `t`, percentiles, attempt starts. */
const TIME_KEY = /(?:Ms|At)$|^(?:t|latencyP\d+|attemptStarts)$/;

/**
 * Numbers as a reader wants them. The worker's clock reads fractions of a ms and sums of its
 * readings carry float noise (`515.6000000000931`), so times go to 0.1 ms, as in the CSV. Other
 * fractions (speedup, rates, settings such as 0.05) keep 12 significant digits: that drops the
 * noise and keeps every digit that means something.
 */
function tidyNumbers(key: string, value: unknown): unknown {
  if (TIME_KEY.test(key)) {
    if (typeof value === 'number') return round(value);
    if (Array.isArray(value)) return value.map((item: unknown) => (typeof item === 'number' ? round(item) : item));
  }
  if (typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value)) return Number(value.toPrecision(12));
  return value;
}

/** Everything, for a notebook or another tool; times in ms to 0.1 ms. */
export function runJson(run: RunExport, exportedAt: Date): string {
  const everything = { exportedAt: exportedAt.toISOString(), config: run.config, metrics: run.metrics, calls: run.calls, history: run.history };
  return JSON.stringify(everything, tidyNumbers, 2);
}

/** What the page holds of a community run: the newest scene and the newest tick's beliefs. */
export interface CommunityExport {
  readonly scene: SceneMessage;
  /** Persona names by id. */
  readonly names: readonly string[];
  /** The newest tick's beliefs, [persona × topic] in hundredths (−100…100); null before the first tick. */
  readonly beliefs: Int8Array | null;
  /** Belief columns per persona in `beliefs` (the world's `topics`). */
  readonly topicCount: number;
}

/** Every persona's beliefs now, from −1 to 1, one number per topic. */
export function beliefsNow(run: CommunityExport): { id: number; name: string; beliefs: number[] }[] {
  const { beliefs, topicCount, names } = run;
  if (!beliefs || topicCount <= 0) return [];
  const personas = Math.min(names.length, Math.floor(beliefs.length / topicCount));
  return Array.from({ length: personas }, (_, id) => ({
    id,
    name: names[id] ?? '',
    beliefs: Array.from({ length: topicCount }, (_, topic) => (beliefs[id * topicCount + topic] ?? 0) / 100),
  }));
}

/**
 * A community run as one object: the contract's scene, the topics, every persona's beliefs now,
 * the belief histograms per epoch (10 bins over [−1, 1]), the hottest posts with their
 * reactions, and the vote (totals per option and the tally per topic; null until the vote).
 */
export function communityData(run: CommunityExport) {
  const { scene, view } = run.scene;
  return {
    scenario: 'community' as const,
    scene,
    topics: view.topics,
    beliefsNow: beliefsNow(run),
    histograms: view.histograms,
    posts: view.feed,
    votes: scene.votes === null && view.tally === null ? null : { totals: scene.votes, tally: view.tally },
  };
}

/** The community run as JSON; times in ms to 0.1 ms. */
export function communityJson(run: CommunityExport, exportedAt: Date): string {
  return JSON.stringify({ exportedAt: exportedAt.toISOString(), ...communityData(run) }, tidyNumbers, 2);
}

/** Every persona's belief now on each topic, one row per persona, one column per topic (from −1 to 1). */
export function beliefsCsv(run: CommunityExport): string {
  const topics = run.scene.view.topics;
  const keys = Array.from({ length: run.topicCount }, (_, i) => `belief_${topics.find((t) => t.id === i)?.key ?? i}`);
  return csv(['persona_id', 'persona_name', ...keys], beliefsNow(run).map((p) => [p.id, p.name, ...p.beliefs]));
}

/** Every finished phase: its calls, wall time, the sum of its calls' own time, speedup and fallbacks. */
export function phasesCsv(run: CommunityExport): string {
  return csv(
    ['epoch', 'phase', 'calls', 'wall_ms', 'sum_latency_ms', 'speedup', 'fallbacks'],
    run.scene.scene.phases.map((p) => [p.epoch, p.name, p.calls, round(p.wallMs), round(p.sumLatencyMs), Math.round(p.speedup * 100) / 100, p.fallbacks]),
  );
}

/** A turn's assessments with their sources, "world=model;pacing=cache;npc:0=fallback". */
function sourcesOf(turn: GmSceneMessage['view']['turns'][number]): string {
  return turn.assessments.map((a) => `${a.name}=${a.source}`).join(';');
}

/** The game master's recent turns (the newest 50), one row each: timing, each assessment's source, fallbacks. */
export function gameMasterTurnsCsv(message: GmSceneMessage): string {
  return csv(
    ['turn', 'action', 'mode', 'response_ms', 'first_words_ms', 'deadline_ms', 'assessments', 'sources', 'cache_hits', 'fallbacks', 'late_answers', 'background_jobs', 'prefetch_calls'],
    message.view.turns.map((t) => [
      t.turn,
      t.action,
      t.mode,
      round(t.responseMs),
      round(t.firstWordsMs),
      t.deadlineMs,
      t.assessments.length,
      sourcesOf(t),
      t.assessments.filter((a) => a.source === 'cache').length,
      t.assessments.filter((a) => a.source === 'fallback').length,
      t.late.length,
      t.background.jobs,
      t.background.prefetch,
    ]),
  );
}

/** The game master as JSON: the contract's scene, the settings it ran with, and its recent turns with their waterfalls. */
export function gameMasterJson(message: GmSceneMessage, exportedAt: Date): string {
  const { scene, view } = message;
  const settings = { deadlineMs: view.deadlineMs, mode: view.mode, cacheEnabled: view.cacheEnabled };
  return JSON.stringify({ exportedAt: exportedAt.toISOString(), scenario: 'gamemaster', scene, settings, turns: view.turns }, tidyNumbers, 2);
}

/** Hands a text file to the browser's download. */
export function download(filename: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1_000);
}
