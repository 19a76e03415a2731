import { expect, test, type Page } from '@playwright/test';
import { fakeServerBackend, TEST_KEY } from './liveBackends.ts';
import { collectErrors, openSandbox, snapshot, waitForSnapshot, type SandboxWindow } from './sandbox.ts';

interface PipelineScene {
  dag: string;
  mode: string;
  nodes: { id: string; level: number; status: string; startMs: number | null; endMs: number | null; source: string | null }[];
  wallMs: number | null;
  sequentialMs: number | null;
  criticalPathMs: number | null;
  speedup: number | null;
}

async function ended(page: Page): Promise<PipelineScene> {
  await waitForSnapshot(page, 's.scene !== null && s.scene.wallMs !== null');
  return (await snapshot(page)).scene as unknown as PipelineScene;
}

const statuses = (scene: PipelineScene): Record<string, string> => Object.fromEntries(scene.nodes.map((n) => [n.id, n.status]));

test.describe('the pipeline scenario', () => {
  test('the diamond runs level by level; the graph and the Gantt show it', async ({ page }) => {
    const errors = collectErrors(page);
    await openSandbox(page, '?scenario=pipeline&dag=diamond&latency=300');
    await expect(page.getByTestId('stage')).toHaveCount(0);
    await expect(page.getByTestId('dag-graph')).toBeVisible();
    await expect(page.getByTestId('dag-node')).toHaveCount(5);
    const scene = await ended(page);
    expect(scene.mode).toBe('levels');
    expect(Object.values(statuses(scene)).every((s) => s === 'done')).toBe(true);
    // Three levels of 300 ms (generous bound for a busy machine); one at a time would be five.
    expect(scene.wallMs).toBeGreaterThanOrEqual(900 - 5);
    expect(scene.speedup).toBeGreaterThan(1.3);
    await expect(page.locator('[data-testid="dag-node"][data-node="report"]')).toHaveAttribute('data-status', 'done');
    await expect(page.getByTestId('dag-gantt')).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('a cycle loaded through the editor gets its sentence, and the DAG on show is kept', async ({ page }) => {
    await openSandbox(page, '?scenario=pipeline&dag=diamond&latency=100');
    await ended(page);
    const editor = page.getByLabel('DAG (JSON)');
    await editor.fill(JSON.stringify({ nodes: [{ id: 'a', kind: 'agent', inputs: ['c'] }, { id: 'b', kind: 'agent', inputs: ['a'] }, { id: 'c', kind: 'agent', inputs: ['b'] }] }));
    await page.getByRole('button', { name: /^Load/ }).click();
    await expect(page.getByTestId('dag-error')).toHaveText('The DAG has a cycle: a → b → c → a; a step cannot wait for itself.');
    expect((await snapshot(page)).scene as unknown as PipelineScene).toMatchObject({ dag: 'diamond' });
    // The same through window.sandbox.
    const result = await page.evaluate(() => (window as unknown as SandboxWindow).sandbox.loadDag({ nodes: [{ id: 'x', kind: 'agent', inputs: ['x'] }] }));
    expect(result).toEqual({ ok: false, error: 'The DAG has a cycle: x → x; a step cannot wait for itself.' });
    const ok = await page.evaluate(() => (window as unknown as SandboxWindow).sandbox.loadDag({ name: 'two', nodes: [{ id: 'first', kind: 'agent' }, { id: 'second', kind: 'agent', inputs: ['first'] }] }));
    expect(ok).toEqual({ ok: true });
    await waitForSnapshot(page, "s.scene !== null && s.scene.dag === 'two' && s.scene.wallMs !== null");
    await expect(page.getByTestId('dag-node')).toHaveCount(2);
  });

  test('failNode=patterns skips report while stats and analysis finish', async ({ page }) => {
    await openSandbox(page, '?scenario=pipeline&dag=diamond&failNode=patterns&latency=200');
    const scene = await ended(page);
    expect(statuses(scene)).toEqual({ ingest: 'done', stats: 'done', patterns: 'failed', analysis: 'done', report: 'skipped' });
    await expect(page.locator('[data-testid="dag-node"][data-node="report"]')).toHaveAttribute('data-status', 'skipped');
    await expect(page.locator('[data-testid="dag-node"][data-node="patterns"]')).toHaveAttribute('data-status', 'failed');
  });

  test('a Gemini run through the fake server works', async ({ page }) => {
    const backend = fakeServerBackend();
    await backend.attach(page, 50);
    await openSandbox(page, `?${backend.query}&scenario=pipeline&dag=diamond`);
    await page.evaluate((apiKey) => (window as unknown as SandboxWindow).sandbox.configure({ apiKey }), TEST_KEY);
    // The first run began on the mock before the key came: run the DAG again on Gemini.
    await page.evaluate(() => (window as unknown as SandboxWindow).sandbox.reset());
    const scene = await ended(page);
    expect(scene.nodes.every((n) => n.status === 'done' && n.source === 'model')).toBe(true);
    const requests = await backend.requests();
    expect(requests.length).toBeGreaterThanOrEqual(5);
    expect(requests.every((r) => r.keyValid)).toBe(true);
  });
});
