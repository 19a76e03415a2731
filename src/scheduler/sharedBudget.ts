import type { Clock } from '../clock/clock.ts';
import type { Budget } from './budget.ts';
import type { CoordinatorLink } from './budgetCoordinator.ts';
import type { BudgetLimits, BudgetUsage, Grant } from './keyLedger.ts';

/**
 * How soon to ask again when every slot is held by calls in flight. In one thread an answer
 * wakes the scheduler; another tab's answer cannot, so a shared budget asks again on a timer.
 */
export const SHARED_POLL_MS = 1_000;

const NO_USAGE: BudgetUsage = { held: 0, pausedForMs: 0, today: { day: '', count: 0 } };

/**
 * A key's budget kept by a coordinator that other schedulers (other tabs) use too. Operations
 * go out one after another in the order they were made, so a slot released before a take is
 * free for it. `usage` answers at once with what was last heard, the pause counted down since.
 */
export class SharedBudget implements Budget {
  private readonly holder: Promise<number>;
  private chain: Promise<unknown> = Promise.resolve();
  private heard: { usage: BudgetUsage; at: number };
  /** `freeing` as the coordinator last told it (`refresh`), and when. */
  private heardFreeing: { freeing: readonly number[]; at: number } = { freeing: [], at: 0 };

  constructor(
    private readonly link: CoordinatorLink,
    private readonly keyId: string | Promise<string>,
    private readonly clock: Clock,
  ) {
    this.holder = link.connect();
    this.heard = { usage: NO_USAGE, at: clock.now() };
  }

  take(want: number, limits: BudgetLimits): Promise<Grant> {
    return this.queue(async (keyId, holder) => {
      const { usage, ...grant } = await this.link.take(keyId, holder, want, limits);
      this.hear(usage);
      return { ...grant, retryInMs: grant.retryInMs === Infinity ? SHARED_POLL_MS : grant.retryInMs };
    });
  }

  release(): void {
    this.fireAndForget((keyId, holder) => this.link.release(keyId, holder, 1));
  }

  giveBack(count: number): void {
    this.fireAndForget((keyId, holder) => this.link.giveBack(keyId, holder, count));
  }

  pause(ms: number): void {
    this.fireAndForget((keyId) => this.link.pause(keyId, ms));
  }

  usage(): BudgetUsage {
    const { usage, at } = this.heard;
    return { ...usage, pausedForMs: Math.max(0, usage.pausedForMs - (this.clock.now() - at)) };
  }

  /** As last heard, moved on by the whole seconds since: the slots of the seconds gone have freed. */
  freeing(): readonly number[] {
    const { freeing, at } = this.heardFreeing;
    const gone = Math.floor((this.clock.now() - at) / 1_000);
    return gone > 0 ? freeing.slice(gone) : freeing;
  }

  /** Asks the coordinator for the key's usage now (other tabs' requests included). */
  refresh(): Promise<void> {
    return this.queue(async (keyId) => {
      this.hear(await this.link.usage(keyId));
    });
  }

  private hear(usage: BudgetUsage): void {
    const at = this.clock.now();
    this.heard = { usage, at };
    if (usage.freeing) this.heardFreeing = { freeing: usage.freeing, at };
  }

  private fireAndForget(op: (keyId: string, holder: number) => Promise<BudgetUsage>): void {
    void this.queue(async (keyId, holder) => {
      this.hear(await op(keyId, holder));
    }).catch(() => undefined); // a lost coordinator shows up in the next take
  }

  private queue<T>(op: (keyId: string, holder: number) => Promise<T>): Promise<T> {
    const run = this.chain.then(async () => op(await this.keyId, await this.holder));
    this.chain = run.catch(() => undefined);
    return run;
  }
}
