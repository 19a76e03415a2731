/** Console output of `npm run perf`: one place for the number formats every table shares. */
import type { MainThreadCost } from './scenes.ts';
import type { FrameStats } from './measure.ts';

export const fmt = (value: number, digits = 1): string => value.toFixed(digits);
export const pad = (text: string, width: number): string => text.padStart(width);

export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** One measured window on one line, as it happens (so a slow run shows progress). */
export function describeRun(label: string, run: { stats: FrameStats; mainThread: MainThreadCost }, extra = ''): void {
  const { stats, mainThread } = run;
  log(`  ${label.padEnd(32)} ${pad(fmt(stats.fps), 6)} fps  p50 ${pad(fmt(stats.p50FrameMs), 5)}  p95 ${pad(fmt(stats.p95FrameMs), 5)} ms  js ${pad(fmt(mainThread.scriptMsPerFrame, 2), 5)} ms/frame${extra}`);
}
