import { describe, expect, it } from 'vitest';
import type { Clock, TimerHandle } from './clock.ts';
import { ManualClock } from './manualClock.ts';
import { TimerWheel } from './timerWheel.ts';

/** A ManualClock that says its timers fire on whole steps of `resolutionMs`, as the platform's do. */
class SteppedClock extends ManualClock {
  constructor(readonly resolutionMs: number, start = 0) {
    super(start);
  }
}

/** Records which timers ran, and when. */
function recorder(clock: Clock): { fired: string[]; at: (name: string) => () => void } {
  const fired: string[] = [];
  return { fired, at: (name) => () => { fired.push(`${name}@${clock.now()}`); } };
}

describe('TimerWheel', () => {
  it('fires each timer when it is due, in time order, on an exact clock', async () => {
    const clock = new ManualClock();
    const wheel = new TimerWheel(clock);
    const { fired, at } = recorder(clock);
    wheel.setTimeout(at('c'), 30);
    wheel.setTimeout(at('a'), 10);
    wheel.setTimeout(at('b'), 20.5);
    await clock.advance(20.4);
    expect(fired).toEqual(['a@10']);
    await clock.advance(100);
    expect(fired).toEqual(['a@10', 'b@20.5', 'c@30']);
  });

  it('holds one timer of the clock beneath however many are due, and none once all have run', async () => {
    const clock = new ManualClock();
    const wheel = new TimerWheel(clock);
    const { fired, at } = recorder(clock);
    for (let i = 0; i < 100; i++) wheel.setTimeout(at(`t${String(i)}`), 50);
    wheel.setTimeout(at('late'), 80);
    expect(clock.pending).toBe(1);
    expect(wheel.pending).toBe(101);
    await clock.advance(50);
    // The instant's timers run in the order they were set.
    expect(fired).toHaveLength(100);
    expect(fired[0]).toBe('t0@50');
    expect(fired[99]).toBe('t99@50');
    expect(clock.pending).toBe(1);
    await clock.advance(30);
    expect(fired[100]).toBe('late@80');
    expect(clock.pending).toBe(0);
    expect(wheel.pending).toBe(0);
  });

  it('rounds due times up to the clock’s resolution, so timers set within one step share an instant', async () => {
    const clock = new SteppedClock(1, 0.2);
    const wheel = new TimerWheel(clock);
    const { fired, at } = recorder(clock);
    wheel.setTimeout(at('a'), 500);
    await clock.advance(0.5);
    wheel.setTimeout(at('b'), 500);
    expect(clock.pending).toBe(1);
    // Due at 500.2 and 500.7: both at 501, never before they are due.
    await clock.advance(500.3 - clock.now());
    expect(fired).toEqual([]);
    await clock.advance(501 - clock.now());
    expect(fired).toEqual(['a@501', 'b@501']);
  });

  it('clears a timer at once, and the timer beneath when none is left', async () => {
    const clock = new ManualClock();
    const wheel = new TimerWheel(clock);
    const { fired, at } = recorder(clock);
    const a = wheel.setTimeout(at('a'), 10);
    const b = wheel.setTimeout(at('b'), 10);
    wheel.clearTimeout(a);
    wheel.clearTimeout(a);
    await clock.advance(10);
    expect(fired).toEqual(['b@10']);
    const c = wheel.setTimeout(at('c'), 10);
    wheel.clearTimeout(c);
    wheel.clearTimeout(b);
    expect(clock.pending).toBe(0);
    await clock.advance(100);
    expect(fired).toEqual(['b@10']);
  });

  it('moves the timer beneath earlier for an earlier timer, and skips an instant emptied by clears', async () => {
    const clock = new ManualClock();
    const wheel = new TimerWheel(clock);
    const { fired, at } = recorder(clock);
    const first = wheel.setTimeout(at('first'), 100);
    wheel.setTimeout(at('early'), 40);
    wheel.setTimeout(at('last'), 200);
    wheel.clearTimeout(first);
    await clock.advance(40);
    expect(fired).toEqual(['early@40']);
    await clock.advance(200);
    expect(fired).toEqual(['early@40', 'last@200']);
    expect(clock.pending).toBe(0);
  });

  it('skips a timer of the same instant cleared by one that ran before it, and runs timers set while firing', async () => {
    const clock = new ManualClock();
    const wheel = new TimerWheel(clock);
    const { fired, at } = recorder(clock);
    let victim: TimerHandle = 0;
    wheel.setTimeout(() => {
      fired.push('killer');
      wheel.clearTimeout(victim);
      wheel.setTimeout(at('now'), 0);
      wheel.setTimeout(at('later'), 5);
    }, 10);
    victim = wheel.setTimeout(at('victim'), 10);
    await clock.advance(10);
    expect(fired).toEqual(['killer', 'now@10']);
    await clock.advance(5);
    expect(fired).toEqual(['killer', 'now@10', 'later@15']);
    expect(clock.pending).toBe(0);
  });

  it('runs every timer of an instant and arms the next though one throws, then rethrows its error', async () => {
    const clock = new ManualClock();
    const wheel = new TimerWheel(clock);
    const { fired, at } = recorder(clock);
    wheel.setTimeout(() => {
      throw new Error('boom');
    }, 10);
    wheel.setTimeout(at('a'), 10);
    wheel.setTimeout(at('b'), 20);
    await expect(clock.advance(10)).rejects.toThrow('boom');
    expect(fired).toEqual(['a@10']);
    await clock.advance(10);
    expect(fired).toEqual(['a@10', 'b@20']);
  });

  it('keeps many instants in order whatever order they are set in (its heap)', async () => {
    const clock = new ManualClock();
    const wheel = new TimerWheel(clock);
    const seen: number[] = [];
    const delays = Array.from({ length: 200 }, (_, i) => (i * 7919) % 211);
    for (const ms of delays) wheel.setTimeout(() => { seen.push(clock.now()); }, ms);
    await clock.runAll();
    expect(seen).toEqual([...delays].sort((x, y) => x - y));
    expect(clock.pending).toBe(0);
  });

  it('fires a TimerTarget like a function, in the order set, and clears it by its handle', async () => {
    const clock = new ManualClock();
    const wheel = new TimerWheel(clock);
    const fired: string[] = [];
    const target = (name: string) => ({ onTimer: () => { fired.push(`${name}@${clock.now()}`); } });
    wheel.setTimer(target('a'), 10);
    wheel.setTimeout(() => { fired.push(`f@${clock.now()}`); }, 10);
    const cleared = wheel.setTimer(target('gone'), 10);
    wheel.setTimer(target('b'), 20);
    wheel.clearTimeout(cleared);
    expect(wheel.pending).toBe(3);
    await clock.runAll();
    expect(fired).toEqual(['a@10', 'f@10', 'b@20']);
    expect(wheel.pending).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('ignores a handle cleared twice, or after its timer ran, and keeps nothing once every timer is cleared', async () => {
    const clock = new SteppedClock(1);
    const wheel = new TimerWheel(clock);
    const { fired, at } = recorder(clock);
    const handles: TimerHandle[] = [];
    for (let i = 0; i < 5; i++) handles.push(wheel.setTimeout(at(`t${String(i)}`), 10 * (i + 1)));
    for (const handle of handles) wheel.clearTimeout(handle);
    expect(wheel.pending).toBe(0);
    expect(clock.pending).toBe(0);
    const a = wheel.setTimeout(at('a'), 10);
    const b = wheel.setTimeout(at('b'), 10);
    // An old handle, of an instant forgotten since, clears nothing new.
    for (const handle of handles) wheel.clearTimeout(handle);
    await clock.advance(10);
    expect(fired).toEqual(['a@10', 'b@10']);
    const c = wheel.setTimeout(at('c'), 5);
    wheel.clearTimeout(a);
    wheel.clearTimeout(b);
    wheel.clearTimeout(b);
    expect(wheel.pending).toBe(1);
    await clock.advance(5);
    expect(fired).toEqual(['a@10', 'b@10', 'c@15']);
    wheel.clearTimeout(c);
    expect(wheel.pending).toBe(0);
    expect(clock.pending).toBe(0);
  });
});
