import { useSandbox } from '../context.ts';
import { countRender } from '../renderCount.ts';

/** Every open notice as a sentence; each clears itself when its cause goes away. */
export function NoticeBanner() {
  countRender('NoticeBanner');
  const notices = useSandbox((s) => s.notices);
  const entries = Object.entries(notices);
  if (entries.length === 0) return null;
  return (
    <div className="notices" role="status" aria-live="polite" data-testid="notices">
      {entries.map(([code, notice]) => (
        <p key={code} className={`notice notice-${notice.level}`} data-code={code}>
          {notice.message}
        </p>
      ))}
    </div>
  );
}
