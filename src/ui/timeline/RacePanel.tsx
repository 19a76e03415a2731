import { useMemo } from 'react';
import { ACTIONS, runAction } from '../actions.ts';
import { useSandbox, useSandboxContext } from '../context.ts';
import { countRender } from '../renderCount.ts';
import type { RaceLaneView, RaceView } from '../store.ts';
import { TimelineCanvas } from './TimelineCanvas.tsx';
import { TimelineLegend } from './TimelineLegend.tsx';
import { axisEnd, barAreaHeight } from './timelineLayout.ts';
import { formatMs, namesById, speedupText } from './timelineText.ts';
import './timeline.css';

interface RaceLaneProps {
  readonly title: string;
  readonly lane: RaceLaneView;
  readonly race: RaceView;
  readonly t1: number;
  readonly testId: string;
  readonly names: ReadonlyMap<number, string>;
}

/** One side of the race on the axis both sides share, so their lengths compare directly. */
function RaceLane({ title, lane, race, t1, testId, names }: RaceLaneProps) {
  return (
    <div className="race-lane">
      <div className="timeline-lane-head">
        <span className="timeline-lane-title">{title}</span>
        <span>
          {'wall '}
          <strong className="race-wall" data-testid={testId}>{lane.wallMs === null ? 'running…' : formatMs(lane.wallMs)}</strong>
        </span>
      </div>
      <TimelineCanvas bars={lane.bars} t0={race.startedAt} t1={t1} now={race.now} height={barAreaHeight(race.size, 6, 24, 200)} rows={race.size} label={title} names={names} />
    </div>
  );
}

/** Both lanes of a race, and the speedup once both are done. */
function RaceResult({ race, names }: { race: RaceView; names: ReadonlyMap<number, string> }) {
  const t1 = axisEnd(race.startedAt, race.now, [race.sequential.bars, race.parallel.bars], race.status === 'running');
  const speedup = speedupText(race.sequential.wallMs, race.parallel.wallMs);
  return (
    <div className="race-result">
      <p className="muted race-size">{`${race.size.toLocaleString('en')} call${race.size === 1 ? '' : 's'} in each lane, on one time axis.`}</p>
      <RaceLane title="One at a time" lane={race.sequential} race={race} t1={t1} testId="race-sequential-wall" names={names} />
      <RaceLane title="All together" lane={race.parallel} race={race} t1={t1} testId="race-parallel-wall" names={names} />
      {/* Always mounted, so a screen reader announces the speedup when it appears. */}
      <div className="race-speedup" aria-live="polite">
        {speedup === null ? null : (
          <>
            <span className="big-label">Speedup (one at a time ÷ all together)</span>
            <span className="race-speedup-value" data-testid="race-speedup">{speedup}</span>
          </>
        )}
      </div>
    </div>
  );
}

/**
 * The classroom race: the current agents' next calls run one at a time and all together, side
 * by side, with the mock brain (so it costs no quota and both lanes see the same latencies).
 */
export function RacePanel() {
  countRender('RacePanel');
  const ctx = useSandboxContext();
  const race = useSandbox((s) => s.race);
  const agents = useSandbox((s) => s.world?.agents);
  const names = useMemo(() => namesById(agents), [agents]);
  return (
    <section className="panel race-panel" aria-label="Race" data-testid="race-panel">
      <h2>Race</h2>
      <button
        type="button"
        className="race-button"
        data-action="race"
        title={`Race the same calls one at a time and all together (key: ${ACTIONS.race.key})`}
        aria-keyshortcuts={ACTIONS.race.key}
        onClick={() => {
          void runAction(ctx, 'race');
        }}
      >
        Race: one at a time vs all together
      </button>
      <p className="muted">
        The same calls with the same latencies, sequentially and in parallel, with the mock brain; at most the first 100 agents.
      </p>
      {race === null ? null : (
        <>
          <TimelineLegend />
          <RaceResult race={race} names={names} />
        </>
      )}
    </section>
  );
}
