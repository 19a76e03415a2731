import { describe, expect, it } from 'vitest';
import { chipText, currentStep, expectedCalls, isBeliefPhase, phaseChips, stepKey } from './phasePlan.ts';
import { makeScene, phaseRecord, planOf } from './scene.fixture.ts';

describe('phase plan', () => {
  it('groups every step by epoch, finished, running and waiting', () => {
    const { scene, view } = makeScene();
    const groups = phaseChips(scene, view.plan);
    expect(groups.map((g) => [g.epoch, g.chips.length])).toEqual([[1, 7], [2, 8]]);
    expect(groups[0]?.chips.slice(0, 3).map((c) => c.status)).toEqual(['done', 'running', 'waiting']);
    expect(groups[1]?.chips.at(-1)).toMatchObject({ phase: 'vote', status: 'waiting', record: null });
    expect(stepKey({ epoch: 2, phase: 'vote' })).toBe('2:vote');
  });

  it('finds the step to explain: the running one, the next one, none when done', () => {
    const { scene, view } = makeScene();
    expect(currentStep(scene, view.plan)).toEqual({ epoch: 1, phase: 'beliefs-debate' });
    expect(currentStep({ ...scene, phase: null }, view.plan)).toEqual({ epoch: 1, phase: 'beliefs-debate' });
    expect(currentStep({ ...scene, epoch: 0, phase: null, phases: [] }, view.plan)).toEqual({ epoch: 1, phase: 'debate' });
    expect(currentStep({ ...scene, done: true }, view.plan)).toBeNull();
  });

  it('writes a finished chip with its wall time, sequential sum, speedup and fallbacks', () => {
    const record = phaseRecord({ name: 'beliefs-debate', wallMs: 1_050, sumLatencyMs: 12_000, speedup: 11.43 });
    expect(chipText({ epoch: 1, phase: 'beliefs-debate', status: 'done', record })).toBe('beliefs-debate · 1.05 s · Σ 12.0 s · 11.4×');
    expect(chipText({ epoch: 1, phase: 'chat', status: 'done', record: { ...record, name: 'chat', fallbacks: 2 } })).toBe('chat · 1.05 s · Σ 12.0 s · 11.4× · 2 fell back');
    expect(chipText({ epoch: 1, phase: 'reactions', status: 'done', record: { ...record, calls: 0 } })).toBe('reactions · no calls');
    expect(chipText({ epoch: 1, phase: 'posts', status: 'running', record: null })).toBe('posts');
  });

  it('counts the calls each phase makes', () => {
    const size = { personas: 24, topics: 3, pairs: 12 };
    expect(expectedCalls('debate', size)).toEqual({ calls: 6, upTo: false });
    expect(expectedCalls('chat', size)).toEqual({ calls: 24, upTo: false });
    expect(expectedCalls('beliefs-debate', size)).toEqual({ calls: 24, upTo: false });
    expect(expectedCalls('reactions', size)).toEqual({ calls: 24, upTo: true });
    expect(planOf(1).map((s) => s.phase).filter(isBeliefPhase)).toEqual(['beliefs-debate', 'beliefs-chat', 'beliefs-social']);
  });
});
