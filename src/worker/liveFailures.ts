import type { FailureKind } from '../brain/errors.ts';
import type { Notice } from './notices.ts';

/** A failure notice stays up this long after the last failure of its kind, then clears itself. */
const CLEAR_AFTER_MS = 10_000;

/** What each passing failure of a live call means for the user, in one sentence. */
const SENTENCES: Partial<Record<FailureKind, (count: number, timeoutMs: number) => string>> = {
  network: (n) => `Gemini cannot be reached (offline, or a wrong base URL): ${plural(n)} failed in the last 10 s; those agents used the mock brain and calls are retried.`,
  timeout: (n, ms) => `${capital(plural(n))} took longer than the ${ms} ms timeout in the last 10 s and were cancelled; those agents used the mock brain. Raise the timeout if this keeps happening.`,
  blocked: (n) => `Gemini blocked ${plural(n, 'reply', 'replies')} for safety in the last 10 s; those agents used the mock brain for that turn.`,
  truncated: (n) => `${capital(plural(n, 'reply', 'replies'))} were cut off at the max output tokens limit in the last 10 s; those agents used the mock brain. Raise max output tokens.`,
  'bad-output': (n) => `Gemini sent ${plural(n, 'reply', 'replies')} that were not the JSON asked for in the last 10 s; those agents used the mock brain.`,
  server: (n) => `Gemini answered ${plural(n)} with a server error in the last 10 s; they are retried with backoff, then fall back to the mock.`,
  unknown: (n) => `${capital(plural(n))} failed for an unexpected reason in the last 10 s; those agents used the mock brain.`,
};

function plural(n: number, one = 'call', many = 'calls'): string {
  return `${n} ${n === 1 ? one : many}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Recent failures of live calls by kind, as banners that clear themselves once a kind has not
 * failed for 10 s. Rate limits, invalid keys and daily quotas have banners of their own
 * (`notices.ts`), driven by the scheduler's state rather than by single failures.
 */
export class LiveFailures {
  private readonly recent = new Map<FailureKind, number[]>();

  /** Counts one failed attempt of a live call. */
  record(kind: FailureKind, at: number): void {
    if (!(kind in SENTENCES)) return;
    const times = this.recent.get(kind) ?? [];
    times.push(at);
    this.recent.set(kind, times);
  }

  /** Forgets every failure; each kind's banner is cleared by the next `notices`, not left up. */
  clear(): void {
    for (const kind of this.recent.keys()) this.recent.set(kind, []);
  }

  /** One notice per kind: its sentence while failures are recent, null once they are not. */
  notices(now: number, timeoutMs: number): Notice[] {
    const out: Notice[] = [];
    for (const [kind, times] of this.recent) {
      const fresh = times.filter((t) => t > now - CLEAR_AFTER_MS);
      this.recent.set(kind, fresh);
      const sentence = SENTENCES[kind];
      if (!sentence) continue;
      out.push({ code: `live-${kind}`, level: 'warning', message: fresh.length > 0 ? sentence(fresh.length, timeoutMs) : null });
      if (fresh.length === 0) this.recent.delete(kind);
    }
    return out;
  }
}
