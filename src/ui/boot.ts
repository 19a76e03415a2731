import { configFromQuery } from '../worker/config.ts';
import { localDay } from '../worker/day.ts';
import type { ActionContext } from './actions.ts';
import { SandboxClient, type WorkerPort } from './client.ts';
import { rememberedKey, savedUsage, saveUsage } from './deviceStorage.ts';
import { createSandboxApi, type SandboxApi } from './sandboxApi.ts';
import { applySettings } from './settings.ts';
import { createSandboxStore, problemsNotice, setNotice } from './store.ts';

declare global {
  interface Window {
    sandbox?: SandboxApi;
  }
}

/**
 * Starts the page's side: store, worker client and `window.sandbox`; applies the URL's settings
 * (naming any bad value in a notice), a remembered key and today's request count, and starts the
 * world, so a shared link opens a running demo.
 */
export function boot(worker: WorkerPort, search: string): ActionContext {
  const store = createSandboxStore();
  const client = new SandboxClient(store, worker);
  const ctx: ActionContext = { store, client, stage: { current: null } };
  window.sandbox = createSandboxApi(ctx);
  const { patch, problems } = configFromQuery(search);
  setNotice(store, 'url', problemsNotice(problems));
  const key = rememberedKey();
  const usage = savedUsage();
  store.setState({ keyRemembered: key !== null, presenter: new URLSearchParams(search).get('presenter') === '1' });
  void applySettings(ctx, patch, { ...(key === null ? {} : { apiKey: key }), ...(usage ? { usage } : {}) }).then(() => client.send({ type: 'start' }));
  // Keep today's live request count across reloads, so a daily limit means a day.
  let saved = usage?.count ?? -1;
  store.subscribe((state) => {
    const count = state.metrics?.requestsToday;
    if (count === undefined || count === saved) return;
    saved = count;
    saveUsage({ day: localDay(), count });
  });
  return ctx;
}
