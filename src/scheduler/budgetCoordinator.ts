import type { Clock } from '../clock/clock.ts';
import { KeyLedger, type BudgetLimits, type BudgetUsage, type Grant, type LedgerState } from './keyLedger.ts';

/** A grant, with the key's usage after it. */
export interface CoordinatedGrant extends Grant {
  readonly usage: BudgetUsage;
}

/**
 * The coordinator's surface as another thread sees it: every answer may arrive later. Keys are
 * named by `keyId`, a hash of the key, never the key itself.
 */
export interface CoordinatorLink {
  /** A holder id for one scheduler, so its open slots can be closed if it vanishes. */
  connect(): Promise<number>;
  take(keyId: string, holder: number, want: number, limits: BudgetLimits): Promise<CoordinatedGrant>;
  release(keyId: string, holder: number, count: number): Promise<BudgetUsage>;
  giveBack(keyId: string, holder: number, count: number): Promise<BudgetUsage>;
  pause(keyId: string, ms: number): Promise<BudgetUsage>;
  usage(keyId: string): Promise<BudgetUsage>;
}

export interface CoordinatorOptions {
  /** The coordinator's own clock: callers in other threads speak in durations, never times. */
  readonly clock: Clock;
  readonly today: () => string;
  /** Ledgers kept from an earlier run (e.g. restored from IndexedDB), by key id. */
  readonly restored?: ReadonlyMap<string, LedgerState>;
  /** Called after every change to a key's ledger, e.g. to save it (read it with `state`). */
  readonly onChange?: (keyId: string) => void;
}

/** A holder that has asked for slots within this long counts as wanting a share. */
const ACTIVE_MS = 60_000;
/** When a grant was cut to a fair share, the holder may ask for more this soon (others first). */
export const FAIR_SHARE_RETRY_MS = 100;

/**
 * One ledger per key for everyone who uses that key: the tabs of one origin, through one shared
 * worker. Every method runs to completion before the next starts (one thread), so two tabs can
 * never both take the last slot: that is the whole point of putting it in one place. Free slots
 * are shared: while several holders want them, one take gets at most its share of what is free
 * (rounded up), so the tab whose timer fires first cannot take a whole freed minute's budget.
 */
export class BudgetCoordinator {
  private readonly ledgers = new Map<string, KeyLedger>();
  /** When each holder last asked for slots, per key. */
  private readonly asks = new Map<string, Map<number, number>>();
  private holders = 0;

  constructor(private readonly options: CoordinatorOptions) {}

  connect(): number {
    return ++this.holders;
  }

  take(keyId: string, holder: number, want: number, limits: BudgetLimits): CoordinatedGrant {
    const ledger = this.ledger(keyId);
    const share = this.fairShare(keyId, holder, limits.rpm - ledger.usage().held);
    const cut = share < want;
    const grant = ledger.take(cut ? share : want, limits, holder);
    if (grant.granted > 0) this.options.onChange?.(keyId);
    const retryInMs = cut && grant.granted === share ? FAIR_SHARE_RETRY_MS : grant.retryInMs;
    return { ...grant, retryInMs, usage: ledger.usage() };
  }

  /** The most one take may get of `free` slots while other holders want some too. */
  private fairShare(keyId: string, holder: number, free: number): number {
    const now = this.options.clock.now();
    let asks = this.asks.get(keyId);
    if (!asks) {
      asks = new Map();
      this.asks.set(keyId, asks);
    }
    asks.set(holder, now);
    for (const [other, at] of asks) if (at <= now - ACTIVE_MS) asks.delete(other);
    return asks.size > 1 ? Math.max(1, Math.ceil(Math.max(0, free) / asks.size)) : Infinity;
  }

  release(keyId: string, holder: number, count: number): BudgetUsage {
    const ledger = this.ledger(keyId);
    ledger.release(count, holder);
    this.options.onChange?.(keyId);
    return ledger.usage();
  }

  giveBack(keyId: string, holder: number, count: number): BudgetUsage {
    const ledger = this.ledger(keyId);
    ledger.giveBack(count, holder);
    this.options.onChange?.(keyId);
    return ledger.usage();
  }

  pause(keyId: string, ms: number): BudgetUsage {
    const ledger = this.ledger(keyId);
    ledger.pause(ms);
    this.options.onChange?.(keyId);
    return ledger.usage();
  }

  /** The key's usage with when its slots free: asked for now and then, not with every take and release. */
  usage(keyId: string): BudgetUsage {
    return this.ledger(keyId).usageInDetail();
  }

  /** A key's ledger as it stands, to save. */
  state(keyId: string): LedgerState {
    return this.ledger(keyId).state();
  }

  private ledger(keyId: string): KeyLedger {
    let ledger = this.ledgers.get(keyId);
    if (!ledger) {
      ledger = new KeyLedger(this.options.clock, this.options.today, this.options.restored?.get(keyId));
      this.ledgers.set(keyId, ledger);
    }
    return ledger;
  }

}

/** The coordinator in this thread, behind the same asynchronous surface as one in another. */
export function inProcessLink(coordinator: BudgetCoordinator): CoordinatorLink {
  return {
    connect: () => Promise.resolve(coordinator.connect()),
    take: (keyId, holder, want, limits) => Promise.resolve(coordinator.take(keyId, holder, want, limits)),
    release: (keyId, holder, count) => Promise.resolve(coordinator.release(keyId, holder, count)),
    giveBack: (keyId, holder, count) => Promise.resolve(coordinator.giveBack(keyId, holder, count)),
    pause: (keyId, ms) => Promise.resolve(coordinator.pause(keyId, ms)),
    usage: (keyId) => Promise.resolve(coordinator.usage(keyId)),
  };
}

/** A link whose coordinator is still on its way (being loaded, or chosen by the page). */
export function deferredLink(link: Promise<CoordinatorLink>): CoordinatorLink {
  return {
    connect: async () => (await link).connect(),
    take: async (keyId, holder, want, limits) => (await link).take(keyId, holder, want, limits),
    release: async (keyId, holder, count) => (await link).release(keyId, holder, count),
    giveBack: async (keyId, holder, count) => (await link).giveBack(keyId, holder, count),
    pause: async (keyId, ms) => (await link).pause(keyId, ms),
    usage: async (keyId) => (await link).usage(keyId),
  };
}
