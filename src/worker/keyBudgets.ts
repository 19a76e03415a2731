import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Clock } from '../clock/clock.ts';
import { LocalBudget } from '../scheduler/budget.ts';
import type { CoordinatorLink } from '../scheduler/budgetCoordinator.ts';
import { SharedBudget } from '../scheduler/sharedBudget.ts';

/**
 * A key's name where budgets are shared and kept: a SHA-256 hash, so the key itself is never
 * stored or compared for this. (@noble/hashes rather than `crypto.subtle`, which is synchronous
 * nowhere and missing on a page served over plain http from another machine.)
 */
export function keyIdOf(key: string): string {
  return bytesToHex(sha256(utf8ToBytes(`neon-budget:${key}`))).slice(0, 32);
}

/**
 * The session's budgets: the mock's, kept in this tab (it costs nothing, so tabs need not share
 * it), and one per live key, kept by the coordinator that every tab of this origin shares. Both
 * outlive worlds: the budget belongs to the key.
 */
export class KeyBudgets {
  readonly mock: LocalBudget;
  private live: { keyId: string; budget: SharedBudget } | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly link: CoordinatorLink,
  ) {
    this.mock = LocalBudget.fresh(clock);
  }

  /** The budget of `key`, shared with every tab that uses the same key. */
  forKey(key: string): SharedBudget {
    const keyId = keyIdOf(key);
    if (this.live?.keyId !== keyId) this.live = { keyId, budget: new SharedBudget(this.link, keyId, this.clock) };
    return this.live.budget;
  }

  /** The budget of the key set last, if any: what the page shows as today's live use. */
  get lastLive(): SharedBudget | undefined {
    return this.live?.budget;
  }
}
