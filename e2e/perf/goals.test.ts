import { describe, expect, it } from 'vitest';
import { goalLine, scenarioGoals, sizeGoals, thinkingGoal } from './goals.ts';
import { risePercent } from './summarise.ts';

describe('perf goals', () => {
  it('app against bare particles: at least 95% at 1,000 and 90% at 10,000', () => {
    const goals = sizeGoals([
      { n: 100, ratioToParticles: 0.5 },
      { n: 1_000, ratioToParticles: 0.95 },
      { n: 10_000, ratioToParticles: 0.899 },
    ]);
    expect(goals.map((g) => g.status)).toEqual(['PASS', 'MISS']);
    expect(goals[1]?.shown).toBe('90%');
    expect(sizeGoals([{ n: 1_000, ratioToParticles: 0.94 }, { n: 10_000, ratioToParticles: 0.91 }]).map((g) => g.status)).toEqual(['MISS', 'PASS']);
  });

  it('a size that was not measured is skipped, not passed', () => {
    expect(sizeGoals([{ n: 1_000, ratioToParticles: 1 }]).map((g) => g.status)).toEqual(['PASS', 'SKIP']);
  });

  it('the spread of the rounds is written beside the median, which alone decides', () => {
    const [size] = sizeGoals([{ n: 1_000, ratioToParticles: 0.8, particlesSpread: [0.76, 0.97] }]);
    expect(size).toMatchObject({ status: 'MISS', shown: '80% (middle half of rounds 76%-97%)' });
    const thinking = thinkingGoal({ idleJsMs: 0.34, thinkingJsMs: 0.38, factor: 1.22, factorSpread: [1.12, 1.31], callsAsIntended: true });
    expect(thinking).toMatchObject({ status: 'MISS', shown: '0.34 -> 0.38 ms (x1.22; middle half of rounds x1.12-x1.31)' });
  });

  it('thinking: JS per frame at most 1.2 x idle, and only when the calls ran as intended', () => {
    expect(thinkingGoal({ idleJsMs: 1, thinkingJsMs: 1.2, factor: 1.2, callsAsIntended: true }).status).toBe('PASS');
    expect(thinkingGoal({ idleJsMs: 1, thinkingJsMs: 1.21, factor: 1.21, callsAsIntended: true }).status).toBe('MISS');
    expect(thinkingGoal({ idleJsMs: 1, thinkingJsMs: 1, factor: 1, callsAsIntended: false }).status).toBe('MISS');
    // Nothing usable to divide (turnsRatio gives 0): a miss, not a pass.
    expect(thinkingGoal({ idleJsMs: 0, thinkingJsMs: 0.5, factor: 0, callsAsIntended: true }).status).toBe('MISS');
    // The goal reads the per-round factor, not the ratio of the two medians beside it.
    expect(thinkingGoal({ idleJsMs: 1, thinkingJsMs: 1.3, factor: 1.1, callsAsIntended: true })).toMatchObject({ status: 'PASS', shown: '1.00 -> 1.30 ms (x1.10)' });
    expect(thinkingGoal(null).status).toBe('SKIP');
  });

  it('scenarios: at least 30 fps, and only while the scenario was working', () => {
    const goals = scenarioGoals([
      { name: 'community', setting: '1,000 personas', fps: 30, working: true },
      { name: 'pipeline', setting: 'wide', fps: 29.9, working: true },
      { name: 'gamemaster', setting: '50 NPCs', fps: 120, working: false },
    ]);
    expect(goals.map((g) => g.status)).toEqual(['PASS', 'MISS', 'MISS']);
    expect(scenarioGoals(null).map((g) => g.status)).toEqual(['SKIP']);
  });

  it('prints one line per goal that starts with its status', () => {
    expect(goalLine({ goal: 'g', status: 'MISS', shown: '12.0 fps', note: 'why' })).toBe('MISS  g: measured 12.0 fps  (why)');
    expect(goalLine({ goal: 'g', status: 'SKIP', shown: '', note: 'not measured' })).toBe('SKIP  g (not measured)');
  });
});

describe('perf summaries', () => {
  it('rises safely', () => {
    expect(risePercent(10, 11.5)).toBe(15);
    expect(risePercent(0, 5)).toBe(0);
  });
});
