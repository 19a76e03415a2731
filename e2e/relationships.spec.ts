import { expect, test, type Page } from '@playwright/test';
import { fakeServerBackend, TEST_KEY } from './liveBackends.ts';
import { collectErrors, openSandbox, snapshot, waitForSnapshot, type RelationshipsScene, type SandboxWindow } from './sandbox.ts';

/** The relationships scene of the snapshot (the contract's fields). */
async function scene(page: Page): Promise<RelationshipsScene> {
  return (await snapshot(page)).scene as unknown as RelationshipsScene;
}

/** Waits until every simulation has ended (done or failed). */
async function allEnded(page: Page, timeout = 60_000): Promise<RelationshipsScene> {
  await waitForSnapshot(page, "s.scene !== null && s.scene.sims.length > 0 && s.scene.sims.every((x) => x.status !== 'running') && s.scene.wallMs !== null", timeout);
  return scene(page);
}

test.describe('the relationships scenario', () => {
  test('twelve simulations run to the end; cards replace the grid; a card opens its transcript', async ({ page }) => {
    const errors = collectErrors(page);
    await openSandbox(page, '?scenario=relationships&sims=12&latency=100&jitter=0');
    await expect(page.getByTestId('stage')).toHaveCount(0);
    await expect(page.getByTestId('sim-card')).toHaveCount(12);
    const done = await allEnded(page);
    expect(done.sims.map((s) => s.status)).toEqual(Array.from({ length: 12 }, () => 'done'));
    for (const sim of done.sims) expect(sim.commitment).toHaveLength(3);
    // Together, about as long as one: the speedup over one after another is most of 12.
    expect(done.speedup).toBeGreaterThan(6);
    await expect(page.getByTestId('rel-figures')).toContainText('× faster');
    await page.locator('[data-testid="sim-card"][data-sim="3"]').getByRole('button').first().click();
    const transcript = page.getByTestId('sim-transcript');
    await expect(transcript).toBeVisible();
    await expect(transcript).toContainText('Scene master');
    await expect(transcript).toContainText('commitment');
    await page.keyboard.press('Escape');
    await expect(transcript).toBeHidden();
    expect(errors).toEqual([]);
  });

  test('from the grid to the cards: no frame rate stays behind, on the page or in the snapshot', async ({ page }) => {
    await openSandbox(page, '?agents=10&latency=100');
    await waitForSnapshot(page, 's.metrics.fps > 0');
    await expect(page.getByTestId('m-fps')).toBeVisible();
    await page.getByLabel('Scenario').selectOption('relationships');
    await expect(page.getByTestId('sim-board')).toBeVisible();
    await expect(page.getByTestId('stage')).toHaveCount(0);
    await expect(page.getByTestId('m-fps')).toHaveCount(0);
    expect((await snapshot(page)).metrics.fps).toBe(0);
  });

  test('failSim=4 fails card 4 alone with its sentence; once the fault is off a retry of card 4 alone succeeds', async ({ page }) => {
    await openSandbox(page, '?scenario=relationships&sims=12&failSim=4&latency=100&jitter=0');
    const ended = await allEnded(page);
    expect(ended.sims.filter((s) => s.status === 'failed').map((s) => s.id)).toEqual([4]);
    expect(ended.sims.filter((s) => s.status === 'done')).toHaveLength(11);
    const card = page.locator('[data-testid="sim-card"][data-sim="4"]');
    await expect(card).toHaveAttribute('data-status', 'failed');
    await expect(card).toContainText(/Simulation 4 failed at scene 1 .*failSim=4/);
    // While the fault is on, a retry fails again, alone.
    await page.evaluate(() => (window as unknown as SandboxWindow).sandbox.configure({ failSim: -1 }));
    const wall = ended.wallMs;
    await card.locator('[data-action="retry-sim"]').click();
    await expect(card).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    const after = await scene(page);
    expect(after.sims.every((s) => s.status === 'done')).toBe(true);
    expect(after.sims[4]?.retries).toBe(1);
    expect(after.sims.filter((s) => s.id !== 4).every((s) => s.retries === 0)).toBe(true);
    // The first pass's figures stand; the retry was its own run.
    expect(after.wallMs).toBe(wall);
  });

  test('a retry of a simulation that did not fail is refused with a sentence', async ({ page }) => {
    await openSandbox(page, '?scenario=relationships&sims=2&scenes=1&latency=50&jitter=0');
    await allEnded(page);
    const refusal = await page.evaluate(() => (window as unknown as SandboxWindow).sandbox.retrySim(1).then(() => null, (error: unknown) => (error instanceof Error ? error.message : String(error))));
    expect(refusal).toBe('Simulation 1 is done; only a failed simulation can be retried.');
  });

  test('a Gemini run through the fake server works', async ({ page }) => {
    const backend = fakeServerBackend();
    await backend.attach(page, 50);
    await openSandbox(page, `?${backend.query}&scenario=relationships&sims=3&scenes=1`);
    await page.evaluate((apiKey) => (window as unknown as SandboxWindow).sandbox.configure({ apiKey }), TEST_KEY);
    // The set began on the mock before the key came: run a fresh set on Gemini.
    await page.evaluate(() => (window as unknown as SandboxWindow).sandbox.reset());
    const ended = await allEnded(page);
    expect(ended.sims.every((s) => s.status === 'done')).toBe(true);
    const s = await snapshot(page);
    expect(s.agents.some((a) => a.source === 'gemini')).toBe(true);
    const requests = await backend.requests();
    expect(requests.length).toBeGreaterThanOrEqual(3 * 12);
    expect(requests.every((r) => r.keyValid)).toBe(true);
  });
});
