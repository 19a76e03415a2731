import { describe, expect, it } from 'vitest';
import { budgetWaitMs } from './budgetWait.ts';

const MINUTE = 60_000;
/** `count` answered slots freeing in second `s`, the rest of the minute empty. */
const freeingAt = (s: number, count: number): number[] => Array.from({ length: 60 }, (_, i) => (i === s ? count : 0));

/** The same line followed one call at a time (rollingWindow.ts's rule), to check the closed form. */
function byHand(queued: number, held: number, limit: number, freeing: readonly number[]): number | null {
  if (queued <= limit - held) return null;
  const frees: number[] = [];
  freeing.forEach((count, s) => {
    for (let i = 0; i < count; i++) frees.push((s + 1) * 1_000);
  });
  while (frees.length < held) frees.push(MINUTE);
  const starts: number[] = [];
  for (let i = 0; i < queued; i++) {
    const slot = i - (limit - held);
    const start = slot < 0 ? 0 : slot < held ? (frees[slot] ?? 0) : (starts[slot - held] ?? 0) + MINUTE;
    starts.push(start);
  }
  return starts[starts.length - 1] ?? null;
}

describe('budgetWaitMs', () => {
  it('is null while the budget has room for every waiting call', () => {
    expect(budgetWaitMs({ queued: 10, held: 0, limit: 600, freeing: [], windowMs: MINUTE })).toBeNull();
    expect(budgetWaitMs({ queued: 0, held: 600, limit: 600, freeing: [], windowMs: MINUTE })).toBeNull();
    expect(budgetWaitMs({ queued: 5, held: 595, limit: 600, freeing: [], windowMs: MINUTE })).toBeNull();
    expect(budgetWaitMs({ queued: 5_000, held: 100, limit: Infinity, freeing: [], windowMs: MINUTE })).toBeNull();
  });

  it('waits for the minute to pass on slots spent in its first second, not for 40 ÷ 60 of a minute', () => {
    // "100 agents under 60 RPM", two seconds in: 60 calls answered half a second after they all
    // started, so their slots free 58.5 s from now; 40 wait.
    expect(budgetWaitMs({ queued: 40, held: 60, limit: 60, freeing: freeingAt(58, 60), windowMs: MINUTE })).toBe(59_000);
  });

  it('waits for an in-flight slot a window from now, its answer still to come', () => {
    expect(budgetWaitMs({ queued: 1, held: 60, limit: 60, freeing: [], windowMs: MINUTE })).toBe(MINUTE);
  });

  it('takes the held slots in the order they free', () => {
    const freeing = [...freeingAt(9, 20)];
    freeing[30] = 20;
    // 60 held: 20 free in second 9, 20 in second 30, 20 are in flight.
    expect(budgetWaitMs({ queued: 20, held: 60, limit: 60, freeing, windowMs: MINUTE })).toBe(10_000);
    expect(budgetWaitMs({ queued: 21, held: 60, limit: 60, freeing, windowMs: MINUTE })).toBe(31_000);
    expect(budgetWaitMs({ queued: 41, held: 60, limit: 60, freeing, windowMs: MINUTE })).toBe(MINUTE);
  });

  it('counts a window per round for a queue longer than the budget', () => {
    // ?agents=10000 at 600 RPM: 9,744 waiting behind 600 slots spent at the start.
    const wait = budgetWaitMs({ queued: 9_744, held: 600, limit: 600, freeing: freeingAt(57, 600), windowMs: MINUTE });
    expect(wait).toBe(16 * MINUTE + 58_000);
  });

  it('holds the line until a server\'s pause ends, a window per round after that', () => {
    const freeing = freeingAt(9, 60);
    expect(budgetWaitMs({ queued: 10, held: 60, limit: 60, freeing, windowMs: MINUTE, pausedForMs: 30_000 })).toBe(30_000);
    expect(budgetWaitMs({ queued: 10, held: 60, limit: 60, freeing, windowMs: MINUTE, pausedForMs: 5_000 })).toBe(10_000);
    expect(budgetWaitMs({ queued: 70, held: 60, limit: 60, freeing, windowMs: MINUTE, pausedForMs: 30_000 })).toBe(MINUTE + 30_000);
  });

  it('agrees with the line followed call by call', () => {
    const cases: [number, number, number, number[]][] = [
      [1, 10, 10, freeingAt(3, 4)],
      [7, 10, 10, freeingAt(3, 4)],
      [25, 10, 10, freeingAt(3, 4)],
      [26, 6, 10, freeingAt(12, 6)],
      [95, 9, 10, [1, 2, 0, 3, 1, 0, 0, 1]],
      [1_000, 59, 60, freeingAt(20, 30)],
    ];
    for (const [queued, held, limit, freeing] of cases) {
      expect(budgetWaitMs({ queued, held, limit, freeing, windowMs: MINUTE }), `${queued} behind ${held}/${limit}`).toBe(byHand(queued, held, limit, freeing));
    }
  });
});
