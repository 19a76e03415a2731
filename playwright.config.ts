import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './e2e/browser.ts';
import { FAKE_OPENAI_PORT, FAKE_PORT, TEST_KEY } from './e2e/liveBackends.ts';

// NEON_E2E_PORT, NEON_FAKE_PORT (e2e/liveBackends.ts) and NEON_DIST (a build made with
// `vite build --outDir`) let a second run share the machine without clobbering this one.
const PORT = Number(process.env.NEON_E2E_PORT ?? 4173);
const DIST = process.env.NEON_DIST ?? 'dist';
const executablePath = chromiumExecutable();

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // One worker: two cores, and several flows measure timing that a second browser would skew.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/playwright.json' }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1400, height: 860 },
    // The flows wait on string predicates (e2e/sandbox.ts), which Playwright evaluates with eval,
    // and the built page's CSP forbids eval. e2e/csp.spec.ts runs under the real policy instead.
    bypassCSP: true,
    launchOptions: { ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: [
    {
      // The production build, as users get it; `npm test` builds it first.
      command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${DIST}`,
      url: `http://127.0.0.1:${PORT}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // The fake Gemini server for live-mode flows (e2e/live.spec.ts); it accepts only the test key.
      command: `npx tsx src/fake-gemini/main.ts --port ${FAKE_PORT} --latency 150 --key ${TEST_KEY}`,
      url: `http://127.0.0.1:${FAKE_PORT}/__fake/requests`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // The fake OpenAI-compatible server (e2e/openai.spec.ts): a local server as Ollama would be, accepting only the test key.
      command: `npx tsx src/fake-openai/main.ts --port ${FAKE_OPENAI_PORT} --latency 100 --key ${TEST_KEY}`,
      url: `http://127.0.0.1:${FAKE_OPENAI_PORT}/__fake/requests`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
