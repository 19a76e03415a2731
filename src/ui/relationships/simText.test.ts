import { describe, expect, it } from 'vitest';
import { fixtureCards, makeCard, makeDetail, makeRelScene, MEASURED } from './relScene.fixture.ts';
import { cardLabel, countsText, emotionGlyph, figuresText, groupByScene, initials, progressText, scoresCsv, sourceText, speakerName, spreadText, statusText, stepText } from './simText.ts';

describe('a card in words', () => {
  it('says where the simulation is, for each status', () => {
    expect(progressText(makeCard({ id: 0 }))).toBe('scene 2/3 · acting (1/2)');
    expect(progressText(makeCard({ id: 0, step: 'context', scene: 1 }))).toBe('scene 1/3 · setting the scene');
    expect(progressText(makeCard({ id: 0, step: 'commit' }))).toBe('scene 2/3 · scoring commitment');
    expect(progressText(makeCard({ id: 0, step: 'dance' }))).toBe('scene 2/3 · dance');
    expect(progressText(makeCard({ id: 0, step: null }))).toBe('scene 2/3 · waiting');
    expect(progressText(makeCard({ id: 0, status: 'done', scene: 3 }))).toBe('scene 3/3 · finished');
    expect(progressText(makeCard({ id: 0, status: 'failed', scene: 1 }))).toBe('scene 1/3 · stopped');
    expect(statusText('failed', true)).toBe('retrying…');
    expect(statusText('done', false)).toBe('done');
  });

  it('names the avatar, the emotion and the whole card for a screen reader', () => {
    expect(['Ada', 'mary ann', '  Jo ', ''].map(initials)).toEqual(['AD', 'MA', 'JO', '?']);
    expect(emotionGlyph('joy')).toBe('☺');
    expect(emotionGlyph('ennui')).toBe('•');
    expect(cardLabel(makeCard({ id: 0 }))).toBe('Simulation 0, Ada and Bo: running, scene 2/3 · acting (1/2); Ada feels joy, Bo feels calm; commitment 0.62. Open the transcript.');
    expect(cardLabel(makeCard({ id: 1, commitment: [] }))).toContain('no scene scored yet');
  });
});

describe('the set in words', () => {
  it('counts the simulations by status', () => {
    expect(countsText(makeRelScene().scene)).toBe('12 simulations · 8 running · 3 done · 1 failed');
    expect(countsText({ sims: [makeCard({ id: 0 })], running: 1, done: 0, failed: 0 })).toBe('1 simulation · 1 running · 0 done · 0 failed');
  });

  it('gives dashes before the first pass, the time so far while it runs, the figures after', () => {
    const none = { wallMs: null, sumMs: null, floorMs: null, speedup: null, elapsedMs: null };
    expect(figuresText(none)).toEqual({ state: 'waiting', line: 'wall — · one after another — · —× faster' });
    expect(figuresText({ ...none, elapsedMs: 3_200 })).toEqual({ state: 'running', line: 'elapsed 3.2 s · running…' });
    expect(figuresText({ ...none, ...MEASURED })).toEqual({ state: 'measured', line: 'wall 10.6 s · one after another 63.2 s · 6.0× faster' });
    // A figure missing beside the wall time is a dash, never NaN.
    expect(figuresText({ ...none, wallMs: 700_000, sumMs: 900 }).line).toBe('wall 11 min 40 s · one after another 900 ms · —× faster');
    expect(figuresText({ ...none, wallMs: 0, speedup: Number.POSITIVE_INFINITY }).line).toBe('wall 0 ms · one after another — · —× faster');
    // A budget that binds holds one after another to its pace too: the page says so, not a speedup below 1 against the sum.
    expect(figuresText({ ...none, wallMs: 305_000, sumMs: 211_000, floorMs: 300_000, speedup: 300_000 / 305_000 }).line).toBe('wall 305.0 s · one after another ≥ 300.0 s (the budget\'s pace) · 1.0× faster');
  });

  it('gives the spread of finish times as an upper bound, once measured', () => {
    expect(spreadText(null)).toBeNull();
    expect(spreadText(Number.NaN)).toBeNull();
    expect(spreadText(0)).toBe('finish times all equal');
    expect(spreadText(0.03)).toBe('finish times within 3% of each other');
    expect(spreadText(0.027)).toBe('finish times within 3% of each other');
    expect(spreadText(0.031)).toBe('finish times within 4% of each other');
    expect(spreadText(0.0001)).toBe('finish times within 1% of each other');
  });
});

describe('the transcript and the scores', () => {
  it('groups lines by scene and names speakers and sources', () => {
    const detail = makeDetail();
    expect(groupByScene(detail.transcript).map((g) => [g.scene, g.lines.length])).toEqual([[1, 4], [2, 1]]);
    expect(groupByScene([])).toEqual([]);
    expect(speakerName('master', ['Cy', 'Dee'])).toBe('Scene master');
    expect(speakerName(1, ['Cy', 'Dee'])).toBe('Dee');
    expect(sourceText('fallback')).toBe('fell back');
    expect(sourceText('gemini')).toBe('gemini');
    expect(stepText('appraise-2')).toBe('appraises (2/2)');
  });

  it('writes the scores as CSV, a row per simulation and scene, empty where a scene is not scored', () => {
    const lines = scoresCsv({ sims: fixtureCards() }).trimEnd().split('\n');
    expect(lines[0]).toBe('sim,name_a,name_b,scene,commitment,status');
    expect(lines).toHaveLength(1 + 12 * 3);
    expect(lines.slice(1, 4)).toEqual(['0,Ada,Bo,1,0.62,running', '0,Ada,Bo,2,,running', '0,Ada,Bo,3,,running']);
    expect(lines.filter((l) => l.startsWith('4,'))).toEqual(['4,Ivy,Jo,1,,failed', '4,Ivy,Jo,2,,failed', '4,Ivy,Jo,3,,failed']);
    expect(lines).toContain('9,Gus,Hal,3,0.8,done');
    expect(scoresCsv({ sims: [makeCard({ id: 0, names: ['A, "the first"', 'B'] })] })).toContain('0,"A, ""the first""",B,1,0.62,running');
  });
});
