/**
 * The mock game master: a small rule model of how a village takes an action. It reads only the
 * bucketed inputs the cache keys hold (cacheKey.ts), so the same key always gets the same answer.
 *
 * Rules (changes are added to the exact values, clamped to −1..1):
 * - An NPC's disposition changes by DISPOSITION_RULES[verb][role], where the role is `target`
 *   (the NPC acted on), `owner` (its wares are taken) or `witness` (anyone else within reach);
 *   a guard who witnesses a take or an attack reacts twice as hard; talk warms an NPC already
 *   cold (bucket ≤ −0.5) a third as much, and any other peaceful action near a cold NPC warms it
 *   by 0.05. The temper scales it: TEMPER_SCALE.up for a rise, .down for a fall.
 * - The world: a take is blocked if a guard stands at the same place, noticed if the owner is
 *   within reach (or the player's reputation is already ≤ −0.5), else allowed; reputation −0.1, −0.1 and −0.05. An
 *   attack is blocked by a guard (unless it is the guard attacked) and costs −0.3 (−0.4 on the
 *   guard). A gift is welcomed, +0.05. An action with no known target is blocked and costs nothing.
 * - Pacing: an attack is the climax; a take is tense (rising while reputation is above −0.5);
 *   talk and gifts calm the scene (a climax only eases to rising); anything else eases it one step.
 * - Background: reputation drifts to the NPCs' mean disposition (0.8 × now + 0.2 × mean); gossip
 *   moves the listener a quarter of the way toward the speaker's disposition (at most ±0.3).
 */
import { targetParts } from './intent.ts';
import { emoteText, consequenceText, beatText } from './mockTexts.ts';
import type { NpcReply, PacingReply, WorldReply } from './replies.ts';
import type { Situation } from './cacheKey.ts';
import { TENSIONS, type Emote, type Intent, type Npc, type Temper, type Tension, type Verb } from './types.ts';

export type Role = 'target' | 'owner' | 'witness';

/** Base change of an NPC's disposition, by verb and role, before its temper. */
export const DISPOSITION_RULES: Readonly<Record<Verb, Readonly<Record<Role, number>>>> = {
  take: { target: 0, owner: -0.25, witness: -0.05 },
  talk: { target: 0.15, owner: 0, witness: 0 },
  give: { target: 0.3, owner: 0, witness: 0.05 },
  attack: { target: -0.6, owner: -0.3, witness: -0.3 },
  look: { target: 0, owner: 0, witness: 0 },
  go: { target: 0, owner: 0, witness: 0 },
  other: { target: 0, owner: 0, witness: 0 },
};

/** How a temper scales a rise (`up`) and a fall (`down`) of disposition. */
export const TEMPER_SCALE: Readonly<Record<Temper, { readonly up: number; readonly down: number }>> = {
  kind: { up: 1.3, down: 0.7 },
  gruff: { up: 0.7, down: 1.3 },
  wary: { up: 0.8, down: 1.1 },
  cheerful: { up: 1.2, down: 0.9 },
  proud: { up: 0.9, down: 1.2 },
  nervous: { up: 1, down: 1 },
};

export const clamp = (value: number, min = -1, max = 1): number => Math.min(max, Math.max(min, value));
const round2 = (value: number): number => Math.round(value * 100) / 100 || 0;

/** What an NPC is to an action. */
export function roleOf(npc: Pick<Npc, 'id' | 'home'>, intent: Intent): Role {
  const parts = targetParts(intent.target);
  if (parts?.kind === 'npc' && Number(parts.id) === npc.id) return 'target';
  if (parts?.kind === 'item' && parts.at === npc.home) return 'owner';
  return 'witness';
}

/** The change of an NPC's disposition an action makes, from the rules above. */
export function dispositionChange(npc: Npc, intent: Intent, dispositionBucket: number): number {
  const role = roleOf(npc, intent);
  let base = DISPOSITION_RULES[intent.verb][role];
  if (intent.verb === 'talk' && role === 'target' && dispositionBucket <= -0.5) base /= 3;
  // Peace wins the wary back, slowly: a quiet action near someone cold warms them a little.
  if (base === 0 && dispositionBucket <= -0.5 && intent.verb !== 'take' && intent.verb !== 'attack') base = 0.05;
  if (npc.trade === 'guard' && role === 'witness' && (intent.verb === 'take' || intent.verb === 'attack')) base *= 2;
  const scale = TEMPER_SCALE[npc.temper];
  return round2(clamp(base > 0 ? base * scale.up : base * scale.down, -0.6, 0.6));
}

/** The face an NPC makes: by the change, else by how it feels about the player. */
export function emoteOf(npc: Npc, intent: Intent, change: number, dispositionBucket: number): Emote {
  if (change < 0 && intent.verb === 'attack' && roleOf(npc, intent) === 'witness') return 'fear';
  if (change <= -0.4) return npc.temper === 'nervous' ? 'fear' : 'angry';
  if (change < 0) return 'frown';
  if (change >= 0.25) return npc.temper === 'cheerful' ? 'laugh' : 'smile';
  if (change > 0) return 'wave';
  if (intent.verb === 'other') return 'shrug';
  return dispositionBucket >= 0.5 ? 'smile' : dispositionBucket <= -0.5 ? 'frown' : 'neutral';
}

/** The mock's reaction of one NPC within reach. */
export function npcReaction(seed: number, npc: Npc, intent: Intent, dispositionBucket: number): NpcReply {
  const disposition = dispositionChange(npc, intent, dispositionBucket);
  const emote = emoteOf(npc, intent, disposition, dispositionBucket);
  return { emote, line: emoteText(seed, npc, roleOf(npc, intent), intent, emote), disposition };
}

/** The mock's judgement of how the world takes the action; `here`: the NPCs within reach who stand at the player's place. */
export function worldReaction(seed: number, intent: Intent, reach: readonly Npc[], situation: Situation, here: readonly Npc[]): WorldReply {
  const reply = (outcome: WorldReply['outcome'], reputation: number): WorldReply => ({
    outcome, reputation, consequence: consequenceText(seed, intent, outcome, reach, situation),
  });
  const guard = reach.find((npc) => npc.trade === 'guard');
  const parts = targetParts(intent.target);
  switch (intent.verb) {
    case 'take': {
      if (parts?.kind !== 'item') return reply('blocked', 0);
      if (here.some((npc) => npc.trade === 'guard')) return reply('blocked', -0.1);
      const owner = reach.some((npc) => npc.home === parts.at);
      return owner || situation.reputation <= -0.5 ? reply('noticed', -0.1) : reply('allowed', -0.05);
    }
    case 'attack':
      if (parts?.kind !== 'npc') return reply('blocked', 0);
      if (guard && guard.id !== Number(parts.id)) return reply('blocked', -0.3);
      return reply('allowed', guard ? -0.4 : -0.3);
    case 'give':
      return parts?.kind === 'npc' ? reply('allowed', 0.05) : reply('blocked', 0);
    case 'talk':
      return reply(parts?.kind === 'npc' ? 'allowed' : 'blocked', 0);
    case 'look':
    case 'go':
    case 'other':
      return reply('allowed', 0);
  }
}

/** The mock's pacing: where the tension goes after this action. */
export function pacingOf(seed: number, intent: Intent, situation: Situation): PacingReply {
  const step = (by: number): Tension => TENSIONS[Math.min(TENSIONS.length - 1, Math.max(0, TENSIONS.indexOf(situation.tension) + by))] ?? 'calm';
  let tension: Tension;
  if (intent.verb === 'attack') tension = 'climax';
  else if (intent.verb === 'take') tension = situation.reputation <= -0.5 ? 'tense' : 'rising';
  else if (intent.verb === 'talk' || intent.verb === 'give') tension = situation.tension === 'climax' ? 'rising' : 'calm';
  else tension = step(-1);
  return { tension, beat: beatText(seed, intent, tension) };
}

/** Reputation after the village has talked: it drifts to the NPCs' mean disposition. */
export function driftedReputation(reputation: number, dispositions: readonly number[]): number {
  if (dispositions.length === 0) return reputation;
  const mean = dispositions.reduce((sum, d) => sum + d, 0) / dispositions.length;
  return round2(clamp(0.8 * reputation + 0.2 * mean));
}

/** How far gossip moves a listener: a quarter of the way toward the speaker, at most ±0.3. */
export function gossipShift(speaker: number, listener: number): number {
  return round2(clamp((speaker - listener) / 4, -0.3, 0.3));
}
