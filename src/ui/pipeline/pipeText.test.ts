import { describe, expect, it } from 'vitest';
import { makePipeScene, MEASURED, measuredNodes, runningNodes } from './pipeScene.fixture.ts';
import { countsText, figures, figuresNote, kindText, modeText, msText, pipelineJson, sourceText, toolName } from './pipeText.ts';

const NO_FIGURES = { wallMs: null, sequentialMs: null, criticalPathMs: null, speedup: null, criticalPath: [] };

describe('pipeText', () => {
  it('names a tool by its task’s first word, and says where an output came from', () => {
    expect(toolName('patterns over 1,000,000 items')).toBe('patterns');
    expect(kindText({ kind: 'tool', task: 'sort over 200,000 items' })).toBe('tool · sort');
    expect(kindText({ kind: 'agent', task: 'Write.' })).toBe('agent');
    expect(sourceText('fallback')).toBe('fell back to the mock');
    expect(sourceText('tool')).toBe('tool (worker pool)');
    expect(sourceText(null)).toBe('—');
    expect(modeText('ready')).toBe('as soon as ready');
  });

  it('counts the nodes by status, retrying as running', () => {
    expect(countsText(runningNodes())).toBe('5 nodes · 1 waiting · 2 running · 2 done · 0 failed · 0 skipped');
    expect(countsText([])).toBe('0 nodes · 0 waiting · 0 running · 0 done · 0 failed · 0 skipped');
  });

  it('shows dashes until the run has ended, and never NaN', () => {
    const waiting = figures({ nodes: runningNodes().map((n) => ({ ...n, status: 'waiting' as const })), ...NO_FIGURES });
    expect(waiting.state).toBe('waiting');
    expect(waiting.items.map((f) => f.value)).toEqual(['—', '—', '—', '—×']);
    const running = figures({ nodes: runningNodes(), ...NO_FIGURES });
    expect(running.state).toBe('running');
    expect(running.items.map((f) => f.value)).toEqual(['—', '—', '—', '—×']);
    const broken = figures({ nodes: measuredNodes(), ...NO_FIGURES, wallMs: Number.NaN, speedup: Number.NaN });
    expect(broken.items.map((f) => f.value).join(' ')).not.toContain('NaN');
    expect(figuresNote('waiting')).toContain('press Start');
  });

  it('gives wall, one at a time, the critical path with its ids and the speedup once measured, each with its meaning', () => {
    const { scene } = makePipeScene(MEASURED);
    const shown = figures(scene);
    expect(shown.state).toBe('measured');
    expect(shown.items.map((f) => [f.term, f.value])).toEqual([
      ['Wall', '3.00 s'],
      ['One at a time', '5.00 s'],
      ['Critical path', '3.00 s (ingest → patterns → report)'],
      ['Speedup', '1.7×'],
    ]);
    for (const figure of shown.items) expect(figure.meaning.length, figure.key).toBeGreaterThan(30);
    expect(msText(null)).toBe('—');
  });

  it('exports the scene and the view, the spec and outputs as values, other text as text', () => {
    const { scene, view } = makePipeScene(MEASURED);
    const json = JSON.parse(pipelineJson(scene, view, new Date('2025-01-02T03:04:05Z'))) as {
      scenario: string;
      exportedAt: string;
      scene: typeof scene;
      view: { spec: { name: string }; nodes: { id: string; output: unknown; raw: string | null }[]; workers: number };
    };
    expect(json.scenario).toBe('pipeline');
    expect(json.exportedAt).toBe('2025-01-02T03:04:05.000Z');
    expect(json.scene).toEqual(scene);
    expect(json.view.spec.name).toBe('diamond');
    expect(json.view.nodes[0]?.output).toEqual({ topics: ['sales'] });
    expect(json.view.nodes[3]?.raw).toBe('Look at <b>this</b>');
    expect(json.view.workers).toBe(4);
  });
});
