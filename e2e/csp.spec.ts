/**
 * The built page's Content-Security-Policy (vite.config.ts): it ships as a <meta> in
 * dist/index.html, the app runs under it with nothing blocked (PixiJS, zod, React, Chart.js, the
 * worker, live calls), and markup that sneaks in a script cannot run it.
 */
import { expect, test, type Page, type Worker } from '@playwright/test';
import { fakeServerBackend, TEST_KEY } from './liveBackends.ts';
import { collectErrors, openSandbox, positions, snapshot } from './sandbox.ts';

// These flows must run under the policy, whatever the project's default for Playwright's bypass.
// Waits here pass functions, never strings: Playwright runs a string predicate (sandbox.ts's
// waitForSnapshot) with eval in the page, which this policy blocks.
test.use({ bypassCSP: false });

/** Polls the page every 100 ms, as waitForSnapshot does. */
const POLL = { timeout: 30_000, polling: 100 } as const;

interface PolicyWindow {
  __cspViolations: string[];
  __pwned?: number;
}

/** What a `securitypolicyviolation` event says, as one line. */
const RECORD_VIOLATIONS = `
  self.__cspViolations = [];
  self.addEventListener('securitypolicyviolation', (e) => {
    self.__cspViolations.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
  });
`;

interface Watch {
  /** Console errors and uncaught errors of the page (the worker's console included). */
  readonly errors: string[];
  /** The Content-Security-Policy header the worker script was served with. */
  workerPolicy(): string | undefined;
}

const WORKER_SCRIPT = '**/assets/worker-*.js';

/**
 * Records violations in the page from before its first script, and the policy header the worker
 * script comes with. With `inWorker`, violations in the worker too, from its first statement: the
 * worker is one self-contained module, so a line put in front of it runs before zod builds a
 * schema. (A worker whose script Playwright fulfils cannot reach other origins in Chromium, so
 * live flows leave the worker untouched.)
 */
async function watchPolicy(page: Page, { inWorker }: { inWorker: boolean }): Promise<Watch> {
  const errors = collectErrors(page);
  let workerPolicy: string | undefined;
  page.on('response', (response) => {
    if (response.url().includes('/assets/worker-')) workerPolicy = response.headers()['content-security-policy'];
  });
  await page.addInitScript(RECORD_VIOLATIONS);
  if (inWorker) {
    await page.route(WORKER_SCRIPT, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: RECORD_VIOLATIONS + (await response.text()) });
    });
  }
  return { errors, workerPolicy: () => workerPolicy };
}

function simWorker(page: Page): Worker {
  const worker = page.workers().find((w) => w.url().includes('/assets/worker-'));
  if (!worker) throw new Error(`no simulation worker among ${page.workers().map((w) => w.url()).join(', ') || 'none'}`);
  return worker;
}

function pageViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as PolicyWindow).__cspViolations);
}

/** Violations seen so far in the simulation worker (watched with `inWorker`). */
function workerViolations(page: Page): Promise<string[] | undefined> {
  return simWorker(page).evaluate(() => (self as unknown as Partial<PolicyWindow>).__cspViolations);
}

/** The policy's directives: name -> sources. */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), sources);
  }
  return map;
}

test('the built page ships the policy in a <meta>, ahead of every script', async ({ page, request }) => {
  const html = await (await request.get('/')).text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  expect(meta, 'dist/index.html has the CSP <meta>').not.toBeNull();
  expect(html.indexOf('<meta http-equiv="Content-Security-Policy"')).toBeLessThan(html.indexOf('<script'));

  await page.goto('/');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const rules = directives(policy ?? '');
  expect(rules.get('script-src')).toEqual(["'self'"]);
  expect(rules.get('object-src')).toEqual(["'none'"]);
  expect(rules.get('default-src')).toEqual(["'self'"]);
  expect(rules.get('base-uri')).toEqual(["'self'"]);
  expect(policy).not.toContain("'unsafe-eval'");
  expect(policy).not.toContain("'unsafe-inline'");
  expect(policy).not.toMatch(/'nonce-|'sha\d+-|'strict-dynamic'|\bdata:|\bblob:|\*/);
});

test('the app runs under the policy: grid, worker and charts, with nothing blocked', async ({ page }) => {
  const watch = await watchPolicy(page, { inWorker: true });
  await openSandbox(page, '?agents=30&thinkInterval=1000&latency=300');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  // `vite preview` serves the worker with the same policy, so the worker ran without eval too.
  expect(watch.workerPolicy()).toBe(policy);

  // The worker ticks and decides; the grid draws (PixiJS without `new Function`) and agents move.
  await page.waitForFunction(() => {
    const s = window.sandbox?.snapshot();
    return s !== undefined && s.metrics.lastBatch !== null && s.agents.every((a) => a.decisions >= 1);
  }, undefined, POLL);
  const first = await snapshot(page);
  await page.waitForFunction((tick) => {
    const s = window.sandbox?.snapshot();
    return s !== undefined && s.tick >= tick && s.metrics.fps > 0;
  }, first.tick + 10, POLL);
  const later = await snapshot(page);
  expect(positions(later)).not.toEqual(positions(first));
  expect(later.agents.every((a) => a.source === 'mock' || a.source === 'fallback')).toBe(true);

  // Chart.js draws into its canvases.
  await page.getByRole('tab', { name: 'Charts' }).click();
  const charts = page.getByTestId('charts-panel');
  await expect(charts.locator('canvas')).toHaveCount(3);
  await expect(charts.getByRole('img').first()).toHaveAttribute('aria-label', /budget of 600/);
  await expect
    .poll(() =>
      charts.locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
        const context = canvas.getContext('2d');
        if (!context || canvas.width === 0) return 0;
        return context.getImageData(0, 0, canvas.width, canvas.height).data.filter((_, i) => i % 4 === 3).reduce((n, alpha) => n + (alpha > 0 ? 1 : 0), 0);
      }),
    )
    .toBeGreaterThan(100);

  expect(await pageViolations(page)).toEqual([]);
  expect(await workerViolations(page)).toEqual([]);
  expect(watch.errors).toEqual([]);
  expect((await snapshot(page)).running).toBe(true);
});

test('the pipeline under the policy: the lazy graph chunk, React Flow and the nested tool workers, with nothing blocked', async ({ page }) => {
  const watch = await watchPolicy(page, { inWorker: false });
  await openSandbox(page, '?scenario=pipeline&dag=uneven&mode=ready&latency=200');
  // The uneven DAG's two tools run in the pool of nested workers; every node ends done.
  await page.waitForFunction(() => {
    const scene = window.sandbox?.snapshot().scene as { wallMs: number | null; nodes: { status: string; source: string | null }[] } | null | undefined;
    return scene?.wallMs != null && scene.nodes.every((n) => n.status === 'done');
  }, undefined, POLL);
  const scene = (await snapshot(page)).scene as unknown as { nodes: { id: string; source: string | null }[] };
  expect(scene.nodes.filter((n) => n.source === 'tool').map((n) => n.id)).toEqual(['stats', 'patterns']);
  await expect(page.getByTestId('dag-node')).toHaveCount(7);
  // The tools ran in workers of their own, not in the simulation worker.
  expect(page.workers().filter((w) => w.url().includes('/assets/toolWorker-')).length).toBeGreaterThanOrEqual(1);
  expect(await pageViolations(page)).toEqual([]);
  expect(watch.errors).toEqual([]);
});

test('live mode under the policy: the worker reaches the model at its base URL', async ({ page }) => {
  const backend = fakeServerBackend();
  const watch = await watchPolicy(page, { inWorker: false });
  await backend.attach(page);
  await openSandbox(page, `?${backend.query}&agents=4&thinkInterval=1000`);
  await page.evaluate((apiKey) => window.sandbox?.configure({ apiKey }), TEST_KEY);
  await page.waitForFunction(() => window.sandbox?.snapshot().agents.every((a) => a.source === 'gemini') === true, undefined, POLL);
  const s = await snapshot(page);
  expect(s.metrics.fallbacks).toBe(0);
  expect((await backend.requests()).length).toBeGreaterThanOrEqual(4);
  // The worker made those calls under the page's policy, sent as its header by `vite preview`.
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(watch.workerPolicy()).toBe(policy);
  expect(await pageViolations(page)).toEqual([]);
  expect(watch.errors).toEqual([]);
});

test('script injected into the page does not run', async ({ page }) => {
  await watchPolicy(page, { inWorker: false });
  await openSandbox(page, '?agents=3');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__pwned = 1';
    document.body.append(script);
    // The usual markup bug: an event handler in HTML that was meant to be text.
    const holder = document.createElement('div');
    holder.innerHTML = '<img src="/favicon.svg?csp-test" onload="window.__pwned = 2" onerror="window.__pwned = 3">';
    document.body.append(holder);
  });
  await expect.poll(() => page.evaluate(() => (window as unknown as PolicyWindow).__cspViolations.length)).toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => (window as unknown as PolicyWindow).__pwned)).toBeUndefined();
  const seen = await page.evaluate(() => (window as unknown as PolicyWindow).__cspViolations);
  expect(seen.some((v) => v.startsWith('script-src-elem blocked inline'))).toBe(true);
  expect(seen.some((v) => v.startsWith('script-src-attr blocked inline'))).toBe(true);
});
