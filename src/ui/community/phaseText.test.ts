import { describe, expect, it } from 'vitest';
import { ceilingText, doneText, explainStep, measuredText, type SpeedSettings } from './phaseText.ts';
import { makeScene, phaseRecord } from './scene.fixture.ts';

const settings: SpeedSettings = { concurrency: 20, strategy: 'parallel', latencyMs: 500, rpm: 600, brain: 'mock' };
const size = { personas: 24, topics: 3, pairs: 12 };

describe('phase text', () => {
  it('explains the running phase and its ceiling in numbers', () => {
    const { scene } = makeScene();
    expect(explainStep(scene, { epoch: 1, phase: 'beliefs-debate' }, null, size, settings)).toEqual([
      'Epoch 1 of 2 · beliefs-debate: 24 personas update their beliefs after the debate.',
      '24 calls under a semaphore of 20 → at least ⌈24/20⌉ = 2 waves × 500 ms (the mock latency setting) ≈ 1.00 s; one at a time it would take about 12.0 s. The speedup is at most 20×: no more than 20 calls run together.',
    ]);
  });

  it('says when all calls go in one wave', () => {
    expect(ceilingText(6, settings)).toBe('6 calls under a semaphore of 20 → all at once: 1 wave × 500 ms (the mock latency setting) ≈ 500 ms; one at a time it would take about 3.00 s. The speedup is at most 6×: no more than 6 calls run together.');
  });

  it('names the budget when it is what holds the phase back', () => {
    expect(ceilingText(24, { ...settings, rpm: 10 })).toContain('The budget of 10 requests a minute holds it to at least 2 min 1 s: no more than 10 may be sent in any minute.');
    expect(ceilingText(24, settings)).not.toContain('budget');
  });

  it('says so when the strategy is sequential, or the brain is live', () => {
    expect(ceilingText(24, { ...settings, strategy: 'sequential' })).toBe('The strategy is sequential: one call at a time, so 24 calls take at least 24 × 500 ms (the mock latency setting) ≈ 12.0 s.');
    expect(ceilingText(24, { ...settings, brain: 'gemini' })).toBe('24 calls under a semaphore of 20 → at least ⌈24/20⌉ = 2 waves, each as long as its slowest call; the speedup is at most 20×.');
    expect(ceilingText(0, settings)).toBe('No calls: nothing to wait for.');
  });

  it('explains a finished phase with what it measured, and the next one before it runs', () => {
    const { scene } = makeScene({ scene: { phase: null } });
    const record = phaseRecord({ name: 'debate', calls: 6, wallMs: 510, sumLatencyMs: 3_000, speedup: 5.88, fallbacks: 1 });
    const finished = explainStep(scene, { epoch: 1, phase: 'debate' }, record, size, settings);
    expect(finished[0]).toBe('Epoch 1 of 2 · debate (finished): for each of the 3 topics, the persona most for it and the one most against argue their side.');
    expect(finished[2]).toBe('Measured: 510 ms against Σ 3.00 s for its calls one after another → 5.9×. 1 call fell back: the mock answered for them.');
    expect(explainStep(scene, { epoch: 1, phase: 'beliefs-debate' }, null, size, settings)[0]).toMatch(/^Next: Epoch 1 of 2 · beliefs-debate/);
    const fresh = makeScene({ scene: { epoch: 0, phase: null, phases: [] } }).scene;
    expect(explainStep(fresh, { epoch: 1, phase: 'debate' }, null, size, settings)[0]).toMatch(/^Not started\. First: Epoch 1 of 2 · debate/);
  });

  it('hedges phases whose count of calls depends on the feeds', () => {
    const { scene } = makeScene({ scene: { phase: 'reactions' } });
    expect(explainStep(scene, { epoch: 1, phase: 'reactions' }, null, size, settings)[1]).toMatch(/^If all 24 personas take part: 24 calls under a semaphore of 20/);
  });

  it('says what fell back in a belief phase, and sums the run when done', () => {
    expect(measuredText(phaseRecord({ name: 'beliefs-chat', fallbacks: 2 }))).toContain('2 calls fell back: those personas kept their beliefs.');
    const { scene } = makeScene({ scene: { done: true, phase: null, phases: [phaseRecord({ name: 'debate', wallMs: 500, sumLatencyMs: 3_000 }), phaseRecord({ name: 'vote', wallMs: 1_000, sumLatencyMs: 12_000 })] } });
    expect(doneText(scene)).toBe('Done: the vote is in. 2 phases, 48 calls: 1.50 s in all, against Σ 15.0 s one call at a time (10.0×).');
    expect(doneText({ ...scene, phases: [] })).toBe('Done: the vote is in.');
  });
});
