import { describe, expect, it } from 'vitest';
import { ModelError } from '../../brain/errors.ts';
import { parseIntent } from './intent.ts';
import { initialState } from './records.ts';
import { gossipReply, memoryReply, NARRATION_MAX, narrationReply, npcReply, pacingReply, reputationReply, worldReply } from './replies.ts';
import { planTurn } from './turn.ts';

const badOutput = (read: () => unknown): void => {
  expect(read).toThrow(ModelError);
  try {
    read();
  } catch (error) {
    expect((error as ModelError).kind).toBe('bad-output');
  }
};

describe('zod-checked replies', () => {
  it('reads back every mock answer as a live reply (JSON, or prose for the narration)', () => {
    const state = initialState({ seed: 1 });
    const plan = planTurn(state, 'talk to the baker', parseIntent(state, 'talk to the baker'), 1000);
    for (const planned of plan.assessments) {
      const answer: unknown = planned.ask.answer();
      const raw = planned.ask.format === 'text' ? String(answer) : JSON.stringify(answer);
      expect(planned.ask.parse(raw)).toEqual(answer);
    }
  });

  it('accepts a fenced reply and refuses the wrong shape, out of range numbers and unknown enums', () => {
    expect(worldReply.parse('```json\n{"outcome":"noticed","consequence":"Seen.","reputation":-0.1}\n```')).toEqual({ outcome: 'noticed', consequence: 'Seen.', reputation: -0.1 });
    badOutput(() => worldReply.parse('{"outcome":"maybe","consequence":"?","reputation":0}'));
    badOutput(() => worldReply.parse('{"outcome":"allowed","consequence":"?","reputation":0.9}'));
    badOutput(() => npcReply.parse('{"emote":"grin","line":"Hi","disposition":0}'));
    badOutput(() => npcReply.parse('{"emote":"smile","line":"","disposition":0}'));
    badOutput(() => pacingReply.parse('not json'));
    badOutput(() => reputationReply.parse('{"reputation":2,"summary":"x"}'));
    badOutput(() => memoryReply.parse(''));
    badOutput(() => gossipReply.parse('{"line":"x","shift":1}'));
  });

  it('reads the narration as prose: trimmed, clipped, never empty', () => {
    expect(narrationReply.parse('  You walk on.  ')).toBe('You walk on.');
    expect(narrationReply.parse('x'.repeat(NARRATION_MAX + 50))).toHaveLength(NARRATION_MAX);
    badOutput(() => narrationReply.parse('   '));
  });
});
