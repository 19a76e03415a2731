/**
 * Finding your way around: the race key shows the race and its progress, notices can be closed
 * and clear themselves, the grid's view can be reset, Space on a focused button is that button's
 * alone, and Back after a preset returns to the settings before it.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, command, locate, openSandbox, snapshot, waitForSnapshot } from './sandbox.ts';

/** Pauses the world and waits until no agent moves, so a drawn position can be compared. */
async function freeze(page: Page): Promise<void> {
  await command(page, 'pause');
  await waitForSnapshot(page, '!s.running');
}

/** Scrolls the mouse wheel over the middle of the grid (negative: zoom in). */
async function wheelOverGrid(page: Page, deltaY: number): Promise<void> {
  const box = await page.getByTestId('stage').boundingBox();
  if (!box) throw new Error('the grid has no box');
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.4);
  await page.mouse.wheel(0, deltaY);
}

const distance = (a: { x: number; y: number }, b: { x: number; y: number }): number => Math.hypot(a.x - b.x, a.y - b.y);

test.describe('the race key', () => {
  test('`g` switches to the race, which shows each lane\'s progress and time left, with its button disabled until done', async ({ page }) => {
    const errors = collectErrors(page);
    await openSandbox(page, '?agents=16&latency=500&jitter=0');
    await expect(page.getByRole('tab', { name: 'Request timeline' })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('g');
    await expect(page.getByRole('tab', { name: 'Race' })).toHaveAttribute('aria-selected', 'true');
    const panel = page.getByTestId('race-panel');
    await expect(panel).toBeInViewport();
    const sequential = page.getByTestId('race-sequential-progress');
    await expect(sequential).toHaveText(/^One at a time: \d+ of 16 calls, about \d+ s left$/);
    await expect(page.getByRole('button', { name: /^Race/ })).toBeDisabled();
    // The estimate: 16 calls of 500 ms one after another, so about 0.5 s for each call left.
    await expect(sequential).toHaveText(/: [4-9] of 16 calls/, { timeout: 10_000 });
    const text = (await sequential.textContent()) ?? '';
    const [, done, left] = /: (\d+) of 16 calls, about (\d+) s left/.exec(text) ?? [];
    const expected = (16 - Number(done)) * 0.5;
    expect(Number(left)).toBeGreaterThanOrEqual(Math.floor(expected) - 1);
    expect(Number(left)).toBeLessThanOrEqual(Math.ceil(expected) + 1);
    await expect(page.getByTestId('race-parallel-progress')).toHaveText(/^All together: 16 of 16 calls in \d+ ms$/);
    await page.getByTestId('race-progress').screenshot({ path: 'test-results/screenshots/race-progress.png' });
    await page.screenshot({ path: 'test-results/screenshots/race-progress-page.png' });
    await expect(page.getByTestId('race-speedup')).toHaveText(/×$/, { timeout: 20_000 });
    await expect(sequential).toHaveText(/^One at a time: 16 of 16 calls in \d+\.\d+ s$/);
    await expect(page.getByRole('button', { name: /^Race/ })).toBeEnabled();
    expect(errors).toEqual([]);
  });

  test('with 1,000 agents the race says it takes the first 100, and why its speedup differs from the Timing panel\'s', async ({ page }) => {
    await openSandbox(page, '?agents=1000&rpm=100000&concurrency=1000&latency=500');
    await page.keyboard.press('g');
    await expect(page.getByTestId('race-cap')).toContainText("first 100 of the world's 1,000 agents");
    await expect(page.getByTestId('race-cap')).toContainText('Timing panel');
    await expect(page.getByTestId('race-sequential-progress')).toHaveText(/^One at a time: \d+ of 100 calls, about \d+ s left$/);
    await expect(page.getByTestId('race-sequential-progress')).toHaveText(/: [1-9]\d* of 100 calls/, { timeout: 10_000 });
    await page.getByTestId('race-panel').screenshot({ path: 'test-results/screenshots/race-progress-1000.png' });
  });
});

test.describe('notices', () => {
  test('each notice has a close button that hides it', async ({ page }) => {
    await openSandbox(page, '?agents=abc');
    const notice = page.locator('[data-testid="notices"] [data-code="url"]');
    await expect(notice).toContainText('agents must be');
    await page.getByRole('button', { name: /^Dismiss: agents must be/ }).click();
    await expect(notice).toHaveCount(0);
  });

  test('"A race is already running" clears itself when the race ends', async ({ page }) => {
    await openSandbox(page, '?agents=5&latency=600&jitter=0');
    await page.getByRole('tab', { name: 'Race' }).click();
    // A double press before the page has heard the first race start: the worker refuses the second.
    await page.getByRole('button', { name: /^Race/ }).evaluate((button: HTMLButtonElement) => {
      button.click();
      button.click();
    });
    const notice = page.locator('[data-testid="notices"] [data-code="race"]');
    await expect(notice).toContainText('A race is already running');
    await expect(page.getByTestId('race-speedup')).toHaveText(/×$/, { timeout: 20_000 });
    await expect(notice).toHaveCount(0);
  });
});

test.describe('the grid view', () => {
  test('zoomed and panned, the fit button and a double-click put the grid back where it was', async ({ page }) => {
    await openSandbox(page, '?agents=10');
    await freeze(page);
    const before = await locate(page, 3);
    await wheelOverGrid(page, -600);
    await expect.poll(async () => distance(await locate(page, 3), before)).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Fit grid' }).click();
    await expect.poll(async () => distance(await locate(page, 3), before)).toBeLessThanOrEqual(2);

    await wheelOverGrid(page, -600);
    const box = await page.getByTestId('stage').boundingBox();
    if (!box) throw new Error('the grid has no box');
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6 - 80, box.y + box.height * 0.3 + 50, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => distance(await locate(page, 3), before)).toBeGreaterThan(20);
    await page.mouse.dblclick(box.x + 5, box.y + 5);
    await expect.poll(async () => distance(await locate(page, 3), before)).toBeLessThanOrEqual(2);
  });
});

test('Space on a focused Step button steps once and does not start the world', async ({ page }) => {
  await openSandbox(page, '?agents=5');
  await freeze(page);
  const step = page.locator('[data-action="step"]');
  await step.focus();
  const tick = (await snapshot(page)).tick;
  await page.keyboard.press(' ');
  await expect.poll(async () => (await snapshot(page)).tick).toBe(tick + 1);
  await page.waitForTimeout(800);
  const after = await snapshot(page);
  expect(after.running).toBe(false);
  expect(after.tick).toBe(tick + 1);
  // Letter shortcuts still work with focus on a button: `.` steps again.
  await page.keyboard.press('.');
  await expect.poll(async () => (await snapshot(page)).tick).toBe(tick + 2);
});

test('a preset is a history entry: Back returns to the address and settings before it, Forward to the preset', async ({ page }) => {
  await openSandbox(page, '?agents=3&latency=200');
  await expect(page).toHaveURL(/\/\?agents=3&latency=200$/);
  await page.locator('[data-preset="classic"]').click();
  await waitForSnapshot(page, 's.agents.length === 10 && s.running');
  await expect(page).toHaveURL(/\?agents=10&latency=500&jitter=50&align=1&thinkInterval=3000$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/\?agents=3&latency=200$/);
  await waitForSnapshot(page, 's.agents.length === 3');
  await expect(page.getByLabel('Agents', { exact: true })).toHaveValue('3');
  await expect(page.getByLabel('Mock latency (ms)')).toHaveValue('200');
  await page.goForward();
  await expect(page).toHaveURL(/agents=10&latency=500/);
  await waitForSnapshot(page, 's.agents.length === 10');
  await expect(page.getByLabel('Mock latency (ms)')).toHaveValue('500');
});
