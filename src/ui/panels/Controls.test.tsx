import { describe, expect, it } from 'vitest';
import { defaultsFor } from '../../protocol/config.ts';
import { serverRender } from '../serverRender.fixture.tsx';
import type { SandboxState } from '../store.ts';
import { Controls } from './Controls.tsx';

/** The controls as HTML, rendered on the server from the store as set here. */
function render(state: Partial<SandboxState>): string {
  return serverRender(<Controls />, [state]);
}

describe('Controls', () => {
  it('names the wide DAG with the width in force', () => {
    const pipeline = defaultsFor('pipeline');
    expect(render({ config: { ...pipeline, dag: 'wide' } })).toContain('Wide: 1 → 10 → 1');
    // A width of 98 read "Wide: 1 → 10 → 1" above it.
    const html = render({ config: { ...pipeline, dag: 'wide', fanout: 98 } });
    expect(html).toContain('Wide: 1 → 98 → 1');
    expect(html).not.toContain('1 → 10 → 1');
  });
});
