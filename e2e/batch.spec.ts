import { expect, test } from '@playwright/test';
import { openSandbox, positions, snapshot, waitForSnapshot } from './sandbox.ts';

test('10 agents at 500 ms with aligned timers: a parallel batch takes about one latency', async ({ page }) => {
  await openSandbox(page, '?agents=10&latency=500&align=1');
  const s = await waitForSnapshot(page, 's.metrics.lastBatch !== null');
  const batch = s.metrics.lastBatch;
  expect(batch?.size).toBe(10);
  expect(batch?.wallMs).toBeLessThan(600);
  expect(batch?.sumLatencyMs).toBeGreaterThan(4_500);
  await expect(page.getByTestId('batch-wall')).toHaveText(/^\d{3} ms$/);
  await expect(page.getByTestId('batch-speedup')).toHaveText(/^(9|10|8)\.\d×$/);
});

test('the same demo with strategy=sequential takes about 5 s', async ({ page }) => {
  await openSandbox(page, '?agents=10&latency=500&align=1&strategy=sequential');
  const s = await waitForSnapshot(page, 's.metrics.lastBatch !== null', 40_000);
  const batch = s.metrics.lastBatch;
  expect(batch?.size).toBe(10);
  expect(batch?.wallMs).toBeGreaterThan(4_500);
  expect(batch?.wallMs).toBeLessThan(6_500);
  await expect(page.getByTestId('batch-wall')).toHaveText(/^[4-6],\d{3} ms$/);
});

test('with a 30% failure rate every agent still gets a decision every round, and fallbacks show', async ({ page }) => {
  // Rounds every 4 s; a failing call retries (~300 ms each) and then falls back well inside one.
  await openSandbox(page, '?agents=20&failureRate=0.3&latency=300&thinkInterval=4000');
  const s = await waitForSnapshot(page, 's.agents.every((a) => a.decisions >= 3)', 40_000);
  const counts = s.agents.map((a) => a.decisions);
  // Every agent has had its decision for every round so far: nobody is a round behind.
  expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  expect(s.metrics.fallbacks).toBeGreaterThan(0);
  expect(s.metrics.retries).toBeGreaterThan(0);
  await expect(page.getByTestId('m-fallbacks')).not.toHaveText('0');
});

test('1,000 agents render and move', async ({ page }) => {
  await openSandbox(page, '?agents=1000&thinkInterval=2000&latency=300&rpm=100000&concurrency=1000');
  const first = await waitForSnapshot(page, 's.agents.filter((a) => a.decisions > 0).length > 900', 40_000);
  const canvasBefore = await page.getByTestId('stage').screenshot();
  await page.waitForTimeout(1_000);
  const later = await snapshot(page);
  const canvasAfter = await page.getByTestId('stage').screenshot();
  expect(first.agents).toHaveLength(1_000);
  const moved = positions(later).filter((p, i) => p !== positions(first)[i]).length;
  expect(moved).toBeGreaterThan(100);
  expect(canvasAfter.equals(canvasBefore)).toBe(false);
  expect(later.metrics.fps).toBeGreaterThan(5);
});
