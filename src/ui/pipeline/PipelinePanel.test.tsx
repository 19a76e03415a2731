import { describe, expect, it } from 'vitest';
import { defaultsFor } from '../../protocol/config.ts';
import type { WorkerMessage } from '../../protocol/protocol.ts';
import { SandboxClient } from '../client.ts';
import { fakeWorker } from '../fakeWorker.fixture.ts';
import { serverRender } from '../serverRender.fixture.tsx';
import { createSandboxStore, type SandboxState } from '../store.ts';
import { dagRefusal } from './DagEditor.tsx';
import { rowText } from './Gantt.tsx';
import { ganttLayout } from './ganttLayout.ts';
import { failedNodes, makePipeScene, MEASURED, pipeWorld, runningNodes } from './pipeScene.fixture.ts';
import { PipelinePanel } from './PipelinePanel.tsx';
import { pipeSelection } from './selection.ts';

/** The panel as HTML, rendered on the server: the words, no effects. */
function render(state: Partial<SandboxState>, selected: string | null = null): string {
  return serverRender(<PipelinePanel />, [{ config: defaultsFor('pipeline') }, state], (store) => {
    pipeSelection(store).set(selected);
  });
}

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, ' ');
const figure = (html: string, key: string): string | undefined => new RegExp(`data-testid="dag-${key}">([^<]*)<`).exec(html)?.[1];

describe('PipelinePanel', () => {
  it('renders nothing unless the pipeline is on show', () => {
    expect(render({ world: pipeWorld('grid'), pipeScene: makePipeScene() })).toBe('');
    expect(render({ world: null, pipeScene: makePipeScene() })).toBe('');
  });

  it('shows dashes before the run has ended, never NaN, and the editor and export waiting for the scene', () => {
    const before = render({ world: pipeWorld() });
    expect(before).toContain('data-testid="pipeline-panel"');
    expect(before).toContain('data-state="waiting"');
    expect(text(before)).toContain('Waiting for the pipeline…');
    expect(['wall', 'sequential', 'critical', 'speedup'].map((k) => figure(before, k))).toEqual(['—', '—', '—', '—×']);
    expect(before).toMatch(/data-action="export-pipeline" disabled=""/);
    expect(before).not.toContain('data-testid="dag-gantt"');
    const running = render({ world: pipeWorld(), pipeScene: makePipeScene() });
    expect(running).toContain('data-state="running"');
    expect(['wall', 'sequential', 'critical', 'speedup'].map((k) => figure(running, k))).toEqual(['—', '—', '—', '—×']);
    expect(text(running)).toContain('The run is under way');
    for (const html of [before, running]) expect(html).not.toContain('NaN');
  });

  it('shows wall, one at a time, the critical path with its ids and the speedup once measured, each explained', () => {
    const html = render({ world: pipeWorld(), pipeScene: makePipeScene(MEASURED) });
    expect(html).toContain('data-state="measured"');
    expect(figure(html, 'wall')).toBe('3.00 s');
    expect(figure(html, 'sequential')).toBe('5.00 s');
    expect(figure(html, 'critical')).toBe('3.00 s (ingest → patterns → report)');
    expect(figure(html, 'speedup')).toBe('1.7×');
    const words = text(html);
    expect(words).toContain('diamond, run level by level.');
    expect(words).toContain('no schedule can finish sooner');
    expect(words).toContain('One at a time ÷ wall');
    expect(html).not.toContain('NaN');
  });

  it('draws the Gantt: a bar per started node, the critical path’s outlined, each row’s times in words', () => {
    const html = render({ world: pipeWorld(), pipeScene: makePipeScene(MEASURED) });
    expect(html).toContain('data-testid="dag-gantt"');
    const bars = html.match(/<rect class="gantt-bar[^>]*>/g) ?? [];
    expect(bars).toHaveLength(5);
    expect(bars.filter((b) => b.includes(' critical')).map((b) => /data-node="([^"]+)"/.exec(b)?.[1])).toEqual(['ingest', 'patterns', 'report']);
    expect(bars[1]).toContain('x="33.333%" y="3" width="26.667%"');
    const words = text(html);
    expect(words).toContain('patterns: 1.00 s → 2.00 s (1.00 s), done, critical path');
    expect(words).toContain('0 s 1 s 2 s 3 s');
    const layout = ganttLayout(runningNodes(), [], null);
    expect(layout.rows.map((row) => rowText(row, runningNodes().find((n) => n.id === row.id)))).toEqual([
      'ingest: 0 ms → 1.00 s (1.00 s), done',
      'stats: 1.00 s → 1.80 s (800 ms), done',
      'patterns: from 1.00 s, still running, retrying',
      'analysis: from 1.00 s, still running, running',
      'report: not started, waiting',
    ]);
  });

  it('says how to pick a node, then shows the selected node’s inputs, output, prompt and raw reply as text', () => {
    expect(text(render({ world: pipeWorld(), pipeScene: makePipeScene() }))).toContain('Click a node in the graph, or focus it and press Enter');
    const ingest = render({ world: pipeWorld(), pipeScene: makePipeScene(MEASURED) }, 'ingest');
    const words = text(ingest);
    expect(ingest).toContain('data-testid="dag-details" data-node="ingest"');
    expect(words).toContain('Node ingest done');
    expect(words).toContain('Inputs none (a first step)');
    expect(words).toContain('Time 0 ms → 1.00 s (1.00 s)');
    expect(words).toContain('Critical path yes');
    expect(words).toContain('Output { "topics": ["sales"] }');
    expect(words).toContain('Prompt Read the notes.');
    expect(words).toContain('Raw reply {"topics":["sales"]}');
    const report = render({ world: pipeWorld(), pipeScene: makePipeScene(MEASURED) }, 'report');
    expect(report).toContain('<dd data-testid="dag-inputs">stats, patterns, analysis</dd>');
    const analysis = render({ world: pipeWorld(), pipeScene: makePipeScene(MEASURED) }, 'analysis');
    expect(text(analysis)).toContain('Source fell back to the mock');
    // Model text is text, never markup.
    expect(analysis).toContain('Look at &lt;b&gt;this&lt;/b&gt;');
  });

  it('shows a failed node’s error, and a skipped node with no time', () => {
    const patterns = render({ world: pipeWorld(), pipeScene: makePipeScene({ nodes: failedNodes() }) }, 'patterns');
    expect(patterns).toContain('data-testid="dag-node-error"');
    expect(text(patterns)).toContain('Every attempt of patterns failed (injected fault).');
    expect(text(patterns)).toContain('Node patterns failed');
    const report = text(render({ world: pipeWorld(), pipeScene: makePipeScene({ nodes: failedNodes() }) }, 'report'));
    expect(report).toContain('Node report skipped');
    expect(report).toContain('Time —');
  });

  it('prefills the editor with the DAG’s JSON under its label, with no error until one is refused', () => {
    const html = render({ world: pipeWorld(), pipeScene: makePipeScene() });
    expect(html).toMatch(/<label for="([^"]+)">DAG \(JSON\)<\/label><textarea id="\1"/);
    expect(text(html)).toContain('"name": "diamond"');
    expect(html).not.toContain('data-testid="dag-error"');
    expect(html).toMatch(/<button type="button" data-action="load-dag">Load<\/button>/);
    expect(html).toMatch(/<button type="button" data-action="export-pipeline">Export the run \(JSON\)<\/button>/);
  });
});

describe('dagRefusal', () => {
  const ack = (seq: number, error?: string): WorkerMessage => ({ type: 'ack', seq, ...(error === undefined ? {} : { error }) });

  it('gives back the worker’s sentence for a refused DAG, and null for one that loaded', async () => {
    const cycle = 'The DAG has a cycle: a → b → c → a; a step cannot wait for itself.';
    const worker = fakeWorker((command) => [ack(command.seq, (command as { spec?: unknown }).spec === 'bad' ? cycle : undefined)]);
    const client = new SandboxClient(createSandboxStore(), worker.port);
    await expect(dagRefusal(client, 'bad')).resolves.toBe(cycle);
    await expect(dagRefusal(client, '{"nodes":[]}')).resolves.toBeNull();
    expect(worker.posted).toContainEqual(expect.objectContaining({ type: 'loadDag', spec: '{"nodes":[]}' }));
  });

  it('refuses an empty text without asking, and turns a failure to send into its sentence', async () => {
    const worker = fakeWorker();
    const client = new SandboxClient(createSandboxStore(), worker.port);
    await expect(dagRefusal(client, '   ')).resolves.toMatch(/^The DAG is empty/);
    expect(worker.posted).toEqual([]);
    await expect(dagRefusal({ loadDag: () => Promise.reject(new Error('The worker stopped.')) }, '{}')).resolves.toBe('The worker stopped.');
  });
});
