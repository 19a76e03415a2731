/**
 * The mock's model of a relationship, in five small rules. A choice that fits the partner's
 * persona raises commitment, a conflict lowers it; everything is seeded through the draws the
 * caller passes in (uniform numbers in [0, 1)), so the same seed gives the same scenes.
 *
 * 1. Reception: how a move lands with the partner is the move's tone (support +1, share and
 *    compromise +½, tease +½ to someone who likes humour and −½ to anyone else, insist −½,
 *    withdraw −1) plus +1 when its topic is one the partner likes and −1 when it is the one the
 *    partner dislikes. It is a *fit* at ≥ 1 and a *conflict* at ≤ −½; two personas who both
 *    insist on different topics clash: a conflict for both, whatever the tones.
 * 2. Choice: a persona picks a move with weights from its persona (support ∝ warmth, insist ∝
 *    assertiveness, compromise ∝ warmth × (1 − assertiveness), withdraw ∝ (1 − warmth) × 0.4,
 *    tease 0.5 if it likes humour else 0.15, share 0.4), tilted by how it feels (anger doubles
 *    insist and withdraw, sadness doubles withdraw, joy and trust make support and share 1.5×
 *    likelier). It talks about one of its partner's values with probability = warmth, else
 *    about its own dearest value, or the scene's topic when the scene is about one it likes.
 * 3. Appraisal: the reception r of the partner's move sets the emotion: joy at r ≥ 1.5, trust
 *    at r ≥ ½, calm above −½, and below that anger for an assertive persona (≥ ½), sadness for
 *    the rest; intensity min(1, |r| / 2).
 * 4. Reflection: affinity moves half the way of the scene's mean valence (r / 2, clamped to
 *    ±1), and stays within [−1, 1].
 * 5. Commitment: after scene k, c_k = clamp(c_{k−1} + 0.1 × fits − 0.15 × conflicts + 0.1 ×
 *    mean affinity, 0, 1), from c_0 = ½; conflicts weigh more than fits, as they do.
 */
import type { Emotion, Move, Persona, Value } from './types.ts';

export type Verdict = 'fit' | 'conflict' | 'neutral';

/** Commitment before the first scene. */
export const START_COMMITMENT = 0.5;

const TONE: Readonly<Record<Move, number>> = { support: 1, share: 0.5, compromise: 0.5, tease: -0.5, insist: -0.5, withdraw: -1 };

/** Rule 1: how `move` on `topic` lands with `partner`. */
export function reception(move: Move, topic: Value, partner: Persona): number {
  const tone = move === 'tease' && partner.likes.includes('humour') ? 0.5 : TONE[move];
  const fit = partner.likes.includes(topic) ? 1 : topic === partner.dislikes ? -1 : 0;
  return tone + fit;
}

/** Rule 1: a reception's verdict. */
export function verdictOf(received: number): Verdict {
  return received >= 1 ? 'fit' : received <= -0.5 ? 'conflict' : 'neutral';
}

/** Rule 1: both insisting, on different topics, is a clash. */
export function clash(a: { move: Move; topic: Value }, b: { move: Move; topic: Value }): boolean {
  return a.move === 'insist' && b.move === 'insist' && a.topic !== b.topic;
}

/** Rule 2: the move weights of `self` feeling `emotion`. */
export function moveWeights(self: Persona, emotion: Emotion): Readonly<Record<Move, number>> {
  const warm = emotion === 'joy' || emotion === 'trust' ? 1.5 : 1;
  const angry = emotion === 'anger' ? 2 : 1;
  const sad = emotion === 'sadness' ? 2 : 1;
  return {
    support: self.warmth * warm,
    share: 0.4 * warm,
    compromise: self.warmth * (1 - self.assertiveness),
    tease: self.likes.includes('humour') ? 0.5 : 0.15,
    insist: self.assertiveness * angry,
    withdraw: (1 - self.warmth) * 0.4 * angry * sad,
  };
}

/** Rule 2: the move and topic `self` picks, from two uniform draws. */
export function chooseMove(self: Persona, partner: Persona, emotion: Emotion, sceneTopic: Value, u1: number, u2: number): { move: Move; topic: Value } {
  const weights = moveWeights(self, emotion);
  const entries = Object.entries(weights) as [Move, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let left = u1 * total;
  let move: Move = 'share';
  for (const [candidate, weight] of entries) {
    move = candidate;
    left -= weight;
    if (left < 0) break;
  }
  const attentive = u2 < self.warmth;
  // Which of the partner's two values: the second half of the "attentive" range picks the second.
  const topic = attentive ? partner.likes[u2 < self.warmth / 2 ? 0 : 1] : self.likes.includes(sceneTopic) ? sceneTopic : self.likes[0];
  return { move, topic };
}

/** Rule 3: the emotion and intensity of `self` receiving `received`. */
export function appraise(self: Persona, received: number): { emotion: Emotion; intensity: number } {
  const emotion: Emotion =
    received >= 1.5 ? 'joy' : received >= 0.5 ? 'trust' : received > -0.5 ? 'calm' : self.assertiveness >= 0.5 ? 'anger' : 'sadness';
  return { emotion, intensity: Math.min(1, Math.abs(received) / 2) };
}

/** A reception as a valence in [−1, 1]. */
export function valenceOf(received: number): number {
  return clamp(received / 2, -1, 1);
}

/** Rule 4: affinity after a scene whose receptions had these valences. */
export function reflectAffinity(affinity: number, valences: readonly number[]): number {
  if (valences.length === 0) return affinity;
  const mean = valences.reduce((sum, v) => sum + v, 0) / valences.length;
  return round2(clamp(affinity + mean / 2, -1, 1));
}

/** Rule 5: commitment after a scene with these fits and conflicts and the pair's mean affinity. */
export function nextCommitment(previous: number, fits: number, conflicts: number, meanAffinity: number): number {
  return round2(clamp(previous + 0.1 * fits - 0.15 * conflicts + 0.1 * meanAffinity, 0, 1));
}

export function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
