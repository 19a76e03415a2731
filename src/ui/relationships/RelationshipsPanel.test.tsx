import { describe, expect, it } from 'vitest';
import { defaultsFor } from '../../protocol/config.ts';
import { serverRender } from '../serverRender.fixture.tsx';
import type { SandboxState } from '../store.ts';
import { makeRelScene, MEASURED, relWorld } from './relScene.fixture.ts';
import { RelationshipsPanel } from './RelationshipsPanel.tsx';

/** The panel as HTML, rendered on the server: the words, no effects. */
function render(state: Partial<SandboxState>): string {
  return serverRender(<RelationshipsPanel />, [{ config: defaultsFor('relationships') }, state]);
}

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ');

describe('RelationshipsPanel', () => {
  it('renders nothing unless the relationship simulations are on show', () => {
    expect(render({ world: relWorld('grid'), relScene: makeRelScene() })).toBe('');
    expect(render({ world: null, relScene: makeRelScene() })).toBe('');
  });

  it('shows dashes and disabled exports before the first scene', () => {
    const html = render({ world: relWorld() });
    const words = text(html);
    expect(html).toContain('data-testid="relationships-panel"');
    expect(html).toContain('aria-label="Relationships"');
    expect(html).toContain('data-state="waiting"');
    expect(words).toContain('wall — · one after another — · —× faster');
    expect(words).toContain('Nothing measured yet');
    expect(words).toContain('Waiting for the simulations…');
    expect(html).toMatch(/<button type="button" data-action="export-sims" disabled="">Export transcripts<\/button>/);
    expect(words).not.toContain('NaN');
  });

  it('shows the time so far while the first pass runs, and no spread yet', () => {
    const html = render({ world: relWorld(), relScene: makeRelScene() });
    const words = text(html);
    expect(html).toContain('data-state="running"');
    expect(words).toContain('elapsed 3.2 s · running…');
    expect(words).toContain('12 simulations · 8 running · 3 done · 1 failed');
    expect(html).not.toContain('data-testid="rel-spread"');
    expect(html).toMatch(/<button type="button" data-action="export-sims">Export transcripts<\/button>/);
    expect(words).not.toContain('NaN');
  });

  it('shows wall against one after another, the speedup and the spread once the pass has ended', () => {
    const html = render({ world: relWorld(), relScene: makeRelScene({ ...MEASURED, running: 0, done: 11, failed: 1 }) });
    const words = text(html);
    expect(html).toContain('data-state="measured"');
    expect(words).toContain('wall 10.6 s · one after another 63.2 s · 6.0× faster');
    expect(words).toContain('each step’s longest call, what it takes alone');
    expect(words).toContain('finish times within 3% of each other');
    expect(words).toContain('12 simulations · 0 running · 11 done · 1 failed');
    expect(words).not.toContain('NaN');
  });
});
