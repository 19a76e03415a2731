/** The key-hygiene checks every live provider's flows share: the key is never printed, stored or shown. */
import { expect, type Page } from '@playwright/test';
import { TEST_KEY } from './liveBackends.ts';

/** Every console message of the page, to prove the key is never printed. */
export function recordConsole(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (message) => lines.push(message.text()));
  page.on('pageerror', (error) => lines.push(error.message));
  return lines;
}

/** The key must appear in none of: the URL, storage, the console, the page's text or fields. */
export async function expectNoKeyLeak(page: Page, consoleLines: readonly string[]): Promise<void> {
  expect(page.url()).not.toContain(TEST_KEY);
  const storage = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  expect(storage).not.toContain(TEST_KEY);
  expect(consoleLines.join('\n')).not.toContain(TEST_KEY);
  const text = await page.evaluate(() => document.body.innerText + [...document.querySelectorAll('input')].map((i) => i.value).join(' '));
  expect(text).not.toContain(TEST_KEY);
}
