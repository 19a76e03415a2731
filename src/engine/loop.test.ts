import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manualClock.ts';
import { FixedStepLoop } from './loop.ts';

describe('FixedStepLoop', () => {
  it('ticks at the fixed rate, pauses, steps once and changes speed', async () => {
    const clock = new ManualClock();
    const ticks: number[] = [];
    const loop = new FixedStepLoop(clock, 100, () => ticks.push(clock.now()));
    loop.start();
    await clock.advance(1000);
    expect(ticks).toHaveLength(10);
    loop.pause();
    await clock.advance(1000);
    expect(ticks).toHaveLength(10);
    loop.stepOnce();
    expect(ticks).toHaveLength(11);
    loop.setSpeed(4);
    loop.start();
    await clock.advance(1000);
    expect(ticks).toHaveLength(51);
    loop.setSpeed(0.25);
    await clock.advance(1000);
    expect(ticks).toHaveLength(53);
  });

  it('does not drift when timers fire late, and drops time after a long stall', async () => {
    const clock = new ManualClock();
    let lateness = 30;
    // Every timer fires `lateness` ms after it was due, like a busy event loop.
    const late = { now: () => clock.now(), clearTimeout: (h: number) => { clock.clearTimeout(h); }, setTimeout: (fn: () => void, ms: number) => clock.setTimeout(fn, ms + lateness) };
    let count = 0;
    const loop = new FixedStepLoop(late, 100, () => count++);
    loop.start();
    await clock.advance(1030);
    expect(count).toBe(10);
    lateness = 2000;
    // The tick due at 1100 runs at 1130; the next timer then fires 2 s late, at 3200.
    await clock.advance(2200);
    // One tick, then five catch-up ticks back to back; the rest of the stall is dropped.
    expect(count).toBe(16);
    loop.pause();
  });
});

describe('FixedStepLoop: a tick that throws', () => {
  it('pauses the loop and reports the error, instead of stopping silently while "running"', async () => {
    const clock = new ManualClock();
    let ticks = 0;
    const errors: unknown[] = [];
    const loop = new FixedStepLoop(clock, 100, () => {
      ticks++;
      if (ticks === 3) throw new Error('boom');
    }, (error) => errors.push(error));
    loop.start();
    await clock.advance(1_000);
    expect(ticks).toBe(3);
    expect(loop.running).toBe(false);
    expect(errors).toHaveLength(1);
    loop.start();
    await clock.advance(200);
    expect(ticks).toBe(5);
  });
});
