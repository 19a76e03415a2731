import { describe, expect, it } from 'vitest';
import { defaultsFor } from '../../protocol/config.ts';
import type { WorldMessage } from '../../protocol/protocol.ts';
import { serverRender } from '../serverRender.fixture.tsx';
import type { SandboxState } from '../store.ts';
import { GameMasterPanel } from './GameMasterPanel.tsx';
import { emptyGmScene, makeGmScene } from './gmScene.fixture.ts';

function world(scenario: WorldMessage['scenario']): WorldMessage {
  const agents = [{ id: 0, name: 'You', traits: [], goal: '' }, { id: 1, name: 'Bram', traits: [], goal: '' }, { id: 2, name: 'Cora', traits: [], goal: '' }];
  return { type: 'world', worldId: 1, width: 8, height: 8, walls: new Uint8Array(64), pois: [], agents, scenario, topics: 1 };
}

/** The panel as HTML, rendered on the server: the words, no effects. */
function render(state: Partial<SandboxState>): string {
  return serverRender(<GameMasterPanel />, [{ config: defaultsFor('gamemaster') }, state]);
}

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, ' ');

describe('GameMasterPanel', () => {
  it('renders nothing unless the game master is on show', () => {
    expect(render({ world: world('grid'), gmScene: makeGmScene() })).toBe('');
    expect(render({ world: null, gmScene: makeGmScene() })).toBe('');
  });

  it('waits for the village, then says nothing is measured before the first turn', () => {
    expect(text(render({ world: world('gamemaster') }))).toContain('Waiting for the village');
    const html = render({ world: world('gamemaster'), gmScene: emptyGmScene() });
    const words = text(html);
    expect(html).toContain('data-testid="gm-panel"');
    expect(html).toContain('aria-label="Game master"');
    expect(words).toContain('No turns yet: play one and its times show here.');
    expect(words).toContain('Cache on: no lookups yet.');
    expect(words).toContain('Prefetch: no calls yet.');
    expect(words).toContain('Fallbacks: none yet (no assessments).');
    expect(words).toContain('Nothing has happened yet.');
    expect(html).toContain('data-testid="gm-waterfall"');
    expect(words).toContain('No turns yet: each assessment of your first action shows here');
    expect(html).not.toContain('gm-meter-track');
  });

  it('shows the action box with its suggestions, the log and the villagers', () => {
    const html = render({ world: world('gamemaster'), gmScene: makeGmScene() });
    const words = text(html);
    expect(words).toContain('What do you do?');
    expect(html).toMatch(/<input[^>]*maxLength="200"[^>]*data-testid="gm-action"/);
    expect(html).toContain('role="group" aria-label="Suggested actions"');
    expect(words).toContain('talk to the smith');
    expect(html).toMatch(/role="log"[^>]*data-testid="gm-narration"/);
    expect(words).toContain('Turn 3, you: › take the bread from the bakery You lift a warm loaf from the stall.');
    expect(words).toContain('The square is busy. cached');
    expect(words).toContain('Bram baker, gruff');
    expect(words).toContain('−0.40 hostile');
    expect(words).toContain('frown in reach');
    expect(words).toContain('smile away');
  });

  it('shows the figures against 500 ms, the toggles and the latest turn’s waterfall', () => {
    const html = render({ world: world('gamemaster'), gmScene: makeGmScene({}, { streaming: 'You lift' }) });
    const words = text(html);
    expect(words).toContain('Over 3 turns.');
    expect(words).toContain('p95 412 ms ✓ under 500 ms');
    expect(words).toContain('p95 612 ms ✗ over 500 ms');
    expect(words).toContain('Cache hit rate 30%: 12 hits, 28 misses.');
    expect(words).toContain('Prefetch: 8 calls (on the budget), 7 landed in the cache, 3 hits on them.');
    expect(words).toContain('Background lane: 1 pending, 20 done.');
    expect(words).toContain('Fallbacks: 4 of 40 assessments (10%).');
    expect(words).toContain('One at a time');
    expect(html).toMatch(/name="cache"[^>]*checked/);
    expect(words).toContain('Turn 3: the reply came at 452 ms (deadline 450 ms)');
    expect(words).toContain('deadline 450 ms');
    expect(words).toContain('reply 452 ms');
    expect(words).toContain('Bram reacts: fallback at the reply (452 ms); the model answered late, at 610 ms, and still changed the world.');
    expect(words).toContain('prefetch 1 · Cora reacts: background, asked at 460 ms, still running.');
    expect(html).toContain('src-cache');
    // The words streaming in show; the buttons wait for the turn.
    expect(words).toContain('You lift ▍');
    expect(html).toMatch(/<button type="submit" disabled="">Playing…<\/button>/);
  });

  it('says when the cache is off, and the turns picker lists the recent turns', () => {
    const html = render({ world: world('gamemaster'), gmScene: makeGmScene({ cache: { hits: 0, misses: 40, hitRate: 0, joined: 0 } }, { cacheEnabled: false }) });
    const words = text(html);
    expect(words).toContain('Cache off: every assessment asks the model (0 hits, 40 misses).');
    expect(html).toContain('<option value="latest" selected="">the latest</option>');
    expect(words).toContain('2: look around');
    // Model text is text, never markup.
    const hostile = render({ world: world('gamemaster'), gmScene: makeGmScene({}, { log: [{ turn: 3, action: '<b>hi</b>', text: '<i>x</i>', source: 'model' }] }) });
    expect(hostile).toContain('&lt;b&gt;hi&lt;/b&gt;');
    expect(hostile).not.toContain('<i>x</i>');
  });
});
