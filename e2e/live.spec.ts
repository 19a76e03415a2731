import { expect, test, type Page } from '@playwright/test';
import { fakeServerBackend, googleRouteBackend, TEST_KEY, type Backend } from './liveBackends.ts';
import { expectNoKeyLeak, recordConsole } from './keyHygiene.ts';
import { openSandbox, snapshot, waitForSnapshot } from './sandbox.ts';

/** Opens the app against a backend and hands the worker the key, as a user would. */
async function openLive(page: Page, backend: Backend, query: string, key = TEST_KEY): Promise<string[]> {
  const consoleLines = recordConsole(page);
  await backend.attach(page);
  await openSandbox(page, `?${backend.query}&${query}`);
  await page.evaluate((apiKey) => window.sandbox?.configure({ apiKey }), key);
  return consoleLines;
}


const notice = (page: Page, code: string) => page.locator(`[data-testid="notices"] [data-code="${code}"]`);

for (const backend of [fakeServerBackend(), googleRouteBackend()]) {
  test.describe(`live mode, ${backend.name}`, () => {
    test('agents think with Gemini; the inspector shows the prompt and raw reply; tokens and cost add up', async ({ page }) => {
      const consoleLines = await openLive(page, backend, 'agents=4&thinkInterval=1000');
      const s = await waitForSnapshot(page, "s.agents.every((a) => a.source === 'gemini')");
      expect(s.metrics.fallbacks).toBe(0);
      const requests = await backend.requests();
      expect(requests.length).toBeGreaterThanOrEqual(4);
      expect(requests.every((r) => r.keyValid)).toBe(true);
      await page.getByTestId('agent-list').getByRole('button').first().click();
      await expect(page.getByTestId('inspector-source')).toHaveText('Gemini');
      await page.getByText('Prompt sent').click();
      await expect(page.getByTestId('inspector-prompt')).toContainText('JSON');
      await page.getByText('Raw reply').click();
      await expect(page.getByTestId('inspector-raw')).toContainText('"thought"');
      await expect(page.getByTestId('tokens-total')).not.toHaveText(/^0 tokens/);
      await expect(page.getByTestId('cost-estimate')).toContainText('Estimated cost: $');
      await expectNoKeyLeak(page, consoleLines);
    });

    test('a 429 with RetryInfo pauses all dispatch for its delay, says so, then resumes', async ({ page }) => {
      // One call at a time, so every request after the 429 was dispatched after it.
      const consoleLines = await openLive(page, backend, 'agents=3&thinkInterval=500&concurrency=1');
      await waitForSnapshot(page, "s.agents.every((a) => a.source === 'gemini')");
      await backend.script(['429']);
      await expect(notice(page, 'rate-limit')).toContainText(/Rate limited by the model: resuming in [12] s\./);
      await expect(notice(page, 'rate-limit')).toHaveCount(0, { timeout: 10_000 });
      const requests = await backend.requests();
      const limited = requests.findIndex((r) => r.mode === '429');
      const at = requests[limited]?.at ?? 0;
      const next = requests[limited + 1];
      expect(next, 'dispatch resumed').toBeDefined();
      const pause = (next?.at ?? 0) - at;
      console.log(`${backend.name}: first request after the 429 came ${pause} ms later (RetryInfo said 2000 ms)`);
      expect(pause).toBeGreaterThanOrEqual(1_900);
      expect((await snapshot(page)).running).toBe(true);
      await expectNoKeyLeak(page, consoleLines);
    });

    test('an invalid key stops live calls at once; agents continue on the mock; the banner says how to fix it', async ({ page }) => {
      const consoleLines = await openLive(page, backend, 'agents=5&thinkInterval=1000', 'AIzaSy-this-key-is-wrong');
      await expect(notice(page, 'live-disabled')).toContainText('The Gemini API key was refused, so live calls have stopped and agents continue on the mock brain. Check the key and enter it again.');
      const before = await waitForSnapshot(page, "s.agents.every((a) => a.source === 'fallback')");
      // The round's calls were already in flight together; none is retried and no new one is sent.
      const sent = (await backend.requests()).length;
      expect(sent).toBeLessThanOrEqual(5);
      expect(before.metrics.retries).toBe(0);
      await page.waitForTimeout(1_500);
      const after = await snapshot(page);
      expect(after.tick).toBeGreaterThan(before.tick + 5);
      expect(after.agents.every((a) => a.decisions > (before.agents[a.id]?.decisions ?? 0))).toBe(true);
      expect(await backend.requests()).toHaveLength(sent);
      // Fixing the key switches live calls back on and clears the banner.
      await page.evaluate((apiKey) => window.sandbox?.configure({ apiKey }), TEST_KEY);
      await expect(notice(page, 'live-disabled')).toHaveCount(0);
      await waitForSnapshot(page, "s.agents.every((a) => a.source === 'gemini')");
      await expectNoKeyLeak(page, consoleLines);
    });

    test('500s are retried with backoff and the call then succeeds', async ({ page }) => {
      await openLive(page, backend, 'agents=1&thinkInterval=5000');
      await backend.script(['500', '500']);
      const s = await waitForSnapshot(page, 's.agents[0].decisions > 0');
      expect(s.agents[0]?.source).toBe('gemini');
      expect(s.metrics.retries).toBe(2);
      expect((await backend.requests()).map((r) => r.mode)).toEqual(['500', '500', 'ok']);
    });

    test('a hang past the timeout falls back for that agent alone', async ({ page }) => {
      await openLive(page, backend, 'agents=4&thinkInterval=5000&timeout=1500');
      await backend.script(['hang']);
      const s = await waitForSnapshot(page, 's.agents.every((a) => a.decisions > 0)');
      expect(s.agents.filter((a) => a.source === 'fallback')).toHaveLength(1);
      expect(s.agents.filter((a) => a.source === 'gemini')).toHaveLength(3);
      await expect(notice(page, 'live-timeout')).toContainText('1 call took longer than the 1500 ms timeout');
    });

    test('malformed JSON and a SAFETY block each fall back alone, with a sentence each', async ({ page }) => {
      await openLive(page, backend, 'agents=4&thinkInterval=5000');
      await backend.script(['malformed', 'safety']);
      const s = await waitForSnapshot(page, 's.agents.every((a) => a.decisions > 0)');
      expect(s.agents.filter((a) => a.source === 'fallback')).toHaveLength(2);
      await expect(notice(page, 'live-bad-output')).toContainText('not the JSON asked for');
      await expect(notice(page, 'live-blocked')).toContainText('blocked 1 reply for safety');
    });

    test('model text containing markup is shown as text, never run', async ({ page }) => {
      await openLive(page, backend, 'agents=1&thinkInterval=5000');
      await backend.script(['markup']);
      await waitForSnapshot(page, "s.agents[0].source === 'gemini'");
      await page.getByTestId('agent-list').getByRole('button').first().click();
      await expect(page.getByTestId('inspector-thought')).toHaveText('I will greet them with <b>hi</b>.');
      await expect(page.getByTestId('inspector').locator('b')).toHaveCount(0);
      await expect(page.getByTestId('inspector').locator('script')).toHaveCount(0);
    });
  });
}

test('the key: kept in memory by default, remembered only on request, forgotten on request', async ({ page }) => {
  const backend = fakeServerBackend();
  const consoleLines = recordConsole(page);
  await backend.attach(page);
  await openSandbox(page, `?${backend.query}&agents=2`);
  await expect(page.locator('[data-code="gemini-key"]')).toContainText('no API key is set');
  const field = page.getByLabel('Gemini API key');
  await field.fill(TEST_KEY);
  await page.getByRole('button', { name: 'Use key' }).click();
  await expect(page.getByTestId('key-status')).toHaveText('Key set; kept in memory until you close the tab.');
  await expect(field).toHaveValue('');
  await expectNoKeyLeak(page, consoleLines);
  // Opt in: remembered in this browser, and used again after a reload.
  await field.fill(TEST_KEY);
  await page.getByLabel('Remember on this device').check();
  await page.getByRole('button', { name: 'Use key' }).click();
  await expect(page.getByTestId('key-status')).toHaveText('Key set; remembered in this browser.');
  expect(await page.evaluate(() => JSON.stringify(Object.entries(localStorage)))).toContain(TEST_KEY);
  await page.reload();
  await expect(page.getByTestId('key-status')).toHaveText('Key set; remembered in this browser.');
  await waitForSnapshot(page, "s.agents.some((a) => a.source === 'gemini')");
  await page.getByRole('button', { name: 'Forget key' }).click();
  await expect(page.getByTestId('key-status')).toHaveText('No key set.');
  await expectNoKeyLeak(page, consoleLines);
});

test('budget: with RPM 30 and 40 agents no rolling minute sees more than 30 requests', async ({ page }) => {
  test.setTimeout(180_000);
  const backend = fakeServerBackend();
  await openLive(page, backend, 'agents=40&thinkInterval=5000&rpm=30&align=0');
  // 40 agents want ~480 requests a minute; the budget allows 30. Watch 80 s: past one full window.
  await page.waitForTimeout(80_000);
  const times = (await backend.requests()).map((r) => r.at).sort((a, b) => a - b);
  let worst = 0;
  for (let i = 0; i < times.length; i++) {
    const start = times[i] ?? 0;
    let j = i;
    while (j < times.length && (times[j] ?? Infinity) < start + 60_000) j++;
    worst = Math.max(worst, j - i);
  }
  console.log(`budget check: ${times.length} requests in 80 s; the busiest rolling 60 s window held ${worst} (budget 30)`);
  expect(worst).toBeLessThanOrEqual(30);
  expect(worst).toBeGreaterThanOrEqual(25); // the budget is used, not starved
  const s = await snapshot(page);
  expect(s.metrics.queued).toBeGreaterThan(0);
  expect(s.running).toBe(true);
});
