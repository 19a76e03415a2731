/**
 * The cache key of an assessment: an exact key over normalised inputs. It holds the kind of
 * assessment, the NPC, the normalised intent (verb, target, item), the few things of the world
 * that kind reads, bucketed (a disposition to the nearest 0.5, the part of the day…), the prompt
 * template version and the player. Never the raw prompt text (two wordings of one action share
 * a key; a prompt that quotes exact numbers would share none), and never shared across players.
 *
 * The mock reads exactly these bucketed inputs (rules.ts), so for the mock a hit returns what a
 * call would have answered; a live model's answer is reused within its bucket, which is the
 * point of bucketing.
 */
import { intentKey } from './intent.ts';
import { periodOf } from './village.ts';
import type { GameState, Intent, Period, Tension } from './types.ts';

/** Bump when a prompt or the mock's rules change: older answers are then never reused. */
export const TEMPLATE_VERSION = 1;
export const DISPOSITION_BUCKET = 0.5;
export const REPUTATION_BUCKET = 0.5;

export type AssessmentKind = 'world' | 'pacing' | 'npc' | 'narration';

/** `value` to the nearest multiple of `width` (−0 is 0). */
export function bucket(value: number, width: number): number {
  const rounded = Math.round(value / width) * width;
  return rounded === 0 ? 0 : Math.round(rounded * 1000) / 1000;
}

/** What the world looks like to a turn's assessments, bucketed: the inputs of the mock and of the keys. */
export interface Situation {
  readonly period: Period;
  /** The player's place, or null between places. */
  readonly place: string | null;
  /** The NPCs within reach, by id, ascending. */
  readonly reach: readonly number[];
  readonly reputation: number;
  readonly tension: Tension;
}

/** The situation of `state` with these NPCs within reach. */
export function situationOf(state: GameState, reach: readonly number[]): Situation {
  return {
    period: periodOf(state.turn, state.settings.periodTurns),
    place: state.player.place,
    reach: [...reach].sort((a, b) => a - b),
    reputation: bucket(state.reputation, REPUTATION_BUCKET),
    tension: state.tension,
  };
}

/** The bucketed world parts each kind reads (and so its key holds). */
function worldParts(kind: AssessmentKind, situation: Situation, disposition: number | null): (string | number | null)[] {
  switch (kind) {
    case 'world':
      return [situation.reputation, situation.period, situation.place, situation.reach.join(',')];
    case 'pacing':
      return [situation.reputation, situation.tension];
    case 'npc':
      return [disposition === null ? null : bucket(disposition, DISPOSITION_BUCKET)];
    case 'narration':
      return [situation.reputation, situation.period, situation.place, situation.reach.join(',')];
  }
}

export interface KeyInput {
  readonly player: string;
  readonly kind: AssessmentKind;
  /** The NPC whose reaction it is (npc assessments), else null. */
  readonly npc: number | null;
  /** That NPC's disposition, exact: the key buckets it. */
  readonly disposition: number | null;
  readonly intent: Intent;
  readonly situation: Situation;
}

/** The exact key: a JSON array of the normalised parts, in a fixed order. */
export function assessmentKey(input: KeyInput): string {
  return JSON.stringify(['gm', TEMPLATE_VERSION, input.player, input.kind, input.npc, intentKey(input.intent), ...worldParts(input.kind, input.situation, input.disposition)]);
}
