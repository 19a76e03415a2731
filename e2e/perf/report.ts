/**
 * The end of a run: the tables, the PASS/MISS/SKIP line per goal, and test-results/perf.json with
 * every window measured.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goalLine, scenarioGoals, sizeGoals, thinkingGoal, type Goal } from './goals.ts';
import type { PerfOptions } from './options.ts';
import { fmt, log, pad } from './print.ts';
import type { ScenarioRun } from './scenarioRuns.ts';
import { VIEWPORT, type AppRun } from './scenes.ts';
import type { FrameStats } from './measure.ts';
import type { SizeRound } from './sizeRuns.ts';
import { best, risePercent, turnsRatio, typical } from './summarise.ts';
import type { ThinkingRuns } from './thinkingRuns.ts';

const OUT = fileURLToPath(new URL('../../test-results/perf.json', import.meta.url));

export interface Measured {
  sizes: Map<number, SizeRound[]> | null;
  thinking: ThinkingRuns | null;
  scenarios: ScenarioRun[] | null;
}

function sizeRows(sizes: Map<number, SizeRound[]>) {
  return [...sizes.entries()].map(([n, rounds]) => {
    // A drawing window is meant to hold no calls; a round in which one caught a batch measured
    // something else, and is left out while at least half the rounds are clean.
    const clean = rounds.filter((r) => r.app.every((a) => a.callsDuring === 0));
    const used = clean.length * 2 >= rounds.length ? clean : rounds;
    const fps = (runs: readonly { stats: FrameStats }[]): number[] => runs.map((r) => r.stats.fps);
    return {
      n,
      app: typical(used.flatMap((r) => r.app.map((a) => a.stats))),
      bareParticles: typical(used.flatMap((r) => r.particles.map((p) => p.stats))),
      bare: typical(used.map((r) => r.sprites.stats)),
      ratioToParticles: turnsRatio(used.map((r) => ({ a: fps(r.app), b: fps(r.particles) }))),
      ratioToSprites: turnsRatio(used.map((r) => ({ a: fps(r.app), b: [r.sprites.stats.fps] }))),
      roundsUsed: used.length,
      rounds,
    };
  });
}

function printSizes(rows: ReturnType<typeof sizeRows>): void {
  log('');
  log('fps and p95: medians over the windows; ratios: the median over rounds of each round\'s ratio (turns.ts)');
  log('     N   app fps  particles fps  app/particles   sprites fps  app/sprites   app p95 ms  particles p95 ms   rounds');
  for (const r of rows) {
    log(`${pad(String(r.n), 6)}  ${pad(fmt(r.app.fps), 8)}  ${pad(fmt(r.bareParticles.fps), 13)}  ${pad(fmt(r.ratioToParticles * 100, 0) + '%', 13)}   ${pad(fmt(r.bare.fps), 11)}  ${pad(fmt(r.ratioToSprites * 100, 0) + '%', 11)}   ${pad(fmt(r.app.p95FrameMs), 10)}  ${pad(fmt(r.bareParticles.p95FrameMs), 16)}   ${pad(`${r.roundsUsed}/${r.rounds.length}`, 6)}`);
  }
}

function thinkingSummary(thinking: ThinkingRuns) {
  const off = best(thinking.off.map((r) => r.stats));
  const on = best(thinking.on.map((r) => r.stats));
  // Less noisy than p95 on a shared machine: the page's own JavaScript per frame (main thread only), best run of each.
  const js = (runs: readonly AppRun[]): number => Math.min(...runs.map((r) => r.mainThread.scriptMsPerFrame));
  // The comparison only means something if calls really ran in one window and not in the other.
  const onBusy = thinking.on.every((r) => r.inFlightSamples.some((x) => x > 0) && r.callsDuring > 0);
  const offQuiet = thinking.off.every((r) => r.inFlightSamples.every((x) => x === 0) && r.callsDuring === 0);
  return { off, on, idleJsMs: js(thinking.off), thinkingJsMs: js(thinking.on), p95RisePercent: risePercent(off.p95FrameMs, on.p95FrameMs), callsRanWhileThinking: onBusy, noCallsWhileIdle: offQuiet };
}

function printThinking(t: ReturnType<typeof thinkingSummary>): void {
  log('');
  log(`main-thread JS per frame, 1,000 agents: ${fmt(t.idleJsMs, 2)} ms idle -> ${fmt(t.thinkingJsMs, 2)} ms thinking (best run of each)`);
  log(`  beside it, p95 frame time: ${fmt(t.off.p95FrameMs)} ms idle -> ${fmt(t.on.p95FrameMs)} ms thinking: ${t.p95RisePercent >= 0 ? '+' : ''}${fmt(t.p95RisePercent)}% (information, not a goal)${t.callsRanWhileThinking && t.noCallsWhileIdle ? '' : '  (WARNING: calls were not as intended, see perf.json)'}`);
}

function printScenarios(runs: readonly ScenarioRun[]): void {
  log('');
  log('scenario        setting             fps   p50 ms   p95 ms   js ms/frame   calls in window (started/answered)   >= 30 fps');
  for (const r of runs) {
    const goal = scenarioGoals([{ name: r.name, setting: r.setting, fps: r.stats.fps, working: r.working }])[0];
    log(`${r.name.padEnd(14)}  ${r.setting.padEnd(16)}  ${pad(fmt(r.stats.fps), 6)}  ${pad(fmt(r.stats.p50FrameMs), 7)}  ${pad(fmt(r.stats.p95FrameMs), 7)}  ${pad(fmt(r.mainThread.scriptMsPerFrame, 2), 12)}  ${pad(`${r.callsDuring}/${r.settledDuring}`, 35)}   ${goal?.status ?? '?'}${r.working ? '' : ' (not working through the window)'}`);
  }
}

export function report(options: PerfOptions, chromium: string, measured: Measured): void {
  const rows = measured.sizes ? sizeRows(measured.sizes) : null;
  const thinking = measured.thinking ? thinkingSummary(measured.thinking) : null;
  if (rows) printSizes(rows);
  if (thinking) printThinking(thinking);
  if (measured.scenarios) printScenarios(measured.scenarios);
  const goals: Goal[] = [
    ...(rows ? sizeGoals(rows) : sizeGoals([]).map((g) => ({ ...g, note: 'sizes not measured' }))),
    thinkingGoal(thinking && { idleJsMs: thinking.idleJsMs, thinkingJsMs: thinking.thinkingJsMs, callsAsIntended: thinking.callsRanWhileThinking && thinking.noCallsWhileIdle }),
    ...scenarioGoals(measured.scenarios && measured.scenarios.map((r) => ({ name: r.name, setting: r.setting, fps: r.stats.fps, working: r.working }))),
  ];
  log('');
  if (options.quick) log(`(quick run: ${options.rounds} rounds of turns, 2.5 s windows elsewhere; the figures are rougher than a full run's)`);
  for (const g of goals) log(goalLine(g));
  const json = {
    date: new Date().toISOString(),
    chromium,
    node: process.version,
    viewport: VIEWPORT,
    options: { ...options, parts: [...options.parts] },
    note: 'Sizes: the app and bare pages of each size take turns in 1 s windows (e2e/perf/turns.ts); fps and p95 are medians over windows, each ratio the median over rounds of that round\'s ratio; rounds in which an app window saw calls are left out while half are clean. bare = PixiJS Sprites; bareParticles = ParticleContainer, the technique the app uses. Thinking: best run per figure (highest fps, lowest p50/p95). mainThread = renderer main thread only (not the worker). Scenarios: one window each, while calls run.',
    sizes: rows,
    thinking: thinking && measured.thinking ? { ...thinking, runs: measured.thinking } : null,
    scenarios: measured.scenarios,
    goals,
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(json, null, 2)}\n`);
  log(`\nwrote ${OUT}`);
}
