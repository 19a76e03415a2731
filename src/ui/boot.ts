import { configFromQuery } from '../worker/config.ts';
import type { ActionContext } from './actions.ts';
import { SandboxClient, type WorkerPort } from './client.ts';
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
 * (naming any bad value in a notice) and starts the world, so a shared link opens a running demo.
 */
export function boot(worker: WorkerPort, search: string): ActionContext {
  const store = createSandboxStore();
  const client = new SandboxClient(store, worker);
  const ctx: ActionContext = { store, client, stage: { current: null } };
  window.sandbox = createSandboxApi(ctx);
  const { patch, problems } = configFromQuery(search);
  setNotice(store, 'url', problemsNotice(problems));
  void applySettings(ctx, patch).then(() => client.send({ type: 'start' }));
  return ctx;
}
