import { linkSettings, queryFromConfig } from '../protocol/config.ts';
import type { ActionContext } from './actions.ts';
import type { ConfigureExtras, ConfigureResult } from './client.ts';
import { linkConfig } from './presets.ts';
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
 * Edits replace the current history entry; `push` adds one (a preset: a new demo that Back
 * leaves), unless the address would not change.
 */
export function syncAddress(ctx: ActionContext, query?: string, mode: 'replace' | 'push' = 'replace'): void {
  if (typeof history === 'undefined' || typeof location === 'undefined') return;
  const { config, presenter } = ctx.store.getState();
  const search = withPresenter(query ?? queryFromConfig(config), presenter);
  const url = `${location.pathname}${search}${location.hash}`;
  if (mode === 'push' && search !== location.search) history.pushState(null, '', url);
  else history.replaceState(history.state, '', url);
}

/**
 * Applies the settings of an address the browser went back or forward to: every key the link
 * names, the defaults for the rest, and the user's Gemini setup as it is (as opening a preset
 * does). A refused base URL goes to the worker as written, as at startup (`linkSettings`), so
 * live calls stop rather than go elsewhere. The address itself stays as the browser restored it.
 */
export async function applyAddress(ctx: ActionContext, search: string): Promise<void> {
  const { patch, problems } = linkSettings(search);
  setNotice(ctx.store, 'url', problemsNotice(problems));
  ctx.store.setState({ presenter: new URLSearchParams(search).get('presenter') === '1' });
  const result = await ctx.client.configure({ ...linkConfig({}, ctx.store.getState().config), ...patch });
  setNotice(ctx.store, 'settings', problemsNotice(result.problems));
}

/** Presenter mode is the page's, not the world's: it rides along in the link as `presenter=1`. */
export function withPresenter(query: string, presenter: boolean): string {
  if (!presenter) return query;
  return query === '' ? '?presenter=1' : `${query}&presenter=1`;
}
