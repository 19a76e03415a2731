/**
 * The goals `npm run perf` checks, as pure functions of the measured figures (unit-tested). A goal
 * is PASS or MISS; SKIP when its part was not measured (`--only`, `--sizes`). None fails the run:
 * the script exits 0 whatever they say, 1 only when something crashed.
 */

export type GoalStatus = 'PASS' | 'MISS' | 'SKIP';

export interface Goal {
  readonly goal: string;
  readonly status: GoalStatus;
  /** The measured value as printed ('' when skipped). */
  readonly shown: string;
  /** Why a figure cannot be trusted, or why the goal was skipped. */
  readonly note?: string;
}

/**
 * App fps ÷ bare ParticleContainer fps (the technique the app uses), per agent count: what is
 * left is the app's own overhead. Looser at 10,000, where the per-agent work the bare page does
 * not have (state per agent from the worker, colours) is ten times larger.
 */
export const PARTICLE_RATIO_GOALS: readonly { readonly n: number; readonly min: number }[] = [
  { n: 1_000, min: 0.95 },
  { n: 10_000, min: 0.9 },
];
/** Main-thread JavaScript per frame while 1,000 agents think, at most this times idle. */
export const THINKING_JS_FACTOR = 1.2;
/** Each scenario at its largest setting draws at least this many frames a second. */
export const SCENARIO_MIN_FPS = 30;

const percent = (value: number): string => `${(value * 100).toFixed(0)}%`;

/** How far apart a run's rounds read (summarise.ts middleHalf), to write after its median. */
export function spreadWords(spread: readonly [number, number], format: (value: number) => string): string {
  return `middle half of rounds ${format(spread[0])}-${format(spread[1])}`;
}

export interface SizeFigure {
  readonly n: number;
  /** App fps ÷ bare particles fps. */
  readonly ratioToParticles: number;
  /** The middle half of the rounds' ratios, when known. */
  readonly particlesSpread?: readonly [number, number];
}

export function sizeGoals(rows: readonly SizeFigure[]): Goal[] {
  return PARTICLE_RATIO_GOALS.map(({ n, min }) => {
    const goal = `${n.toLocaleString('en-US')} agents at >= ${percent(min)} of bare particles fps`;
    const row = rows.find((r) => r.n === n);
    if (!row) return { goal, status: 'SKIP', shown: '', note: `N=${n} not measured` };
    return { goal, status: row.ratioToParticles >= min ? 'PASS' : 'MISS', shown: percent(row.ratioToParticles) + (row.particlesSpread ? ` (${spreadWords(row.particlesSpread, percent)})` : '') };
  });
}

export interface ThinkingFigure {
  /** Main-thread JS per frame, idle and thinking (ms, medians over rounds of turns). */
  readonly idleJsMs: number;
  readonly thinkingJsMs: number;
  /** Thinking over idle: the median over rounds of each round's ratio (not the ratio of the medians). */
  readonly factor: number;
  /** The middle half of the rounds' factors, when known. */
  readonly factorSpread?: readonly [number, number];
  /** Calls ran in every thinking window and in no idle one: otherwise the comparison means nothing. */
  readonly callsAsIntended: boolean;
}

export function thinkingGoal(figure: ThinkingFigure | null): Goal {
  const goal = `main-thread JS per frame while 1,000 agents think <= ${THINKING_JS_FACTOR} x idle`;
  if (!figure) return { goal, status: 'SKIP', shown: '', note: 'thinking check not measured' };
  const factor = figure.factor > 0 ? figure.factor : Infinity;
  const spread = figure.factorSpread ? `; ${spreadWords(figure.factorSpread, (v) => `x${v.toFixed(2)}`)}` : '';
  const shown = `${figure.idleJsMs.toFixed(2)} -> ${figure.thinkingJsMs.toFixed(2)} ms (x${factor.toFixed(2)}${spread})`;
  if (!figure.callsAsIntended) return { goal, status: 'MISS', shown, note: 'calls did not run as intended (see perf.json)' };
  return { goal, status: factor <= THINKING_JS_FACTOR ? 'PASS' : 'MISS', shown };
}

export interface ScenarioFigure {
  readonly name: string;
  readonly setting: string;
  readonly fps: number;
  /** Model calls were in flight in every sample of the window and some started in it. */
  readonly working: boolean;
}

export function scenarioGoals(rows: readonly ScenarioFigure[] | null): Goal[] {
  if (!rows) return [{ goal: `each scenario at its largest setting at >= ${SCENARIO_MIN_FPS} fps`, status: 'SKIP', shown: '', note: 'scenarios not measured' }];
  return rows.map((row) => {
    const goal = `${row.name} (${row.setting}) at >= ${SCENARIO_MIN_FPS} fps while working`;
    const shown = `${row.fps.toFixed(1)} fps`;
    // A window without calls measured an idle page: it says nothing about the scenario at work.
    if (!row.working) return { goal, status: 'MISS', shown, note: 'the scenario was not working through the whole window' };
    return { goal, status: row.fps >= SCENARIO_MIN_FPS ? 'PASS' : 'MISS', shown };
  });
}

/** One line per goal: `PASS  goal: measured …`. */
export function goalLine(g: Goal): string {
  if (g.status === 'SKIP') return `SKIP  ${g.goal}${g.note ? ` (${g.note})` : ''}`;
  return `${g.status}  ${g.goal}: measured ${g.shown}${g.note ? `  (${g.note})` : ''}`;
}
