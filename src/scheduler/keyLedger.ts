import type { Clock } from '../clock/clock.ts';
import { RollingWindow } from './rollingWindow.ts';

/** Requests counted against one calendar day. */
export interface DayCount {
  /** The day as the caller names it, e.g. `2026-11-25` in local time. */
  readonly day: string;
  readonly count: number;
}

/** The limits a request is taken under; they belong to the caller's settings, not the ledger. */
export interface BudgetLimits {
  /** Requests in any rolling 60 s; `Infinity` for no budget. */
  readonly rpm: number;
  /** Requests per calendar day; 0 for no daily limit. */
  readonly dailyLimit: number;
  /** The latest a sent request can be answered or aborted: the sender's timeout. */
  readonly maxCallMs: number;
}

/** What a ledger grants when asked for slots. */
export interface Grant {
  /** Requests that may be sent now, at most the number asked for. */
  readonly granted: number;
  /**
   * When more than were granted were wanted: ms until a slot frees by time alone, or `Infinity`
   * when every slot is held by a request in flight, whose answer will free it.
   */
  readonly retryInMs: number;
  /** The day's request limit is used up: nothing more may be sent today. */
  readonly dayExhausted: boolean;
}

/** What a key's budget holds now, across everyone who shares it. */
export interface BudgetUsage {
  /** Slots held: requests in flight plus those answered in the last 60 s. */
  readonly held: number;
  /** ms until dispatch resumes after a server asked for a delay (a 429); 0 when not paused. */
  readonly pausedForMs: number;
  readonly today: DayCount;
  /**
   * The answered slots by the second (from when this was taken) in which they free
   * (`RollingWindow.freeing`): only where asked for, as it walks every slot.
   */
  readonly freeing?: readonly number[];
}

/** A ledger's state, to keep across restarts; times are on the ledger's clock. */
export interface LedgerState {
  readonly ended: readonly number[];
  readonly pausedUntil: number;
  readonly day: DayCount;
}

/** The budget's window: requests per minute. */
export const WINDOW_MS = 60_000;

/**
 * One key's budget: its rolling window of requests (`RollingWindow`, with the rule and its
 * proof), the pause a server asked for, and today's request count. Whoever sends with the key
 * takes slots here first: one world, several worlds in turn, or several tabs through a
 * coordinator. A holder that may vanish mid-call (a tab that closes) gives a deadline with each
 * slot, its timeout: by then its request has been answered or aborted, so the slot is closed at
 * that time if the holder never says so, and a dead tab cannot hold the budget forever.
 */
export class KeyLedger {
  private readonly window = new RollingWindow(WINDOW_MS);
  private pausedUntil: number;
  private day: DayCount;
  /** Deadlines of the open slots of each holder that gave one, earliest first. */
  private readonly deadlines = new Map<number, number[]>();
  private nextDeadline = Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly today: () => string,
    start?: LedgerState,
  ) {
    const now = clock.now();
    for (const at of start?.ended ?? []) if (at > now - WINDOW_MS) this.window.release(Math.min(at, now));
    this.pausedUntil = start?.pausedUntil ?? 0;
    const day = today();
    this.day = start?.day.day === day ? start.day : { day, count: 0 };
  }

  /** Takes up to `want` slots (requests about to be sent) under `limits`; `holder` tracks deadlines. */
  take(want: number, limits: BudgetLimits, holder?: number): Grant {
    const now = this.clock.now();
    this.expire(now);
    if (now < this.pausedUntil) return { granted: 0, retryInMs: this.pausedUntil - now, dayExhausted: false };
    const day = this.todayCount();
    const dayLeft = limits.dailyLimit > 0 ? Math.max(0, limits.dailyLimit - day.count) : Infinity;
    if (dayLeft === 0) return { granted: 0, retryInMs: Infinity, dayExhausted: true };
    const free = Math.max(0, limits.rpm - this.window.count(now));
    const granted = Math.min(want, free, dayLeft);
    for (let i = 0; i < granted; i++) this.window.record();
    if (holder !== undefined && granted > 0) this.track(holder, granted, now + limits.maxCallMs);
    this.day = { day: day.day, count: day.count + granted };
    const short = granted < want && granted === free;
    const retryInMs = short ? Math.max(0, this.window.nextSlotAt(now, limits.rpm) - now) : 0;
    return { granted, retryInMs, dayExhausted: granted === dayLeft && granted < want };
  }

  /** `count` requests were answered, failed or aborted now. */
  release(count = 1, holder?: number): void {
    const now = this.clock.now();
    this.expire(now);
    for (let i = 0; i < count; i++) {
      // A slot already closed at its deadline must not be closed twice.
      if (holder !== undefined && !this.untrack(holder, 'earliest')) continue;
      this.window.release(now);
    }
  }

  /** `count` slots were taken but their requests never sent: they free at once, and do not count today. */
  giveBack(count: number, holder?: number): void {
    for (let i = 0; i < count; i++) {
      if (holder !== undefined && !this.untrack(holder, 'latest')) continue;
      this.window.unrecord();
      this.day = { day: this.day.day, count: Math.max(0, this.day.count - 1) };
    }
  }

  /** A server asked everyone with this key to wait `ms` before the next request. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  usage(): BudgetUsage {
    const now = this.clock.now();
    this.expire(now);
    return { held: this.window.count(now), pausedForMs: Math.max(0, this.pausedUntil - now), today: this.todayCount() };
  }

  /** The answered slots by the second in which they free (`RollingWindow.freeing`). */
  freeing(): number[] {
    const now = this.clock.now();
    this.expire(now);
    return this.window.freeing(now);
  }

  /** `usage` with `freeing`: what another thread needs to say how long a queue will wait. */
  usageInDetail(): BudgetUsage {
    return { ...this.usage(), freeing: this.freeing() };
  }

  /** The state worth keeping: slots in flight are saved as closing at their deadline, or now. */
  state(): LedgerState {
    const now = this.clock.now();
    this.expire(now);
    const open: number[] = [];
    for (const list of this.deadlines.values()) open.push(...list);
    const untracked = this.window.count(now) - this.window.endedSince(now).length - open.length;
    for (let i = 0; i < untracked; i++) open.push(now);
    const ended = [...this.window.endedSince(now), ...open].sort((a, b) => a - b);
    return { ended, pausedUntil: this.pausedUntil, day: this.todayCount() };
  }

  private todayCount(): DayCount {
    const day = this.today();
    if (this.day.day !== day) this.day = { day, count: 0 };
    return this.day;
  }

  private track(holder: number, count: number, deadline: number): void {
    const list = this.deadlines.get(holder) ?? [];
    for (let i = 0; i < count; i++) list.push(deadline);
    // Deadlines arrive in order unless the timeout was shortened; keep the list sorted either way.
    if (list.length > count && (list[list.length - count - 1] ?? 0) > deadline) list.sort((a, b) => a - b);
    this.deadlines.set(holder, list);
    this.nextDeadline = Math.min(this.nextDeadline, list[0] ?? Infinity);
  }

  private untrack(holder: number, which: 'earliest' | 'latest'): boolean {
    const list = this.deadlines.get(holder);
    if (!list || list.length === 0) return false;
    if (which === 'earliest') list.shift();
    else list.pop();
    if (list.length === 0) this.deadlines.delete(holder);
    return true;
  }

  /** Closes, at their deadline, the slots of holders that never answered in time. */
  private expire(now: number): void {
    if (now < this.nextDeadline) return;
    let next = Infinity;
    for (const [holder, list] of this.deadlines) {
      while (list.length > 0 && (list[0] ?? Infinity) <= now) this.window.release(list.shift() ?? now);
      if (list.length === 0) this.deadlines.delete(holder);
      else next = Math.min(next, list[0] ?? Infinity);
    }
    this.nextDeadline = next;
  }
}
