import { ModelError } from '../brain/errors.ts';
import type { CallOptions, Model, ModelReply } from '../brain/model.ts';

/** Requests counted against one calendar day. */
export interface DayCount {
  /** The day as the caller names it, e.g. `2026-11-25` in local time. */
  readonly day: string;
  readonly count: number;
}

export interface DailyLimitOptions {
  /** Requests allowed per day; 0 for no limit (requests are still counted). */
  readonly limit: number;
  /** Today's name; injected because the calendar is an effect. */
  readonly today: () => string;
  /** The count so far today, e.g. restored after a page reload. */
  readonly start?: DayCount;
}

/**
 * Wraps a live model with a per-day request counter. Once the day's limit is used up it fails
 * every call with `quota-exhausted` without sending anything, which the scheduler treats like a
 * server's daily quota: live calls stop and every job falls back at once. A wrapper rather than
 * a scheduler option, because only live models have a day's quota; the mock has none.
 */
export class DailyLimitedModel<Req, Res> implements Model<Req, Res> {
  readonly source: string;
  private counted: DayCount;

  constructor(
    private readonly inner: Model<Req, Res>,
    private readonly options: DailyLimitOptions,
  ) {
    this.source = inner.source;
    const today = options.today();
    this.counted = options.start?.day === today ? options.start : { day: today, count: 0 };
  }

  /** Requests sent today (a new day starts from zero). */
  usage(): DayCount {
    const today = this.options.today();
    if (this.counted.day !== today) this.counted = { day: today, count: 0 };
    return this.counted;
  }

  call(request: Req, options: CallOptions): Promise<ModelReply<Res>> {
    const { count, day } = this.usage();
    const { limit } = this.options;
    if (limit > 0 && count >= limit) {
      return Promise.reject(
        new ModelError('quota-exhausted', `The daily limit of ${limit} live requests is used up; agents continue on the mock brain. Raise the limit or wait until tomorrow.`),
      );
    }
    this.counted = { day, count: count + 1 };
    return this.inner.call(request, options);
  }
}
