/**
 * What the page reads of a set of simulations: the contract's scene (each simulation's status,
 * scene and commitment; the set's wall time, sum and speedup), a card per simulation, and the
 * transcript of the one that is open. Derived from the run's state, never stored.
 */
import type { PassFigures } from './relationshipsRun.ts';
import type { Emotion, Persona, SimState, Status, TranscriptLine } from './types.ts';

export interface SimCard {
  readonly id: number;
  readonly status: Status;
  readonly scene: number;
  readonly scenes: number;
  readonly commitment: readonly number[];
  readonly error: string | null;
  readonly names: readonly [string, string];
  readonly hues: readonly [number, number];
  readonly emotions: readonly [Emotion, Emotion];
  readonly step: string | null;
  readonly calls: number;
  readonly fallbacks: number;
  readonly ownMs: number;
  readonly retries: number;
  readonly retrying: boolean;
}

export interface RelationshipsScene {
  readonly sims: readonly SimCard[];
  readonly wallMs: number | null;
  readonly sumMs: number | null;
  readonly floorMs: number | null;
  readonly speedup: number | null;
  readonly spread: number | null;
  readonly elapsedMs: number | null;
  readonly running: number;
  readonly done: number;
  readonly failed: number;
}

export interface SimDetail {
  readonly id: number;
  readonly status: Status;
  readonly error: string | null;
  readonly pair: readonly [Persona, Persona];
  readonly setting: string | null;
  readonly affinity: readonly [number, number];
  readonly emotions: readonly [Emotion, Emotion];
  readonly commitment: readonly number[];
  readonly memories: readonly [readonly string[], readonly string[]];
  readonly transcript: readonly TranscriptLine[];
  readonly calls: number;
  readonly fallbacks: number;
  readonly ownMs: number;
  readonly retries: number;
}

/** One simulation's card. */
export function cardOf(sim: SimState, retrying: boolean): SimCard {
  return {
    id: sim.id,
    status: sim.status,
    scene: sim.scene,
    scenes: sim.scenes,
    commitment: sim.commitment,
    error: sim.error,
    names: [sim.pair[0].name, sim.pair[1].name],
    hues: [sim.pair[0].hue, sim.pair[1].hue],
    emotions: sim.emotions,
    step: sim.step,
    calls: sim.calls,
    fallbacks: sim.fallbacks,
    ownMs: sim.ownMs,
    retries: sim.retries,
    retrying,
  };
}

/**
 * The scene: the first pass's figures once it has ended (a retry afterwards is its own run and
 * does not change them), and the counts as they stand now.
 */
export function sceneOf(sims: readonly SimState[], figures: PassFigures | null, began: number | null, now: number, retrying: ReadonlySet<number>): RelationshipsScene {
  let running = 0;
  let done = 0;
  let failed = 0;
  for (const sim of sims) {
    if (sim.status === 'running') running++;
    else if (sim.status === 'done') done++;
    else failed++;
  }
  return {
    sims: sims.map((sim) => cardOf(sim, retrying.has(sim.id))),
    wallMs: figures?.wallMs ?? null,
    sumMs: figures?.sumMs ?? null,
    floorMs: figures?.floorMs ?? null,
    speedup: figures?.speedup ?? null,
    spread: figures?.spread ?? null,
    elapsedMs: began === null ? null : (figures?.wallMs ?? now - began),
    running,
    done,
    failed,
  };
}

/** The open simulation in full. */
export function detailOf(sim: SimState): SimDetail {
  return {
    id: sim.id,
    status: sim.status,
    error: sim.error,
    pair: sim.pair,
    setting: sim.setting?.setting ?? null,
    affinity: sim.affinity,
    emotions: sim.emotions,
    commitment: sim.commitment,
    memories: sim.memories,
    transcript: sim.transcript,
    calls: sim.calls,
    fallbacks: sim.fallbacks,
    ownMs: sim.ownMs,
    retries: sim.retries,
  };
}

/** Every simulation's transcript and scores, for export. */
export function exportOf(sims: readonly SimState[], figures: PassFigures | null, settings: object): object {
  return {
    scenario: 'relationships',
    settings,
    figures,
    sims: sims.map((sim) => ({ ...detailOf(sim), pair: sim.pair.map((p) => ({ ...p })) })),
  };
}
