import { useEffect, useMemo, useRef } from 'react';
import { ACTIONS, runAction } from '../actions.ts';
import { useSandbox, useSandboxContext } from '../context.ts';
import { countRender } from '../renderCount.ts';
import type { RaceLaneView, RaceView } from '../store.ts';
import { laneProgress, laneProgressText, raceCapText, type LaneLimits } from './raceProgress.ts';
import { raceWords, simsCapText, type RaceWords } from './raceWords.ts';
import { TimelineCanvas } from './TimelineCanvas.tsx';
import { TimelineLegend } from './TimelineLegend.tsx';
import { axisEnd, barAreaHeight } from './timelineLayout.ts';
import { formatMs, namesById, speedupText } from './timelineText.ts';
import './race.css';
import './timeline.css';
import { formatCount } from '../numbers.ts';

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

/** The settings the race's lanes run under, from the page's settings (the race takes the same). */
function useLaneLimits(): LaneLimits {
  const latencyMs = useSandbox((s) => s.config.latency);
  const timeoutMs = useSandbox((s) => s.config.timeout);
  const concurrency = useSandbox((s) => s.config.concurrency);
  const rpm = useSandbox((s) => s.config.rpm);
  return useMemo(() => ({ latencyMs, timeoutMs, concurrency, rpm }), [latencyMs, timeoutMs, concurrency, rpm]);
}

/**
 * Each lane's calls so far and about how long it has left, so a 50 s race is seen to move. A new
 * race scrolls this line into view: the race key may have been pressed with the race off screen.
 */
function RaceProgress({ race, words }: { race: RaceView; words: RaceWords }) {
  const limits = useLaneLimits();
  const ref = useRef<HTMLDivElement>(null);
  const running = race.status === 'running';
  useEffect(() => {
    if (running) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [race.raceId, running]);
  const lanes = raceLanes(race, words).map((l) => ({ ...l, limits: l.key === 'sequential' ? { ...limits, concurrency: 1 } : limits }));
  if (race.status === 'cancelled') {
    return (
      <div className="race-progress" ref={ref} data-testid="race-progress">
        <span data-testid="race-cancelled">The race was stopped by a reset before it finished; press Race to run it again.</span>
      </div>
    );
  }
  return (
    <div className="race-progress" ref={ref} data-testid="race-progress">
      {lanes.map(({ key, title, lane, limits: laneLimits }) => {
        const progress = laneProgress(lane.bars, lane.wallMs, race.size, race.now, laneLimits);
        const text = laneProgressText(title, progress, words.estimates);
        return (
          <div key={key} className="race-progress-lane">
            <progress max={progress.size} value={progress.done} aria-label={`${title}: calls answered`} />
            <span data-testid={`race-${key}-progress`}>{text}</span>
          </div>
        );
      })}
    </div>
  );
}

/** A race's lanes in the order drawn: one at a time, all together (level by level), then as soon as ready if the race has it. */
export function raceLanes(race: RaceView, words: RaceWords): { readonly key: 'sequential' | 'parallel' | 'ready'; readonly title: string; readonly lane: RaceLaneView }[] {
  const lanes = [
    { key: 'sequential' as const, title: words.sequential, lane: race.sequential },
    { key: 'parallel' as const, title: words.parallel, lane: race.parallel },
  ];
  return race.ready ? [...lanes, { key: 'ready' as const, title: words.ready, lane: race.ready }] : lanes;
}

/** Each faster lane's speedup over one at a time ("1.7×"), null until both lanes it compares are done. */
export function raceSpeedups(race: RaceView, words: RaceWords): { readonly key: 'parallel' | 'ready'; readonly title: string; readonly value: string | null }[] {
  return raceLanes(race, words).flatMap((l) => (l.key === 'sequential' ? [] : [{ key: l.key, title: l.title, value: speedupText(race.sequential.wallMs, l.lane.wallMs) }]));
}

/** The speedup once both lanes are done; with a third lane, each faster lane's speedup as it comes. */
function RaceSpeedup({ race, words }: { race: RaceView; words: RaceWords }) {
  const speedups = raceSpeedups(race, words);
  const [only] = speedups;
  const shown = speedups.filter((s) => s.value !== null);
  return (
    // Always mounted, so a screen reader announces the speedup when it appears.
    <div className="race-speedup" aria-live="polite">
      {shown.length === 0 ? null : speedups.length === 1 && only ? (
        <>
          <span className="big-label">{words.speedupLabel}</span>
          <span className="race-speedup-value" data-testid="race-speedup">{only.value}</span>
        </>
      ) : (
        <>
          <span className="big-label">{words.speedupLabel}</span>
          <span className="race-speedups">
            {shown.map((s) => (
              <span key={s.key} className="race-speedup-item">
                <span className="race-speedup-value" data-testid={s.key === 'parallel' ? 'race-speedup' : 'race-ready-speedup'}>{s.value}</span>
                <span className="big-label">{s.title}</span>
              </span>
            ))}
          </span>
        </>
      )}
    </div>
  );
}

/** The race's lanes on one time axis, and the speedup once lanes are done. */
function RaceResult({ race, names, words }: { race: RaceView; names: ReadonlyMap<number, string>; words: RaceWords }) {
  const lanes = raceLanes(race, words);
  const t1 = axisEnd(race.startedAt, race.now, lanes.map((l) => l.lane.bars), race.status === 'running');
  return (
    <div className="race-result">
      <p className="muted race-size">{`${formatCount(race.size)} call${race.size === 1 ? '' : 's'} in each lane, on one time axis.`}</p>
      <RaceProgress race={race} words={words} />
      {lanes.map((l) => (
        <RaceLane key={l.key} title={l.title} lane={l.lane} race={race} t1={t1} testId={`race-${l.key}-wall`} names={names} />
      ))}
      <RaceSpeedup race={race} words={words} />
    </div>
  );
}

/**
 * The classroom race: the current agents' next calls run one at a time and all together, side
 * by side, with the mock brain (so it costs no quota and both lanes see the same latencies); a
 * pipeline's DAG runs one at a time, level by level and as soon as ready, three lanes on one axis.
 */
export function RacePanel() {
  countRender('RacePanel');
  const ctx = useSandboxContext();
  const race = useSandbox((s) => s.race);
  const agents = useSandbox((s) => s.world?.agents);
  const names = useMemo(() => namesById(agents), [agents]);
  const latencyMs = useSandbox((s) => s.config.latency);
  const canRace = useSandbox((s) => s.race?.status !== 'running');
  const scenario = useSandbox((s) => s.world?.scenario);
  const sims = useSandbox((s) => s.relScene?.scene.sims.length ?? 0);
  const scenes = useSandbox((s) => s.config.scenes);
  const words = raceWords(scenario);
  // A pipeline's race runs the whole DAG: it takes no first few of anything.
  const capNote = race === null || scenario === 'pipeline' ? null : scenario === 'relationships' ? simsCapText(sims, scenes, latencyMs) : raceCapText(race.size, agents?.length ?? 0, latencyMs);
  return (
    <section className="panel race-panel" aria-label="Race" data-testid="race-panel">
      <h2>Race</h2>
      <button
        type="button"
        className="race-button"
        data-action="race"
        title={`${words.button} (key: ${ACTIONS.race.key})`}
        aria-keyshortcuts={ACTIONS.race.key}
        disabled={!canRace}
        onClick={() => {
          void runAction(ctx, 'race');
        }}
      >
        {words.button}
      </button>
      <p className="muted">
        {words.description}
      </p>
      {capNote === null ? null : (
        <p className="race-cap" data-testid="race-cap">
          {capNote}
        </p>
      )}
      {race === null ? null : (
        <>
          <TimelineLegend />
          <RaceResult race={race} names={names} words={words} />
        </>
      )}
    </section>
  );
}
