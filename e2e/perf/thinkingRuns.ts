/**
 * The thinking check: the same 1,000-agent world with its calls running, and without, four pages
 * (idle, thinking, thinking, idle) open at once and taking turns in windows of two think
 * intervals (turns.ts), as the size check's pages do. One page per window opened ~15 s apart read
 * the same build anywhere from x1.07 to x1.30 (issue 16, progress note 6): the machine's drift,
 * not the calls. A held page's world is paused and its last calls finish before the next page
 * draws (scenes.ts appContender, THINKING_QUIET_MS).
 */
import type { Browser } from '@playwright/test';
import type { PerfOptions } from './options.ts';
import { fmt, log } from './print.ts';
import { appContender, openApp, sleep, THINKING_AGE_MS, THINKING_QUIET_MS, thinkingQuery, type AppRun, type OpenPage } from './scenes.ts';
import { takeTurns } from './turns.ts';

/** One round of turns: two windows of the idle world, two of the thinking one. */
export interface ThinkingRound {
  off: AppRun[];
  on: AppRun[];
}

/**
 * Rounds run first and not counted. A held page's code only warms up while it draws, and the
 * thinking pages' own paths (answers, the timeline's bars) are cold in their first windows: in a
 * run of 8 counted rounds the first two read x1.45 and x1.56, the last four x0.92 to x1.21.
 */
const WARMUP_ROUNDS = 2;

/** The pages in the order they take turns: thinking or not. */
const LANES: readonly boolean[] = [false, true, true, false];

const jsOf = (runs: readonly AppRun[]): string => runs.map((r) => fmt(r.mainThread.scriptMsPerFrame, 2)).join('/');

export async function measureThinking(browser: Browser, baseUrl: string, options: PerfOptions): Promise<ThinkingRound[]> {
  log(`thinking check (1,000 agents, latency 500 ms, aligned; an idle and a thinking world, two pages each, take turns: ${options.thinkingRounds} rounds of ${options.thinkingWindowMs / 1000} s windows):`);
  const opened: OpenPage[] = [];
  try {
    const contenders = [];
    // Opened one at a time, each held once ready, so none warms up while another draws.
    for (const thinking of LANES) {
      const open = await openApp(browser, baseUrl, 1_000, thinkingQuery(thinking), true);
      opened.push(open);
      const contender = appContender(open, 1_000, true, options.thinkingWindowMs, THINKING_QUIET_MS);
      await contender.hold();
      contenders.push(contender);
    }
    // No window before every page is THINKING_AGE_MS old (see there): the last one opened is the youngest.
    const youngest = opened[opened.length - 1];
    if (youngest) await sleep(youngest.opened + THINKING_AGE_MS - Date.now());
    const rounds = await takeTurns(contenders, WARMUP_ROUNDS + options.thinkingRounds, (index, runs) => {
      const round = toRound(runs);
      const label = index < WARMUP_ROUNDS ? `warm-up ${index + 1}` : `round ${String(index - WARMUP_ROUNDS + 1).padStart(2)}`;
      log(`  ${label.padEnd(9)}: JS per frame idle ${jsOf(round.off)}, thinking ${jsOf(round.on)} ms; calls ${round.off.map((r) => r.callsDuring).join('/')} idle, ${round.on.map((r) => r.callsDuring).join('/')} thinking`);
    });
    return rounds.slice(WARMUP_ROUNDS).map(toRound);
  } finally {
    for (const open of opened) await open.page.close();
  }
}

function toRound(runs: readonly AppRun[]): ThinkingRound {
  return { off: runs.filter((_, i) => LANES[i] === false), on: runs.filter((_, i) => LANES[i] === true) };
}

/** An idle window that saw no call (the idle world decides every 8 s of its own running time, so some windows catch a batch). */
export const quietWindow = (r: AppRun): boolean => r.callsDuring === 0 && r.inFlightSamples.every((x) => x === 0);
/** A thinking window in which calls started and were in flight. */
export const busyWindow = (r: AppRun): boolean => r.callsDuring > 0 && r.inFlightSamples.some((x) => x > 0);
