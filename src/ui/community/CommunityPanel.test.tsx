import { describe, expect, it } from 'vitest';
import type { WorldMessage } from '../../protocol/protocol.ts';
import { defaultsFor } from '../../protocol/config.ts';
import { serverRender } from '../serverRender.fixture.tsx';
import type { SandboxState } from '../store.ts';
import { CommunityPanel } from './CommunityPanel.tsx';
import { makePersona, makeScene, phaseRecord } from './scene.fixture.ts';

function world(scenario: WorldMessage['scenario']): WorldMessage {
  const agents = Array.from({ length: 24 }, (_, id) => ({ id, name: id === 3 ? 'Ada' : `P${id}`, traits: [], goal: 'explore' }));
  return { type: 'world', worldId: 1, width: 20, height: 20, walls: new Uint8Array(400), pois: [], agents, scenario, topics: scenario === 'community' ? 3 : 0 };
}

/** The panel as HTML, rendered on the server: effects (the chart) do not run, the words do. */
function render(state: Partial<SandboxState>): string {
  return serverRender(<CommunityPanel />, [{ config: defaultsFor('community') }, state]);
}

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ');

describe('CommunityPanel', () => {
  it('renders nothing for the grid', () => {
    expect(render({ world: world('grid'), scene: makeScene() })).toBe('');
  });

  it('shows the phases, the running one explained, the legend and the beliefs', () => {
    const html = render({ world: world('community'), scene: makeScene() });
    const words = text(html);
    expect(html).toContain('aria-label="Community"');
    expect(words).toContain('debate · 510 ms · Σ 3.00 s · 5.9×');
    expect(words).toContain('beliefs-debate · running');
    expect(words).toContain('Epoch 1 of 2 · beliefs-debate: 24 personas update their beliefs after the debate.');
    expect(words).toContain('24 calls under a semaphore of 20 → at least ⌈24/20⌉ = 2 waves × 500 ms (the mock latency setting) ≈ 1.00 s');
    expect(words).toContain('grey: fell back (belief kept)');
    expect(words).toContain('+1 for: build the tram');
    expect(words).toContain('2 camps now');
    expect(words).toContain('Click a persona on the grid to see its beliefs and chats.');
    expect(words).toContain('No posts yet');
    expect(html).not.toContain('data-testid="vote-tally"');
  });

  it('shows the selected persona, the interview box, the feed and the vote', () => {
    const scene = makeScene({
      scene: { done: true, phase: null, phases: [phaseRecord({ name: 'vote', epoch: 2 })] },
      view: {
        feed: [{ id: 0, epoch: 1, author: 3, topic: 0, stance: 0.42, text: 'Build it <b>now</b>!', up: 3, down: 1, authorName: 'Ada', hot: 2 }],
        tally: [{ topic: 0, options: [{ option: 'build the tram', votes: 16 }, { option: 'keep the buses', votes: 8 }] }],
      },
      persona: makePersona({ greyed: true, votes: [0, 1, 0] }),
    });
    const html = render({ world: world('community'), scene, selectedId: 3 });
    const words = text(html);
    expect(words).toContain('Done: the vote is in.');
    expect(words).toContain('Ask Ada a question');
    expect(html).toContain('maxLength="500"');
    expect(words).toContain('An interview changes nothing');
    expect(words).toContain('fell back: it kept its beliefs');
    expect(words).toContain('tram +0.42');
    expect(words).toContain('Voted: build the tram, open on Sundays, car-free park.');
    expect(words).toContain('build the tram: 16 (67%)');
    // Model text is text, never markup.
    expect(html).toContain('Build it &lt;b&gt;now&lt;/b&gt;!');
    expect(words).toContain('▲ 3 up');
  });
});
