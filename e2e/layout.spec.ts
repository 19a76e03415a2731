/**
 * The layout at a phone's, a small laptop's, a projector's and a desktop's size: every view can
 * be reached, the grid gets a real size, the race's result shows without scrolling, and nothing
 * is wider than the screen. Screenshots are kept in test-results/screenshots/layout-*.png.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openSandbox, waitForSnapshot } from './sandbox.ts';

const QUERY = '?agents=10&thinkInterval=1000&latency=200';
const shot = (name: string): string => `test-results/screenshots/layout-${name}.png`;

/** The grid canvas's size in CSS px. */
async function canvasSize(page: Page): Promise<{ width: number; height: number }> {
  const box = await page.getByTestId('stage').locator('canvas').boundingBox();
  return { width: box?.width ?? 0, height: box?.height ?? 0 };
}

/** The page scrolls sideways by nothing: no column or control sticks out past the screen. */
async function expectNoSidewaysOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** `inner` lies within `outer` horizontally (a control not clipped by its column). */
async function expectInsideHorizontally(inner: Locator, outer: Locator): Promise<void> {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  if (!a || !b) throw new Error('both elements should be laid out');
  expect(a.x).toBeGreaterThanOrEqual(b.x);
  expect(a.x + a.width).toBeLessThanOrEqual(b.x + b.width + 0.5);
}

/** Runs the race from its tab and waits for the speedup. */
async function runRace(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Race' }).click();
  await page.getByRole('button', { name: /^Race/ }).click();
  await expect(page.getByTestId('race-speedup')).toHaveText(/×$/, { timeout: 30_000 });
}

for (const [width, height] of [[1024, 768], [1280, 720], [1440, 900]] as const) {
  test(`${width}×${height}: three columns, the grid, the classroom and the race's result in view`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openSandbox(page, QUERY);
    await waitForSnapshot(page, 's.metrics.lastBatch !== null');
    await expect(page.getByTestId('view-switcher')).toBeHidden();
    const grid = await canvasSize(page);
    expect(grid.width).toBeGreaterThan(300);
    expect(grid.height).toBeGreaterThan(250);
    for (const label of ['Controls', 'Metrics']) await expect(page.getByLabel(label)).toBeInViewport();
    await expect(page.getByRole('tablist', { name: 'Classroom views' })).toBeInViewport();
    await expect(page.getByTestId('request-timeline').getByRole('img').first()).toBeInViewport();
    // The quota select stays inside the settings column rather than running under the grid.
    await expectInsideHorizontally(page.getByLabel('Quota preset'), page.getByLabel('Controls'));
    await expectNoSidewaysOverflow(page);
    await page.screenshot({ path: shot(`${width}x${height}`) });

    await runRace(page);
    // In view as it stands, without scrolling: the result is what the race is for.
    await expect(page.getByTestId('race-speedup')).toBeInViewport();
    await page.screenshot({ path: shot(`${width}x${height}-race`) });

    await page.keyboard.press('p');
    await expect(page.getByTestId('request-timeline')).toBeVisible();
    await expect(page.getByTestId('m-fps')).toHaveCount(0);
    await expectNoSidewaysOverflow(page);
    // No stat label wraps on a projector: each label's text is one line.
    const lineHeights = await page.locator('.presenter-board .stat dt').evaluateAll((dts) =>
      dts.map((dt) => {
        const range = document.createRange();
        range.selectNodeContents(dt);
        return range.getClientRects().length;
      }),
    );
    expect(lineHeights.length).toBeGreaterThan(0);
    expect(lineHeights.every((lines) => lines === 1), `stat labels on more than one line: ${lineHeights.join(',')}`).toBe(true);
    await page.screenshot({ path: shot(`${width}x${height}-presenter`) });
  });
}

test('1280×720: the timing figures stay inside their panel when latencies pass a second', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openSandbox(page, '?agents=10&thinkInterval=1000&latency=1500');
  await waitForSnapshot(page, 's.metrics.lastBatch !== null', 20_000);
  // "Latency p95 1,5xx ms" is too wide for its column beside another: its value goes on a line
  // of its own, whole, rather than out of the panel.
  await expect(page.getByTestId('m-p95')).toHaveText(/^\d,\d{3} ms$/);
  const panel = page.getByLabel('Metrics');
  // Each label and each value, not only their boxes: a value that does not fit spills out of its box.
  const parts = page.locator('.metrics .stat dt, .metrics .stat dd');
  expect(await parts.count()).toBeGreaterThan(16);
  for (const part of await parts.all()) await expectInsideHorizontally(part, panel);
  await page.screenshot({ path: shot('1280x720-slow-latency') });
});

test('390×844 (a phone): one view at a time, each reachable from the switcher, the grid full width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openSandbox(page, QUERY);
  await waitForSnapshot(page, 's.metrics.lastBatch !== null');
  const views = page.getByRole('navigation', { name: 'Views' });
  await expect(views).toBeVisible();
  const show = async (name: string): Promise<void> => {
    await views.getByRole('button', { name, exact: true }).click();
    await expect(views.getByRole('button', { name, exact: true })).toHaveAttribute('aria-pressed', 'true');
  };

  // The grid is the first view: a canvas as wide as the phone, with most of its height.
  await expect(page.getByTestId('stage')).toBeVisible();
  const grid = await canvasSize(page);
  expect(grid.width).toBeGreaterThan(350);
  expect(grid.height).toBeGreaterThan(400);
  await expectNoSidewaysOverflow(page);
  await page.screenshot({ path: shot('390x844-grid') });

  await show('Classroom');
  await expect(page.getByTestId('stage')).toBeHidden();
  await expect(page.getByRole('tablist', { name: 'Classroom views' })).toBeInViewport();
  await expect(page.getByTestId('request-timeline').getByRole('img').first()).toBeInViewport();
  await expectNoSidewaysOverflow(page);
  await page.screenshot({ path: shot('390x844-classroom') });
  await runRace(page);
  await expect(page.getByTestId('race-speedup')).toBeInViewport();
  await page.screenshot({ path: shot('390x844-race') });

  await show('Controls');
  await expect(page.getByRole('button', { name: 'Step' })).toBeInViewport();
  await expect(page.getByLabel('Agents', { exact: true })).toBeVisible();
  await expectInsideHorizontally(page.getByLabel('Quota preset'), page.getByLabel('Controls'));
  await expectNoSidewaysOverflow(page);
  await page.screenshot({ path: shot('390x844-controls') });

  await show('Metrics');
  await expect(page.getByLabel('Metrics')).toBeInViewport();
  await expect(page.getByTestId('agent-list')).toBeVisible();
  await expectNoSidewaysOverflow(page);
  await page.screenshot({ path: shot('390x844-metrics') });

  // Back to the grid: the canvas takes its full size again.
  await show('Grid');
  await expect.poll(async () => (await canvasSize(page)).width).toBeGreaterThan(350);

  // The race key brings the race into view from the grid.
  await show('Classroom');
  await page.getByRole('tab', { name: 'Request timeline' }).click();
  await show('Grid');
  await page.keyboard.press('g');
  await expect(views.getByRole('button', { name: 'Classroom', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('race-panel')).toBeInViewport();
});
