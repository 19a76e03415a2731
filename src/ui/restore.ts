/**
 * What a new worker is given after the old one died (workerSupervisor.ts). Everything is posted
 * at once, in this order, so the worker handles it before any command sent afterwards: a
 * command a user sends while the new worker starts simply waits behind the restore.
 */
import type { ActionContext } from './actions.ts';
import { rememberedKey } from './deviceStorage.ts';
import { errorText } from './sendable.ts';
import type { Checkpoint, Restored } from './workerSupervisor.ts';

/**
 * 1. the port to the shared worker that keeps each key's budget (a new port: the budget lives
 *    there and survives the worker); 2. the checkpoint, with `load`; 3. the settings in force,
 *    and the key only if it was remembered on this device (with the endpoints it was given
 *    for), as at startup: a key held in memory died with the worker; 4. the selection; 5. start,
 *    if the world was running.
 */
export function restoreRun(ctx: ActionContext, budgetPort: () => MessagePort | null, from: Checkpoint | null, running: boolean): Restored {
  const { client, store } = ctx;
  const { config, hasKey, selectedId } = store.getState();
  client.shareBudget(budgetPort());
  const loaded = from === null ? Promise.resolve(null) : client.send({ type: 'load', save: from.save }).then(() => null, errorText);
  const remembered = rememberedKey();
  void client.configure({ ...config }, remembered === null ? {} : { apiKey: remembered.key, keyOrigins: remembered.origins });
  if (selectedId !== null) void client.send({ type: 'select', agentId: selectedId });
  const last = client.send(running ? { type: 'start' } : { type: 'pause' });
  const resumed = Promise.all([loaded, last.catch(() => undefined)]).then(([loadError]) => {
    if (from === null) return null;
    if (loadError !== null) return `its checkpoint could not be loaded (${loadError})`;
    // Every message of the restore precedes the last command's answer: the tick now on screen
    // is where the world resumed. Earlier than the checkpoint means it did not carry over.
    const tick = store.getState().live.frame?.curr.tick ?? 0;
    return tick < from.tick ? `its checkpoint (tick ${from.tick}) did not carry over` : null;
  });
  return { keyLost: hasKey && remembered === null, resumed };
}
