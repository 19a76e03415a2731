import { expect, test } from '@playwright/test';
import { fakeServerBackend, TEST_KEY } from './liveBackends.ts';
import { collectErrors, openSandbox, snapshot, waitForSnapshot, type SandboxWindow } from './sandbox.ts';

const PHASES = ['debate', 'beliefs-debate', 'chat', 'beliefs-chat', 'posts', 'reactions', 'beliefs-social'];

test.describe('the community scenario', () => {
  test('runs two epochs to a vote in mock mode; the strip, histogram, feed and tally show', async ({ page }) => {
    const errors = collectErrors(page);
    await openSandbox(page, '?scenario=community&latency=150');
    const s = await waitForSnapshot(page, 's.scene !== null && s.scene.done', 60_000);
    expect(s.scenario).toBe('community');
    expect(s.agents).toHaveLength(24);
    const scene = s.scene;
    expect(scene?.phases.map((p) => `${p.epoch}:${p.name}`)).toEqual([...PHASES.map((p) => `1:${p}`), ...PHASES.map((p) => `2:${p}`), '2:vote']);
    // Every persona voted on each of the 3 topics.
    expect(Object.values(scene?.votes ?? {}).reduce((a, b) => a + b, 0)).toBe(24 * 3);
    expect(scene?.posts).toBe(48);
    // 24 calls under the community's semaphore of 20: two waves of 150 ms, not 24 × 150 ms.
    const wide = scene?.phases.find((p) => p.name === 'beliefs-debate');
    expect(wide?.calls).toBe(24);
    expect(wide?.speedup).toBeGreaterThan(5);
    const panel = page.getByRole('region', { name: 'Community' });
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('phase-strip')).toContainText('beliefs-debate');
    await expect(panel.getByTestId('belief-histogram').locator('canvas')).toBeVisible();
    await expect(panel.getByTestId('community-feed')).toContainText('▲');
    await expect(panel.getByTestId('vote-tally')).toContainText('build the tram');
    await expect(page.getByRole('list', { name: 'Persona colours on the grid' })).toContainText('fell back (belief kept)');
    expect(errors).toEqual([]);
  });

  test('an interview answers without changing beliefs or memory', async ({ page }) => {
    await openSandbox(page, '?scenario=community&latency=100&epochs=1');
    await waitForSnapshot(page, 's.scene !== null && s.scene.phases.length >= 2', 30_000);
    await page.evaluate(() => (window as unknown as SandboxWindow).sandbox.pause());
    // Paused, the phase in progress finishes and the next one waits at the barrier.
    await waitForSnapshot(page, 's.scene !== null && s.scene.phase === null && s.metrics.inFlight === 0 && s.metrics.queued === 0');
    await page.evaluate(() => (window as unknown as SandboxWindow).sandbox.select(3));
    const panel = page.getByRole('region', { name: 'Community' });
    await expect(panel.getByTestId('persona-name')).not.toHaveText('');
    await expect(panel.getByTestId('community-persona')).not.toContainText('Loading');
    const before = await snapshot(page);
    const storyBefore = await panel.getByTestId('community-persona').innerText();
    await panel.getByRole('textbox', { name: /Ask .* a question/ }).fill('What do you make of the tram line?');
    await panel.getByRole('button', { name: 'Ask' }).click();
    await expect(panel.locator('.interview-answer')).toContainText('Answered by');
    const after = await snapshot(page);
    expect(after.scene?.beliefs).toEqual(before.scene?.beliefs);
    expect(after.scene?.phases.length).toBe(before.scene?.phases.length);
    expect(await panel.getByTestId('community-persona').innerText()).toBe(storyBefore);
    const direct = await page.evaluate(() => (window as unknown as SandboxWindow).sandbox.interview(3, 'And the park?'));
    expect(direct.answer.length).toBeGreaterThan(10);
    expect((await snapshot(page)).scene?.beliefs).toEqual(before.scene?.beliefs);
  });

  test('a Gemini run through the fake server works, phase by phase', async ({ page }) => {
    const backend = fakeServerBackend();
    await backend.attach(page);
    await openSandbox(page, `?${backend.query}&scenario=community&agents=8&epochs=1`);
    await page.evaluate((apiKey) => (window as unknown as SandboxWindow).sandbox.configure({ apiKey }), TEST_KEY);
    const s = await waitForSnapshot(page, 's.scene !== null && s.scene.done', 60_000);
    expect(s.agents.filter((a) => a.source === 'gemini').length).toBeGreaterThan(4);
    expect(s.scene?.votes).not.toBeNull();
    const requests = await backend.requests();
    expect(requests.length).toBeGreaterThanOrEqual(8 * 5);
    expect(requests.every((r) => r.keyValid)).toBe(true);
  });

  test('switching scenarios keeps the budget', async ({ page }) => {
    await openSandbox(page, '?agents=10&align=1&thinkInterval=500&latency=100&rpm=1000');
    const grid = await waitForSnapshot(page, 's.metrics.callsLastMinute >= 10');
    await page.evaluate(() => (window as unknown as SandboxWindow).sandbox.configure({ scenario: 'community' }));
    const community = await waitForSnapshot(page, "s.scenario === 'community'");
    expect(community.metrics.callsLastMinute).toBeGreaterThanOrEqual(grid.metrics.callsLastMinute);
    expect(community.metrics.rpmLimit).toBe(1000);
    await page.evaluate(() => (window as unknown as SandboxWindow).sandbox.configure({ scenario: 'grid' }));
    const back = await waitForSnapshot(page, "s.scenario === 'grid'");
    expect(back.metrics.callsLastMinute).toBeGreaterThanOrEqual(community.metrics.callsLastMinute);
  });

  test('an unknown scenario gets a notice and the grid', async ({ page }) => {
    await openSandbox(page, '?scenario=nonsense&agents=5');
    const s = await snapshot(page);
    expect(s.scenario).toBe('grid');
    expect(s.scene).toBeNull();
    expect(s.agents).toHaveLength(5);
    await expect(page.getByTestId('notices')).toContainText('scenario');
  });
});

for (const [width, height] of [[390, 844], [1280, 720], [1440, 900]] as const) {
  test(`${width}×${height}: the community fits the screen, and the race runs the current phase`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openSandbox(page, '?scenario=community&latency=300');
    await waitForSnapshot(page, "s.scene !== null && s.scene.phase === 'chat'");
    const shot = (name: string): string => `test-results/screenshots/community-${width}x${height}${name}.png`;
    await page.screenshot({ path: shot('') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    if (width < 600) await page.getByRole('button', { name: 'Classroom' }).click();
    await expect(page.getByTestId('phase-strip')).toBeVisible();
    await page.screenshot({ path: shot('-panel') });
    await page.getByRole('tab', { name: 'Race' }).click();
    await page.getByRole('button', { name: /^Race/ }).click();
    await expect(page.getByTestId('race-speedup')).toHaveText(/×$/, { timeout: 30_000 });
    await page.screenshot({ path: shot('-race') });
  });
}
