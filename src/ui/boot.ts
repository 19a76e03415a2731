import { linkSettings } from '../protocol/config.ts';
import type { ActionContext } from './actions.ts';
import { SandboxClient, type WorkerPort } from './client.ts';
import { rememberedKey, rememberKey } from './deviceStorage.ts';
import { restoreRun } from './restore.ts';
import { createSandboxApi, type SandboxApi } from './sandboxApi.ts';
import { applyAddress, applySettings } from './settings.ts';
import { createSandboxStore, problemsNotice, setNotice } from './store.ts';
import { WorkerSupervisor } from './workerSupervisor.ts';

declare global {
  interface Window {
    sandbox?: SandboxApi;
  }
}

/**
 * Starts the page's side: store, worker client and `window.sandbox`; tells the worker where
 * keys' budgets are kept (`budgetPort`: a new port to the shared worker's, or null), applies
 * the URL's settings (naming any bad value in a notice) and a remembered key with the
 * endpoints it was given for, and starts the world, so a shared link opens a running demo.
 * `createWorker` makes a simulation worker; a supervisor makes another when one dies, and
 * restores the run into it (restore.ts).
 */
export function boot(createWorker: () => WorkerPort, search: string, budgetPort: () => MessagePort | null = () => null): ActionContext {
  const store = createSandboxStore();
  const supervisor = new WorkerSupervisor(createWorker, store);
  const client = new SandboxClient(store, supervisor.port);
  const ctx: ActionContext = { store, client, stage: { current: null } };
  supervisor.attach(client, (from, running) => restoreRun(ctx, budgetPort, from, running));
  window.sandbox = createSandboxApi(ctx);
  client.shareBudget(budgetPort());
  const { patch, problems } = linkSettings(search);
  setNotice(store, 'url', problemsNotice(problems));
  const remembered = rememberedKey();
  store.setState({ keyRemembered: remembered !== null, presenter: new URLSearchParams(search).get('presenter') === '1' });
  const extras = remembered === null ? {} : { apiKey: remembered.key, keyOrigins: remembered.origins };
  // `.then` makes a new promise, which send's handled mark does not cover: a start that fails
  // (the worker died) is said by the supervisor's notice, not as an uncaught rejection.
  void applySettings(ctx, patch, extras).then(() => client.send({ type: 'start' })).catch(() => undefined);
  // Back and Forward between presets (each one a history entry): apply that address's settings.
  window.addEventListener('popstate', () => {
    void applyAddress(ctx, location.search);
  });
  // A remembered key keeps the endpoints the user agreed to send it to, for the next visit.
  store.subscribe((state, before) => {
    if (!state.keyRemembered || state.keyOrigins === before.keyOrigins || state.keyOrigins.length === 0) return;
    const stored = rememberedKey();
    if (stored) rememberKey(stored.key, state.keyOrigins);
  });
  return ctx;
}
