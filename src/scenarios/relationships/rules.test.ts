import { describe, expect, it } from 'vitest';
import { appraise, chooseMove, clash, nextCommitment, reception, reflectAffinity, verdictOf } from './rules.ts';
import type { Persona } from './types.ts';

const artist: Persona = { name: 'Ada', likes: ['art', 'humour'], dislikes: 'security', warmth: 0.9, assertiveness: 0.2, hue: 0 };
const planner: Persona = { name: 'Ben', likes: ['security', 'family'], dislikes: 'adventure', warmth: 0.2, assertiveness: 0.9, hue: 90 };

describe('the relationship rules', () => {
  it('rule 1: a warm move on a liked topic fits, a cold one on the disliked topic conflicts, and two insistences clash', () => {
    expect(reception('support', 'art', artist)).toBe(2);
    expect(verdictOf(reception('support', 'art', artist))).toBe('fit');
    expect(reception('withdraw', 'security', artist)).toBe(-2);
    expect(verdictOf(reception('withdraw', 'security', artist))).toBe('conflict');
    expect(reception('tease', 'family', artist)).toBe(0.5);
    expect(reception('tease', 'family', planner)).toBe(0.5);
    expect(reception('tease', 'art', planner)).toBe(-0.5);
    expect(verdictOf(0)).toBe('neutral');
    expect(clash({ move: 'insist', topic: 'art' }, { move: 'insist', topic: 'security' })).toBe(true);
    expect(clash({ move: 'insist', topic: 'art' }, { move: 'insist', topic: 'art' })).toBe(false);
  });

  it('rule 2: a warm persona mostly supports and talks about its partner\'s values; an assertive one insists on its own', () => {
    const draws = Array.from({ length: 200 }, (_, i) => [(i * 0.618) % 1, (i * 0.381) % 1] as const);
    const warm = draws.map(([u1, u2]) => chooseMove(artist, planner, 'calm', 'art', u1, u2));
    const firm = draws.map(([u1, u2]) => chooseMove(planner, artist, 'calm', 'art', u1, u2));
    const share = (moves: { move: string }[], move: string) => moves.filter((m) => m.move === move).length / moves.length;
    expect(share(warm, 'support')).toBeGreaterThan(share(firm, 'support'));
    expect(share(firm, 'insist')).toBeGreaterThan(share(warm, 'insist'));
    expect(warm.filter((m) => planner.likes.includes(m.topic)).length).toBeGreaterThan(150);
    expect(firm.filter((m) => planner.likes.includes(m.topic)).length).toBeGreaterThan(150);
    const angry = draws.map(([u1, u2]) => chooseMove(planner, artist, 'anger', 'art', u1, u2));
    expect(share(angry, 'insist') + share(angry, 'withdraw')).toBeGreaterThan(share(firm, 'insist') + share(firm, 'withdraw'));
  });

  it('rule 3: the reception sets the emotion; a poor one angers the assertive and saddens the rest', () => {
    expect(appraise(artist, 2).emotion).toBe('joy');
    expect(appraise(artist, 0.5).emotion).toBe('trust');
    expect(appraise(artist, 0).emotion).toBe('calm');
    expect(appraise(artist, -1).emotion).toBe('sadness');
    expect(appraise(planner, -1)).toEqual({ emotion: 'anger', intensity: 0.5 });
  });

  it('rules 4 and 5: affinity follows the scene half way; fits raise commitment and conflicts lower it more', () => {
    expect(reflectAffinity(0, [1, 1])).toBe(0.5);
    expect(reflectAffinity(0.9, [1])).toBe(1);
    expect(reflectAffinity(0.2, [])).toBe(0.2);
    expect(nextCommitment(0.5, 2, 0, 0)).toBe(0.7);
    expect(nextCommitment(0.5, 0, 2, 0)).toBe(0.2);
    expect(nextCommitment(0.5, 1, 1, 0)).toBeLessThan(0.5);
    expect(nextCommitment(0.95, 4, 0, 1)).toBe(1);
    expect(nextCommitment(0.05, 0, 4, -1)).toBe(0);
  });
});
