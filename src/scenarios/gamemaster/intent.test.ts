import { describe, expect, it } from 'vitest';
import { intentKey, parseIntent } from './intent.ts';
import { initialState } from './records.ts';
import { likelyActions, suggestions } from './suggest.ts';
import { moveFor } from './turn.ts';
import type { GameState } from './types.ts';
import { distance, spots } from './village.ts';

/** The default village (seed 1): NPC 0 the baker, 1 the grocer, 2 the innkeeper, 3 the guard, 4 the smith, 5 the priest; the player on the square. */
const village = initialState({ seed: 1 });

const parse = (text: string, state: GameState = village): string => intentKey(parseIntent(state, text));

describe('parseIntent: free text to a normalised intent', () => {
  it.each([
    ['I take the bread from the stall', 'take:item:bread@stall'],
    ['take bread from the stall', 'take:item:bread@stall'],
    ['Grab a loaf from the market stall!', 'take:item:bread@stall'],
    ['I take the bread from the bakery', 'take:item:bread@bakery'],
    ['talk to the baker', 'talk:npc:0'],
    ['Say hello to the baker.', 'talk:npc:0'],
    ['attack the guard', 'attack:npc:3'],
    ['punch the smith', 'attack:npc:4'],
    ['give the apple to the innkeeper', 'give:npc:2+apples'],
    ['pay the grocer', 'give:npc:1+coin'],
    ['look around', 'look:-'],
    ['what is here?', 'look:-'],
    ['look at the smith', 'look:npc:4'],
    ['go to the tavern', 'go:place:inn'],
    ['the inn', 'go:place:inn'],
    ['the baker', 'talk:npc:0'],
    ['dance a little jig', 'other:-'],
    ['', 'other:-'],
  ])('%j → %s', (text, key) => {
    expect(parse(text)).toBe(key);
  });

  it('names an NPC by its first name as well as by its trade', () => {
    const baker = village.npcs[0];
    expect(baker?.trade).toBe('baker');
    expect(parse(`talk to ${baker?.name ?? ''}`)).toBe('talk:npc:0');
  });

  it('takes an item from where the player stands when it is sold there, else from the first place that sells it', () => {
    expect(parse('take bread')).toBe('take:item:bread@stall');
    const atBakery = moveFor(village, parseIntent(village, 'go to the bakery'));
    expect(atBakery.player.place).toBe('bakery');
    expect(parse('take bread', atBakery)).toBe('take:item:bread@bakery');
    expect(parse('take the bread from the stall', atBakery)).toBe('take:item:bread@stall');
    // Nothing known to take: no target.
    expect(parse('take the moon')).toBe('take:-');
  });

  it('picks the nearest NPC of a trade when there are several', () => {
    // With 13 NPCs the trades come round again: NPCs 0 and 12 are both bakers.
    const big = initialState({ seed: 1, npcs: 13 });
    expect(big.npcs[12]?.trade).toBe('baker');
    const [first, second] = [spots(big)[0], spots(big)[12]];
    if (!first || !second) throw new Error('spots');
    const nearer = distance(second, big.player) < distance(first, big.player) ? 12 : 0;
    expect(distance(second, big.player)).not.toBe(distance(first, big.player));
    expect(parse('talk to the baker', big)).toBe(`talk:npc:${nearer}`);
    // From the bakery's doorstep (a tie goes to the lower id).
    const atBakery = moveFor(big, parseIntent(big, 'go to the bakery'));
    const nearBakery = distance(second, atBakery.player) < distance(first, atBakery.player) ? 12 : 0;
    expect(parse('talk to the baker', atBakery)).toBe(`talk:npc:${nearBakery}`);
  });
});

describe('suggestions and likely actions', () => {
  it('suggests a few actions that parse to known targets', () => {
    const suggested = suggestions(village);
    expect(suggested.length).toBeGreaterThanOrEqual(3);
    expect(suggested[0]).toBe('look around');
    for (const action of suggested.slice(1)) expect(parseIntent(village, action).target).not.toBeNull();
  });

  it('lists the newest repeat first, one action per intent', () => {
    const likely = likelyActions(village, ['talk to the baker', 'I take the bread', 'take bread'], 4);
    expect(likely[0]).toBe('take bread');
    expect(new Set(likely.map((a) => parse(a))).size).toBe(likely.length);
    expect(likely).toHaveLength(4);
    expect(likely.map((a) => parse(a))).not.toContain(undefined);
  });
});
