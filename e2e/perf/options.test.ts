import { describe, expect, it } from 'vitest';
import { FULL_SIZES, parseOptions, PARTS, QUICK_SIZES, UsageError, type PerfOptions } from './options.ts';

function parsed(argv: string[], env: Record<string, string> = {}): PerfOptions {
  const options = parseOptions(argv, env);
  if (options === 'help') throw new Error('expected options, got help');
  return options;
}

describe('perf options', () => {
  it('defaults to the full run: every part, three sizes, 12 rounds of turns, 16 rounds of the thinking check, 5 s scenario windows', () => {
    const o = parsed([]);
    expect(o.quick).toBe(false);
    expect([...o.parts]).toEqual([...PARTS]);
    expect(o.sizes).toEqual(FULL_SIZES);
    expect(o.rounds).toBe(12);
    expect(o.sizeWindowMs).toBe(1_000);
    expect(o.windowMs).toBe(5_000);
    expect(o.thinkingRounds).toBe(16);
    expect(o.thinkingWindowMs).toBe(2_000);
  });

  it('--quick takes fewer rounds of turns over the goal sizes and for the thinking check, and shorter scenario windows', () => {
    const o = parsed(['--quick']);
    expect(o.quick).toBe(true);
    expect(o.rounds).toBeLessThan(12);
    expect(o.rounds).toBeGreaterThanOrEqual(5);
    expect(o.windowMs).toBeLessThan(5_000);
    expect(o.sizes).toEqual(QUICK_SIZES);
    expect(o.thinkingRounds).toBeLessThan(16);
    expect(o.thinkingRounds).toBeGreaterThanOrEqual(3);
  });

  it('reads `npm run perf --quick`, which npm hands over as npm_config_quick', () => {
    expect(parsed([], { npm_config_quick: 'true' }).quick).toBe(true);
    expect(parsed([], { npm_config_quick: '' }).quick).toBe(false);
    expect(parsed([], { npm_config_quick: 'false' }).quick).toBe(false);
    expect(parsed([], { npm_config_sizes: '500' }).sizes).toEqual([500]);
    expect(parsed(['--sizes', '200'], { npm_config_sizes: '500' }).sizes).toEqual([200]);
  });

  it('--only keeps the parts named, in any order', () => {
    expect([...parsed(['--only', 'scenarios,sizes']).parts].sort()).toEqual(['scenarios', 'sizes']);
    expect([...parsed(['--only=thinking']).parts]).toEqual(['thinking']);
  });

  it('--sizes reads whole numbers, sorted and without repeats, and overrides the quick sizes', () => {
    expect(parsed(['--sizes', '10000,1000,1000']).sizes).toEqual([1_000, 10_000]);
    expect(parsed(['--quick', '--sizes', '100']).sizes).toEqual([100]);
  });

  it('refuses what it cannot measure with a usage error', () => {
    for (const argv of [['--only', 'sizes,fps'], ['--only', ''], ['--sizes', '0'], ['--sizes', '10001'], ['--sizes', '1e3'], ['--sizes', '1000,'], ['--fast'], ['extra']]) {
      expect(() => parseOptions(argv, {}), argv.join(' ')).toThrow(UsageError);
    }
  });

  it('--help asks for the usage text', () => {
    expect(parseOptions(['--help'], {})).toBe('help');
  });
});
