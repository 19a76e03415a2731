/**
 * From a player's free text to a normalised intent (verb and a known target), and back to a
 * short phrase. A small keyword parser, not a model: it runs before any ask, and it is what lets
 * "take bread" and "I take the bread" share one cache key.
 */
import { placeOf, spots, distance } from './village.ts';
import type { GameState, Intent, Verb } from './types.ts';

const VERB_WORDS: Readonly<Record<Exclude<Verb, 'other'>, readonly string[]>> = {
  take: ['take', 'grab', 'steal', 'pick', 'pocket', 'snatch', 'swipe', 'nick', 'lift'],
  talk: ['talk', 'speak', 'chat', 'ask', 'greet', 'say', 'tell', 'hello', 'hi', 'hail'],
  attack: ['attack', 'hit', 'punch', 'fight', 'kick', 'stab', 'strike', 'shove', 'slap'],
  give: ['give', 'hand', 'offer', 'gift', 'pay'],
  look: ['look', 'examine', 'inspect', 'search', 'observe', 'watch', 'glance', 'survey', 'what', 'where'],
  go: ['go', 'walk', 'head', 'move', 'visit', 'enter', 'run', 'travel', 'return', 'wander'],
};

const ITEM_WORDS: Readonly<Record<string, string>> = {
  bread: 'bread', loaf: 'bread', loaves: 'bread', apple: 'apples', apples: 'apples', cheese: 'cheese', pie: 'pie', pies: 'pie',
  water: 'water', flower: 'flowers', flowers: 'flowers', ale: 'ale', beer: 'ale', stew: 'stew', soup: 'stew', nail: 'nails',
  nails: 'nails', horseshoe: 'horseshoe', candle: 'candle', candles: 'candle', flour: 'flour', fish: 'fish', coin: 'coin',
};

const PLACE_WORDS: Readonly<Record<string, string>> = {
  square: 'square', plaza: 'square', well: 'well', stall: 'stall', market: 'stall', stand: 'stall', bakery: 'bakery',
  bakehouse: 'bakery', inn: 'inn', tavern: 'inn', pub: 'inn', smithy: 'smithy', forge: 'smithy', chapel: 'chapel',
  church: 'chapel', mill: 'mill', dock: 'dock', docks: 'dock', harbour: 'dock', pier: 'dock',
};

const TRADE_WORDS: Readonly<Record<string, string>> = {
  baker: 'baker', grocer: 'grocer', stallkeeper: 'grocer', innkeeper: 'innkeeper', barkeep: 'innkeeper', guard: 'guard',
  watchman: 'guard', smith: 'smith', blacksmith: 'smith', priest: 'priest', miller: 'miller', fisher: 'fisher',
  fisherman: 'fisher', carrier: 'water carrier', weaver: 'weaver', herbalist: 'herbalist', farmer: 'farmer',
};

/** The words of a text, lower case, punctuation dropped. */
export function words(text: string): string[] {
  return text.toLowerCase().replace(/[^a-z\s']/g, ' ').replace(/'s\b/g, '').split(/\s+/).filter((w) => w !== '');
}

function verbOf(tokens: readonly string[]): Verb | null {
  for (const token of tokens) {
    for (const [verb, list] of Object.entries(VERB_WORDS) as [Verb, readonly string[]][]) if (list.includes(token)) return verb;
  }
  return null;
}

/** The NPC a text names (by first name, or by trade: the nearest with it), or null. */
function npcOf(state: GameState, tokens: readonly string[]): number | null {
  const byName = state.npcs.filter((npc) => tokens.includes(npc.name.split(' ')[0]?.toLowerCase() ?? ''));
  const trades = tokens.map((t) => TRADE_WORDS[t]).filter((t): t is string => t !== undefined);
  const candidates = byName.length > 0 ? byName : state.npcs.filter((npc) => trades.includes(npc.trade));
  if (candidates.length === 0) return null;
  const where = spots(state);
  const far = (id: number): number => {
    const spot = where[id];
    return spot ? distance(spot, state.player) : Infinity;
  };
  return [...candidates].sort((a, b) => far(a.id) - far(b.id) || a.id - b.id)[0]?.id ?? null;
}

function firstOf(tokens: readonly string[], table: Readonly<Record<string, string>>): string | null {
  for (const token of tokens) {
    const found = table[token];
    if (found !== undefined) return found;
  }
  return null;
}

/** Where an item is taken from: the place named, else here if it is sold here, else the first place selling it. */
function sourceOf(state: GameState, item: string, named: string | null): string | null {
  const sells = (id: string | null): boolean => placeOf(state, id)?.wares.includes(item) ?? false;
  if (named !== null && sells(named)) return named;
  if (sells(state.player.place)) return state.player.place;
  return state.places.find((place) => place.wares.includes(item))?.id ?? null;
}

/** The normalised intent of `text` in this state. */
export function parseIntent(state: GameState, text: string): Intent {
  const tokens = words(text);
  const npc = npcOf(state, tokens);
  const place = firstOf(tokens, PLACE_WORDS);
  const item = firstOf(tokens, ITEM_WORDS);
  const verb = verbOf(tokens) ?? (npc !== null ? 'talk' : place !== null ? 'go' : 'other');
  const npcTarget = npc === null ? null : `npc:${npc}`;
  const placeTarget = place === null ? null : `place:${place}`;
  switch (verb) {
    case 'take': {
      const from = item === null || item === 'coin' ? null : sourceOf(state, item, place);
      return { verb, target: from === null || item === null ? null : `item:${item}@${from}`, item: null };
    }
    case 'talk':
    case 'attack':
      return { verb, target: npcTarget, item: null };
    case 'give':
      return { verb, target: npcTarget, item: npcTarget === null ? null : item ?? 'coin' };
    case 'look': {
      const from = item === null ? null : sourceOf(state, item, place);
      return { verb, target: npcTarget ?? (from !== null && item !== null ? `item:${item}@${from}` : placeTarget), item: null };
    }
    case 'go':
      return { verb, target: placeTarget ?? npcTarget, item: null };
    case 'other':
      return { verb, target: null, item: null };
  }
}

/** The intent as one exact string: what the cache key holds of the action. */
export function intentKey(intent: Intent): string {
  return `${intent.verb}:${intent.target ?? '-'}${intent.item === null ? '' : `+${intent.item}`}`;
}

/** A target's parts: `npc:3` → { kind: 'npc', id: '3' }; `item:bread@stall` → { kind: 'item', id: 'bread', at: 'stall' }. */
export function targetParts(target: string | null): { kind: 'npc' | 'place' | 'item'; id: string; at: string | null } | null {
  if (target === null) return null;
  const [kind, rest = ''] = target.split(':') as [string, string | undefined];
  if (kind === 'item') {
    const [id = '', at = null] = rest.split('@');
    return { kind, id, at };
  }
  return kind === 'npc' || kind === 'place' ? { kind, id: rest, at: null } : null;
}

/** The NPC an intent is aimed at, or null. */
export function targetNpc(intent: Intent): number | null {
  const parts = targetParts(intent.target);
  return parts?.kind === 'npc' ? Number(parts.id) : null;
}

/** The place an intent takes the player to: the target place, the item's place, the NPC's place; null stays. */
export function destinationOf(state: GameState, intent: Intent): { x: number; y: number; place: string | null } | null {
  const parts = targetParts(intent.target);
  if (parts === null || intent.verb === 'look') return null;
  // To an NPC: to the place it stands at (NPCs stand around a place's cell, so next to it).
  const placeId = parts.kind === 'npc' ? (spots(state)[Number(parts.id)]?.place ?? null) : parts.kind === 'item' ? parts.at : parts.id;
  const place = placeOf(state, placeId);
  return place ? { x: place.x, y: place.y, place: place.id } : null;
}
