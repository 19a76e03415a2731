import { describe, expect, it } from 'vitest';
import { defaultsFor } from '../../protocol/config.ts';
import { SandboxClient } from '../client.ts';
import { fakeWorker } from '../fakeWorker.fixture.ts';
import { serverRender } from '../serverRender.fixture.tsx';
import { createSandboxStore, type SandboxState } from '../store.ts';
import { makeCard, makeDetail, makeRelScene, relWorld } from './relScene.fixture.ts';
import { SimBoard } from './SimBoard.tsx';
import { retryRefusal, sameCard } from './SimCard.tsx';

/** The board as HTML, rendered on the server: the words and attributes, no effects. */
function render(state: Partial<SandboxState>): string {
  return serverRender(<SimBoard />, [{ config: defaultsFor('relationships') }, state]);
}

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ');
/** Each card's opening tag, in order. */
const cards = (html: string): string[] => html.match(/<li class="sim-card[^>]*>/g) ?? [];

describe('SimBoard', () => {
  it('waits for the simulations before the first scene', () => {
    const html = render({ world: relWorld() });
    expect(html).toContain('data-testid="sim-board"');
    expect(text(html)).toContain('Waiting for the simulations…');
    expect(cards(html)).toEqual([]);
    // The dialog is there from the start, closed, so opening a card only shows it.
    expect(html).toMatch(/<dialog[^>]*data-testid="sim-transcript"/);
    expect(html).not.toMatch(/<dialog[^>]* open/);
  });

  it('draws a card per simulation with its status, the counts above them', () => {
    const html = render({ world: relWorld(), relScene: makeRelScene() });
    expect(text(html)).toContain('12 simulations · 8 running · 3 done · 1 failed');
    const tags = cards(html);
    expect(tags).toHaveLength(12);
    expect(tags[0]).toContain('data-testid="sim-card" data-sim="0" data-status="running"');
    expect(tags[4]).toContain('data-sim="4" data-status="failed"');
    expect(tags[9]).toContain('data-sim="9" data-status="done"');
    const words = text(html);
    expect(words).toContain('Sim 0 running AD Ada ☺ joy BO Bo ≈ calm scene 2/3 · acting (1/2)');
    expect(words).toContain('scene 3/3 · finished');
    // Each card is reached by keyboard through its button, named with all the card shows.
    expect(html).toContain('aria-describedby="sim-story-9"');
    expect(html).toContain('<span id="sim-story-9" hidden="">Simulation 9, Gus and Hal: done, scene 3/3 · finished; Gus feels trust, Hal feels joy; commitment 0.62, 0.71, 0.80. Open the transcript.</span>');
    expect(html.match(/<button type="button" class="sim-open"/g)).toHaveLength(12);
  });

  it('draws each card’s commitment as a sparkline from 0.5', () => {
    const html = render({ world: relWorld(), relScene: makeRelScene() });
    // 100 × 24 units, three scenes: 0.5 at y 12, 0.62 at y (1 − 0.62) × 24 = 9.12 after scene 1.
    expect(html).toContain('data-points="0,12 33.33,9.12"');
    expect(html).toContain('data-points="0,12 33.33,9.12 66.67,6.96 100,4.8"');
    expect(html).toContain('aria-label="Commitment: no scene scored yet"');
    expect(html).toContain('<polyline class="sim-spark-line" points="0,12 33.33,9.12"');
  });

  it('shows a failed card’s sentence and its Retry button, and the retry under way', () => {
    const html = render({ world: relWorld(), relScene: makeRelScene() });
    const failed = html.slice(html.indexOf('data-sim="4"'), html.indexOf('data-sim="5"'));
    expect(text(failed)).toContain('Simulation 4 failed at scene 1 (context) after 3 calls in a row failed (server error).');
    expect(failed).toMatch(/<button type="button" data-action="retry-sim" aria-label="Retry simulation 4">Retry<\/button>/);
    expect(html.match(/data-action="retry-sim"/g)).toHaveLength(1);
    const scene = makeRelScene();
    const retrying = { ...scene, scene: { ...scene.scene, sims: scene.scene.sims.map((c) => (c.id === 4 ? { ...c, retrying: true } : c)) } };
    const busy = render({ world: relWorld(), relScene: retrying });
    expect(busy).toMatch(/data-action="retry-sim" disabled="" aria-label="Retry simulation 4">Retrying…/);
    expect(text(busy)).toContain('Sim 4 retrying…');
  });

  it('lists the open simulation’s pair, scores and lines by scene in the dialog', () => {
    const html = render({ world: relWorld(), relScene: makeRelScene({}, makeDetail()), openSim: 1 });
    const dialog = html.slice(html.indexOf('<dialog'));
    const words = text(dialog);
    expect(words).toContain('Simulation 1: Cy and Dee Close');
    expect(words).toContain('running · 9 calls · 1 fell back · own time 4.50 s · 0 retries');
    expect(words).toContain('Likes art and humour; dislikes security.');
    expect(words).toContain('Feels ☺ joy · affinity for Dee +0.42');
    expect(words).toContain('Feels ⚡ anger · affinity for Cy −0.40');
    expect(words).toContain('Memories (1)');
    expect(words).toContain('start 0.50 scene 1: 0.62');
    expect(words).toContain('Scene 1 · commitment 0.62 Scene master sets the scene mock 500 ms A gallery (about art)');
    expect(words).toContain('Dee acts (1/2) fell back 1.02 s It is fine, I suppose.');
    expect(dialog).toContain('class="source-tag source-fallback">fell back</span>');
    expect(words).toContain('Scene 2 Scene master sets the scene gemini 640 ms');
    // Model text is text, never markup.
    expect(dialog).toContain('Look at &lt;b&gt;this&lt;/b&gt; one!');
    expect(dialog).toMatch(/<svg class="sim-spark sim-spark-detailed"/);
  });

  it('says the transcript is on its way until the open simulation’s detail arrives', () => {
    const html = render({ world: relWorld(), relScene: makeRelScene({}, makeDetail({ id: 7 })), openSim: 1 });
    expect(text(html.slice(html.indexOf('<dialog')))).toContain('Simulation 1: Cy and Dee Close Loading the transcript…');
  });
});

describe('SimCard', () => {
  it('renders again only when what it shows has changed', () => {
    const card = makeCard({ id: 3, commitment: [0.5, 0.6] });
    // A new object with the same fields, as every scene message brings.
    expect(sameCard(card, { ...card, names: [...card.names], commitment: [0.5, 0.6] })).toBe(true);
    // Fields the card does not draw change nothing.
    expect(sameCard(card, { ...card, calls: 99, ownMs: 1 })).toBe(true);
    for (const change of [{ status: 'done' }, { scene: 3 }, { step: 'reflect' }, { error: 'x' }, { retrying: true }, { commitment: [0.5, 0.7] }, { commitment: [0.5, 0.6, 0.7] }, { emotions: ['joy', 'anger'] }, { hues: [0, 1] }] as const) {
      expect(sameCard(card, { ...card, ...change } as typeof card), JSON.stringify(change)).toBe(false);
    }
  });

  it('Retry asks the worker for that simulation and gives back its refusal, if any', async () => {
    const worker = fakeWorker((command) => [{ type: 'ack', seq: command.seq, ...(command.type === 'retrySim' && (command as { sim?: number }).sim === 2 ? { error: 'Simulation 2 has not failed.' } : {}) }]);
    const client = new SandboxClient(createSandboxStore(), worker.port);
    await expect(retryRefusal(client, 4)).resolves.toBeNull();
    expect(worker.posted).toContainEqual(expect.objectContaining({ type: 'retrySim', sim: 4 }));
    await expect(retryRefusal(client, 2)).resolves.toBe('Simulation 2 has not failed.');
  });
});
