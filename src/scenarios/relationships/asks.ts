/**
 * A simulation's questions as asks: each pairs a prompt and reply shape for a live model with the
 * mock's answer from the rules (`rules.ts`), which is also what a failed call falls back to.
 * Draws are keyed by simulation, scene, step and speaker, never by the order calls run in.
 */
import type { Ask, DrawKey } from '../../brain/ask.ts';
import { uniformFrom } from '../../sim/rng.ts';
import { lineOf, reasonOf, reflectionOf, SETTINGS, whyOf } from './mockTexts.ts';
import { actPrompt, appraisePrompt, commitPrompt, contextPrompt, reflectPrompt } from './prompts.ts';
import { actReply, appraisalReply, commitReply, contextReply, reflectReply } from './replies.ts';
import { appraise, chooseMove, nextCommitment, reception, reflectAffinity, verdictOf } from './rules.ts';
import { commitmentBefore } from './simState.ts';
import {
  STEPS, VALUES,
  type ActReply, type AppraisalReply, type CommitReply, type ContextReply, type Emotion, type ReflectReply, type SimState, type StepName,
} from './types.ts';

const SALT_TOPIC = 0x746f7063;
const SALT_MOVE = 0x6d6f7665;

/** The asker's number: three per simulation (the scene master, then the pair). */
export function askerOf(sim: number, speaker: 'master' | 0 | 1): number {
  return sim * 3 + (speaker === 'master' ? 0 : speaker + 1);
}

function drawOf(seed: number, sim: SimState, step: StepName, speaker: 'master' | 0 | 1): DrawKey {
  return { seed, who: askerOf(sim.id, speaker), when: sim.scene * STEPS.length + STEPS.indexOf(step) };
}

function other(who: 0 | 1): 0 | 1 {
  return who === 0 ? 1 : 0;
}

/** The scene master sets the scene: the mock draws what it is about. */
export function contextAsk(seed: number, sim: SimState): Ask<ContextReply> {
  const topic = VALUES[Math.floor(uniformFrom(seed, sim.id, sim.scene, SALT_TOPIC) * VALUES.length)] ?? 'family';
  return {
    draw: drawOf(seed, sim, 'context', 'master'),
    prompt: () => contextPrompt(sim),
    ...contextReply,
    answer: () => ({ setting: SETTINGS[topic], topic }),
    label: `Mock: the scene master sets scene ${sim.scene} of simulation ${sim.id}.`,
  };
}

/** One of the pair acts in interaction `round`: the mock chooses by rule 2. */
export function actAsk(seed: number, sim: SimState, who: 0 | 1, round: 1 | 2, partnerLast: ActReply | null): Ask<ActReply> {
  const self = sim.pair[who];
  const partner = sim.pair[other(who)];
  const step: StepName = round === 1 ? 'act-1' : 'act-2';
  const u1 = uniformFrom(seed, sim.id, sim.scene, round, who, SALT_MOVE);
  const u2 = uniformFrom(seed, sim.id, sim.scene, round, who, SALT_TOPIC);
  return {
    draw: drawOf(seed, sim, step, who),
    prompt: () => actPrompt(sim, who, round, partnerLast),
    ...actReply,
    answer: () => {
      const { move, topic } = chooseMove(self, partner, sim.emotions[who], sim.setting?.topic ?? self.likes[0], u1, u2);
      return { move, topic, line: lineOf(move, topic) };
    },
    label: `Mock: ${self.name} acts (simulation ${sim.id}, scene ${sim.scene}, interaction ${round}).`,
  };
}

/** One of the pair appraises the partner's move: the mock feels by rule 3. */
export function appraiseAsk(seed: number, sim: SimState, who: 0 | 1, round: 1 | 2, partnerAct: ActReply): Ask<AppraisalReply> {
  const self = sim.pair[who];
  const partner = sim.pair[other(who)];
  return {
    draw: drawOf(seed, sim, round === 1 ? 'appraise-1' : 'appraise-2', who),
    prompt: () => appraisePrompt(sim, who, partnerAct),
    ...appraisalReply,
    answer: () => {
      const received = reception(partnerAct.move, partnerAct.topic, self);
      return { ...appraise(self, received), why: whyOf(partner, partnerAct.move, partnerAct.topic, verdictOf(received)) };
    },
    label: `Mock: ${self.name} appraises ${partner.name}'s move (simulation ${sim.id}, scene ${sim.scene}).`,
  };
}

/** One of the pair reflects: the mock's affinity follows rule 4 over the scene's receptions. */
export function reflectAsk(seed: number, sim: SimState, who: 0 | 1, valences: readonly number[], felt: readonly Emotion[]): Ask<ReflectReply> {
  const self = sim.pair[who];
  const partner = sim.pair[other(who)];
  return {
    draw: drawOf(seed, sim, 'reflect', who),
    prompt: () => reflectPrompt(sim, who),
    ...reflectReply,
    answer: () => {
      const affinity = reflectAffinity(sim.affinity[who], valences);
      return { affinity, reflection: reflectionOf(self, partner, sim.scene, felt, affinity) };
    },
    label: `Mock: ${self.name} reflects (simulation ${sim.id}, scene ${sim.scene}).`,
  };
}

/** The scene master scores commitment: the mock by rule 5. */
export function commitAsk(seed: number, sim: SimState, setting: ContextReply, fits: number, conflicts: number): Ask<CommitReply> {
  const previous = commitmentBefore(sim);
  const meanAffinity = (sim.affinity[0] + sim.affinity[1]) / 2;
  return {
    draw: drawOf(seed, sim, 'commit', 'master'),
    prompt: () => commitPrompt(sim, setting),
    ...commitReply,
    answer: () => ({ commitment: nextCommitment(previous, fits, conflicts, meanAffinity), reason: reasonOf(fits, conflicts, meanAffinity) }),
    label: `Mock: the scene master scores simulation ${sim.id} after scene ${sim.scene}.`,
  };
}
