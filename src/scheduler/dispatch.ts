import type { Clock, TimerHandle } from '../clock/clock.ts';
import type { Budget, BudgetLimits, Grant } from './budget.ts';

/** What the dispatcher asks of the scheduler it drives. */
export interface DispatchHost<E> {
  /** Whether to look for work at all; false when disposed, or when the host settles the queue itself. */
  open(): boolean;
  /**
   * The jobs that may start now, in order, and the limits their slots are taken under (the host
   * sets wakes for backoffs through `wakeAt`). After they all start the host is asked again: the
   * next group (background jobs after interactive ones) may be taken under other limits.
   */
  ready(): ReadyGroup<E>;
  /** The budget to take slots from now (the key's, which can change). */
  budget(): Budget;
  /** Start these jobs now; each has its budget slot. */
  start(entries: readonly E[], budget: Budget): void;
  /** The budget's day is used up: nothing more may be sent today. */
  dayExhausted(): void;
}

/** Jobs to start together, and the budget limits their slots are taken under. */
export interface ReadyGroup<E> {
  readonly entries: readonly E[];
  readonly limits: BudgetLimits;
}

/**
 * Whether slots granted under `asked` may be spent on a group that wants `fresh`: not when the
 * fresh group's window limit is stricter (background's share) or its calls may run longer.
 */
function covers(asked: BudgetLimits, fresh: BudgetLimits): boolean {
  return fresh.rpm >= asked.rpm && fresh.maxCallMs <= asked.maxCallMs;
}

/** When a budget in another thread did not answer, ask again after this long. */
const LOST_BUDGET_RETRY_MS = 1_000;

/**
 * When the scheduler looks for work, and how a budget's grant becomes starts. A pump runs after
 * every submit (coalesced to one microtask), every answer, and at most one timer for the next
 * moment something may start. The ready jobs ask the budget for that many slots at once; a
 * budget in another thread answers later, and no second request goes out before it does.
 */
export class Dispatch<E> {
  private wake: { at: number; handle: TimerHandle } | undefined;
  private queued = false;
  /** A grant is on its way from a budget in another thread. */
  private granting = false;
  /** Something changed while a grant was on its way (a submit, an answer): pump once it arrives. */
  private changedMeanwhile = false;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly host: DispatchHost<E>,
  ) {}

  /** Pumps once the current task's submits are all queued. */
  schedule(): void {
    if (this.queued || this.stopped) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.pump();
    });
  }

  /** Pumps at `at` (or earlier, if an earlier wake is set). */
  wakeAt(at: number): void {
    if (this.stopped || (this.wake && this.wake.at <= at)) return;
    if (this.wake) this.clock.clearTimeout(this.wake.handle);
    const handle = this.clock.setTimeout(() => {
      this.wake = undefined;
      this.pump();
    }, at - this.clock.now());
    this.wake = { at, handle };
  }

  /** No more pumps, ever. */
  stop(): void {
    this.stopped = true;
    if (this.wake) this.clock.clearTimeout(this.wake.handle);
    this.wake = undefined;
  }

  private pump(): void {
    // A full grant may leave room for the next group (background jobs after interactive ones).
    for (;;) {
      if (this.stopped) return;
      if (this.granting) {
        this.changedMeanwhile = true;
        return;
      }
      if (!this.host.open()) return;
      const group = this.host.ready();
      if (group.entries.length === 0) return;
      const budget = this.host.budget();
      const grant = budget.take(group.entries.length, group.limits);
      if (grant instanceof Promise) {
        this.awaitGrant(budget, grant, group);
        return;
      }
      if (this.use(budget, grant, group.entries) < group.entries.length) return;
    }
  }

  private awaitGrant(budget: Budget, grant: Promise<Grant>, group: ReadyGroup<E>): void {
    this.granting = true;
    this.changedMeanwhile = false;
    grant.then(
      (answer) => {
        this.granting = false;
        // Whatever became ready or settled while we waited is looked at afresh; slots taken
        // under looser limits than the fresh group's are given back and asked for again.
        const fresh = this.host.open() ? this.host.ready() : undefined;
        const usable = fresh !== undefined && covers(group.limits, fresh.limits);
        this.use(budget, answer, usable ? fresh.entries : []);
        // Ask again at once only if all that was wanted was granted, or something changed
        // meanwhile; a short grant has set a timer for when a slot frees.
        if (this.changedMeanwhile || answer.granted >= group.entries.length || (fresh !== undefined && !usable)) this.schedule();
      },
      () => {
        this.granting = false;
        this.wakeAt(this.clock.now() + LOST_BUDGET_RETRY_MS);
      },
    );
  }

  /** Starts as many ready jobs as were granted; gives back what is left, or was granted too late. Returns how many started. */
  private use(budget: Budget, grant: Grant, ready: readonly E[]): number {
    const current = budget === this.host.budget() && !this.stopped;
    const count = current ? Math.min(grant.granted, ready.length) : 0;
    if (grant.granted > count) budget.giveBack(grant.granted - count);
    if (!current) return 0;
    if (grant.dayExhausted && grant.granted === 0) {
      this.host.dayExhausted();
      return 0;
    }
    if (count > 0) this.host.start(ready.slice(0, count), budget);
    if (grant.granted < ready.length && grant.retryInMs < Infinity) this.wakeAt(this.clock.now() + grant.retryInMs);
    return count;
  }
}
