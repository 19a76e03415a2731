/**
 * The size comparison: the app at N agents against the bare PixiJS page drawing N dots, as
 * Particles in a ParticleContainer (the app's technique) and as Sprites, and against the app's
 * stage alone (`stageOnly.ts`: the app's drawing without React, panels or worker), all open at
 * once and taking turns in short windows (turns.ts). Six pages per size, in the order app,
 * particles, stage, sprites, particles, app: each side of the goal's ratio has a page at either
 * end, so neither sits nearer the start of a round (an A/A check read the first of two pages
 * 3–5% faster); the stage and the sprites, information only, take the middle.
 */
import type { Browser } from '@playwright/test';
import { holdFrames } from './holdFrames.ts';
import type { PerfOptions } from './options.ts';
import { fmt, log } from './print.ts';
import { appContender, drawingQuery, measureBareWindow, openApp, openBare, stageSize, VIEWPORT, type AppRun, type BareRun, type OpenPage } from './scenes.ts';
import { takeTurns, type Contender } from './turns.ts';

/** One round of turns at one size: two windows of the app, two of bare particles, one of the stage alone, one of bare sprites. */
export interface SizeRound {
  app: AppRun[];
  particles: BareRun[];
  stage: BareRun;
  sprites: BareRun;
}

/** The pages of one size, in the order they take turns. */
const LANES = ['app', 'particles', 'stage', 'sprites', 'particles', 'app'] as const;
type Lane = (typeof LANES)[number];

const isAppRun = (run: AppRun | BareRun): run is AppRun => 'callsDuring' in run;

/** A round's runs (in LANES order) sorted by kind. */
function toRound(runs: readonly (AppRun | BareRun)[]): SizeRound {
  const of = (lane: Lane): (AppRun | BareRun)[] => runs.filter((_, i) => LANES[i] === lane);
  const sprites = of('sprites')[0];
  const stage = of('stage')[0];
  if (!sprites || !stage) throw new Error('a round without its sprites or stage window');
  return { app: of('app').filter(isAppRun), particles: of('particles'), stage, sprites };
}

function bareContender(open: OpenPage, kind: 'particles' | 'sprites' | 'stage', n: number, windowMs: number): Contender<AppRun | BareRun> {
  const label = kind === 'stage' ? `the app's stage alone with ${n} agents` : `bare ${kind} page with ${n} dots`;
  return {
    resume: () => holdFrames(open.page, false),
    measure: () => measureBareWindow(open, label, windowMs),
    hold: () => holdFrames(open.page, true),
  };
}

const fpsOf = (runs: readonly { stats: { fps: number } }[]): string => runs.map((r) => fmt(r.stats.fps, 0)).join('/');

async function measureSize(browser: Browser, baseUrl: string, n: number, stage: { width: number; height: number }, options: PerfOptions): Promise<SizeRound[]> {
  const opened: OpenPage[] = [];
  try {
    const contenders: Contender<AppRun | BareRun>[] = [];
    // Opened one at a time, each held once ready, so none warms up while another draws.
    for (const lane of LANES) {
      const open = lane === 'app' ? await openApp(browser, baseUrl, n, drawingQuery(n), true) : await openBare(browser, baseUrl, n, stage, lane, true);
      opened.push(open);
      const contender = lane === 'app' ? appContender(open, n, false, options.sizeWindowMs) : bareContender(open, lane, n, options.sizeWindowMs);
      await contender.hold();
      contenders.push(contender);
    }
    const rounds = await takeTurns(contenders, options.rounds, (index, runs) => {
      const round = toRound(runs);
      const calls = round.app.reduce((sum, r) => sum + r.callsDuring, 0);
      log(`  N=${n} round ${String(index + 1).padStart(2)}: app ${fpsOf(round.app)}, particles ${fpsOf(round.particles)}, stage ${fpsOf([round.stage])}, sprites ${fpsOf([round.sprites])} fps${calls > 0 ? `  (${calls} calls in an app window: left out when enough rounds are clean)` : ''}`);
    });
    return rounds.map(toRound);
  } finally {
    for (const open of opened) await open.page.close();
  }
}

export async function measureSizes(browser: Browser, baseUrl: string, options: PerfOptions): Promise<Map<number, SizeRound[]>> {
  const stage = await stageSize(browser, baseUrl);
  log(`stage ${stage.width}x${stage.height} px in a ${VIEWPORT.width}x${VIEWPORT.height} viewport; the pages of each size take turns: ${options.rounds} rounds of ${options.sizeWindowMs / 1000} s windows`);
  const results = new Map<number, SizeRound[]>();
  for (const n of options.sizes) results.set(n, await measureSize(browser, baseUrl, n, stage, options));
  return results;
}
