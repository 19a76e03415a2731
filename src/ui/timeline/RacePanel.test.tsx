import { describe, expect, it } from 'vitest';
import { defaultsFor } from '../../protocol/config.ts';
import type { WorldMessage } from '../../protocol/protocol.ts';
import { serverRender } from '../serverRender.fixture.tsx';
import type { RaceView, SandboxState } from '../store.ts';
import { RacePanel, raceLanes, raceSpeedups } from './RacePanel.tsx';
import { raceWords } from './raceWords.ts';

function render(state: Partial<SandboxState>): string {
  return serverRender(<RacePanel />, [{ config: defaultsFor(state.world?.scenario ?? 'grid') }, state]);
}

function world(scenario: WorldMessage['scenario']): WorldMessage {
  const agents = Array.from({ length: 5 }, (_, id) => ({ id, name: `n${id}`, traits: [], goal: '' }));
  return { type: 'world', worldId: 1, width: 4, height: 4, walls: new Uint8Array(16), pois: [], agents, scenario, topics: 0 };
}

const lane = (wallMs: number | null) => ({ bars: [], wallMs });

function race(over: Partial<RaceView> = {}): RaceView {
  return { raceId: 1, status: 'done', size: 5, startedAt: 0, now: 5_000, sequential: lane(5_000), parallel: lane(3_000), ...over };
}

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('RacePanel', () => {
  it('keeps two lanes and one speedup for a race without a third lane', () => {
    const html = render({ world: world('grid'), race: race() });
    expect(html).toContain('data-testid="race-sequential-wall"');
    expect(html).toContain('data-testid="race-parallel-wall"');
    expect(html).not.toContain('race-ready');
    expect(html).toContain('<span class="race-speedup-value" data-testid="race-speedup">1.7×</span>');
    expect(text(html)).toContain('Race: one at a time vs all together');
    expect(text(html)).toContain('One at a time');
    expect(text(html)).toContain('All together');
  });

  it('draws a pipeline’s three lanes on one axis, titled by mode, with both speedups over one at a time', () => {
    const html = render({ world: world('pipeline'), race: race({ ready: lane(2_000) }) });
    const words = text(html);
    expect(words).toContain('Race: one at a time, level by level, as soon as ready');
    const titles = [...html.matchAll(/<span class="timeline-lane-title">([^<]+)<\/span>/g)].map((m) => m[1]);
    expect(titles).toEqual(['One at a time', 'Level by level', 'As soon as ready']);
    expect(html).toContain('data-testid="race-ready-wall">2.00 s<');
    expect(words).toContain('Speedup over one at a time');
    expect(html).toContain('data-testid="race-speedup">1.7×</span>');
    expect(html).toContain('data-testid="race-ready-speedup">2.5×</span>');
    expect(html).toContain('data-testid="race-ready-progress"');
    // The whole DAG races: no note about taking only the first agents.
    expect(html).not.toContain('data-testid="race-cap"');
  });

  it('gives each faster lane’s speedup as soon as it and one at a time are done', () => {
    const words = raceWords('pipeline');
    const running = race({ status: 'running', sequential: lane(null), parallel: lane(3_000), ready: lane(2_000) });
    expect(raceLanes(running, words).map((l) => l.key)).toEqual(['sequential', 'parallel', 'ready']);
    expect(raceSpeedups(running, words).map((s) => s.value)).toEqual([null, null]);
    const partly = race({ ready: lane(null) });
    expect(raceSpeedups(partly, words)).toEqual([{ key: 'parallel', title: 'Level by level', value: '1.7×' }, { key: 'ready', title: 'As soon as ready', value: null }]);
    expect(raceLanes(race(), raceWords('grid')).map((l) => l.title)).toEqual(['One at a time', 'All together']);
    // Node times differ and nodes wait for their inputs: no lane's time left is guessed from its calls.
    expect(words.estimates).toBe(false);
    expect(raceWords('grid').estimates).toBe(true);
  });
});
