import { describe, expect, it } from 'vitest';
import { beliefText, leaning, sourceText, sparkPoints, tallyRows, trendText } from './personaText.ts';
import { TOPICS } from './scene.fixture.ts';

describe('persona text', () => {
  it('writes beliefs with a sign and the option they lean to', () => {
    expect([0.42, -0.1, 0, -0.001, 1].map(beliefText)).toEqual(['+0.42', '−0.10', '0.00', '0.00', '+1.00']);
    expect(leaning(0.42, TOPICS[0])).toBe('leans build the tram');
    expect(leaning(-0.3, TOPICS[0])).toBe('leans keep the buses');
    expect(leaning(0, TOPICS[0])).toBe('undecided');
  });

  it('draws a sparkline with +1 at the top and −1 at the bottom', () => {
    expect(sparkPoints([1, 0, -1], 60, 20)).toBe('0,0 30,10 60,20');
    expect(sparkPoints([0.5], 60, 20)).toBe('0,5 60,5');
    expect(sparkPoints([], 60, 20)).toBe('');
    expect(sparkPoints([3], 60, 20)).toBe('0,0 60,0');
    expect(trendText([0.2, 0.3, 0.42])).toBe('from +0.20 to +0.42 over 3 snapshots');
    expect(trendText([0.2])).toBe('+0.20, no update yet');
    expect(trendText([])).toBe('no history yet');
  });

  it('names who answered an interview', () => {
    expect(sourceText('mock')).toBe('the mock brain');
    expect(sourceText('fallback')).toContain('fallback');
    expect(sourceText('other')).toBe('other');
  });

  it('tallies the vote per topic in whole percent', () => {
    const rows = tallyRows([{ topic: 0, options: [{ option: 'build the tram', votes: 16 }, { option: 'keep the buses', votes: 8 }] }, { topic: 9, options: [{ option: 'a', votes: 0 }, { option: 'b', votes: 0 }] }], TOPICS);
    expect(rows[0]).toEqual({ topic: 0, key: 'tram', statement: 'The town should build a tram line downtown.', total: 24, options: [{ option: 'build the tram', votes: 16, percent: 67 }, { option: 'keep the buses', votes: 8, percent: 33 }] });
    expect(rows[1]).toMatchObject({ key: 'topic 9', total: 0, options: [{ percent: 0 }, { percent: 0 }] });
  });
});
