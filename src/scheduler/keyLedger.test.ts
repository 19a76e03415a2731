import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manualClock.ts';
import { KeyLedger } from './keyLedger.ts';

const limits = (rpm: number, dailyLimit = 0, maxCallMs = 10_000) => ({ rpm, dailyLimit, maxCallMs });

describe('KeyLedger', () => {
  it('grants up to the budget, holds a slot until 60 s after its answer, and says when one frees', async () => {
    const clock = new ManualClock();
    const ledger = new KeyLedger(clock, () => 'd');
    expect(ledger.take(4, limits(3))).toMatchObject({ granted: 3, retryInMs: Infinity });
    await clock.advance(1_000);
    ledger.release();
    expect(ledger.take(1, limits(3))).toEqual({ granted: 0, retryInMs: 60_000, dayExhausted: false });
    await clock.advance(60_000);
    expect(ledger.take(2, limits(3))).toMatchObject({ granted: 1 });
    expect(ledger.usage()).toMatchObject({ held: 3, today: { day: 'd', count: 4 } });
  });

  it('gives back unsent slots at once, and they do not count today', () => {
    const ledger = new KeyLedger(new ManualClock(), () => 'd');
    ledger.take(5, limits(5));
    ledger.giveBack(2);
    expect(ledger.usage()).toMatchObject({ held: 3, today: { count: 3 } });
  });

  it('stops at the daily limit, and starts afresh the next day', () => {
    let day = 'mon';
    const ledger = new KeyLedger(new ManualClock(), () => day);
    expect(ledger.take(10, limits(100, 4))).toEqual({ granted: 4, retryInMs: 0, dayExhausted: true });
    expect(ledger.take(1, limits(100, 4))).toEqual({ granted: 0, retryInMs: Infinity, dayExhausted: true });
    day = 'tue';
    expect(ledger.take(1, limits(100, 4))).toMatchObject({ granted: 1, dayExhausted: false });
  });

  it('refuses everything while a server-asked pause lasts', async () => {
    const clock = new ManualClock();
    const ledger = new KeyLedger(clock, () => 'd');
    ledger.pause(2_000);
    expect(ledger.take(1, limits(100))).toEqual({ granted: 0, retryInMs: 2_000, dayExhausted: false });
    await clock.advance(2_000);
    expect(ledger.take(1, limits(100)).granted).toBe(1);
  });

  it('closes a vanished holder\'s slots at their deadline, and never twice', async () => {
    const clock = new ManualClock();
    const ledger = new KeyLedger(clock, () => 'd');
    ledger.take(2, limits(2, 0, 5_000), 1); // holder 1 will vanish
    await clock.advance(5_000);
    // Closed at 5 s, so they hold the window until 65 s.
    expect(ledger.usage().held).toBe(2);
    await clock.advance(59_999);
    expect(ledger.usage().held).toBe(2);
    await clock.advance(1);
    expect(ledger.usage().held).toBe(0);
    ledger.release(2, 1); // a late word from the holder changes nothing
    expect(ledger.usage().held).toBe(0);
  });

  it('keeps its state across a restart: slots still counting, the pause, today', async () => {
    const clock = new ManualClock();
    const ledger = new KeyLedger(clock, () => 'd');
    ledger.take(3, limits(10));
    ledger.release();
    ledger.pause(30_000);
    await clock.advance(10_000);
    const again = new KeyLedger(clock, () => 'd', ledger.state());
    expect(again.usage()).toEqual({ held: 3, pausedForMs: 20_000, today: { day: 'd', count: 3 } });
    await clock.advance(60_001);
    expect(again.usage().held).toBe(0);
  });
});
