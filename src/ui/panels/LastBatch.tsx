import type { BatchSummary } from '../../protocol/protocol.ts';
import { useSandbox } from '../context.ts';
import { formatMs } from '../timeline/timelineText.ts';
import { formatCount } from '../numbers.ts';
import { shownScenario } from '../layout/gridPane.ts';
import { figures, figuresNote, modeText } from '../pipeline/pipeText.ts';

/** Milliseconds as read at a glance: grouped ms below 10 s, then seconds, minutes, hours. */
function duration(value: number): string {
  return value < 10_000 ? `${formatCount(Math.round(value))} ms` : formatMs(value);
}

/** Why there is no speedup to show, or null when there is one. */
function noSpeedup(batch: BatchSummary): string | null {
  if (batch.answered === 0) return `All ${formatCount(batch.size)} calls failed and fell back to the mock: no speedup to show.`;
  if (batch.sumLatencyMs <= 0 || batch.wallMs <= 0) return 'No call was made: no speedup to show.';
  return null;
}

/**
 * The point of the sandbox in numbers: the last batch against its sequential equivalent. The
 * wall time runs from the batch's first call sent (see `scheduler/batches.ts`), so one at a time
 * reads about 1.0× and all together reads its real gain; failures are said, never hidden in a ratio.
 */
export function LastBatch() {
  const pipeline = useSandbox((s) => shownScenario(s) === 'pipeline');
  return pipeline ? <LastRun /> : <LastSchedulerBatch />;
}

/**
 * The pipeline's headline is its last run, as its own panel measures and writes it (every step,
 * tools too, against one step at a time). The scheduler's last batch there is whatever level ran last:
 * a run of the wide DAG ends with its merge step alone, which read "1 call … 1.0×" above a run
 * that was 4× faster than one at a time.
 */
function LastRun() {
  const scene = useSandbox((s) => s.pipeScene?.scene ?? null);
  const shown = figures(scene);
  if (scene === null || shown.state !== 'measured') return <p className="muted">{figuresNote(shown.state)}</p>;
  const value = (key: string): string => shown.items.find((item) => item.key === key)?.value ?? '';
  const steps = scene.nodes.length;
  return (
    <div className="last-batch" data-testid="last-batch">
      <div className="big">
        <span className="big-label">{`Last run (${formatCount(steps)} step${steps === 1 ? '' : 's'}, ${modeText(scene.mode)})`}</span>
        <span className="big-value" data-testid="batch-wall">{value('wall')}</span>
      </div>
      <div className="big">
        <span className="big-label">One step at a time it would take</span>
        <span className="big-value muted-value" data-testid="batch-sequential">{value('sequential')}</span>
      </div>
      <div className="big">
        <span className="big-label">Speedup</span>
        <span className="big-value accent" data-testid="batch-speedup">{value('speedup')}</span>
      </div>
    </div>
  );
}

function LastSchedulerBatch() {
  const batch = useSandbox((s) => s.metrics?.lastBatch ?? null);
  const strategy = useSandbox((s) => s.config.strategy);
  if (!batch) return <p className="muted">No batch has finished yet.</p>;
  const failed = noSpeedup(batch);
  return (
    <div className="last-batch" data-testid="last-batch">
      <div className="big">
        <span className="big-label">Last batch ({formatCount(batch.size)} call{batch.size === 1 ? '' : 's'}, {strategy})</span>
        <span className="big-value" data-testid="batch-wall">{duration(batch.wallMs)}</span>
      </div>
      <div className="big">
        <span className="big-label">One at a time it would take</span>
        <span className="big-value muted-value" data-testid="batch-sequential">{duration(batch.sumLatencyMs)}</span>
      </div>
      {failed === null ? (
        <div className="big">
          <span className="big-label">Speedup</span>
          <span className="big-value accent" data-testid="batch-speedup">{`${batch.speedup.toFixed(1)}×`}</span>
        </div>
      ) : (
        <p className="warning-text" data-testid="batch-failed">{failed}</p>
      )}
      {batch.fallbacks > 0 && failed === null ? (
        <p className="muted" data-testid="batch-fallbacks">{`${formatCount(batch.fallbacks)} of ${formatCount(batch.size)} calls failed and fell back to the mock; their time counts in both figures.`}</p>
      ) : null}
      {batch.waitedMs >= 100 ? (
        <p className="muted" data-testid="batch-waited">{`Before its first call it waited ${duration(batch.waitedMs)} behind earlier calls.`}</p>
      ) : null}
    </div>
  );
}
