/**
 * The headline numbers must be true in every state: one at a time reads about 1.0× and about
 * the sum of its calls, failures are said instead of a speedup, and a base URL that is not a
 * URL sends nothing anywhere.
 */
import { expect, test } from '@playwright/test';
import { fakeServerBackend, FAKE_PORT, TEST_KEY } from './liveBackends.ts';
import { openSandbox, snapshot } from './sandbox.ts';

test("the README's sequential link reads 0.9× to 1.1× on every batch over 30 s", async ({ page }) => {
  test.setTimeout(90_000);
  await openSandbox(page, '?agents=10&latency=500&align=1&strategy=sequential');
  const seen = new Map<string, { wallMs: number; sumLatencyMs: number; speedup: number }>();
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const batch = (await snapshot(page)).metrics.lastBatch;
    if (batch) seen.set(`${batch.wallMs}/${batch.sumLatencyMs}`, batch);
    await page.waitForTimeout(250);
  }
  const batches = [...seen.values()];
  console.log(`sequential link, 30 s: ${batches.map((b) => `${Math.round(b.wallMs)} ms wall / ${Math.round(b.sumLatencyMs)} ms sum = ${b.speedup.toFixed(2)}×`).join('; ')}`);
  expect(batches.length).toBeGreaterThanOrEqual(4);
  for (const batch of batches) {
    expect(batch.speedup).toBeGreaterThanOrEqual(0.9);
    expect(batch.speedup).toBeLessThanOrEqual(1.1);
  }
  await expect(page.getByTestId('batch-speedup')).toHaveText(/^1\.0×$/);
});

test('a refused key shows no speedup: the headline says the calls failed', async ({ page }) => {
  const backend = fakeServerBackend();
  await backend.attach(page);
  await openSandbox(page, `?${backend.query}&agents=6&thinkInterval=1000`);
  await page.evaluate(() => window.sandbox?.configure({ apiKey: 'AIzaSy-this-key-is-wrong' }));
  await expect(page.getByTestId('batch-failed')).toContainText('All 6 calls failed and fell back to the mock: no speedup to show.');
  await expect(page.getByTestId('batch-speedup')).toHaveCount(0);
});

test('a base URL without a scheme sends nothing anywhere, and says why', async ({ page }) => {
  const backend = fakeServerBackend();
  await backend.attach(page);
  const google: string[] = [];
  await page.context().route('https://generativelanguage.googleapis.com/**', async (route) => {
    google.push(route.request().url());
    await route.abort();
  });
  await openSandbox(page, `?brain=gemini&baseUrl=127.0.0.1:${FAKE_PORT}&agents=3&thinkInterval=500`);
  await page.evaluate((apiKey) => window.sandbox?.configure({ apiKey }), TEST_KEY);
  await expect(page.locator('[data-code="base-url"]')).toContainText(`'127.0.0.1:${FAKE_PORT}' is not a URL`);
  await page.waitForTimeout(3_000);
  expect(await backend.requests()).toHaveLength(0);
  expect(google).toHaveLength(0);
  expect((await snapshot(page)).agents.some((a) => a.decisions > 0)).toBe(true); // the mock goes on
});
