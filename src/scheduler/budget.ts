import type { Clock } from '../clock/clock.ts';
import { KeyLedger, type BudgetLimits, type BudgetUsage, type Grant } from './keyLedger.ts';

export type { BudgetLimits, BudgetUsage, DayCount, Grant } from './keyLedger.ts';

/**
 * Where a scheduler takes a slot before each request: one key's rolling window, 429 pause and
 * day count. The budget belongs to the key, not to the scheduler or a world, so it is an object
 * of its own: a session keeps one per key, and tabs that share a key share one through a
 * coordinator. `take` answers at once for a ledger in this thread, or later across threads.
 */
export interface Budget {
  take(want: number, limits: BudgetLimits): Grant | Promise<Grant>;
  /** One request that was sent has been answered, failed or aborted. */
  release(): void;
  /** Slots taken for requests that were not sent after all. */
  giveBack(count: number): void;
  /** A server asked for `ms` without requests from this key. */
  pause(ms: number): void;
  /** What the key's budget holds now, for display (across tabs, as last heard). */
  usage(): BudgetUsage;
  /** The answered slots by the second from now in which they free (`KeyLedger.freeing`), as last heard. */
  freeing(): readonly number[];
}

/** A budget kept in this thread: answers at once. */
export class LocalBudget implements Budget {
  constructor(private readonly ledger: KeyLedger) {}

  /** A fresh ledger on `clock`; `today` names the day for daily limits (none needed for the mock). */
  static fresh(clock: Clock, today: () => string = () => ''): LocalBudget {
    return new LocalBudget(new KeyLedger(clock, today));
  }

  take(want: number, limits: BudgetLimits): Grant {
    return this.ledger.take(want, limits);
  }

  release(): void {
    this.ledger.release();
  }

  giveBack(count: number): void {
    this.ledger.giveBack(count);
  }

  pause(ms: number): void {
    this.ledger.pause(ms);
  }

  usage(): BudgetUsage {
    return this.ledger.usage();
  }

  freeing(): readonly number[] {
    return this.ledger.freeing();
  }
}
