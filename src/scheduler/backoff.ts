/**
 * Exponential backoff with full jitter (a uniform draw in [0, min(max, base·2^(n-1)))), which
 * spreads retries of many failed calls apart instead of sending them back in one wave.
 */
export function backoffDelay(failedAttempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failedAttempt - 1));
  return Math.floor(random() * ceiling);
}
