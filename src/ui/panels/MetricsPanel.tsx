import { useSandbox } from '../context.ts';
import { countRender } from '../renderCount.ts';
import { drawsGrid, shownScenario } from '../layout/gridPane.ts';
import { BudgetGauge } from './BudgetGauge.tsx';
import { LastBatch } from './LastBatch.tsx';
import { formatCount } from '../numbers.ts';

const ms = (value: number | null | undefined): string => (value === null || value === undefined ? '–' : `${formatCount(Math.round(value))} ms`);

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** Scheduler counters, latency percentiles and frame/tick rates. */
export function MetricsPanel() {
  countRender('MetricsPanel');
  const m = useSandbox((s) => s.metrics);
  const fps = useSandbox((s) => s.fps);
  // Presenter mode, the relationships' cards and the pipeline's DAG draw no grid, so a frame
  // rate there would be a stale or zero number.
  const gridShown = useSandbox((s) => !s.presenter && drawsGrid(shownScenario(s)));
  return (
    <section className="panel metrics" aria-label="Metrics">
      <h2>Timing</h2>
      <LastBatch />
      <BudgetGauge />
      <dl className="stats">
        <Stat label="In flight" value={formatCount(m?.inFlight ?? 0)} testId="m-inflight" />
        <Stat label="Queued" value={formatCount(m?.queued ?? 0)} testId="m-queued" />
        <Stat label="Succeeded" value={formatCount(m?.callsSucceeded ?? 0)} testId="m-succeeded" />
        <Stat label="Failed attempts" value={formatCount(m?.callsFailed ?? 0)} testId="m-failed" />
        <Stat label="Retries" value={formatCount(m?.retries ?? 0)} testId="m-retries" />
        <Stat label="Fallbacks" value={formatCount(m?.fallbacks ?? 0)} testId="m-fallbacks" />
        <Stat label="Latency p50" value={ms(m?.latencyP50)} testId="m-p50" />
        <Stat label="Latency p95" value={ms(m?.latencyP95)} testId="m-p95" />
        {gridShown ? <Stat label="Frames / s" value={fps.toFixed(0)} testId="m-fps" /> : null}
        <Stat label="Ticks / s" value={formatCount(m?.ticksPerSecond ?? 0)} testId="m-tps" />
        <Stat label="Tokens" value={formatCount(m?.tokens.totalTokens ?? 0)} testId="m-tokens" />
      </dl>
    </section>
  );
}
