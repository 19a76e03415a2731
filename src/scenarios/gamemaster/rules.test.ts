import { describe, expect, it } from 'vitest';
import { planAssessments } from './asks.ts';
import { situationOf } from './cacheKey.ts';
import { parseIntent } from './intent.ts';
import { initialState } from './records.ts';
import { dispositionChange, driftedReputation, gossipShift, npcReaction, pacingOf, roleOf, TEMPER_SCALE, worldReaction } from './rules.ts';
import { planTurn } from './turn.ts';
import type { GameState, Intent, Npc } from './types.ts';

const village = initialState({ seed: 1 });
const intent = (text: string, state: GameState = village): Intent => parseIntent(state, text);
const npc = (patch: Partial<Npc>): Npc => ({ id: 9, name: 'Test', trade: 'weaver', temper: 'nervous', home: 'square', disposition: 0, emote: 'neutral', memory: [], ...patch });

describe('the mock: dispositions', () => {
  it('gives each NPC its role in an action', () => {
    const take = intent('take bread from the stall');
    expect(roleOf(npc({ home: 'stall' }), take)).toBe('owner');
    expect(roleOf(npc({ home: 'bakery' }), take)).toBe('witness');
    expect(roleOf(npc({ id: 0 }), intent('talk to the baker'))).toBe('target');
  });

  it('moves dispositions by verb and role, scaled by temper', () => {
    const take = intent('take bread from the stall');
    // A nervous NPC (scale 1) shows the base rules.
    expect(dispositionChange(npc({ home: 'stall' }), take, 0)).toBe(-0.25);
    expect(dispositionChange(npc({}), take, 0)).toBe(-0.05);
    expect(dispositionChange(npc({ trade: 'guard' }), take, 0)).toBe(-0.1);
    expect(dispositionChange(npc({ id: 0 }), intent('talk to the baker'), 0)).toBe(0.15);
    expect(dispositionChange(npc({ id: 0 }), intent('give the bread to the baker'), 0)).toBe(0.3);
    expect(dispositionChange(npc({ id: 0 }), intent('attack the baker'), 0)).toBe(-0.6);
    expect(dispositionChange(npc({}), intent('look around'), 0)).toBe(0);
    // A kind NPC takes a loss lighter, a gruff one harder.
    // (Rounded to hundredths.)
    expect(dispositionChange(npc({ home: 'stall', temper: 'kind' }), take, 0)).toBeCloseTo(-0.25 * TEMPER_SCALE.kind.down, 1);
    expect(dispositionChange(npc({ home: 'stall', temper: 'gruff' }), take, 0)).toBeCloseTo(-0.25 * TEMPER_SCALE.gruff.down, 1);
    expect(dispositionChange(npc({ id: 0, temper: 'kind' }), intent('talk to the baker'), 0)).toBeCloseTo(0.15 * TEMPER_SCALE.kind.up, 1);
    // Someone cold warms slowly: a third for talk, 0.05 for any other peaceful act nearby.
    expect(dispositionChange(npc({ id: 0 }), intent('talk to the baker'), -0.5)).toBe(0.05);
    expect(dispositionChange(npc({}), intent('look around'), -1)).toBe(0.05);
  });

  it('makes the face match the change', () => {
    expect(npcReaction(1, npc({ home: 'stall', temper: 'gruff' }), intent('take bread from the stall'), 0).emote).toBe('frown');
    expect(npcReaction(1, npc({ id: 0, temper: 'proud' }), intent('attack the baker'), 0).emote).toBe('angry');
    expect(npcReaction(1, npc({ temper: 'proud' }), intent('attack the baker'), 0).emote).toBe('fear');
    expect(npcReaction(1, npc({ id: 0, temper: 'cheerful' }), intent('give the bread to the baker'), 0).emote).toBe('laugh');
    expect(npcReaction(1, npc({}), intent('look around'), 0.5).emote).toBe('smile');
    expect(npcReaction(1, npc({}), intent('dance a jig'), 0).emote).toBe('shrug');
  });
});

describe('the mock: world and pacing', () => {
  const situation = situationOf(village, []);
  it('blocks a take when a guard stands right there, notices it when the owner is near, else allows it', () => {
    const take = intent('take bread from the stall');
    const guard = npc({ trade: 'guard' });
    const owner = npc({ home: 'stall' });
    expect(worldReaction(1, take, [guard, owner], situation, [guard])).toMatchObject({ outcome: 'blocked', reputation: -0.1 });
    expect(worldReaction(1, take, [guard, owner], situation, [])).toMatchObject({ outcome: 'noticed', reputation: -0.1 });
    expect(worldReaction(1, take, [owner], situation, [])).toMatchObject({ outcome: 'noticed', reputation: -0.1 });
    expect(worldReaction(1, take, [npc({})], situation, [])).toMatchObject({ outcome: 'allowed', reputation: -0.05 });
    expect(worldReaction(1, take, [npc({})], { ...situation, reputation: -0.5 }, [])).toMatchObject({ outcome: 'noticed' });
    // A guard anywhere within reach runs over to stop an attack.
    expect(worldReaction(1, intent('attack the baker'), [guard], situation, [])).toMatchObject({ outcome: 'blocked', reputation: -0.3 });
    expect(worldReaction(1, intent('give the bread to the baker'), [], situation, [])).toMatchObject({ outcome: 'allowed', reputation: 0.05 });
    expect(worldReaction(1, intent('take the moon'), [], situation, [])).toMatchObject({ outcome: 'blocked', reputation: 0 });
  });

  it('paces: an attack is the climax, a take raises the tension, quiet actions ease it', () => {
    expect(pacingOf(1, intent('attack the baker'), situation).tension).toBe('climax');
    expect(pacingOf(1, intent('take bread'), situation).tension).toBe('rising');
    expect(pacingOf(1, intent('take bread'), { ...situation, reputation: -0.5 }).tension).toBe('tense');
    expect(pacingOf(1, intent('talk to the baker'), { ...situation, tension: 'climax' }).tension).toBe('rising');
    expect(pacingOf(1, intent('look around'), { ...situation, tension: 'tense' }).tension).toBe('rising');
    expect(pacingOf(1, intent('look around'), situation).tension).toBe('calm');
  });

  it('drifts reputation toward the mean disposition, and gossip a quarter of the way', () => {
    expect(driftedReputation(0, [0.5, 0.5])).toBe(0.1);
    expect(driftedReputation(-1, [])).toBe(-1);
    expect(gossipShift(-0.8, 0.4)).toBe(-0.3);
    expect(gossipShift(0.4, 0)).toBe(0.1);
  });
});

describe('the mock: seeded and deterministic', () => {
  const answers = (seed: number): unknown[] => {
    const state = initialState({ seed });
    const plan = planTurn(state, 'take bread', parseIntent(state, 'take bread'), 1000);
    return plan.assessments.map((p) => p.ask.answer());
  };

  it('answers the same for the same seed and state, and words it otherwise for another seed', () => {
    expect(answers(7)).toEqual(answers(7));
    expect(JSON.stringify(answers(8))).not.toEqual(JSON.stringify(answers(7)));
  });

  it('answers the same for the same key, whatever the wording, the exact disposition or the draw', () => {
    const plan = (text: string, state: GameState, when: number) => planAssessments(state, text, parseIntent(state, text), [0, 1, 3], when);
    const nudged: GameState = { ...village, npcs: village.npcs.map((n) => ({ ...n, disposition: n.disposition + 0.02 })) };
    const a = plan('take bread', village, 1000);
    const b = plan('I take the bread', nudged, 5000);
    expect(b.map((p) => p.key)).toEqual(a.map((p) => p.key));
    expect(b.map((p) => p.ask.answer())).toEqual(a.map((p) => p.ask.answer()));
  });
});
