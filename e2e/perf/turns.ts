/**
 * Pages that take turns: every page of a comparison stays open in one browser, and in each round
 * each draws alone for one short window while the others hold their frame loop. The size check
 * (sizeRuns.ts) divides one by the other round by round, so both sides of each ratio ran within
 * seconds of each other.
 *
 * Why, measured on this shared 2-core machine (1,000 agents; app = the app, bare = the bare
 * particle page): with one page per figure opened minutes apart and the best of two windows each,
 * the same build read anywhere from 57% to 101% of the bare page (issue 16, progress note 5). The
 * machine's speed drifts over tens of seconds, so figures taken apart measure the drift. Taking
 * turns in 1 s windows, an A/A check of four bare pages (A B B A) read 1.001 as the median of 12
 * rounds, and the app (a world standing still) against the bare page read 0.876, 0.887 and 0.889
 * in three runs.
 *
 * Why hold the others: pages left drawing together share the one GPU process, which then serves
 * their frames in turn, and each runs at the pace of both (two bare pages together drew ~90 fps
 * each, held in turn ~160). Headless Chromium keeps every page visible, so the browser never
 * throttles one for us (Page.setWebLifecycleState 'frozen' left requestAnimationFrame running):
 * holdFrames.ts, given to every page alike, holds a page's frame loop.
 */
import { sleep } from './scenes.ts';

/** After a page is let go: its first frames catch up on the time it was held. */
const RESUME_SETTLE_MS = 300;

/** One page of a comparison: how to let it draw, measure one window of it, and hold it again. */
export interface Contender<Run> {
  readonly resume: () => Promise<void>;
  readonly measure: () => Promise<Run>;
  readonly hold: () => Promise<void>;
}

/**
 * `rounds` rounds; in each, every contender in turn is let go, settles, is measured and held again.
 * The order reverses every other round, so no contender always follows the same one. Returns the
 * runs by round, in the contenders' order. `onRound` sees each round as it ends (to print progress).
 */
export async function takeTurns<Run>(contenders: readonly Contender<Run>[], rounds: number, onRound: (round: number, runs: Run[]) => void, settleMs = RESUME_SETTLE_MS): Promise<Run[][]> {
  const result: Run[][] = [];
  for (let round = 0; round < rounds; round++) {
    const order = contenders.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    const runs: Run[] = new Array<Run>(contenders.length);
    for (const i of order) {
      const contender = contenders[i];
      if (!contender) continue;
      await contender.resume();
      await sleep(settleMs);
      runs[i] = await contender.measure();
      await contender.hold();
    }
    result.push(runs);
    onRound(round, runs);
  }
  return result;
}
