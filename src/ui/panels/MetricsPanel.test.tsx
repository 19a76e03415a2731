import { describe, expect, it } from 'vitest';
import { defaultsFor, SCENARIOS } from '../../protocol/config.ts';
import { EMPTY_METRICS } from '../../protocol/protocol.fixture.ts';
import { makePipeScene, MEASURED } from '../pipeline/pipeScene.fixture.ts';
import { serverRender } from '../serverRender.fixture.tsx';
import type { SandboxState } from '../store.ts';
import { MetricsPanel } from './MetricsPanel.tsx';

/** The panel as HTML, rendered on the server from the store as set here. */
function render(state: Partial<SandboxState>): string {
  return serverRender(<MetricsPanel />, [state]);
}

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('MetricsPanel', () => {
  it('shows a frame rate only where the grid is drawn', () => {
    const shown = SCENARIOS.filter((scenario) => render({ config: defaultsFor(scenario), fps: 58 }).includes('data-testid="m-fps"'));
    // The relationships' cards and the pipeline's DAG take the grid's place: no stage, no frames.
    expect(shown).toEqual(['grid', 'community', 'gamemaster']);
    expect(render({ config: defaultsFor('grid'), fps: 58, presenter: true })).not.toContain('data-testid="m-fps"');
  });

  it('writes counts with thousands separators, as the rest of the page does', () => {
    const html = text(render({ metrics: { ...EMPTY_METRICS, queued: 9_400, inFlight: 600, callsSucceeded: 12_345 } }));
    expect(html).toContain('Queued 9,400');
    expect(html).toContain('Succeeded 12,345');
  });

  it('counts as waiting for the budget only the queued calls past its room', () => {
    // The community at 1,000 personas: 447 of 600 slots held, 559 calls queued behind a
    // semaphore of 20. 153 of them may start under the budget now; 406 wait for it.
    const community = { ...EMPTY_METRICS, queued: 559, inFlight: 20, callsLastMinute: 447, rpmLimit: 600, budgetWaitMs: 60_000 };
    expect(text(render({ metrics: community }))).toContain(
      '406 of the 559 queued calls wait for the budget of 600 a minute: the last of them can start in about 1 min 0 s.',
    );
    // The budget spent: every queued call waits for it.
    const spent = { ...EMPTY_METRICS, queued: 9_400, inFlight: 0, callsLastMinute: 600, rpmLimit: 600, budgetWaitMs: 1_016_000 };
    expect(text(render({ metrics: spent }))).toContain('9,400 calls wait for the budget of 600 a minute: the last of them can start in about 16 min 56 s.');
  });

  it('heads the pipeline with its last run, as its panel measures it, not the level that ran last', () => {
    // The scheduler's last batch is the run's last level: the report step alone, 1.0×.
    const metrics = { ...EMPTY_METRICS, lastBatch: { id: 'pipe:run-1-levels', size: 1, wallMs: 1_000, waitedMs: 0, sumLatencyMs: 1_000, speedup: 1, answered: 1, fallbacks: 0 } };
    const config = defaultsFor('pipeline');
    const measured = text(render({ config, metrics, pipeScene: makePipeScene(MEASURED) }));
    expect(measured).toContain('Last run (5 steps, level by level) 3.00 s One step at a time it would take 5.00 s Speedup 1.7×');
    expect(measured).not.toContain('Last batch');
    expect(text(render({ config, metrics, pipeScene: makePipeScene() }))).toContain('The run is under way: its figures come when its last step has ended.');
    expect(text(render({ config, metrics, pipeScene: null }))).toContain('Nothing measured yet: press Start to run the DAG.');
    // Every other scenario keeps the scheduler's batch.
    expect(text(render({ config: defaultsFor('grid'), metrics }))).toContain('Last batch (1 call, parallel) 1,000 ms');
  });
});
