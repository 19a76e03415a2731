import { useSandbox } from '../context.ts';
import { countRender } from '../renderCount.ts';

const ms = (value: number | null | undefined): string => (value === null || value === undefined ? '–' : `${Math.round(value).toLocaleString('en')} ms`);

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** The point of the sandbox in numbers: the last batch against its sequential equivalent. */
function LastBatch() {
  const batch = useSandbox((s) => s.metrics?.lastBatch ?? null);
  const strategy = useSandbox((s) => s.config.strategy);
  if (!batch) return <p className="muted">No batch has finished yet.</p>;
  return (
    <div className="last-batch" data-testid="last-batch">
      <div className="big">
        <span className="big-label">Last batch ({batch.size} calls, {strategy})</span>
        <span className="big-value" data-testid="batch-wall">{ms(batch.wallMs)}</span>
      </div>
      <div className="big">
        <span className="big-label">One at a time it would take</span>
        <span className="big-value muted-value" data-testid="batch-sequential">{ms(batch.sumLatencyMs)}</span>
      </div>
      <div className="big">
        <span className="big-label">Speedup</span>
        <span className="big-value accent" data-testid="batch-speedup">{`${batch.speedup.toFixed(1)}×`}</span>
      </div>
    </div>
  );
}

/** Calls in the last rolling minute against the budget, as a gauge. */
function BudgetGauge() {
  const used = useSandbox((s) => s.metrics?.callsLastMinute ?? 0);
  const limit = useSandbox((s) => s.metrics?.rpmLimit ?? s.config.rpm);
  const paused = useSandbox((s) => s.metrics?.pausedForMs ?? 0);
  const share = limit > 0 ? Math.min(1, used / limit) : 0;
  return (
    <div className="gauge">
      <div className="gauge-label">
        <span>Budget used (last 60 s)</span>
        <span data-testid="budget-text">{`${used} / ${limit} requests`}</span>
      </div>
      <div className="gauge-track" role="meter" aria-label="Requests in the last minute against the budget" aria-valuemin={0} aria-valuemax={limit} aria-valuenow={used}>
        <div className={share >= 1 ? 'gauge-fill full' : 'gauge-fill'} style={{ width: `${share * 100}%` }} />
      </div>
      {paused > 0 ? <span className="warning-text">Dispatch paused by a rate limit.</span> : null}
    </div>
  );
}

/** Scheduler counters, latency percentiles and frame/tick rates. */
export function MetricsPanel() {
  countRender('MetricsPanel');
  const m = useSandbox((s) => s.metrics);
  const fps = useSandbox((s) => s.fps);
  return (
    <section className="panel metrics" aria-label="Metrics">
      <h2>Timing</h2>
      <LastBatch />
      <BudgetGauge />
      <dl className="stats">
        <Stat label="In flight" value={String(m?.inFlight ?? 0)} testId="m-inflight" />
        <Stat label="Queued" value={String(m?.queued ?? 0)} testId="m-queued" />
        <Stat label="Succeeded" value={String(m?.callsSucceeded ?? 0)} testId="m-succeeded" />
        <Stat label="Failed attempts" value={String(m?.callsFailed ?? 0)} testId="m-failed" />
        <Stat label="Retries" value={String(m?.retries ?? 0)} testId="m-retries" />
        <Stat label="Fallbacks" value={String(m?.fallbacks ?? 0)} testId="m-fallbacks" />
        <Stat label="Latency p50" value={ms(m?.latencyP50)} testId="m-p50" />
        <Stat label="Latency p95" value={ms(m?.latencyP95)} testId="m-p95" />
        <Stat label="Frames / s" value={fps.toFixed(0)} testId="m-fps" />
        <Stat label="Ticks / s" value={String(m?.ticksPerSecond ?? 0)} testId="m-tps" />
        <Stat label="Tokens" value={(m?.tokens.totalTokens ?? 0).toLocaleString('en')} testId="m-tokens" />
      </dl>
    </section>
  );
}
