/**
 * What the player might do next: a few suggested actions from the state (shown as buttons), and
 * the likely next actions a prefetch asks about (the suggestions and the player's own repeats).
 */
import { intentKey, parseIntent } from './intent.ts';
import type { GameState } from './types.ts';
import { placeOf, reachOf } from './village.ts';

/** Up to four actions that make sense here: look, talk to the friendliest, take a ware, give or go on. */
export function suggestions(state: GameState): string[] {
  const reach = reachOf(state).map((id) => state.npcs[id]).filter((npc) => npc !== undefined);
  const out = ['look around'];
  const friendliest = [...reach].sort((a, b) => b.disposition - a.disposition || a.id - b.id)[0];
  if (friendliest) out.push(`talk to the ${friendliest.trade}`);
  const here = placeOf(state, state.player.place);
  const ware = here?.wares[0];
  if (here && ware) out.push(`take the ${ware} from ${here.name}`);
  const coldest = [...reach].sort((a, b) => a.disposition - b.disposition || a.id - b.id)[0];
  const gift = state.player.inventory.at(-1);
  if (gift && coldest) {
    out.push(`give the ${gift} to the ${coldest.trade}`);
  } else {
    // On to the next place round the village.
    const index = state.places.findIndex((place) => place.id === state.player.place);
    const next = state.places[(index + 1) % state.places.length];
    if (next) out.push(`go to ${next.name}`);
  }
  return out;
}

/** The likely next actions, one per distinct intent: the suggestions, then the latest of `recent` (newest last). */
export function likelyActions(state: GameState, recent: readonly string[], count: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const action of [...recent.slice(-3).reverse(), ...suggestions(state)]) {
    const key = intentKey(parseIntent(state, action));
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(action);
    if (out.length >= count) break;
  }
  return out;
}
