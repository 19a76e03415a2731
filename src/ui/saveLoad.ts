/**
 * Save and open, shared by the panel's buttons, a file dropped on the page and
 * `window.sandbox`, so each does the same: a bad file changes nothing and its one sentence
 * shows as a notice; a good one rewrites the address bar for the settings it brought.
 */
import type { ActionContext } from './actions.ts';
import { download } from './exportRun.ts';
import { syncAddress } from './settings.ts';
import { setNotice } from './store.ts';

/** The notice a failed save or open raises; a good one clears it. */
export const SAVE_NOTICE = 'save-load';

export type OpenResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

/** Replaces the run with a save (an object, or a file's text). */
export async function openSave(ctx: ActionContext, save: unknown): Promise<OpenResult> {
  const result = await ctx.client.load(save);
  if (result.ok) {
    setNotice(ctx.store, SAVE_NOTICE, null);
    syncAddress(ctx);
  } else {
    setNotice(ctx.store, SAVE_NOTICE, { level: 'error', message: result.error });
  }
  return result;
}

/** Opens a file the user chose or dropped; its text goes as it is, so the worker can say what is wrong with it. */
export async function openFile(ctx: ActionContext, file: File): Promise<OpenResult> {
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    const result = { ok: false as const, error: `${file.name} could not be read (${error instanceof Error ? error.message : String(error)}).` };
    setNotice(ctx.store, SAVE_NOTICE, { level: 'error', message: result.error });
    return result;
  }
  return openSave(ctx, text);
}

/** Downloads the run as a save file, named by the tick it was saved at. */
export async function downloadSave(ctx: ActionContext, withCalls: boolean): Promise<void> {
  try {
    const save = await ctx.client.save(withCalls);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
    download(`neon-save-tick-${ctx.store.getState().tick}-${stamp}.json`, 'application/json', JSON.stringify(save));
    setNotice(ctx.store, SAVE_NOTICE, null);
  } catch (error) {
    setNotice(ctx.store, SAVE_NOTICE, { level: 'error', message: `The run was not saved: ${error instanceof Error ? error.message : String(error)}` });
  }
}
