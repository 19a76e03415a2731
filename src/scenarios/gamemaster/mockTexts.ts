/**
 * The mock's words: templates filled from the (bucketed) state, so what is said matches what
 * happened. A seeded pick over the same inputs varies the wording, and the same inputs always
 * read the same.
 */
import { hash32 } from '../../sim/rng.ts';
import type { Situation } from './cacheKey.ts';
import { targetParts } from './intent.ts';
import type { Role } from './rules.ts';
import type { Emote, Intent, Npc, Outcome, Period, Tension } from './types.ts';

const SALT_WORDING = 0x776f7264;

/** FNV-1a of a text, for picks keyed by words. */
export function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}

function pick(options: readonly string[], ...draw: number[]): string {
  return options[hash32(SALT_WORDING, ...draw) % options.length] ?? options[0] ?? '';
}

const ITEMS: Readonly<Record<string, string>> = {
  bread: 'a loaf of bread', apples: 'an apple', cheese: 'a wedge of cheese', pie: 'a pie', water: 'a cup of water',
  flowers: 'a bunch of flowers', ale: 'a mug of ale', stew: 'a bowl of stew', nails: 'a handful of nails',
  horseshoe: 'a horseshoe', candle: 'a candle', flour: 'a sack of flour', fish: 'a fish', coin: 'a coin',
};

export function itemText(item: string): string {
  return ITEMS[item] ?? `some ${item}`;
}

/** "Greta the baker". */
export function npcText(npc: Pick<Npc, 'name' | 'trade'>): string {
  return `${npc.name} the ${npc.trade}`;
}

/** Names the things an intent points at. */
export interface Namer {
  npc(id: number): string;
  place(id: string | null): string;
}

/** What the player does, in the second person without "you": "take a loaf of bread from the market stall". */
export function actionPhrase(intent: Intent, names: Namer): string {
  const parts = targetParts(intent.target);
  const who = parts?.kind === 'npc' ? names.npc(Number(parts.id)) : 'no one in particular';
  const item = parts?.kind === 'item' ? itemText(parts.id) : 'nothing';
  switch (intent.verb) {
    case 'take':
      return parts?.kind === 'item' ? `take ${item} from ${names.place(parts.at)}` : 'reach for something that is not there';
    case 'talk':
      return `talk to ${who}`;
    case 'attack':
      return `attack ${who}`;
    case 'give':
      return `give ${itemText(intent.item ?? 'coin')} to ${who}`;
    case 'look':
      if (parts === null) return 'look around';
      return parts.kind === 'place' ? `look over ${names.place(parts.id)}` : `look at ${parts.kind === 'item' ? item : who}`;
    case 'go':
      return parts?.kind === 'npc' ? `walk over to ${who}` : `go to ${names.place(parts?.id ?? null)}`;
    case 'other':
      return 'hesitate, unsure what to do';
  }
}

const LINES: Readonly<Record<Emote, readonly string[]>> = {
  angry: ['"Put that back, thief!" {name} snaps.', '{name} glares at you, fists clenched.', '"You will pay for that," {name} growls.'],
  fear: ['{name} backs away, pale.', '"Please, no trouble," {name} whispers.', '{name} looks for a way out.'],
  frown: ['{name} frowns at you.', '"Hm," says {name}, unimpressed.', '{name} shakes their head.'],
  neutral: ['{name} barely looks up.', '{name} nods and goes on working.', '{name} watches you quietly.'],
  shrug: ['{name} shrugs.', '{name} raises an eyebrow.', '"Suit yourself," says {name}.'],
  wave: ['{name} gives you a small wave.', '"Well met," says {name}.', '{name} nods warmly.'],
  smile: ['{name} smiles at you.', '"Good to see you," says {name}.', '{name} beams.'],
  laugh: ['{name} laughs out loud.', '"You made my day!" cries {name}.', '{name} claps you on the shoulder, laughing.'],
};

/** What an NPC says or does, by the face it makes. */
export function emoteText(seed: number, npc: Npc, role: Role, intent: Intent, emote: Emote): string {
  const line = pick(LINES[emote], seed, npc.id, textHash(`${intent.verb}|${intent.target ?? ''}|${role}`));
  return line.replace('{name}', npcText(npc));
}

/** One sentence on what the action changed. */
export function consequenceText(seed: number, intent: Intent, outcome: Outcome, reach: readonly Npc[], situation: Situation): string {
  const guard = reach.find((npc) => npc.trade === 'guard');
  const draw: number[] = [seed, textHash(`${intent.verb}|${intent.target ?? ''}|${outcome}`), situation.reach.length];
  if (outcome === 'blocked') {
    if (guard && (intent.verb === 'take' || intent.verb === 'attack')) return `${npcText(guard)} steps in and stops you.`;
    return pick(['Nothing comes of it.', 'There is nothing like that here.', 'It goes nowhere.'], ...draw);
  }
  if (outcome === 'noticed') return pick(['Someone saw that.', 'Heads turn your way.', 'It does not go unnoticed.'], ...draw);
  switch (intent.verb) {
    case 'take':
      return pick(['Nobody seems to notice.', 'You slip it into your bag.'], ...draw);
    case 'attack':
      return pick(['The blow lands; the village will hear of it.', 'A scuffle breaks out.'], ...draw);
    case 'give':
      return pick(['The gift is taken gladly.', 'Your kindness is noted.'], ...draw);
    default:
      return pick(['Life in the village goes on.', 'The day goes on around you.', 'All is as it was.'], ...draw);
  }
}

const BEATS: Readonly<Record<Tension, readonly string[]>> = {
  calm: ['Let the village breathe.', 'A quiet moment: room to explore.', 'Nothing presses; the player may wander.'],
  rising: ['Something is stirring.', 'A hint of trouble ahead.', 'Curiosity and unease grow.'],
  tense: ['Eyes are on the player now.', 'One wrong move and it boils over.', 'The air is tight.'],
  climax: ['This is the moment everything turns.', 'Violence: the village will not forget.', 'All hold their breath.'],
};

export function beatText(seed: number, intent: Intent, tension: Tension): string {
  return pick(BEATS[tension], seed, textHash(`${intent.verb}|${intent.target ?? ''}`));
}

const OPENERS: Readonly<Record<Period, string>> = {
  morning: 'Morning light', noon: 'The noon sun', evening: 'Evening falls', night: 'Night lies',
};

/** The narration: where, what you do, who is near, and the mood. */
export function narrationText(seed: number, intent: Intent, situation: Situation, reach: readonly Npc[], names: Namer): string {
  const where = situation.place === null ? 'the lanes of the village' : names.place(situation.place);
  const near = reach.slice(0, 3).map(npcText);
  const who =
    near.length === 0 ? 'No one is near.'
    : near.length === 1 ? `${near[0] ?? ''} is close by.`
    : `${near.slice(0, -1).join(', ')} and ${near.at(-1) ?? ''} are close by${reach.length > 3 ? ', with others' : ''}.`;
  const mood =
    situation.reputation <= -0.5 ? ' Whispers follow you.'
    : situation.reputation >= 0.5 ? ' People nod as you pass.'
    : pick(['', ' A dog barks somewhere.', ' Smoke curls from a chimney.'], seed, textHash(`${intent.verb}|${situation.place ?? ''}`));
  return `${OPENERS[situation.period]} over ${where}. You ${actionPhrase(intent, names)}. ${who}${mood}`;
}

/** What an NPC keeps of a turn. */
export function memoryText(npc: Npc, action: string, emote: Emote): string {
  const felt = emote === 'angry' || emote === 'fear' || emote === 'frown' ? 'I did not like it' : emote === 'smile' || emote === 'laugh' || emote === 'wave' ? 'I liked that' : 'I kept my thoughts to myself';
  return `The stranger: "${action.slice(0, 80)}". ${felt}, as ${npc.trade === 'guard' ? 'the guard' : `the ${npc.trade}`}.`;
}

export function gossipText(speaker: Npc, listener: Npc, disposition: number): string {
  const opinion = disposition <= -0.3 ? 'is trouble, mark my words' : disposition >= 0.3 ? 'is a good sort' : 'is hard to read';
  return `${npcText(speaker)} tells ${npcText(listener)}: "That stranger ${opinion}."`;
}

export function reputationText(reputation: number): string {
  if (reputation <= -0.5) return 'The village thinks you are trouble.';
  if (reputation < -0.15) return 'The village is wary of you.';
  if (reputation >= 0.5) return 'The village is fond of you.';
  if (reputation > 0.15) return 'The village is warming to you.';
  return 'The village has not made up its mind about you.';
}
