/**
 * Each scenario at its largest setting, measured while it works: model calls in flight through
 * the whole window (inFlight sampled at 2 Hz, as in the thinking check) and calls started in it.
 *
 * Settings common to all four: the budget (rpm) and the concurrency cap are raised so that the
 * page receives answers as fast as the scenario can ask, the worst case for its frame rate; the
 * default 600 rpm would trickle ten answers a second into any of them. Latencies are chosen per
 * scenario so that the work still runs when the window ends (said beside each).
 */
import type { Browser, Page } from '@playwright/test';
import type { Snapshot } from '../sandbox.ts';
import { describeRun, log } from './print.ts';
import { failOnErrors, measureWindow, newPage, READY_TIMEOUT_MS, sleep, type WindowRun } from './scenes.ts';

const UNLIMITED = 'rpm=1000000&concurrency=10000';
/** Lets the first burst of a phase, a level or a turn land before the window opens. */
const SETTLE_MS = 500;
/** The pipeline's middle level: `wide` with 98 regions is 1 → 98 → 1, 100 nodes. */
const FANOUT = 98;

/** The few numbers of a scenario's snapshot the runs need. */
export interface ScenarioProbe {
  scenario: string;
  running: boolean;
  agents: number;
  callsStarted: number;
  /** Calls that have answered or failed for good. */
  callsSettled: number;
  inFlight: number;
  /** Pipeline nodes or relationship simulations; 0 for the others. */
  units: number;
  /** Of those, how many are running now. */
  unitsRunning: number;
  /** The pipeline run has ended, every simulation has ended, or the community has voted. */
  ended: boolean;
  /** Game master turns played; the community's epoch. */
  turns: number;
  phase: string | null;
}

/**
 * Runs in the page (self-contained, see measure.ts): reads snapshot().scene for any scenario.
 * The scene is read loosely because the page hands over one of four shapes.
 */
function probeScenario(): ScenarioProbe | null {
  const sandbox = (window as unknown as { sandbox?: { snapshot(): Snapshot } }).sandbox;
  if (!sandbox) return null;
  const s = sandbox.snapshot();
  const scene = s.scene as unknown as Record<string, unknown> | null;
  let units = 0;
  let unitsRunning = 0;
  let ended = false;
  let turns = 0;
  let phase: string | null = null;
  if (scene !== null) {
    const list = Array.isArray(scene.nodes) ? scene.nodes : Array.isArray(scene.sims) ? scene.sims : null;
    if (list !== null) {
      for (const unit of list as { status?: unknown }[]) {
        units++;
        if (unit.status === 'running' || unit.status === 'retrying') unitsRunning++;
      }
      ended = Array.isArray(scene.nodes) ? scene.wallMs !== null : units > 0 && unitsRunning === 0;
    }
    if (typeof scene.turns === 'number') turns = scene.turns;
    if (typeof scene.epoch === 'number') {
      turns = scene.epoch;
      phase = typeof scene.phase === 'string' ? scene.phase : null;
      ended = scene.done === true;
    }
  }
  const m = s.metrics;
  return { scenario: s.scenario, running: s.running, agents: s.agents.length, callsStarted: m.callsStarted, callsSettled: m.callsSucceeded + m.callsFailed, inFlight: m.inFlight, units, unitsRunning, ended, turns, phase };
}

/** What the game master's player did during its loop. */
interface PlayerResult {
  turns: number;
  assessments: number;
  errors: string[];
}

/**
 * Runs in the page (self-contained, see measure.ts): plays game master turns back to back through
 * window.sandbox.act for `durationMs`, as a player who types the next action as soon as the reply
 * is in. Ten different actions in turn, so the turns differ (with cache=0 each fans out anyway).
 */
async function playTurns(durationMs: number): Promise<PlayerResult> {
  const sandbox = (window as unknown as { sandbox: { act(text: string): Promise<unknown> } }).sandbox;
  const actions = ['look around', 'talk to the baker', 'take the bread from the stall', 'talk to the innkeeper', 'go to the well', 'talk to the guard', 'go to the inn', 'look at the smith', 'go to the square', 'go to the smithy'];
  const end = performance.now() + durationMs;
  const result: PlayerResult = { turns: 0, assessments: 0, errors: [] };
  while (performance.now() < end && result.errors.length === 0) {
    try {
      const turn = (await sandbox.act(actions[result.turns % actions.length] ?? 'look around')) as { assessments?: unknown };
      result.assessments += Array.isArray(turn.assessments) ? turn.assessments.length : 0;
      result.turns++;
    } catch (error) {
      result.errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  return result;
}

/** `wide` with FANOUT regions, for a build without the `fanout` URL key (same shape as src/scenarios/pipeline/presets.ts wideSpec). */
export function wideDagSpec(fanout: number): { name: string; nodes: { id: string; kind: 'agent'; inputs: string[]; prompt: string }[] } {
  const regions = Array.from({ length: fanout }, (_, i) => `region-${i + 1}`);
  return {
    name: 'wide',
    nodes: [
      { id: 'source', kind: 'agent', inputs: [], prompt: `List the ${fanout} regions to review.` },
      ...regions.map((id, i) => ({ id, kind: 'agent' as const, inputs: ['source'], prompt: `Review region ${i + 1}: what went well and what did not.` })),
      { id: 'merge', kind: 'agent', inputs: regions, prompt: `Merge the ${fanout} reviews into one ranking.` },
    ],
  };
}

interface ScenarioSpec {
  readonly name: string;
  readonly setting: string;
  readonly query: string;
  /** The scenario is working: the window may open. */
  readonly ready: (probe: ScenarioProbe) => boolean;
}

export const SCENARIOS: readonly ScenarioSpec[] = [
  {
    name: 'community',
    setting: '1,000 personas',
    // All 1,000 asks of a phase at once (the semaphore raised with the budget); 1 ± 0.5 s calls make
    // a phase last about 1.5 s, so even a 2.5 s window sees a phase's answers arrive and the next
    // phase's asks go out (2 ± 1 s left a quick window with the asks out and almost no answer in);
    // 20 epochs (the most) so the community cannot reach its vote during the run.
    query: `?scenario=community&agents=1000&epochs=20&latency=1000&jitter=500&${UNLIMITED}`,
    ready: (p) => p.scenario === 'community' && p.running && p.agents === 1_000 && p.inFlight > 0,
  },
  {
    name: 'gamemaster',
    setting: '50 NPCs',
    // The hosted-model latencies (the scenario's 450 ± 350 ms) and its 450 ms deadline; cache=0 so
    // every turn fans out to its assessments instead of being answered from the cache, and the
    // player (playTurns) acts again as soon as a reply is in, so turns overlap late answers.
    query: `?scenario=gamemaster&npcs=50&cache=0&${UNLIMITED}`,
    ready: (p) => p.scenario === 'gamemaster' && p.running && p.agents >= 50,
  },
  {
    name: 'relationships',
    setting: '200 simulations',
    // About 20 steps per simulation at 1 ± 0.5 s each: the set runs for some 25 s, well past the
    // window, with 200 to 400 calls in flight at any moment.
    query: `?scenario=relationships&sims=200&latency=1000&jitter=500&${UNLIMITED}`,
    ready: (p) => p.scenario === 'relationships' && p.running && p.units === 200 && p.unitsRunning > 0 && p.inFlight > 0,
  },
  {
    name: 'pipeline',
    setting: `wide, ${FANOUT + 2} nodes`,
    // Level by level, the middle level's 98 calls start together. At 5 ± 2.5 s each they end between
    // 2.5 and 7.5 s after it starts: the window opens just after the start (≥ 2 nodes running can
    // only be the middle level) and sees answers arrive, with calls still out when it closes.
    query: `?scenario=pipeline&dag=wide&fanout=${FANOUT}&latency=5000&jitter=2500&${UNLIMITED}`,
    ready: (p) => p.scenario === 'pipeline' && p.running && p.units === FANOUT + 2 && p.unitsRunning >= 2,
  },
];

export interface ScenarioRun extends WindowRun {
  name: string;
  setting: string;
  query: string;
  /** How the DAG got there (pipeline only): the URL key, or loadDag when the build lacks it. */
  via: string | null;
  /** Calls started in the window. */
  callsDuring: number;
  /** Calls that answered (or failed for good) in the window. */
  settledDuring: number;
  /**
   * Calls in flight in every sample, calls started or answered in the window, and the work not over
   * at its end. Answers count: the pipeline's middle level starts all its calls before the window
   * and answers them during it.
   */
  working: boolean;
  before: ScenarioProbe;
  after: ScenarioProbe;
  player: PlayerResult | null;
  pageErrors: string[];
}

async function waitUntil(page: Page, label: string, ready: (p: ScenarioProbe) => boolean): Promise<ScenarioProbe> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const probe = await page.evaluate(probeScenario);
    if (probe && ready(probe)) return probe;
    if (Date.now() > deadline) throw new Error(`${label}: never started working within ${READY_TIMEOUT_MS / 1000} s (${JSON.stringify(probe)})`);
    await sleep(250);
  }
}

/**
 * The pipeline from the URL key when the build has it; otherwise the page shows the 12-node `wide`
 * (an unknown key is ignored) and the same DAG goes in through window.sandbox.loadDag.
 */
async function ensureWideDag(page: Page): Promise<string> {
  const first = await waitUntil(page, 'pipeline', (p) => p.scenario === 'pipeline' && p.units > 0);
  if (first.units === FANOUT + 2) return `URL key fanout=${FANOUT}`;
  const result = await page.evaluate((spec) => (window as unknown as { sandbox: { loadDag(s: unknown): Promise<{ ok: boolean; error?: string }> } }).sandbox.loadDag(spec), wideDagSpec(FANOUT));
  if (!result.ok) throw new Error(`pipeline: loadDag refused the wide DAG: ${result.error ?? '?'}`);
  return 'window.sandbox.loadDag';
}

async function measureScenario(browser: Browser, baseUrl: string, spec: ScenarioSpec, windowMs: number): Promise<ScenarioRun> {
  const pageErrors: string[] = [];
  const page = await newPage(browser, pageErrors);
  const label = `${spec.name} (${spec.setting})`;
  try {
    await page.goto(`${baseUrl}/${spec.query}`);
    const via = spec.name === 'pipeline' ? await ensureWideDag(page) : null;
    await waitUntil(page, label, spec.ready);
    // The player plays from before the window until after it, so every moment of it has a turn under way.
    const playing = spec.name === 'gamemaster' ? page.evaluate(playTurns, SETTLE_MS + windowMs + 1_000) : null;
    // Handled here too, so a window that throws first does not leave it rejecting unheard when the page closes.
    playing?.catch(() => undefined);
    await sleep(SETTLE_MS);
    const before = await page.evaluate(probeScenario);
    const measured = await measureWindow(page, windowMs, true);
    const after = await page.evaluate(probeScenario);
    const player = playing ? await playing : null;
    failOnErrors(label, pageErrors);
    if (!before || !after) throw new Error(`${label}: window.sandbox is missing`);
    if (player && player.errors.length > 0) throw new Error(`${label}: a turn could not be played: ${player.errors.join(' | ')}`);
    const callsDuring = after.callsStarted - before.callsStarted;
    const settledDuring = after.callsSettled - before.callsSettled;
    const working = callsDuring + settledDuring > 0 && measured.inFlightSamples.length > 0 && measured.inFlightSamples.every((x) => x > 0) && !after.ended;
    return { ...measured, name: spec.name, setting: spec.setting, query: spec.query, via, callsDuring, settledDuring, working, before, after, player, pageErrors };
  } finally {
    await page.close();
  }
}

export async function measureScenarios(browser: Browser, baseUrl: string, windowMs: number): Promise<ScenarioRun[]> {
  log(`scenarios at their largest setting (${windowMs / 1000} s per window, while calls run):`);
  const runs: ScenarioRun[] = [];
  for (const spec of SCENARIOS) {
    const run = await measureScenario(browser, baseUrl, spec, windowMs);
    runs.push(run);
    const busy = run.inFlightSamples.filter((x) => x > 0).length;
    const extra = run.player ? `, ${run.player.turns} turns, ${(run.player.assessments / Math.max(1, run.player.turns)).toFixed(1)} assessments/turn` : run.via ? `, via ${run.via}` : '';
    describeRun(`${run.name} (${run.setting})`, run, `  calls ${run.callsDuring} started, ${run.settledDuring} answered, inFlight>0 in ${busy}/${run.inFlightSamples.length} samples${extra}`);
  }
  return runs;
}
