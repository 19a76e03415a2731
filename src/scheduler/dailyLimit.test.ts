import { describe, expect, it } from 'vitest';
import { ModelError } from '../brain/errors.ts';
import type { Model } from '../brain/model.ts';
import { ManualClock } from '../clock/manualClock.ts';
import { DailyLimitedModel } from './dailyLimit.ts';
import { Scheduler } from './scheduler.ts';

const echo: Model<number, number> = { source: 'live', call: (n) => Promise.resolve({ value: n }) };

describe('DailyLimitedModel', () => {
  it('counts requests per day, refuses past the limit without calling, and starts afresh tomorrow', async () => {
    let day = '2026-11-25';
    let sent = 0;
    const counting: Model<number, number> = { source: 'live', call: (n) => { sent++; return Promise.resolve({ value: n }); } };
    const model = new DailyLimitedModel(counting, { limit: 2, today: () => day, start: { day, count: 1 } });
    const options = { signal: new AbortController().signal, attempt: 1 };
    await expect(model.call(1, options)).resolves.toEqual({ value: 1 });
    const refused: unknown = await model.call(2, options).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ModelError);
    expect((refused as ModelError).kind).toBe('quota-exhausted');
    expect(sent).toBe(1);
    expect(model.usage()).toEqual({ day: '2026-11-25', count: 2 });
    day = '2026-11-26';
    expect(model.usage()).toEqual({ day: '2026-11-26', count: 0 });
    await expect(model.call(3, options)).resolves.toEqual({ value: 3 });
  });

  it('ignores a saved count from another day; 0 means no limit', () => {
    const model = new DailyLimitedModel(echo, { limit: 0, today: () => 'b', start: { day: 'a', count: 99 } });
    expect(model.usage()).toEqual({ day: 'b', count: 0 });
  });

  it('under the scheduler: at the limit live calls stop and every job falls back', async () => {
    const clock = new ManualClock();
    const scheduler = new Scheduler<number, number>({
      model: new DailyLimitedModel(echo, { limit: 3, today: () => 'd' }),
      clock,
      config: { concurrency: 1 },
    });
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => scheduler.submit({ key: `k${n}`, request: n, fallback: () => -n })));
    expect(results.map((r) => r.source)).toEqual(['live', 'live', 'live', 'fallback', 'fallback']);
    expect(scheduler.metrics().liveDisabled?.kind).toBe('quota-exhausted');
  });
});
