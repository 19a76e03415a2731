/**
 * Pure changes to one simulation's state. The failure rule lives here: one call that fails (after
 * the scheduler's retries) falls back to the mock for that step alone, as in every scenario; but
 * a simulation whose calls keep failing is no longer the model's, so after FAIL_AFTER calls in a
 * row that fell back it ends `failed`, with the last error in its sentence, and touches no other.
 */
import type { CallRecord } from '../../scheduler/types.ts';
import { pairOf } from './personas.ts';
import { START_COMMITMENT } from './rules.ts';
import type { SimState, Speaker, StepName, TranscriptLine } from './types.ts';

/** Calls in a row that fell back after which a simulation fails. */
export const FAIL_AFTER = 3;

/** Simulation `id` before its first scene. */
export function initialSim(seed: number, id: number, scenes: number, now: number, retries = 0): SimState {
  return {
    id,
    pair: pairOf(seed, id),
    status: 'running',
    scene: 1,
    scenes,
    step: null,
    setting: null,
    emotions: ['calm', 'calm'],
    affinity: [0, 0],
    commitment: [],
    transcript: [],
    memories: [[], []],
    error: null,
    failuresInARow: 0,
    calls: 0,
    fallbacks: 0,
    ownMs: 0,
    startedAt: now,
    endedAt: null,
    retries,
  };
}

/** A call's own time: from its first attempt to its answer (0 if it was never sent). */
export function callMs(record: CallRecord): number {
  return record.startedAt === undefined ? 0 : record.endedAt - record.startedAt;
}

/** What one answered call of a step adds: a transcript line and the failure count. */
export interface StepCall {
  readonly speaker: Speaker;
  readonly text: string;
  readonly source: string;
  readonly record: CallRecord;
}

/**
 * A step's calls, applied: one line each, its longest call added to the simulation's own time
 * (the calls of a step run together), and the failure rule.
 */
export function applyStep(sim: SimState, step: StepName, calls: readonly StepCall[], now: number): SimState {
  let { failuresInARow, fallbacks } = sim;
  let lastError: CallRecord['error'];
  const lines: TranscriptLine[] = [];
  let longest = 0;
  for (const call of calls) {
    const ms = callMs(call.record);
    longest = Math.max(longest, ms);
    lines.push({ scene: sim.scene, step, speaker: call.speaker, text: call.text, source: call.source, ms });
    if (call.source === 'fallback') {
      fallbacks++;
      failuresInARow++;
      lastError = call.record.error ?? lastError;
    } else {
      failuresInARow = 0;
    }
  }
  const next: SimState = { ...sim, step, transcript: [...sim.transcript, ...lines], failuresInARow, fallbacks, calls: sim.calls + calls.length, ownMs: sim.ownMs + longest };
  return failuresInARow >= FAIL_AFTER ? failed(next, step, lastError, now) : next;
}

function failed(sim: SimState, step: StepName, error: CallRecord['error'], now: number): SimState {
  const why = error ? `${error.kind}: ${error.message.replace(/[.\s]+$/, '')}` : 'no reason given';
  return {
    ...sim,
    status: 'failed',
    endedAt: now,
    error: `Simulation ${sim.id} failed at scene ${sim.scene} (${step}) after ${sim.failuresInARow} calls in a row failed (${why}).`,
  };
}

/** The simulation has played its last scene. */
export function finished(sim: SimState, now: number): SimState {
  return { ...sim, status: 'done', step: null, endedAt: now };
}

/** The commitment of the scene just scored, and on to the next scene. */
export function endScene(sim: SimState, commitment: number): SimState {
  const last = sim.scene >= sim.scenes;
  return { ...sim, commitment: [...sim.commitment, commitment], scene: last ? sim.scene : sim.scene + 1, setting: last ? sim.setting : null };
}

/** The commitment before the scene in progress. */
export function commitmentBefore(sim: SimState): number {
  return sim.commitment.at(-1) ?? START_COMMITMENT;
}
