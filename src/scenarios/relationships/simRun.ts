/**
 * One simulation, scene by scene: the scene master sets the scene, the pair act and appraise each
 * other twice, reflect, and the scene master scores their commitment. Inside a simulation every
 * step waits for the one before (both of the pair ask at once within a step); across
 * simulations nothing waits, so many run together on one scheduler. Every change of state is a
 * pure function (`simState.ts`); this only sequences and publishes.
 */
import type { Ask } from '../../brain/ask.ts';
import type { Answer } from '../scenario.ts';
import { actAsk, appraiseAsk, commitAsk, contextAsk, reflectAsk } from './asks.ts';
import { clash, reception, valenceOf, verdictOf } from './rules.ts';
import { applyStep, endScene, finished, type StepCall } from './simState.ts';
import type { ActReply, ContextReply, Emotion, SimState, Speaker, StepName } from './types.ts';

/** Calls per scene: the scene master's two (context, commit) and five of each of the pair. */
export const CALLS_PER_SCENE = 12;

/** What a simulation runs on: its host's way of asking, pausing and publishing. */
export interface SimEnv {
  readonly seed: number;
  /** Puts one ask of `speaker` in simulation `sim` to the scheduler. */
  ask<Res>(sim: number, speaker: Speaker, ask: Ask<Res>): Promise<Answer<Res>>;
  /** Resolves when the next step may begin (a paused page holds it). */
  ready(): Promise<void>;
  now(): number;
  /** The simulation's new state. */
  publish(sim: SimState): void;
  /** The run was cancelled: stop at the next step. */
  cancelled(): boolean;
}

interface Asked<Res> {
  readonly speaker: Speaker;
  readonly ask: Ask<Res>;
  readonly text: (value: Res) => string;
}

/** Runs `start` to its end (done or failed), or until cancelled; resolves with its last state. */
export async function runSim(env: SimEnv, start: SimState): Promise<SimState> {
  let sim = start;
  const step = async <Res>(name: StepName, asked: readonly Asked<Res>[]): Promise<Res[] | null> => {
    await env.ready();
    if (env.cancelled()) return null;
    sim = { ...sim, step: name };
    env.publish(sim);
    const answers = await Promise.all(asked.map((a) => env.ask(sim.id, a.speaker, a.ask)));
    if (env.cancelled()) return null;
    const calls: StepCall[] = answers.map((answer, i) => ({ speaker: asked[i]?.speaker ?? 'master', text: asked[i]?.text(answer.value) ?? '', source: answer.source, record: answer.record }));
    sim = applyStep(sim, name, calls, env.now());
    env.publish(sim);
    return sim.status === 'failed' ? null : answers.map((answer) => answer.value);
  };
  while (sim.status === 'running') {
    const scene = await playScene(env.seed, () => sim, (next) => {
      sim = next;
      env.publish(sim);
    }, step);
    if (!scene) return sim;
    sim = sim.scene >= sim.scenes && sim.commitment.length >= sim.scenes ? finished(sim, env.now()) : sim;
    env.publish(sim);
  }
  return sim;
}

type Step = <Res>(name: StepName, asked: readonly Asked<Res>[]) => Promise<Res[] | null>;

/** One scene's seven steps; false when the simulation failed or was cancelled on the way. */
async function playScene(seed: number, current: () => SimState, set: (sim: SimState) => void, step: Step): Promise<boolean> {
  const context = await step<ContextReply>('context', [{ speaker: 'master', ask: contextAsk(seed, current()), text: (v) => `${v.setting} (about ${v.topic})` }]);
  const setting = context?.[0];
  if (!setting) return false;
  set({ ...current(), setting });
  const valences: [number[], number[]] = [[], []];
  const felt: [Emotion[], Emotion[]] = [[], []];
  let fits = 0;
  let conflicts = 0;
  let last: readonly [ActReply, ActReply] | null = null;
  for (const round of [1, 2] as const) {
    const sim = current();
    const acts = await step<ActReply>(round === 1 ? 'act-1' : 'act-2', ([0, 1] as const).map((who) => ({
      speaker: who,
      ask: actAsk(seed, sim, who, round, last ? last[who === 0 ? 1 : 0] : null),
      text: (v: ActReply) => `[${v.move} · ${v.topic}] ${v.line}`,
    })));
    const [a, b] = acts ?? [];
    if (!a || !b) return false;
    last = [a, b];
    // Rule 1 on the moves as made (the model's or the mock's): fits, conflicts, a clash.
    const clashed = clash(a, b);
    for (const who of [0, 1] as const) {
      const received = reception(last[who === 0 ? 1 : 0].move, last[who === 0 ? 1 : 0].topic, sim.pair[who]);
      valences[who].push(valenceOf(received));
      const verdict = clashed ? 'conflict' : verdictOf(received);
      if (verdict === 'fit') fits++;
      if (verdict === 'conflict') conflicts++;
    }
    const moves = last;
    const appraised = await step(round === 1 ? 'appraise-1' : 'appraise-2', ([0, 1] as const).map((who) => ({
      speaker: who,
      ask: appraiseAsk(seed, current(), who, round, moves[who === 0 ? 1 : 0]),
      text: (v: { emotion: Emotion; intensity: number; why: string }) => `feels ${v.emotion} (${v.intensity.toFixed(2)}): ${v.why}`,
    })));
    if (!appraised) return false;
    const emotions: [Emotion, Emotion] = [appraised[0]?.emotion ?? 'calm', appraised[1]?.emotion ?? 'calm'];
    felt[0].push(emotions[0]);
    felt[1].push(emotions[1]);
    set({ ...current(), emotions });
  }
  const sim = current();
  const reflections = await step('reflect', ([0, 1] as const).map((who) => ({
    speaker: who,
    ask: reflectAsk(seed, sim, who, valences[who], felt[who]),
    text: (v: { reflection: string; affinity: number }) => `${v.reflection} (affinity ${v.affinity.toFixed(2)})`,
  })));
  if (!reflections) return false;
  const after = current();
  set({
    ...after,
    affinity: [reflections[0]?.affinity ?? after.affinity[0], reflections[1]?.affinity ?? after.affinity[1]],
    memories: [[...after.memories[0], reflections[0]?.reflection ?? ''].slice(-4), [...after.memories[1], reflections[1]?.reflection ?? ''].slice(-4)],
  });
  const scored = await step('commit', [{ speaker: 'master', ask: commitAsk(seed, current(), setting, fits, conflicts), text: (v) => `commitment ${v.commitment.toFixed(2)}: ${v.reason}` }]);
  const commitment = scored?.[0];
  if (!commitment) return false;
  set(endScene(current(), commitment.commitment));
  return true;
}
