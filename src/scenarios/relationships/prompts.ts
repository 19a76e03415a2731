/**
 * What a live model is told for each step of a simulation: who is speaking, who the partner is,
 * the scene, and what has happened in it so far, then the reply's shape. Words from the
 * simulation are quoted as JSON strings and clipped, so none can pass for an instruction.
 */
import { describePersona } from './personas.ts';
import { commitmentBefore } from './simState.ts';
import type { ActReply, ContextReply, SimState } from './types.ts';

const MAX_QUOTE = 240;
const RECENT_LINES = 6;

function quote(text: string): string {
  return JSON.stringify(text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text);
}

function pairLines(sim: SimState): string[] {
  const [a, b] = sim.pair;
  return [`${a.name}: ${describePersona(a)}.`, `${b.name}: ${describePersona(b)}.`];
}

function recent(sim: SimState): string[] {
  const lines = sim.transcript.filter((line) => line.scene === sim.scene).slice(-RECENT_LINES);
  if (lines.length === 0) return [];
  return ['What has happened in this scene so far:', ...lines.map((line) => `- ${line.speaker === 'master' ? 'Scene master' : sim.pair[line.speaker].name}: ${quote(line.text)}`)];
}

function speaker(sim: SimState, who: 0 | 1): string[] {
  const self = sim.pair[who];
  const partner = sim.pair[who === 0 ? 1 : 0];
  return [
    `You are ${self.name} (${describePersona(self)}), in a relationship with ${partner.name} (${describePersona(partner)}).`,
    `Scene ${sim.scene} of ${sim.scenes}: ${quote(sim.setting?.setting ?? '')}`,
    `You feel ${sim.emotions[who]}; your affinity for ${partner.name} is ${sim.affinity[who].toFixed(2)} (-1 cold, 1 close).`,
    ...sim.memories[who].slice(-2).map((memory) => `You remember: ${quote(memory)}`),
    ...recent(sim),
    '',
  ];
}

/** The scene master sets scene `sim.scene`. */
export function contextPrompt(sim: SimState): string {
  return [
    `You are the scene master of a relationship simulation between two people:`,
    ...pairLines(sim),
    `Set scene ${sim.scene} of ${sim.scenes}: a situation that tests them. Commitment so far: ${sim.commitment.map((c) => c.toFixed(2)).join(', ') || 'none yet'}.`,
    'Answer with one JSON object: {"setting": one sentence, "topic": one of adventure, security, humour, ambition, family, art}.',
  ].join('\n');
}

/** One of the pair chooses and acts in interaction `round` (1 or 2). */
export function actPrompt(sim: SimState, who: 0 | 1, round: number, partnerLast: ActReply | null): string {
  const partner = sim.pair[who === 0 ? 1 : 0];
  return [
    ...speaker(sim, who),
    partnerLast ? `Last time ${partner.name} chose to ${partnerLast.move} about ${partnerLast.topic}.` : `This is interaction ${round} of the scene.`,
    'Choose what you do. Answer with one JSON object: {"move": support|share|compromise|tease|insist|withdraw, "topic": adventure|security|humour|ambition|family|art, "line": what you say}.',
  ].join('\n');
}

/** One of the pair appraises the partner's move. */
export function appraisePrompt(sim: SimState, who: 0 | 1, partnerAct: ActReply): string {
  const partner = sim.pair[who === 0 ? 1 : 0];
  return [
    ...speaker(sim, who),
    `${partner.name} just chose to ${partnerAct.move} about ${partnerAct.topic} and said ${quote(partnerAct.line)}.`,
    'How do you feel about it? Answer with one JSON object: {"emotion": joy|trust|calm|sadness|anger, "intensity": 0 to 1, "why": one short sentence}.',
  ].join('\n');
}

/** One of the pair reflects on the scene. */
export function reflectPrompt(sim: SimState, who: 0 | 1): string {
  return [
    ...speaker(sim, who),
    'The scene is over. Reflect on it. Answer with one JSON object: {"reflection": one or two sentences, "affinity": how you now feel about your partner, -1 to 1}.',
  ].join('\n');
}

/** The scene master scores the pair's commitment after the scene. */
export function commitPrompt(sim: SimState, setting: ContextReply): string {
  return [
    'You are the scene master of a relationship simulation between two people:',
    ...pairLines(sim),
    `Scene ${sim.scene} of ${sim.scenes} was: ${quote(setting.setting)}`,
    ...recent(sim),
    `Their affinities now: ${sim.affinity.map((a) => a.toFixed(2)).join(' and ')}. Commitment before this scene: ${commitmentBefore(sim).toFixed(2)}.`,
    'Score their commitment to each other now. Answer with one JSON object: {"commitment": 0 to 1, "reason": one sentence}.',
  ].join('\n');
}
