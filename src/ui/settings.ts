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
  syncAddress(ctx);
  return result;
}

/**
 * Writes the current settings into the address bar (only those that differ from the defaults,
 * or `query` when given, e.g. a preset's own link), plus `presenter=1` in presenter mode.
 */
export function syncAddress(ctx: ActionContext, query?: string): void {
  if (typeof history === 'undefined' || typeof location === 'undefined') return;
  const { config, presenter } = ctx.store.getState();
  const search = withPresenter(query ?? queryFromConfig(config), presenter);
  history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
}

/** Presenter mode is the page's, not the world's: it rides along in the link as `presenter=1`. */
export function withPresenter(query: string, presenter: boolean): string {
  if (!presenter) return query;
  return query === '' ? '?presenter=1' : `${query}&presenter=1`;
}
