import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, command, openSandbox, positions, snapshot, waitForSnapshot, type SandboxWindow, type Snapshot } from './sandbox.ts';

type Save = Record<string, unknown> & { world: { tick: number; agents: { x: number; y: number; name: string }[] }; settings: Record<string, unknown> };

const QUERY = '?agents=12&thinkInterval=1000&latency=100&seed=4';

function save(page: Page): Promise<Save> {
  return page.evaluate(() => (window as unknown as SandboxWindow).sandbox.save()) as Promise<Save>;
}

function load(page: Page, value: unknown): Promise<{ ok: true } | { ok: false; error: string }> {
  return page.evaluate((v) => (window as unknown as SandboxWindow).sandbox.load(v), value);
}

/** A paused world some way into its run, and its save. */
async function pausedWithSave(page: Page): Promise<{ saved: Save; at: Snapshot }> {
  await openSandbox(page, QUERY);
  await waitForSnapshot(page, 's.agents.every((a) => a.decisions > 0) && s.tick > 25');
  await command(page, 'pause');
  const saved = await save(page);
  const at = await snapshot(page);
  expect(saved.world.tick).toBe(at.tick);
  return { saved, at };
}

/** The paused run moves on to another world, so a load has something to replace. */
async function moveOn(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as SandboxWindow).sandbox.configure({ agents: 20, seed: 9 }));
  await command(page, 'step');
  expect((await snapshot(page)).agents).toHaveLength(20);
}

test('save, then load through window.sandbox, puts back the world and its settings', async ({ page }) => {
  const errors = collectErrors(page);
  const { saved, at } = await pausedWithSave(page);
  expect(saved).toMatchObject({ format: 'neon-save', version: 1, scenario: null, settings: { agents: 12, seed: 4, latency: 100 } });
  expect(JSON.stringify(saved)).not.toMatch(/apiKey/i);
  await moveOn(page);
  expect(await load(page, saved)).toEqual({ ok: true });
  const back = await snapshot(page);
  expect(back.tick).toBe(at.tick);
  expect(back.running).toBe(false); // paused before, paused after
  expect(back.agents.map((a) => a.name)).toEqual(at.agents.map((a) => a.name));
  expect(positions(back)).toEqual(positions(at));
  await expect(page).toHaveURL(/agents=12/);
  await expect(page.getByLabel('Agents', { exact: true })).toHaveValue('12');
  // And it runs on from there.
  await command(page, 'start');
  await waitForSnapshot(page, `s.tick > ${at.tick + 5}`);
  expect(errors).toEqual([]);
});

test('the Save button downloads a file that the Open button opens', async ({ page }) => {
  const { at } = await pausedWithSave(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save', exact: true }).click()]);
  expect(download.suggestedFilename()).toMatch(/^neon-save-tick-\d+-.*\.json$/);
  const text = await readFile(await download.path(), 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'neon-save', world: { tick: at.tick } });
  await moveOn(page);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open…' }).click()]);
  await chooser.setFiles({ name: 'run.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByRole('status').filter({ hasText: 'Opened run.json.' })).toBeVisible();
  const back = await snapshot(page);
  expect(back.tick).toBe(at.tick);
  expect(positions(back)).toEqual(positions(at));
});

test('five kinds of bad file each get their sentence, and the world stays as it was', async ({ page }) => {
  const { saved, at } = await pausedWithSave(page);
  const text = JSON.stringify(saved);
  const agents = saved.world.agents.map((a, i) => (i === 3 ? { ...a, x: -4 } : a));
  const bad: [string, unknown, RegExp][] = [
    ['not JSON', 'Dear diary, today the agents walked.', /^The file is not JSON, so it is not a Neon save/],
    ['truncated', text.slice(0, Math.floor(text.length / 2)), /^The file ends early: its JSON stops after [\d,]+ characters/],
    ['wrong version', { ...saved, version: 0 }, /^This save's version is 0, which no release of Neon writes/],
    ['newer release', { ...saved, version: 7, app: '9.0.0' }, /^This save comes from a newer release \(Neon '9\.0\.0', save version 7\)/],
    ['out of range', { ...saved, world: { ...saved.world, agents } }, /^This save's world\.agents\[3\]\.x is -4, outside the \d+×\d+ grid\.$/],
    ['not a save', { hello: 'world' }, /^This is not a Neon save: it has no "format": "neon-save" marker\.$/],
  ];
  for (const [kind, value, sentence] of bad) {
    const result = await load(page, value);
    expect(result.ok, kind).toBe(false);
    expect(result.ok ? '' : result.error, kind).toMatch(sentence);
    await expect(page.locator('[data-code="save-load"] .notice-text'), kind).toHaveText(sentence);
    const now = await snapshot(page);
    expect(now.tick, kind).toBe(at.tick);
    expect(positions(now), kind).toEqual(positions(at));
    expect(now.running, kind).toBe(false);
  }
  // A bad file through the Open button gets the same treatment.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open…' }).click()]);
  await chooser.setFiles({ name: 'half.json', mimeType: 'application/json', buffer: Buffer.from(text.slice(0, 300)) });
  await expect(page.locator('[data-code="save-load"] .notice-text')).toHaveText(/^The file ends early/);
  expect(positions(await snapshot(page))).toEqual(positions(at));
  // A good file afterwards clears the notice.
  expect(await load(page, saved)).toEqual({ ok: true });
  await expect(page.locator('[data-code="save-load"]')).toHaveCount(0);
});

test('a save file dropped on the page opens', async ({ page }) => {
  const { saved, at } = await pausedWithSave(page);
  await moveOn(page);
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    const target = document.querySelector('[data-testid="stage"]') ?? document.body;
    for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
  }, JSON.stringify(saved));
  await expect(page.getByRole('status').filter({ hasText: 'Opened dropped.json.' })).toBeVisible();
  const back = await snapshot(page);
  expect(back.tick).toBe(at.tick);
  expect(positions(back)).toEqual(positions(at));
});
