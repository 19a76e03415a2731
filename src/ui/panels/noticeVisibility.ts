/**
 * Which notices show after the user closed some. A closed notice stays hidden until its words
 * change or it clears and is raised again (the store forgets a dismissal when its notice clears).
 */
import type { Notice } from '../store.ts';

/**
 * A notice's text with its numbers masked: a countdown ("resuming in 12 s", then 11 s …) is the
 * same notice ticking, not a new one, so closing it must not be undone a second later.
 */
export function noticeGist(message: string): string {
  return message.replace(/\d[\d,.]*/g, '#');
}

/** The notices to show, in order: those not closed, or whose words changed since. */
export function visibleNotices(
  notices: Readonly<Record<string, Notice>>,
  dismissed: Readonly<Record<string, string>>,
): [string, Notice][] {
  return Object.entries(notices).filter(([code, notice]) => dismissed[code] !== noticeGist(notice.message));
}

/** The dismissals after closing the notice `code` whose text is `message`. */
export function dismiss(dismissed: Readonly<Record<string, string>>, code: string, message: string): Record<string, string> {
  return { ...dismissed, [code]: noticeGist(message) };
}
