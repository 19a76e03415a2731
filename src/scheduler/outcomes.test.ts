import { describe, expect, it } from 'vitest';
import { Outcomes } from './outcomes.ts';
import type { CallRecord, Job } from './types.ts';

const job: Job<number, string> = { key: 'a', request: 1, fallback: () => 'fb' };

function record(id: number): CallRecord {
  return {
    id, key: 'a', batch: undefined, lane: 'interactive', enqueuedAt: id, startedAt: id, attemptStarts: [id], endedAt: id + 1, callMs: 1, attempts: 1,
    outcome: 'success', source: 'mock', error: undefined, usage: undefined, prompt: 'a long prompt', raw: '{"thought":"…"}',
  };
}

describe('Outcomes', () => {
  it('announces each record with its text once: the settled event is where the inspector gets it', () => {
    const seen: CallRecord[] = [];
    const outcomes = new Outcomes((event) => {
      if (event.type === 'settled') seen.push(event.record);
    });
    outcomes.settled(job, record(1));
    expect(seen[0]?.prompt).toBe('a long prompt');
    expect(outcomes.tally().jobsCompleted).toBe(1);
  });
});
