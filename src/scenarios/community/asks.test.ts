import { describe, expect, it } from 'vitest';
import { ModelError } from '../../brain/errors.ts';
import { drawOf, interviewAsk, updateAsk, voteAsk } from './asks.ts';
import { initialState } from './state.ts';
import type { CommunityState } from './types.ts';

/** A state whose persona 0 holds `beliefs` and reaches views within `threshold`. */
function stateWith(beliefs: number[], threshold: number): CommunityState {
  const state = initialState({ agents: 4, topics: 3, seed: 2 });
  const personas = state.personas.map((p) => (p.id === 0 ? { ...p, threshold } : p));
  return { ...state, personas, beliefs: state.beliefs.map((row, id) => (id === 0 ? beliefs : row)) };
}

describe('updateAsk: the mock weighs only views within reach', () => {
  it('moves each topic halfway toward the mean of the views within the threshold', () => {
    const state = stateWith([0, 0.5, -0.5], 0.4);
    const heard = [
      { topic: 0, who: 'A', stance: 0.2, text: '' },
      { topic: 0, who: 'B', stance: 0.3, text: '' },
      { topic: 0, who: 'C', stance: -0.9, text: '' },
      { topic: 1, who: 'D', stance: -0.5, text: '' },
    ];
    const answer = updateAsk(state, 0, 'beliefs-debate', 'The debate', heard).answer();
    // Topic 0: 0.2 and 0.3 are within 0.4, -0.9 is not: halfway to 0.25.
    expect(answer[0]?.belief).toBeCloseTo(0.125, 12);
    // Topic 1: the one view is 1.0 away, beyond reach; topic 2: nothing heard.
    expect(answer[1]?.belief).toBe(0.5);
    expect(answer[1]?.reason).toMatch(/too far/);
    expect(answer[2]).toEqual({ belief: -0.5, reason: 'Nothing new to weigh.' });
  });

  it('reads a live reply in the asked shape, and refuses any other', () => {
    const ask = updateAsk(stateWith([0, 0, 0], 1), 0, 'beliefs-chat', 'A chat', []);
    const reply = { t0: { belief: 0.4, reason: 'a' }, t1: { belief: -1, reason: 'b' }, t2: { belief: 0, reason: '' } };
    expect(ask.parse(JSON.stringify(reply))).toEqual([reply.t0, reply.t1, reply.t2]);
    expect(ask.parse('```json\n' + JSON.stringify(reply) + '\n```')).toHaveLength(3);
    for (const bad of ['{"bad":1}', '{"t0":{"belief":2,"reason":""},"t1":{"belief":0,"reason":""},"t2":{"belief":0,"reason":""}}', 'not json', '']) {
      expect(() => ask.parse(bad)).toThrow(ModelError);
      try {
        ask.parse(bad);
      } catch (error) {
        expect((error as ModelError).kind).toBe('bad-output');
      }
    }
  });
});

describe('the other asks', () => {
  it('votes the option a belief leans to', () => {
    expect(voteAsk(stateWith([0.3, -0.2, 0], 1), 0).answer()).toEqual([0, 1, 0]);
  });

  it('draws afresh for every phase and epoch, the same for the same ones', () => {
    const state = stateWith([0, 0, 0], 1);
    const draws = (['debate', 'beliefs-debate', 'chat', 'vote'] as const).map((phase) => drawOf(state, 0, phase).when);
    expect(new Set(draws).size).toBe(4);
    expect(drawOf({ ...state, epoch: 2 }, 0, 'chat').when).not.toBe(drawOf(state, 0, 'chat').when);
    expect(drawOf(state, 0, 'chat')).toEqual(drawOf(state, 0, 'chat'));
  });

  it('answers an interview from the beliefs and the latest impression', () => {
    const state = { ...stateWith([0.9, 0, 0], 1), memory: [['Heard the debate.'], [], [], []] };
    const answer = interviewAsk(state, 0, 'Why?').answer().answer;
    expect(answer).toContain('strongly for');
    expect(answer).toContain('Heard the debate.');
    expect(interviewAsk(state, 0, 'Why?').draw).toEqual(interviewAsk(state, 0, 'Why?').draw);
    expect(interviewAsk(state, 0, 'Why?').draw).not.toEqual(interviewAsk(state, 0, 'How?').draw);
  });
});
