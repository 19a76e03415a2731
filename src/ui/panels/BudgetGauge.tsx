import { useSandbox } from '../context.ts';
import { formatMs } from '../timeline/timelineText.ts';
import { formatCount } from '../numbers.ts';

/** Calls in the last rolling minute against the budget, as a gauge, and how long a queue will take. */
export function BudgetGauge() {
  const used = useSandbox((s) => s.metrics?.callsLastMinute ?? 0);
  const limit = useSandbox((s) => s.metrics?.rpmLimit ?? s.config.rpm);
  const queued = useSandbox((s) => s.metrics?.queued ?? 0);
  const paused = useSandbox((s) => s.metrics?.pausedForMs ?? 0);
  // Worked out in the worker, where the budget's slots are (scheduler/budgetWait.ts).
  const wait = useSandbox((s) => s.metrics?.budgetWaitMs ?? null);
  const share = limit > 0 ? Math.min(1, used / limit) : 0;
  return (
    <div className="gauge">
      <div className="gauge-label">
        <span>Budget used (last 60 s)</span>
        <span data-testid="budget-text">{`${formatCount(used)} / ${formatCount(limit)} requests`}</span>
      </div>
      <div className="gauge-track" role="meter" aria-label="Requests in the last minute against the budget" aria-valuemin={0} aria-valuemax={limit} aria-valuenow={used}>
        <div className={share >= 1 ? 'gauge-fill full' : 'gauge-fill'} style={{ transform: `scaleX(${share})` }} />
      </div>
      {paused > 0 ? <span className="warning-text">Dispatch paused by a rate limit.</span> : null}
      {wait !== null && wait >= 10_000 ? (
        <span className="warning-text" data-testid="budget-wait">
          {budgetWaitText(queued, used, limit, wait)}
        </span>
      ) : null}
    </div>
  );
}

/**
 * The queue's wait for the budget, in words. Only the queued calls past the budget's room wait
 * for it; the others can start under it now and wait for a free place under the concurrency cap
 * (the community's 20, say), so they are not counted as held back by the budget.
 */
function budgetWaitText(queued: number, used: number, limit: number, waitMs: number): string {
  const overBudget = Math.max(0, queued - Math.max(0, limit - used));
  const who = overBudget < queued ? `${formatCount(overBudget)} of the ${formatCount(queued)} queued calls wait` : `${formatCount(queued)} calls wait`;
  return `${who} for the budget of ${formatCount(limit)} a minute: the last of them can start in about ${formatMs(waitMs)}.`;
}
