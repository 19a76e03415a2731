import { queryFromConfig } from '../worker/config.ts';
import type { ActionContext } from './actions.ts';
import type { ConfigureExtras, ConfigureResult } from './client.ts';
import { problemsNotice, setNotice } from './store.ts';

/**
 * Applies settings from a control or from `window.sandbox.configure`: refused keys are named
 * in a notice (the rest still apply), and the address bar follows, so the link reproduces the demo.
 */
export async function applySettings(ctx: ActionContext, patch: Readonly<Record<string, unknown>>, extras: ConfigureExtras = {}): Promise<ConfigureResult> {
  const result = await ctx.client.configure(patch, extras);
  setNotice(ctx.store, 'settings', problemsNotice(result.problems));
  if (typeof history !== 'undefined' && typeof location !== 'undefined') {
    history.replaceState(history.state, '', `${location.pathname}${queryFromConfig(result.config)}${location.hash}`);
  }
  return result;
}
