/**
 * Runs the budget coordinator where it lives (the shared worker, or this tab's worker where the
 * browser has no SharedWorker) and keeps every key's ledger in IndexedDB, so a reload, or the
 * last tab closing, loses neither the day's count nor the minute's slots. idb-keyval rather than
 * raw IndexedDB: a tiny, well-kept get/set over one object store is all this needs.
 */
import { createStore, entries, setMany, type UseStore } from 'idb-keyval';
import { z } from 'zod';
import { epochClock } from '../clock/clock.ts';
import { BudgetCoordinator } from '../scheduler/budgetCoordinator.ts';
import type { LedgerState } from '../scheduler/keyLedger.ts';
import { localDay } from './day.ts';

/** Writes are gathered for this long: at most a few a second, however busy the key. */
const SAVE_MS = 100;

const ledgerSchema = z.object({
  ended: z.array(z.number()),
  pausedUntil: z.number(),
  day: z.object({ day: z.string(), count: z.number().int().nonnegative() }),
});

/** Loads the saved ledgers and starts a coordinator that saves each change. */
export async function startCoordinator(): Promise<BudgetCoordinator> {
  let store: UseStore | undefined;
  const restored = new Map<string, LedgerState>();
  try {
    store = createStore('neon-budget', 'ledgers');
    for (const [keyId, value] of await entries(store)) {
      const parsed = ledgerSchema.safeParse(value);
      if (typeof keyId === 'string' && parsed.success) restored.set(keyId, parsed.data);
    }
  } catch {
    // No IndexedDB (a private window may refuse it): the budget still holds while tabs are open.
    store = undefined;
  }
  const dirty = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const coordinator = new BudgetCoordinator({
    clock: epochClock,
    today: () => localDay(),
    restored,
    onChange: (keyId) => {
      dirty.add(keyId);
      timer ??= setTimeout(() => {
        timer = undefined;
        const changed = [...dirty].map((id): [string, LedgerState] => [id, coordinator.state(id)]);
        dirty.clear();
        if (store) void setMany(changed, store).catch(() => undefined);
      }, SAVE_MS);
    },
  });
  return coordinator;
}
