/**
 * Two ways to run live mode with no key and no network: the fake Gemini server (started by the
 * Playwright config) reached through the base URL setting, and Google's own endpoint with every
 * request answered by Playwright routing, so the SDK's default path inside the worker runs.
 * Both answer with the same bodies (`src/fake-gemini/replies.ts`), so one set of flows covers both.
 */
import type { Page, Route } from '@playwright/test';
import { contentReply, errorReply, promptOf, type FakeMode } from '../src/fake-gemini/replies.ts';

/** The test key. It must never show up in the URL, storage, console or page text. */
export const TEST_KEY = 'AIzaSy-e2e-secret-test-key-4242';
/** NEON_FAKE_PORT moves it, so two test runs can share a machine. */
export const FAKE_PORT = Number(process.env.NEON_FAKE_PORT ?? 8788);
/** The fake OpenAI-compatible server's port; NEON_FAKE_OPENAI_PORT moves it. */
export const FAKE_OPENAI_PORT = Number(process.env.NEON_FAKE_OPENAI_PORT ?? 8789);
const FAKE_URL = `http://127.0.0.1:${FAKE_PORT}`;
const GOOGLE = 'https://generativelanguage.googleapis.com';

export interface SeenRequest {
  /** Date.now() when the request arrived. */
  readonly at: number;
  readonly mode: string;
  readonly keyValid: boolean;
}

export interface Backend {
  readonly name: string;
  /** URL keys that point the app at this backend. */
  readonly query: string;
  /** Prepares the page (routing) and resets scripted replies; call before opening the app. */
  attach(page: Page, latencyMs?: number): Promise<void>;
  /** Replies for the next requests, in order; then `ok`. */
  script(modes: readonly FakeMode[]): Promise<void>;
  /** Every request seen since `attach`. */
  requests(): Promise<SeenRequest[]>;
}

/** Makes every request whose prompt contains `contains` get `mode` (e.g. one villager's assessment hangs). */
export async function fakeRule(contains: string, mode: FakeMode): Promise<void> {
  const response = await fetch(`${FAKE_URL}/__fake/control`, { method: 'POST', body: JSON.stringify({ rules: [{ contains, mode }] }) });
  if (!response.ok) throw new Error(`fake control failed: ${response.status}`);
}

/** The fake server from the Playwright config, steered over its control endpoint. */
export function fakeServerBackend(): Backend {
  let since = 0;
  const control = async (patch: Record<string, unknown>): Promise<void> => {
    const response = await fetch(`${FAKE_URL}/__fake/control`, { method: 'POST', body: JSON.stringify(patch) });
    if (!response.ok) throw new Error(`fake control failed: ${response.status}`);
  };
  return {
    name: 'fake server via baseUrl',
    query: `brain=gemini&baseUrl=${encodeURIComponent(FAKE_URL)}`,
    attach: async (_page, latencyMs = 150) => {
      since = Date.now();
      await control({ mode: 'ok', faults: {}, rules: [], latencyMs, jitterMs: 0 });
    },
    script: (modes) => control({ script: modes }),
    requests: async () => {
      const response = await fetch(`${FAKE_URL}/__fake/requests`);
      const all = (await response.json()) as SeenRequest[];
      return all.filter((r) => r.at >= since);
    },
  };
}

/** Google's endpoint, answered in the test by page routing; no request leaves the machine. */
export function googleRouteBackend(): Backend {
  const queue: FakeMode[] = [];
  const seen: SeenRequest[] = [];
  let latency = 150;
  const handle = async (route: Route): Promise<void> => {
    const request = route.request();
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'POST, OPTIONS' };
    if (request.method() === 'OPTIONS') {
      await route.fulfill({ status: 204, headers: cors });
      return;
    }
    const key = (await request.headerValue('x-goog-api-key')) ?? '';
    const keyValid = key === TEST_KEY;
    const mode: FakeMode = keyValid ? (queue.shift() ?? 'ok') : '400-key';
    seen.push({ at: Date.now(), mode, keyValid });
    if (mode === 'hang') return; // never answered: the app's timeout must abort it
    await new Promise((resolve) => setTimeout(resolve, latency));
    const model = /models\/[^/:]+/.exec(request.url())?.[0] ?? 'models/unknown';
    const reply = errorReply(mode, model, key) ?? contentReply(mode, promptOf(request.postDataJSON()), model.replace(/^models\//, ''));
    await route
      .fulfill({ status: reply?.status ?? 500, contentType: 'application/json', headers: cors, body: JSON.stringify(reply?.body ?? {}) })
      .catch(() => undefined); // the page may have aborted the call meanwhile
  };
  return {
    name: 'Google endpoint via routing',
    query: 'brain=gemini',
    attach: async (page, latencyMs = 150) => {
      latency = latencyMs;
      queue.length = 0;
      seen.length = 0;
      await page.context().route(`${GOOGLE}/**`, handle);
    },
    script: (modes) => {
      queue.push(...modes);
      return Promise.resolve();
    },
    requests: () => Promise.resolve([...seen]),
  };
}
