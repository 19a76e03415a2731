/**
 * The run's phases as the phase strip shows them: every step of the plan grouped by epoch, each
 * finished (with its figures), running or still to come; and how many calls a phase makes.
 */
import type { CommunitySceneWire, CommunityViewWire, PhaseRecordWire } from '../../protocol/scene.ts';
import { formatMs } from '../timeline/timelineText.ts';

export type PhaseName = PhaseRecordWire['name'];
export type PlanStep = CommunityViewWire['plan'][number];
export type StepStatus = 'done' | 'running' | 'waiting';

export interface PhaseChip {
  readonly epoch: number;
  readonly phase: PhaseName;
  readonly status: StepStatus;
  /** The finished phase's figures; null until it finishes. */
  readonly record: PhaseRecordWire | null;
}

/** A stable key for one step of the plan: `1:beliefs-debate`. */
export const stepKey = (step: { readonly epoch: number; readonly phase: string }): string => `${step.epoch}:${step.phase}`;

/** The finished phase of this step, if any. */
export function recordOf(scene: CommunitySceneWire, step: PlanStep): PhaseRecordWire | null {
  return scene.phases.find((p) => p.epoch === step.epoch && p.name === step.phase) ?? null;
}

/** Whether this step is the phase running now. */
export function isRunning(scene: CommunitySceneWire, step: PlanStep): boolean {
  return !scene.done && scene.phase === step.phase && scene.epoch === step.epoch;
}

/** Every step of the plan in order, grouped by epoch, each with its status. */
export function phaseChips(scene: CommunitySceneWire, plan: readonly PlanStep[]): { readonly epoch: number; readonly chips: readonly PhaseChip[] }[] {
  const groups: { epoch: number; chips: PhaseChip[] }[] = [];
  for (const step of plan) {
    const record = recordOf(scene, step);
    const status: StepStatus = record ? 'done' : isRunning(scene, step) ? 'running' : 'waiting';
    let group = groups.at(-1);
    if (group?.epoch !== step.epoch) {
      group = { epoch: step.epoch, chips: [] };
      groups.push(group);
    }
    group.chips.push({ epoch: step.epoch, phase: step.phase, status, record });
  }
  return groups;
}

/** The step the strip explains by default: the running one, else the next to run; null when the run is done. */
export function currentStep(scene: CommunitySceneWire, plan: readonly PlanStep[]): PlanStep | null {
  if (scene.done) return null;
  return plan.find((step) => isRunning(scene, step)) ?? plan.find((step) => !recordOf(scene, step)) ?? null;
}

/** A speedup as "11.4×". */
export const timesText = (speedup: number): string => `${speedup.toFixed(1)}×`;

/** A chip's words: "beliefs-debate · 1.05 s · Σ 12.0 s · 11.4×", plus fallbacks; just the name until it finishes. */
export function chipText(chip: PhaseChip): string {
  const { record } = chip;
  if (!record) return chip.phase;
  if (record.calls === 0) return `${chip.phase} · no calls`;
  const parts = [chip.phase, formatMs(record.wallMs), `Σ ${formatMs(record.sumLatencyMs)}`, timesText(record.speedup)];
  if (record.fallbacks > 0) parts.push(`${record.fallbacks} fell back`);
  return parts.join(' · ');
}

/** What the page knows of the community's size, to count a phase's calls before it finishes. */
export interface CommunitySize {
  readonly personas: number;
  readonly topics: number;
  /** This epoch's chat pairs. */
  readonly pairs: number;
}

/**
 * How many calls a phase makes (scenarios/community/phases.ts): two debaters per topic, one
 * line each way per chat pair, one call per persona otherwise. Reactions and the social belief
 * update skip personas whose feed is empty, so those are `upTo`.
 */
export function expectedCalls(phase: PhaseName, size: CommunitySize): { readonly calls: number; readonly upTo: boolean } {
  switch (phase) {
    case 'debate':
      return { calls: 2 * size.topics, upTo: false };
    case 'chat':
    case 'beliefs-chat':
      return { calls: 2 * size.pairs, upTo: false };
    case 'reactions':
    case 'beliefs-social':
      return { calls: size.personas, upTo: true };
    case 'beliefs-debate':
    case 'posts':
    case 'vote':
      return { calls: size.personas, upTo: false };
  }
}

/** Belief phases keep a persona's beliefs when its call falls back; the others take the mock's answer. */
export const isBeliefPhase = (phase: PhaseName): boolean => phase.startsWith('beliefs-');
