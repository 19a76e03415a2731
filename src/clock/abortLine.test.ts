import { describe, expect, it } from 'vitest';
import { AbortLine } from './abortLine.ts';
import { ManualClock } from './manualClock.ts';
import { sleep } from './clock.ts';

describe('AbortLine', () => {
  it('calls each listener once, in the order added, and not one removed before', () => {
    const line = new AbortLine();
    const heard: string[] = [];
    const a = (): void => { heard.push('a'); };
    const b = (): void => { heard.push('b'); };
    const c = (): void => { heard.push('c'); };
    line.addEventListener('abort', a);
    line.addEventListener('abort', b);
    line.addEventListener('abort', c);
    line.removeEventListener('abort', b);
    const reason = new Error('stop');
    line.cancel(reason);
    line.cancel(new Error('again'));
    expect(heard).toEqual(['a', 'c']);
    expect(line.aborted).toBe(true);
    expect(line.reason).toBe(reason);
    line.addEventListener('abort', a);
    expect(heard).toEqual(['a', 'c']);
  });

  it('keeps the order added when the first listener is removed', () => {
    const line = new AbortLine();
    const heard: string[] = [];
    const listeners = ['a', 'b', 'c'].map((name) => (): void => { heard.push(name); });
    for (const listener of listeners) line.addEventListener('abort', listener);
    if (listeners[0]) line.removeEventListener('abort', listeners[0]);
    if (listeners[0]) line.addEventListener('abort', listeners[0]);
    line.cancel(new Error('stop'));
    expect(heard).toEqual(['b', 'c', 'a']);
  });

  it('builds its signal only when read: then it aborts with the line, or is built aborted', () => {
    const before = new AbortLine();
    const signal = before.signal;
    expect(signal.aborted).toBe(false);
    const reason = new Error('timeout');
    before.cancel(reason);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);
    const after = new AbortLine();
    after.cancel(reason);
    expect(after.signal.aborted).toBe(true);
    expect(after.signal.reason).toBe(reason);
  });

  it('stops a sleep as a signal would, clearing its timer', async () => {
    const clock = new ManualClock();
    const line = new AbortLine();
    const slept = sleep(clock, 100, line);
    const reason = new Error('cancelled');
    line.cancel(reason);
    await expect(slept).rejects.toBe(reason);
    expect(clock.pending).toBe(0);
  });
});
