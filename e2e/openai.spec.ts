import { expect, test } from '@playwright/test';
import { expectNoKeyLeak, recordConsole } from './keyHygiene.ts';
import { FAKE_OPENAI_PORT, TEST_KEY } from './liveBackends.ts';
import { openSandbox, waitForSnapshot, type SandboxWindow } from './sandbox.ts';

const FAKE = `http://127.0.0.1:${FAKE_OPENAI_PORT}`;

/** Sets the fake OpenAI-compatible server's behaviour (its CORS headers, here). */
async function control(patch: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${FAKE}/__fake/control`, { method: 'POST', body: JSON.stringify(patch) });
  if (!response.ok) throw new Error(`fake control failed: ${response.status}`);
}

test.describe('an OpenAI-compatible server (the fake, as a local Ollama would be)', () => {
  test('agents think with it; the inspector shows the prompt and raw reply; the key never leaks', async ({ page }) => {
    const consoleLines = recordConsole(page);
    await openSandbox(page, `?brain=openai&baseUrl=${encodeURIComponent(`${FAKE}/v1`)}&model=llama3.2&agents=4&thinkInterval=1000`);
    await page.evaluate((apiKey) => (window as unknown as SandboxWindow).sandbox.configure({ apiKey }), TEST_KEY);
    const s = await waitForSnapshot(page, "s.agents.every((a) => a.source === 'openai')");
    expect(s.metrics.fallbacks).toBe(0);
    await page.getByTestId('agent-list').getByRole('button').first().click();
    await expect(page.getByTestId('inspector-source')).toHaveText('OpenAI-compatible');
    await page.getByText('Prompt sent').click();
    await expect(page.getByTestId('inspector-prompt')).toContainText('JSON');
    await page.getByText('Raw reply').click();
    await expect(page.getByTestId('inspector-raw')).toContainText('"thought"');
    // The key went to the server as a Bearer token, and nowhere on the page, in storage or the console.
    const requests = (await (await fetch(`${FAKE}/__fake/requests`)).json()) as { keyValid: boolean; origin?: string }[];
    expect(requests.length).toBeGreaterThanOrEqual(4);
    expect(requests.slice(-4).every((r) => r.keyValid)).toBe(true);
    const save = await page.evaluate(() => (window as unknown as SandboxWindow).sandbox.save({ withCalls: true }));
    expect(JSON.stringify(save)).not.toContain(TEST_KEY);
    await expectNoKeyLeak(page, consoleLines);
  });

  test('the connection test lists the models, and says in a sentence when the server is down or CORS is blocked', async ({ page }) => {
    await openSandbox(page, `?brain=openai&baseUrl=${encodeURIComponent(`${FAKE}/v1`)}&model=llama3.2&agents=2`);
    await page.evaluate((apiKey) => (window as unknown as SandboxWindow).sandbox.configure({ apiKey }), TEST_KEY);
    const result = page.getByTestId('connection-result');
    await page.locator('[data-action="test-connection"]').click();
    await expect(result).toHaveText(/^Connected: \d+ models? \(.*llama3\.2/);
    // Down: nothing listens on this port.
    await page.evaluate(() => (window as unknown as SandboxWindow).sandbox.configure({ baseUrl: 'http://127.0.0.1:9/v1' }));
    await page.locator('[data-action="test-connection"]').click();
    await expect(result).toContainText(/not running|no server|not answering|down/i);
    // CORS: the server answers, but not to this origin.
    await control({ cors: false });
    try {
      await page.evaluate((base) => (window as unknown as SandboxWindow).sandbox.configure({ baseUrl: base }), `${FAKE}/v1`);
      await page.locator('[data-action="test-connection"]').click();
      await expect(result).toContainText(/CORS|origin/);
    } finally {
      await control({ cors: true });
    }
  });
});
