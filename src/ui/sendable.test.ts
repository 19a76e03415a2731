import { describe, expect, it } from 'vitest';
import { SandboxClient, type WorkerPort } from './client.ts';
import { createSandboxApi } from './sandboxApi.ts';
import { patchProblem, sendablePatch } from './sendable.ts';
import { createSandboxStore } from './store.ts';

describe('sendablePatch', () => {
  it('keeps what postMessage can copy and names the rest', () => {
    const nested = { inner: () => 1 };
    const { patch, problems } = sendablePatch({ agents: 5, baseUrl: 'http://x', list: [1, 2], f: () => 1, s: Symbol('s'), nested });
    expect(patch).toEqual({ agents: 5, baseUrl: 'http://x', list: [1, 2] });
    expect(problems.map((p) => p.key)).toEqual(['f', 's', 'nested']);
    expect(problems[2]?.message).toMatch(/^nested was ignored: a value that cannot be copied \(.+\) cannot be sent to the simulation\.$/);
  });

  it('names a value whose getter throws instead of throwing', () => {
    const patch = Object.defineProperty({}, 'agents', { enumerable: true, get: () => { throw new Error('no'); } }) as Record<string, unknown>;
    expect(sendablePatch(patch).problems).toEqual([{ key: 'agents', message: 'agents was ignored: a value that could not be read (no) cannot be sent to the simulation.' }]);
  });

  it('says what configure got when it is not an object of settings', () => {
    expect(patchProblem({})).toBeNull();
    expect(patchProblem(null)?.message).toBe('configure takes an object of settings, such as { agents: 50 }, not null.');
    expect(patchProblem('x')?.message).toContain("not a string ('x')");
    expect(patchProblem([1])?.message).toContain('not an array');
  });
});

describe('window.sandbox.configure', () => {
  function api() {
    const posted: unknown[] = [];
    const port: WorkerPort = { postMessage: (m) => posted.push(m), addEventListener: () => undefined, terminate: () => undefined };
    const store = createSandboxStore();
    const client = new SandboxClient(store, port);
    return { sandbox: createSandboxApi({ store, client, stage: { current: null } }), posted, store };
  }

  it('resolves null, a string or a number with a problem and a notice, posting nothing', async () => {
    const { sandbox, posted, store } = api();
    for (const bad of [null, 'x', 5, undefined]) {
      const result = await sandbox.configure(bad as unknown as Record<string, unknown>);
      expect(result.problems).toEqual([{ key: 'configure', message: expect.stringContaining('configure takes an object of settings') as unknown }]);
    }
    expect(posted).toEqual([]);
    expect(store.getState().notices.settings?.message).toContain('configure takes an object of settings');
  });
});
