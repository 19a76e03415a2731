import { memo, useMemo } from 'react';
import { useSandbox } from '../context.ts';
import { countRender } from '../renderCount.ts';
import type { BatchLane } from './callLog.ts';
import { simGrouping } from './simRows.ts';
import { TimelineCanvas } from './TimelineCanvas.tsx';
import { TimelineLegend } from './TimelineLegend.tsx';
import { axisEnd, barAreaHeight, laneWallMs } from './timelineLayout.ts';
import { batchTitle, firstSentAt, formatMs, namesById, sumLatencyMs } from './timelineText.ts';
import './timeline.css';
import { formatCount } from '../numbers.ts';

/** Batches shown; the store keeps five, three fit under the grid without scrolling far. */
const SHOWN_BATCHES = 3;

interface BatchViewProps {
  readonly lane: BatchLane;
  readonly now: number;
  /** Calls of the batch not sent yet (waiting for the budget or a slot): it is not finished. */
  readonly unsent: number;
  readonly names: ReadonlyMap<number, string>;
  /** The world's scenario, and its simulations when it has some: their batches get a row per simulation. */
  readonly scenario: string | undefined;
  readonly sims: number;
}

/**
 * One batch on its own axis, from its first enqueue to its last answer. Its figures are worked
 * out once per change of the lane (a finished batch of 10,000 keeps its object, callLog.ts), and
 * a finished batch ignores the clock, so its canvas is not laid out or drawn again at every
 * panel update while a newer batch runs.
 */
const BatchView = memo(function BatchView({ lane, now, unsent, names, scenario, sims }: BatchViewProps) {
  const t0 = lane.startedAt;
  const open = unsent > 0;
  const facts = useMemo(() => {
    // Wall time as the Timing panel counts it (scheduler/batches.ts): from the first call sent
    // to the last answer, so none while calls are still to be sent.
    const wall = open ? null : laneWallMs(firstSentAt(lane.bars) ?? t0, lane.bars);
    return { wall, oneAtATime: sumLatencyMs(lane.bars), settledEnd: wall === null ? null : axisEnd(t0, t0, [lane.bars]) };
  }, [lane.bars, t0, open]);
  const { wall } = facts;
  const t1 = facts.settledEnd ?? axisEnd(t0, now, [lane.bars]);
  const laneNow = facts.settledEnd ?? now;
  const n = lane.bars.length;
  const title = batchTitle(lane.id);
  const grouping = useMemo(() => simGrouping(lane.id, scenario, sims), [lane.id, scenario, sims]);
  const calls = `${formatCount(n)} call${n === 1 ? '' : 's'}`;
  const size = grouping ? `${calls}, a row per simulation` : calls;
  return (
    <li className="timeline-batch" data-testid="timeline-batch" data-batch={lane.id}>
      <div className="timeline-lane-head">
        <span className="timeline-lane-title">{`${title} · ${size}`}</span>
        <span>
          {'wall '}
          <strong data-testid="timeline-batch-wall">{wall === null ? 'running…' : formatMs(wall)}</strong>
          {open ? <span className="muted" data-testid="timeline-batch-unsent">{` · ${formatCount(unsent)} not sent yet`}</span> : null}
          {wall === null ? null : <span className="muted">{` · one at a time ≈ ${formatMs(facts.oneAtATime)}`}</span>}
        </span>
      </div>
      {grouping ? (
        <TimelineCanvas bars={lane.bars} t0={t0} t1={t1} now={laneNow} unsent={unsent} height={barAreaHeight(grouping.rows, 12)} label={`${title}, a row per simulation`} names={names} rows={grouping.rows} rowOf={grouping.rowOf} rowLabel={grouping.rowLabel} />
      ) : (
        <TimelineCanvas bars={lane.bars} t0={t0} t1={t1} now={laneNow} unsent={unsent} height={barAreaHeight(n)} label={title} names={names} />
      )}
    </li>
  );
});

/**
 * The newest batches of model calls, newest on top, each a row per call: how long it waited in
 * line, each attempt, and how it ended. A parallel batch is a wall of bars side by side; a
 * sequential one is a staircase. The relationship simulations' batches have a row per
 * simulation instead, its steps one after another along it (simRows.ts).
 */
export function RequestTimeline() {
  countRender('RequestTimeline');
  const timeline = useSandbox((s) => s.timeline);
  const agents = useSandbox((s) => s.world?.agents);
  const names = useMemo(() => namesById(agents), [agents]);
  const scenario = useSandbox((s) => s.world?.scenario);
  const sims = useSandbox((s) => s.relScene?.scene.sims.length ?? 0);
  const shown = timeline.batches.slice(-SHOWN_BATCHES).reverse();
  return (
    <section className="panel timeline-panel" aria-label="Request timeline" data-testid="request-timeline">
      <h2>Request timeline</h2>
      <TimelineLegend />
      {shown.length === 0 ? (
        <p className="muted">No calls yet. Start the world: each batch of agents that think together appears here, newest on top.</p>
      ) : (
        <ol className="timeline-batches" aria-label="Newest batches, newest first">
          {/* Keyed by place, not by batch: each place keeps its canvas as batches move down it.
              Keyed by batch, every new batch made a canvas, a 2D context and its backing store
              (~1 ms for the first draw's setup, against 0.04 ms on a kept canvas) and dropped
              another. With 1,000 agents deciding each second, an A/B read ~2.7 ms a second less
              JavaScript outside frames; the perf check's factor is too noisy to show it (issue 16). */}
          {shown.map((lane, place) => (
            <BatchView key={place} lane={lane} now={timeline.now} unsent={timeline.unsent[lane.id] ?? 0} names={names} scenario={scenario} sims={sims} />
          ))}
        </ol>
      )}
    </section>
  );
}
