import { useSandbox, useSandboxContext } from '../context.ts';
import { countRender } from '../renderCount.ts';
import { dismiss, visibleNotices } from './noticeVisibility.ts';
import './notices.css';

/**
 * Every open notice as a sentence; each clears itself when its cause goes away, and each can be
 * closed, which hides it until its words change or it is raised again.
 */
export function NoticeBanner() {
  countRender('NoticeBanner');
  const { store } = useSandboxContext();
  const notices = useSandbox((s) => s.notices);
  const dismissed = useSandbox((s) => s.dismissedNotices);
  const entries = visibleNotices(notices, dismissed);
  if (entries.length === 0) return null;
  return (
    <div className="notices" role="status" aria-live="polite" data-testid="notices">
      {entries.map(([code, notice]) => (
        <p key={code} className={`notice notice-${notice.level}`} data-code={code}>
          <span className="notice-text">{notice.message}</span>
          <button
            type="button"
            className="notice-close"
            aria-label={`Dismiss: ${notice.message}`}
            title="Dismiss"
            onClick={() => {
              store.setState({ dismissedNotices: dismiss(store.getState().dismissedNotices, code, notice.message) });
            }}
          >
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
