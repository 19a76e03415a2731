import type { Metrics } from '../protocol/protocol.ts';

export interface Notice {
  readonly code: string;
  readonly level: 'info' | 'warning' | 'error';
  /** One sentence for the banner; null clears the notice. */
  readonly message: string | null;
}

/** Why live calls stopped, said so that the reader knows what happens now and what to do. */
const LIVE_DISABLED: Readonly<Record<string, string>> = {
  'invalid-key': 'The Gemini API key was refused, so live calls have stopped and agents continue on the mock brain. Check the key and enter it again.',
  'quota-exhausted': "Today's Gemini quota is used up, so live calls have stopped and agents continue on the mock brain until the quota resets.",
};

/** The banners the scheduler's state calls for right now; each clears itself when things recover. */
export function schedulerNotices(metrics: Metrics): Notice[] {
  const paused = metrics.pausedForMs > 0;
  const live = metrics.liveDisabled;
  return [
    {
      code: 'rate-limit',
      level: 'warning',
      message: paused ? `Rate limited by the model: resuming in ${Math.ceil(metrics.pausedForMs / 1000)} s.` : null,
    },
    {
      code: 'live-disabled',
      level: 'error',
      message: live ? (LIVE_DISABLED[live.kind] ?? `Live calls have stopped (${live.message}); agents continue on the mock brain.`) : null,
    },
  ];
}

/** The notices up now, posted only when one's text changes (null clears it). */
export class NoticeBoard {
  private readonly shown = new Map<string, string>();

  constructor(private readonly post: (notice: Notice) => void) {}

  set(notice: Notice): void {
    const { code, message } = notice;
    if ((this.shown.get(code) ?? null) === message) return;
    if (message === null) this.shown.delete(code);
    else this.shown.set(code, message);
    this.post(notice);
  }

  /** How many are up (bounded by the codes there are). */
  get size(): number {
    return this.shown.size;
  }
}
