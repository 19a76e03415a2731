/**
 * A component rendered on the server (react-dom/server), as the panels' tests read them: from a
 * store set to the given states in order, with a client on a fake worker and no stage.
 */
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ActionContext } from './actions.ts';
import { SandboxClient } from './client.ts';
import { SandboxContext } from './context.ts';
import { fakeWorker } from './fakeWorker.fixture.ts';
import { createSandboxStore, type SandboxState } from './store.ts';

/** `element` as HTML; `prepare` sees the store the page reads before it renders. */
export function serverRender(element: ReactElement, states: readonly Partial<SandboxState>[], prepare?: (store: ActionContext['store']) => void): string {
  const store = createSandboxStore();
  for (const state of states) store.setState(state);
  // A server render reads the store's initial state (zustand's getServerSnapshot): make it the state set here.
  const served = { ...store, getInitialState: store.getState };
  prepare?.(served);
  const ctx: ActionContext = { client: new SandboxClient(store, fakeWorker().port), store: served, stage: { current: null } };
  return renderToStaticMarkup(<SandboxContext value={ctx}>{element}</SandboxContext>);
}
