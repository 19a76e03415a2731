import { describe, expect, it } from 'vitest';
import { configFromQuery, DEFAULT_CONFIG, defaultsFor } from '../protocol/config.ts';
import { linkConfig, presetConfig, presetLink, PRESETS } from './presets.ts';

describe('presets', () => {
  it('each link reproduces its preset exactly, and the classic one is the teacher link', () => {
    for (const preset of PRESETS) {
      const { patch, problems } = configFromQuery(presetLink(preset));
      expect(problems).toEqual([]);
      expect({ ...DEFAULT_CONFIG, ...patch }).toEqual({ ...DEFAULT_CONFIG, ...preset.patch });
    }
    expect(presetLink(PRESETS[0] ?? { id: '', label: '', lesson: '', patch: {} })).toBe('?agents=10&latency=500&jitter=50&align=1&thinkInterval=3000');
  });

  it('resets everything else to the defaults but keeps the user\'s Gemini setup, in mock mode', () => {
    const current = { ...DEFAULT_CONFIG, agents: 7, rpm: 5, failureRate: 0.5, brain: 'gemini' as const, model: 'gemini-2.5-pro', temperature: 0.1 };
    const failures = PRESETS.find((p) => p.id === 'failures');
    if (!failures) throw new Error('no failures preset');
    expect(presetConfig(failures, current)).toEqual({ ...DEFAULT_CONFIG, ...failures.patch, model: 'gemini-2.5-pro', temperature: 0.1, brain: 'mock' });
  });

  it('a link (Back to an earlier address) sets every key it leaves out back to its default, keeping the Gemini setup', () => {
    const current = { ...DEFAULT_CONFIG, agents: 1_000, rpm: 100_000, concurrency: 1_000, model: 'gemini-2.5-pro' };
    const { patch } = configFromQuery('?agents=3&latency=200');
    expect(linkConfig(patch, current)).toEqual({ ...DEFAULT_CONFIG, agents: 3, latency: 200, model: 'gemini-2.5-pro' });
    expect(linkConfig(configFromQuery('?brain=gemini&model=gemini-2.0-flash').patch, current)).toEqual({ ...DEFAULT_CONFIG, brain: 'gemini', model: 'gemini-2.0-flash' });
  });

  it('the relationship presets open the simulations; the failing one is one of the set', () => {
    const byId = (id: string) => {
      const preset = PRESETS.find((p) => p.id === id);
      if (!preset) throw new Error(`no ${id} preset`);
      return preset;
    };
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    expect(presetLink(byId('relationships'))).toBe('?scenario=relationships&sims=12&scenes=3&latency=500');
    expect(presetLink(byId('failsim'))).toBe('?scenario=relationships&sims=12&failSim=4');
    expect(presetConfig(byId('failsim'), DEFAULT_CONFIG)).toEqual({ ...defaultsFor('relationships'), sims: 12, failSim: 4, brain: 'mock' });
    for (const preset of PRESETS) {
      const { sims, failSim } = presetConfig(preset, DEFAULT_CONFIG);
      expect(failSim, preset.id).toBeLessThan(sims);
    }
  });

  it('the pipeline presets open the pipeline: the uneven DAG as soon as ready, and the diamond with patterns failing', () => {
    const byId = (id: string) => {
      const preset = PRESETS.find((p) => p.id === id);
      if (!preset) throw new Error(`no ${id} preset`);
      return preset;
    };
    expect(presetLink(byId('pipeline-uneven'))).toBe('?scenario=pipeline&dag=uneven&mode=ready');
    expect(presetLink(byId('pipeline-fail'))).toBe('?scenario=pipeline&dag=diamond&failNode=patterns');
    expect(presetConfig(byId('pipeline-uneven'), DEFAULT_CONFIG)).toEqual({ ...defaultsFor('pipeline'), dag: 'uneven', mode: 'ready', brain: 'mock' });
    expect(presetConfig(byId('pipeline-fail'), DEFAULT_CONFIG)).toEqual({ ...defaultsFor('pipeline'), dag: 'diamond', failNode: 'patterns', brain: 'mock' });
    for (const id of ['pipeline-uneven', 'pipeline-fail']) expect(byId(id).lesson.length, id).toBeGreaterThan(40);
  });
});
