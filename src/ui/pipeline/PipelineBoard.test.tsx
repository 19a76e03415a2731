import { describe, expect, it } from 'vitest';
import { defaultsFor } from '../../protocol/config.ts';
import { serverRender } from '../serverRender.fixture.tsx';
import type { SandboxState } from '../store.ts';
import { failedNodes, makePipeScene, MEASURED, pipeWorld } from './pipeScene.fixture.ts';
import { PipelineBoard } from './PipelineBoard.tsx';
import { pipeSelection } from './selection.ts';

/** The board as HTML, rendered on the server: the words and attributes, no effects. */
function render(state: Partial<SandboxState>, selected: string | null = null): string {
  return serverRender(<PipelineBoard />, [{ config: defaultsFor('pipeline') }, state], (store) => {
    pipeSelection(store).set(selected);
  });
}

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** Each node's opening tag, in order. */
const nodeTags = (html: string): string[] => html.match(/<div class="react-flow__node [^>]*>/g) ?? [];

describe('PipelineBoard', () => {
  it('waits for the pipeline before the first scene, with the legend of every status', () => {
    const html = render({ world: pipeWorld() });
    expect(html).toContain('data-testid="dag-graph"');
    expect(text(html)).toContain('Waiting for the pipeline…');
    expect(nodeTags(html)).toEqual([]);
    expect(text(html)).toContain('waiting running retrying done failed skipped critical path (thick border)');
  });

  it('draws a node per step with its id, status word, kind, time and attempts', () => {
    const html = render({ world: pipeWorld(), pipeScene: makePipeScene() });
    expect(text(html)).toContain('diamond · level by level · 5 nodes · 1 waiting · 2 running · 2 done · 0 failed · 0 skipped');
    const tags = nodeTags(html);
    expect(tags).toHaveLength(5);
    expect(tags.map((t) => /data-node="([^"]+)" data-status="([^"]+)"/.exec(t)?.slice(1, 3))).toEqual([
      ['ingest', 'done'], ['stats', 'done'], ['patterns', 'retrying'], ['analysis', 'running'], ['report', 'waiting'],
    ]);
    for (const tag of tags) {
      expect(tag).toContain('data-testid="dag-node"');
      expect(tag).toContain('role="button"');
      expect(tag).toContain('tabindex="0"');
    }
    const words = text(html);
    expect(words).toContain('ingest agent done 1.00 s');
    expect(words).toContain('stats tool · stats done 800 ms');
    expect(words).toContain('patterns agent retrying 2 attempts');
    expect(words).toContain('analysis agent running');
    expect(words).toContain('report agent waiting');
    // Read-only: no node drags (only the pane pans).
    for (const tag of tags) expect(tag).not.toContain('draggable');
  });

  it('marks the critical path’s nodes and edges, in the class and the accessible text', () => {
    const html = render({ world: pipeWorld(), pipeScene: makePipeScene(MEASURED) });
    const tags = nodeTags(html);
    const critical = tags.filter((t) => t.includes(' critical '));
    expect(critical.map((t) => /data-id="([^"]+)"/.exec(t)?.[1])).toEqual(['ingest', 'patterns', 'report']);
    // Named by its words (no aria-label: a name must hold the visible text), the path said in hidden words.
    for (const tag of tags) expect(tag).not.toContain('aria-label=');
    expect(html).toContain('<span class="dag-node-id">patterns</span> <span class="dag-node-kind">agent</span>');
    expect(html.match(/<span class="dag-sr-only">, critical path<\/span>/g)).toHaveLength(3);
    expect(html.match(/class="react-flow__edge [^"]*"/g)).toHaveLength(6);
    expect(html.match(/dag-edge critical/g)).toHaveLength(2);
    expect(html).toContain('aria-label="patterns feeds report (critical path)"');
  });

  it('shows a failed node and its skipped descendant in words, and the selected node pressed', () => {
    const html = render({ world: pipeWorld(), pipeScene: makePipeScene({ nodes: failedNodes() }) }, 'patterns');
    const tags = nodeTags(html);
    expect(tags[2]).toContain('data-status="failed"');
    expect(tags[2]).toContain('aria-pressed="true"');
    expect(tags[4]).toContain('data-status="skipped"');
    expect(tags[0]).toContain('aria-pressed="false"');
    expect(text(html)).toContain('patterns agent failed');
    expect(text(html)).toContain('report agent skipped');
  });

  it('has named zoom buttons and no control panel named without a role', () => {
    const html = render({ world: pipeWorld(), pipeScene: makePipeScene() });
    expect(html).toMatch(/role="group" aria-label="Zoom"/);
    expect(html).toContain('aria-label="Fit the graph to the pane">Fit</button>');
    expect(html).not.toContain('Control Panel');
  });
});
