/**
 * A browser opens at most 6 connections to an HTTP/1.1 server, and every plain http:// server
 * (a local model, the fake server) is one. Measured where the requests arrive (the fake server)
 * and where they leave (Resource Timing in the worker), against what the page shows.
 */
import { expect, test, type Page } from '@playwright/test';
import { fakeServerBackend, TEST_KEY } from './liveBackends.ts';
import { openSandbox, snapshot } from './sandbox.ts';

/** The most intervals open at once. */
function mostAtOnce(intervals: readonly (readonly [number, number])[]): number {
  const edges = intervals.flatMap(([start, end]) => [[start, 1], [end, -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let most = 0;
  for (const [, step] of edges) most = Math.max(most, (open += step));
  return most;
}

/** When each generateContent request really left and was answered, from the worker's Resource Timing. */
async function sentIntervals(page: Page): Promise<[number, number][]> {
  const worker = page.workers().find((w) => w.url().includes('/assets/worker-'));
  if (!worker) throw new Error('no simulation worker');
  return worker.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.name.includes(':generateContent'))
      .map((e): [number, number] => [e.requestStart || e.startTime, e.responseEnd]),
  );
}

test('10 calls to an HTTP/1.1 server: the page shows what the browser really sends at once', async ({ page }) => {
  const backend = fakeServerBackend();
  await backend.attach(page, 1_000);
  // Aligned timers: all ten ask at 3 s, in one batch.
  await openSandbox(page, `?${backend.query}&agents=10&thinkInterval=3000&concurrency=64`);
  await page.evaluate((apiKey) => window.sandbox?.configure({ apiKey }), TEST_KEY);
  let mostInFlight = 0;
  let mostQueued = 0;
  for (let s = await snapshot(page); s.metrics.lastBatch === null; s = await snapshot(page)) {
    mostInFlight = Math.max(mostInFlight, s.metrics.inFlight);
    mostQueued = Math.max(mostQueued, s.metrics.queued);
    await page.waitForTimeout(50);
  }
  const batch = (await snapshot(page)).metrics.lastBatch;
  const arrivals = (await backend.requests()).map((r): [number, number] => [r.at, r.at + 1_000]);
  const sent = await sentIntervals(page);
  console.log(
    `HTTP/1.1 fake server, 10 calls of 1 s: the page showed at most ${mostInFlight} in flight and ${mostQueued} queued; ` +
      `the server saw at most ${mostAtOnce(arrivals)} at once; Resource Timing: at most ${mostAtOnce(sent)} sent at once; ` +
      `first batch ${batch?.size} calls, ${batch?.wallMs.toFixed(0)} ms wall, ${batch?.sumLatencyMs.toFixed(0)} ms one at a time, ${batch?.speedup.toFixed(1)}×`,
  );
  expect(mostAtOnce(arrivals)).toBeLessThanOrEqual(6);
  expect(mostAtOnce(sent)).toBeLessThanOrEqual(6);
  expect(mostInFlight).toBe(6);
  expect(mostQueued).toBeGreaterThanOrEqual(4);
  // Ten 1 s calls, six then four: about 2 s for 10 s of calls.
  expect(batch?.size).toBe(10);
  expect(batch?.speedup ?? 0).toBeGreaterThan(4.5);
  expect(batch?.speedup ?? 0).toBeLessThan(5.5);
  await expect(page.locator('[data-code="connection-cap"]')).toContainText('at most 6 at a time');
});
