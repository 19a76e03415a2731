/**
 * An axe-core audit of every view a class sees: the main page, the race, the charts and presenter
 * mode. Serious and critical violations fail the test; every count is printed, so a moderate one
 * that creeps in shows in the log even though it does not fail the run.
 */
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { openSandbox, waitForSnapshot } from './sandbox.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly nodes: readonly string[];
}

interface AxeWindow {
  axe: {
    run(context: Document, options: { resultTypes: string[] }): Promise<{
      violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
    }>;
  };
}

/** Injects axe-core (the suite bypasses the page's CSP, so an injected script may run) and audits the page. */
async function audit(page: Page, view: string): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as AxeWindow).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
    }));
  });
  const count = (impact: string): number => violations.filter((v) => v.impact === impact).length;
  console.log(`axe, ${view}: critical ${count('critical')}, serious ${count('serious')}, moderate ${count('moderate')}, minor ${count('minor')}`);
  for (const v of violations) console.log(`  ${v.impact} ${v.id}: ${v.help} — ${v.nodes.join(' | ')}`);
  return violations;
}

function severe(violations: readonly Violation[]): Violation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

test('axe-core finds no serious or critical violation on the main page, the race, the charts and presenter mode', async ({ page }) => {
  test.setTimeout(120_000);
  await openSandbox(page, '?agents=10&thinkInterval=1000&latency=200');
  await waitForSnapshot(page, 's.metrics.lastBatch !== null');
  expect.soft(severe(await audit(page, 'main page'))).toEqual([]);

  await page.getByRole('tab', { name: 'Race' }).click();
  await page.getByRole('button', { name: /^Race/ }).click();
  await expect(page.getByTestId('race-speedup')).toHaveText(/×$/, { timeout: 30_000 });
  expect.soft(severe(await audit(page, 'race'))).toEqual([]);

  await page.getByRole('tab', { name: 'Charts' }).click();
  await expect(page.getByTestId('charts-panel').locator('canvas')).toHaveCount(3);
  expect.soft(severe(await audit(page, 'charts'))).toEqual([]);

  await page.keyboard.press('p');
  await expect(page).toHaveURL(/presenter=1/);
  await expect(page.getByTestId('request-timeline')).toBeVisible();
  expect.soft(severe(await audit(page, 'presenter mode'))).toEqual([]);
});

test('axe-core finds no serious or critical violation in any view of the phone layout', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openSandbox(page, '?agents=10&thinkInterval=1000&latency=200');
  await waitForSnapshot(page, 's.metrics.lastBatch !== null');
  const views = page.getByRole('navigation', { name: 'Views' });
  for (const view of ['Grid', 'Controls', 'Classroom', 'Metrics']) {
    await views.getByRole('button', { name: view, exact: true }).click();
    expect.soft(severe(await audit(page, `phone, ${view}`))).toEqual([]);
  }
});

test('axe-core finds no serious or critical violation in the community, with a persona selected', async ({ page }) => {
  await openSandbox(page, '?scenario=community&latency=150');
  await waitForSnapshot(page, 's.scene !== null && s.scene.phases.length >= 3');
  await page.evaluate(() => (window as unknown as { sandbox: { select(id: number): Promise<void> } }).sandbox.select(2));
  await expect(page.getByTestId('persona-name')).not.toHaveText('');
  expect.soft(severe(await audit(page, 'community'))).toEqual([]);
});

test('axe-core finds no serious or critical violation in the game master after a turn', async ({ page }) => {
  await openSandbox(page, '?scenario=gamemaster&latency=200&jitter=100');
  await page.evaluate(() => (window as unknown as { sandbox: { act(text: string): Promise<unknown> } }).sandbox.act('talk to the baker'));
  await expect(page.getByTestId('gm-waterfall')).toContainText('narration');
  expect.soft(severe(await audit(page, 'game master'))).toEqual([]);
});

test('axe-core finds no serious or critical violation in the relationships, with a failed card and a transcript open', async ({ page }) => {
  await openSandbox(page, '?scenario=relationships&sims=6&scenes=1&failSim=2&latency=100&jitter=0');
  await waitForSnapshot(page, "s.scene !== null && s.scene.sims.every((x) => x.status !== 'running')");
  await expect(page.locator('[data-testid="sim-card"][data-sim="2"]')).toHaveAttribute('data-status', 'failed');
  expect.soft(severe(await audit(page, 'relationships'))).toEqual([]);
  await page.locator('[data-testid="sim-card"][data-sim="1"]').getByRole('button').first().click();
  await expect(page.getByTestId('sim-transcript')).toContainText('Scene master');
  expect.soft(severe(await audit(page, 'relationships transcript'))).toEqual([]);
});

test('axe-core finds no serious or critical violation in the pipeline, with a node selected and a failed one', async ({ page }) => {
  await openSandbox(page, '?scenario=pipeline&dag=diamond&failNode=patterns&latency=100');
  await waitForSnapshot(page, 's.scene !== null && s.scene.wallMs !== null');
  await page.locator('[data-testid="dag-node"][data-node="stats"]').click();
  await expect(page.getByTestId('dag-details')).toContainText('stats');
  expect.soft(severe(await audit(page, 'pipeline'))).toEqual([]);
});
