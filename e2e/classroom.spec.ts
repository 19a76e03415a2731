import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { command, openSandbox, snapshot, waitForSnapshot } from './sandbox.ts';

/** Clicks a preset link and waits for its world to run. */
async function openPreset(page: Page, id: string, agents: number): Promise<void> {
  await page.locator(`[data-preset="${id}"]`).click();
  await waitForSnapshot(page, `s.agents.length === ${agents} && s.running`);
}

test.describe('presets', () => {
  test('"10 agents, 500 ms": a parallel batch in about one latency, and the link says so', async ({ page }) => {
    await openSandbox(page, '?agents=3&failureRate=0.5');
    await openPreset(page, 'classic', 10);
    await expect(page).toHaveURL(/agents=10/);
    await expect(page).not.toHaveURL(/failureRate/);
    const s = await waitForSnapshot(page, 's.metrics.lastBatch !== null && s.metrics.lastBatch.size === 10');
    expect(s.metrics.lastBatch?.wallMs).toBeLessThan(600);
    expect(s.metrics.fallbacks).toBe(0);
  });

  test('"100 agents under 60 RPM": the budget holds and the crowd queues', async ({ page }) => {
    await openSandbox(page);
    await openPreset(page, 'throttled', 100);
    const s = await waitForSnapshot(page, 's.metrics.callsLastMinute >= 60 && s.metrics.queued > 0', 30_000);
    expect(s.metrics.rpmLimit).toBe(60);
    await page.waitForTimeout(2_000);
    const later = await snapshot(page);
    expect(later.metrics.callsLastMinute).toBeLessThanOrEqual(60);
    await expect(page.getByTestId('budget-text')).toHaveText(/^\d+ \/ 60 requests$/);
    // The first batch sent 60 calls and has 40 to send: its lane is not finished.
    const lane = page.getByTestId('timeline-batch').last();
    await expect(lane.getByTestId('timeline-batch-wall')).toHaveText('running…');
    await expect(lane.getByTestId('timeline-batch-unsent')).toHaveText(/^ · \d+ not sent yet$/);
    // And its drawing's name says so to a screen reader.
    await expect(lane.getByRole('img')).toHaveAttribute('aria-label', /: 60 calls: 60 succeeded, .*, \d+ not sent yet$/);
    // The wait counts from when the minute's slots free, all spent in its first second: longer
    // than "waiting ÷ 60 a minute" (one second a call) by most of that minute.
    const text = (await page.getByTestId('budget-wait').textContent()) ?? '';
    const match = /^(\d+)(?: of the \d+ queued)? calls wait for the budget of 60 a minute: the last of them can start in about (?:(\d+) min )?(\d+(?:\.\d+)?) s\.$/.exec(text);
    expect(match, text).not.toBeNull();
    const [, waiting = '0', minutes = '0', seconds = '0'] = match ?? [];
    expect(Number(minutes) * 60 + Number(seconds), text).toBeGreaterThan(Number(waiting) + 10);
  });

  test('"30% failures": failures fall back alone and every agent decides', async ({ page }) => {
    await openSandbox(page);
    await openPreset(page, 'failures', 20);
    const s = await waitForSnapshot(page, 's.agents.every((a) => a.decisions >= 1) && s.metrics.fallbacks > 0', 30_000);
    expect(s.agents.filter((a) => a.source === 'mock').length).toBeGreaterThan(5);
  });

  test('one at a time with retries reads no speedup: a backoff is not counted as work', async ({ page }) => {
    // With 30% failures a call is retried after a backoff, and one call at a time the next
    // agent's call runs in it. Each call's span (first send to answer) holds that time, so summed
    // spans read more than 1× (1.07× here before); the calls' own time cannot beat the wall of
    // one call at a time.
    await openSandbox(page, '?agents=10&strategy=sequential&failureRate=0.3&latency=200&thinkInterval=3000');
    const s = await waitForSnapshot(page, 's.metrics.lastBatch !== null && s.metrics.retries > 0', 45_000);
    const batch = s.metrics.lastBatch;
    expect(batch?.size).toBe(10);
    expect(batch?.speedup).toBeLessThanOrEqual(1.001);
    await expect(page.getByTestId('batch-speedup')).toHaveText(/^(?:0\.\d|1\.0)×$/);
    // The lane's "one at a time" is the same sum as the Timing panel's.
    const lane = page.getByTestId('timeline-batch').filter({ has: page.getByTestId('timeline-batch-wall').filter({ hasNotText: 'running' }) }).first();
    await expect(lane).toContainText(/one at a time ≈ \d/);
    const oneAtATime = /one at a time ≈ ([\d.]+) s/.exec((await lane.textContent()) ?? '')?.[1];
    expect(Number(oneAtATime) * 1000).toBeCloseTo(batch?.sumLatencyMs ?? 0, -2);
  });

  test('"Slow tail": calls past the 1 s timeout are cut off; the batch never waits longer', async ({ page }) => {
    await openSandbox(page);
    await openPreset(page, 'slow-tail', 20);
    const s = await waitForSnapshot(page, 's.metrics.lastBatch !== null && s.metrics.lastBatch.size === 20', 30_000);
    expect(s.metrics.lastBatch?.wallMs).toBeLessThan(1_300);
    expect(s.metrics.fallbacks).toBeGreaterThan(0);
  });

  test('"1,000 agents": a thousand calls in about one latency', async ({ page }) => {
    await openSandbox(page);
    await openPreset(page, 'thousand', 1_000);
    const s = await waitForSnapshot(page, 's.metrics.lastBatch !== null && s.metrics.lastBatch.size === 1000', 30_000);
    expect(s.metrics.lastBatch?.wallMs).toBeLessThan(1_500);
    expect(s.metrics.lastBatch?.speedup).toBeGreaterThan(300);
  });

  test('a preset link opened directly starts the same demo', async ({ page }) => {
    await openSandbox(page);
    const href = await page.locator('[data-preset="throttled"]').getAttribute('href');
    await openSandbox(page, href ?? '');
    const s = await snapshot(page);
    expect(s.agents).toHaveLength(100);
    expect(s.metrics.rpmLimit).toBe(60);
  });
});

test('the race: the same batch one at a time and all together, speedup ≥ 8 for 10 agents at 500 ms', async ({ page }) => {
  await openSandbox(page);
  await openPreset(page, 'classic', 10);
  await page.getByRole('tab', { name: 'Race' }).click();
  await page.getByRole('button', { name: /^Race/ }).click();
  const speedup = page.getByTestId('race-speedup');
  await expect(speedup).toHaveText(/^\d+(\.\d+)?×$/, { timeout: 20_000 });
  const figure = Number((await speedup.textContent())?.replace('×', ''));
  const sequential = await page.getByTestId('race-sequential-wall').textContent();
  const parallel = await page.getByTestId('race-parallel-wall').textContent();
  console.log(`race, 10 agents at 500 ms: one at a time ${sequential}, all together ${parallel}, speedup ${figure}×`);
  expect(figure).toBeGreaterThanOrEqual(8);
  await page.getByTestId('race-panel').screenshot({ path: 'test-results/screenshots/race.png' });
  await page.screenshot({ path: 'test-results/screenshots/race-page.png' });
});

test('the request timeline and the charts draw the calls', async ({ page }) => {
  await openSandbox(page, '?agents=30&thinkInterval=1000&latency=300&failureRate=0.2');
  await waitForSnapshot(page, 's.metrics.lastBatch !== null');
  const timeline = page.getByTestId('request-timeline');
  // The first batch holds all 30 agents; later ones may lack agents still retrying (20% fail).
  await expect(timeline.getByRole('img', { name: /^Tick 10: 30 calls/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Charts' }).click();
  const charts = page.getByTestId('charts-panel');
  await expect(charts.locator('canvas')).toHaveCount(3);
  await expect(charts.getByRole('img').first()).toHaveAttribute('aria-label', /budget of 600/);
});

test('each batch on the timeline shows its own drawing as newer batches push it down', async ({ page }) => {
  await openSandbox(page, '?agents=30&thinkInterval=1000&latency=300&align=1');
  // Five batches: the first two have left the list, and every place has shown more than one batch.
  await waitForSnapshot(page, 's.metrics.callsStarted >= 150');
  const batches = page.getByTestId('timeline-batch');
  await expect(batches).toHaveCount(3);
  // The lane in a place as a user reads it: its title, its canvas's name, and how much is drawn.
  const laneAt = (place: number): Promise<{ title: string; label: string; painted: number; running: number; labels: number }> =>
    batches.nth(place).evaluate((item) => {
      const canvas = item.querySelector('canvas');
      // The lane shows its picture as a bitmap (bitmapCanvas.ts): its pixels are read from a copy.
      const copy = document.createElement('canvas');
      copy.width = canvas?.width ?? 1;
      copy.height = canvas?.height ?? 1;
      const context = copy.getContext('2d');
      if (canvas && context) context.drawImage(canvas, 0, 0);
      const data = context?.getImageData(0, 0, copy.width, copy.height).data ?? new Uint8ClampedArray(4);
      // The axis's labels: the strip's rows from 5 px down (timelineLayout.ts axisMetrics: 18 px
      // for 11 px type), below the axis line and the tick marks.
      const labelsFrom = ((canvas?.height ?? 0) - Math.round((18 - 5) * window.devicePixelRatio)) * (canvas?.width ?? 0) * 4;
      let painted = 0;
      let running = 0;
      let labels = 0;
      for (let i = 0; i < data.length; i += 4) {
        if ((data[i + 3] ?? 0) > 0) painted++;
        if (i >= labelsFrom && (data[i + 3] ?? 0) > 0) labels++;
        // The running colour (timeline.css --tl-running, #6aa8ff): a settled batch has none.
        if (data[i] === 0x6a && data[i + 1] === 0xa8 && data[i + 2] === 0xff) running++;
      }
      return { title: item.querySelector('.timeline-lane-title')?.textContent ?? '', label: canvas?.getAttribute('aria-label') ?? '', painted: painted / (data.length / 4), running, labels };
    });
  for (const place of [0, 1, 2]) {
    // A lane is drawn while it shows (TimelineCanvas.tsx): each is looked at in view.
    await batches.nth(place).scrollIntoViewIfNeeded();
    // Each batch settles in ~300 ms of every 1,000: then the canvas under the title is that
    // batch's, named after it and drawn as settled, with bars over most of it and none running,
    // and its time axis labelled.
    await expect
      .poll(async () => {
        const lane = await laneAt(place);
        return lane.label.startsWith(`${lane.title.split(' · ')[0] ?? '?'}: 30 calls: 30 succeeded`) && lane.painted > 0.3 && lane.running === 0 && lane.labels > 40;
      })
      .toBe(true);
  }
});

test('presenter mode: large type, metrics and timelines only, run from the keyboard', async ({ page }) => {
  await openSandbox(page, '?agents=10&thinkInterval=1000&latency=200');
  await page.keyboard.press('p');
  await expect(page).toHaveURL(/presenter=1/);
  await expect(page.getByLabel('Metrics')).toBeVisible();
  await expect(page.getByTestId('request-timeline')).toBeVisible();
  await expect(page.getByTestId('race-panel')).toBeVisible();
  await expect(page.getByLabel('Controls')).toHaveCount(0);
  await page.keyboard.press(' ');
  await expect.poll(async () => (await snapshot(page)).running).toBe(false);
  const tick = (await snapshot(page)).tick;
  await page.keyboard.press('.');
  await expect.poll(async () => (await snapshot(page)).tick).toBe(tick + 1);
  await page.keyboard.press('g');
  await expect(page.getByTestId('race-speedup')).toHaveText(/×$/, { timeout: 20_000 });
  // Every control can be reached by Tab, has a name, and shows where focus is.
  for (const button of await page.getByRole('button').all()) expect(await button.getAttribute('aria-label') ?? await button.textContent()).not.toBe('');
  // Chromium 150's first Tab can land on the page itself (focus stays on <body>); the next reaches
  // the first control. Up to three presses, then the focused control must show its outline.
  for (let press = 0; press < 3; press++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement !== null && document.activeElement !== document.body)) break;
  }
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
  const outline = await page.evaluate(() => (document.activeElement ? getComputedStyle(document.activeElement).outlineStyle : 'none'));
  expect(outline).not.toBe('none');
  await page.screenshot({ path: 'test-results/screenshots/presenter.png' });
  await page.keyboard.press('p');
  await expect(page.getByLabel('Controls')).toBeVisible();
  await command(page, 'start');
});

test('export: calls and metrics as CSV and JSON, never the key', async ({ page }) => {
  await openSandbox(page, '?agents=5&thinkInterval=1000&latency=100');
  await page.evaluate(() => window.sandbox?.configure({ apiKey: 'AIzaSy-export-secret-1234' }));
  await waitForSnapshot(page, 's.agents.every((a) => a.decisions >= 2)');
  // Paused, the page receives no new calls, so the three files describe the same run.
  await command(page, 'pause');
  const save = async (name: string): Promise<string> => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    const path = await download.path();
    return readFile(path, 'utf8');
  };
  const calls = await save('Calls (CSV)');
  const lines = calls.trim().split('\n');
  expect(lines[0]).toBe('id,agent_id,agent_name,batch,enqueued_ms,started_ms,ended_ms,latency_ms,attempts,outcome,source,error_kind');
  expect(lines.length).toBeGreaterThanOrEqual(11);
  const metrics = await save('Metrics (CSV)');
  expect(metrics.split('\n')[0]).toBe('t_ms,calls_last_minute,rpm_limit,queued,in_flight');
  const json = JSON.parse(await save('All (JSON)')) as { calls: unknown[]; config: { agents: number } };
  expect(json.config.agents).toBe(5);
  expect(json.calls.length).toBe(lines.length - 1);
  for (const text of [calls, metrics, JSON.stringify(json)]) expect(text).not.toContain('AIzaSy-export-secret-1234');
});
