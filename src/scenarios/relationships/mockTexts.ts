/** The mock's words: settings, lines, appraisals and reflections from templates over the rules' choices. */
import type { Verdict } from './rules.ts';
import type { Emotion, Move, Persona, Value } from './types.ts';

/** A setting per value a scene can be about. */
export const SETTINGS: Readonly<Record<Value, string>> = {
  adventure: 'A weekend hike takes a wrong turn off the trail.',
  security: 'Rent is due, and the savings talk cannot wait any longer.',
  humour: 'An open-mic night; one of them has signed up to perform.',
  ambition: 'A job offer arrives from a company in another city.',
  family: 'Dinner with the parents, who have opinions.',
  art: 'A gallery opening where a friend shows new work.',
};

const LINES: Readonly<Record<Move, (topic: Value) => string>> = {
  support: (topic) => `I'm with you on ${topic}. Tell me more.`,
  share: (topic) => `Can I tell you why ${topic} matters so much to me?`,
  compromise: (topic) => `Let's meet halfway: some ${topic}, and some of what you want.`,
  tease: (topic) => `Oh, ${topic} again? You're impossible.`,
  insist: (topic) => `No, this time it's about ${topic}, and I mean it.`,
  withdraw: (topic) => `I'd rather not talk about ${topic} right now.`,
};

/** What a persona says with `move` about `topic`. */
export function lineOf(move: Move, topic: Value): string {
  return LINES[move](topic);
}

const FELT: Readonly<Record<Verdict, string>> = { fit: 'felt right', conflict: 'hurt', neutral: 'left me unmoved' };

/** Why a persona feels as it does about its partner's move. */
export function whyOf(partner: Persona, move: Move, topic: Value, verdict: Verdict): string {
  return `${partner.name}'s ${move} on ${topic} ${FELT[verdict]}.`;
}

/** A persona's reflection at the end of a scene. */
export function reflectionOf(self: Persona, partner: Persona, scene: number, emotions: readonly Emotion[], affinity: number): string {
  const mood = emotions.length === 0 ? 'calm' : emotions.join(' then ');
  const drift = affinity >= 0.3 ? `I feel close to ${partner.name}.` : affinity <= -0.3 ? `${partner.name} and I keep missing each other.` : `I'm still working ${partner.name} out.`;
  return `Scene ${scene} (${self.name}): ${mood}. ${drift}`;
}

/** The scene master's reason for a score. */
export function reasonOf(fits: number, conflicts: number, meanAffinity: number): string {
  const sign = meanAffinity >= 0 ? '+' : '−';
  return `${fits} fit${fits === 1 ? '' : 's'}, ${conflicts} conflict${conflicts === 1 ? '' : 's'}, mean affinity ${sign}${Math.abs(meanAffinity).toFixed(2)}.`;
}
