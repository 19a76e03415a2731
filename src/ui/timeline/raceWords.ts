/**
 * What the race's lanes are called and what the race is said to do, per scenario: a grid or a
 * community races independent calls one at a time against all together; relationship simulations
 * race whole simulations one after another against all at once, where each simulation's steps
 * still wait for each other (so a lane's time left cannot be estimated from its calls); a
 * pipeline races its DAG in three modes: one node at a time, level by level, and each node as
 * soon as its inputs are ready (node times differ, so no lane's time left is estimated either).
 */
import { RACE_MAX_SIMS } from '../../protocol/relationshipsScene.ts';
import { formatMs } from './timelineText.ts';
import { formatCount } from '../numbers.ts';

export interface RaceWords {
  readonly sequential: string;
  readonly parallel: string;
  /** The third lane's title, for a race that has one. */
  readonly ready: string;
  /** The race button's words. */
  readonly button: string;
  readonly speedupLabel: string;
  readonly description: string;
  /** Whether a lane's time left may be estimated from its calls (independent calls only). */
  readonly estimates: boolean;
}

const CALLS: RaceWords = {
  sequential: 'One at a time',
  parallel: 'All together',
  ready: 'As soon as ready',
  button: 'Race: one at a time vs all together',
  speedupLabel: 'Speedup (one at a time ÷ all together)',
  description: 'The same calls with the same latencies, sequentially and in parallel, with the mock brain; at most the first 100 agents.',
  estimates: true,
};

const SIMULATIONS: RaceWords = {
  sequential: 'One after another',
  parallel: 'All together',
  ready: 'As soon as ready',
  button: 'Race: one at a time vs all together',
  speedupLabel: 'Speedup (one after another ÷ all together)',
  description: `The whole set of simulations (at most the first ${RACE_MAX_SIMS}) with the same latencies and the mock brain: each simulation to its end before the next begins, against all of them at once.`,
  estimates: false,
};

const PIPELINE: RaceWords = {
  sequential: 'One at a time',
  parallel: 'Level by level',
  ready: 'As soon as ready',
  button: 'Race: one at a time, level by level, as soon as ready',
  speedupLabel: 'Speedup over one at a time',
  description: 'The DAG three ways with the same node times and the mock brain: one node at a time; level by level, each level waiting for its slowest node; and each node as soon as its inputs are ready, which can reach the critical path.',
  estimates: false,
};

/** The race's words for the scenario on show. */
export function raceWords(scenario: string | undefined): RaceWords {
  if (scenario === 'relationships') return SIMULATIONS;
  return scenario === 'pipeline' ? PIPELINE : CALLS;
}

/** Why a relationships race differs from the set: it takes only the first simulations. Null when it took them all. */
export function simsCapText(worldSims: number, scenes: number, latencyMs: number): string | null {
  if (worldSims <= RACE_MAX_SIMS) return null;
  // Seven steps a scene, each one call's latency: what one simulation takes alone.
  const alone = RACE_MAX_SIMS * scenes * 7 * latencyMs;
  return `This race takes the first ${RACE_MAX_SIMS} of the set's ${formatCount(worldSims)} simulations: one after another, ${RACE_MAX_SIMS} already take about ${formatMs(alone)}. The panel above measures the whole set.`;
}
