/**
 * The sentence beside the phase strip: what the phase does, in words a newcomer follows, and
 * the least time its calls can take (ceiling.ts), with every number computed, never typed.
 */
import type { CommunitySceneWire, PhaseRecordWire } from '../../protocol/scene.ts';
import { formatMs } from '../timeline/timelineText.ts';
import { phaseCeiling } from './ceiling.ts';
import { expectedCalls, isBeliefPhase, timesText, type CommunitySize, type PhaseName, type PlanStep } from './phasePlan.ts';
import { formatCount, plural } from '../numbers.ts';

/** The settings that bound a phase's speed. */
export interface SpeedSettings {
  /** The semaphore: calls at once (the scenario's and the scheduler's cap, whichever is lower). */
  readonly concurrency: number;
  readonly strategy: 'parallel' | 'sequential';
  /** The mock latency setting (ms); it applies to the mock brain only. */
  readonly latencyMs: number;
  /** Requests a minute. */
  readonly rpm: number;
  /** The brain: only the mock's latency is known in advance. */
  readonly brain: string;
}


/** What a phase does, with its count of calls (or the count expected). */
export function phaseAction(phase: PhaseName, calls: number, size: CommunitySize): string {
  switch (phase) {
    case 'debate':
      return `for each of the ${plural(size.topics, 'topic')}, the persona most for it and the one most against argue their side`;
    case 'beliefs-debate':
      return `${plural(calls, 'persona')} update their beliefs after the debate`;
    case 'chat':
      return `${plural(calls / 2, 'pair')} of neighbours chat, each saying something to the other`;
    case 'beliefs-chat':
      return `${plural(calls, 'persona')} who chatted update their beliefs from what they heard`;
    case 'posts':
      return `${plural(calls, 'persona')} each write a post on one topic`;
    case 'reactions':
      return 'each persona reacts ▲ or ▼ to the top posts in its feed';
    case 'beliefs-social':
      return 'each persona updates its beliefs from the posts in its feed';
    case 'vote':
      return `${plural(calls, 'persona')} vote on every topic`;
  }
}

/** The least time `calls` calls can take under these settings, as one or two sentences. */
export function ceilingText(calls: number, settings: SpeedSettings): string {
  if (calls === 0) return 'No calls: nothing to wait for.';
  const sequential = settings.strategy === 'sequential';
  const concurrency = sequential ? 1 : Math.max(1, settings.concurrency);
  const mock = settings.brain === 'mock';
  const latencyMs = mock ? settings.latencyMs : 0;
  const c = phaseCeiling({ calls, concurrency, latencyMs, rpm: settings.rpm });
  const latency = `${formatCount(latencyMs)} ms (the mock latency setting)`;
  const callWord = plural(calls, 'call');
  let text: string;
  if (sequential) {
    text = mock
      ? `The strategy is sequential: one call at a time, so ${callWord} take at least ${calls} × ${latency} ≈ ${formatMs(c.sequentialMs)}.`
      : `The strategy is sequential: one call at a time, so ${callWord} take as long as all of them added up.`;
  } else {
    const waves = c.waves > 1 ? `at least ⌈${calls}/${concurrency}⌉ = ${c.waves} waves` : 'all at once: 1 wave';
    text = mock
      ? `${callWord} under a semaphore of ${concurrency} → ${waves} × ${latency} ≈ ${formatMs(c.semaphoreMs)}; one at a time it would take about ${formatMs(c.sequentialMs)}. The speedup is at most ${c.maxSpeedup}×: no more than ${c.maxSpeedup} calls run together.`
      : `${callWord} under a semaphore of ${concurrency} → ${waves}, each as long as its slowest call; the speedup is at most ${c.maxSpeedup}×.`;
  }
  if (c.limitedBy === 'budget') {
    text += ` The budget of ${plural(settings.rpm, 'request')} a minute holds it to at least ${formatMs(c.budgetMs)}: no more than ${formatCount(settings.rpm)} may be sent in any minute.`;
  }
  return text;
}

/** A finished phase's own figures: its wall time against its calls one after another, and its fallbacks. */
export function measuredText(record: PhaseRecordWire): string {
  if (record.calls === 0) return '';
  let text = `Measured: ${formatMs(record.wallMs)} against Σ ${formatMs(record.sumLatencyMs)} for its calls one after another → ${timesText(record.speedup)}.`;
  if (record.fallbacks > 0) {
    const kept = isBeliefPhase(record.name) ? 'those personas kept their beliefs' : 'the mock answered for them';
    text += ` ${plural(record.fallbacks, 'call')} fell back: ${kept}.`;
  }
  return text;
}

/** Everything finished: the whole run's wall time against all its calls one after another. */
export function doneText(scene: CommunitySceneWire): string {
  const wall = scene.phases.reduce((sum, p) => sum + p.wallMs, 0);
  const seq = scene.phases.reduce((sum, p) => sum + p.sumLatencyMs, 0);
  const calls = scene.phases.reduce((sum, p) => sum + p.calls, 0);
  const overall = wall > 0 ? ` ${plural(scene.phases.length, 'phase')}, ${plural(calls, 'call')}: ${formatMs(wall)} in all, against Σ ${formatMs(seq)} one call at a time (${timesText(seq / wall)}).` : '';
  return `Done: the vote is in.${overall}`;
}

/**
 * The explanation of one step: what it does and the least time its calls can take; for a
 * finished step also what it took. `record` is the step's figures once finished.
 */
export function explainStep(scene: CommunitySceneWire, step: PlanStep, record: PhaseRecordWire | null, size: CommunitySize, settings: SpeedSettings): string[] {
  const running = !scene.done && scene.phase === step.phase && scene.epoch === step.epoch;
  const where = `Epoch ${step.epoch} of ${scene.epochs} · ${step.phase}`;
  const expected = expectedCalls(step.phase, size);
  const calls = record ? record.calls : expected.calls;
  const lead = record ? `${where} (finished)` : running ? where : scene.epoch === 0 && scene.phases.length === 0 ? `Not started. First: ${where}` : `Next: ${where}`;
  const sentences = [`${lead}: ${phaseAction(step.phase, calls, size)}.`];
  const ceiling = ceilingText(calls, settings);
  sentences.push(!record && expected.upTo && calls > 0 ? `If all ${plural(calls, 'persona')} take part: ${lowerFirst(ceiling)}` : ceiling);
  if (record) {
    const measured = measuredText(record);
    if (measured) sentences.push(measured);
  }
  return sentences;
}

/** "24 calls …" stays as it is; "The strategy …" becomes "the strategy …" after a colon. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
