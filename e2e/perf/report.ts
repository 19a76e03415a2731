/**
 * The end of a run: the tables, the PASS/MISS/SKIP line per goal, and test-results/perf.json with
 * every window measured.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goalLine, scenarioGoals, sizeGoals, spreadWords, thinkingGoal, type Goal } from './goals.ts';
import type { PerfOptions } from './options.ts';
import { fmt, log, pad } from './print.ts';
import type { ScenarioRun } from './scenarioRuns.ts';
import { VIEWPORT, type AppRun } from './scenes.ts';
import type { FrameStats } from './measure.ts';
import type { SizeRound } from './sizeRuns.ts';
import { compareCpu } from './threadCpu.ts';
import { geomean, median, middleHalf, risePercent, roundRatios, turnsRatio, typical } from './summarise.ts';
import { busyWindow, quietWindow, type ThinkingRound } from './thinkingRuns.ts';

const OUT = fileURLToPath(new URL('../../test-results/perf.json', import.meta.url));

export interface Measured {
  sizes: Map<number, SizeRound[]> | null;
  thinking: ThinkingRound[] | null;
  scenarios: ScenarioRun[] | null;
}

const cpuOf = (runs: readonly { browserCpu: Record<string, number> | null }[]): Record<string, number>[] => runs.flatMap((r) => (r.browserCpu ? [r.browserCpu] : []));

function sizeRows(sizes: Map<number, SizeRound[]>) {
  return [...sizes.entries()].map(([n, rounds]) => {
    // A drawing window is meant to hold no calls; a round in which one caught a batch measured
    // something else, and is left out while at least half the rounds are clean.
    const clean = rounds.filter((r) => r.app.every((a) => a.callsDuring === 0));
    const used = clean.length * 2 >= rounds.length ? clean : rounds;
    const fps = (runs: readonly { stats: FrameStats }[]): number[] => runs.map((r) => r.stats.fps);
    const toParticles = used.map((r) => ({ a: fps(r.app), b: fps(r.particles) }));
    return {
      n,
      app: typical(used.flatMap((r) => r.app.map((a) => a.stats))),
      bareParticles: typical(used.flatMap((r) => r.particles.map((p) => p.stats))),
      bare: typical(used.map((r) => r.sprites.stats)),
      stage: typical(used.map((r) => r.stage.stats)),
      ratioToParticles: turnsRatio(toParticles),
      particlesSpread: middleHalf(roundRatios(toParticles)),
      ratioToSprites: turnsRatio(used.map((r) => ({ a: fps(r.app), b: [r.sprites.stats.fps] }))),
      // The gap split in two: the app's drawing (its stage alone against the particles), and the
      // rest of the app (React, panels, worker, messages: the app against its stage alone).
      stageToParticles: turnsRatio(used.map((r) => ({ a: [r.stage.stats.fps], b: fps(r.particles) }))),
      ratioToStage: turnsRatio(used.map((r) => ({ a: fps(r.app), b: [r.stage.stats.fps] }))),
      roundsUsed: used.length,
      // Where the app's frames cost more CPU than the bare particles' (threadCpu.ts); null without /proc.
      cpu: compareCpu(cpuOf(used.flatMap((r) => r.app)), cpuOf(used.flatMap((r) => r.particles))),
      rounds,
    };
  });
}

function printSizes(rows: ReturnType<typeof sizeRows>): void {
  log('');
  log('fps and p95: medians over the windows; ratios: the median over rounds of each round\'s ratio (turns.ts)');
  log('     N   app fps  particles fps  app/particles  (middle half)   sprites fps  app/sprites   app p95 ms  particles p95 ms   rounds');
  for (const r of rows) {
    const spread = `${fmt(r.particlesSpread[0] * 100, 0)}-${fmt(r.particlesSpread[1] * 100, 0)}%`;
    log(`${pad(String(r.n), 6)}  ${pad(fmt(r.app.fps), 8)}  ${pad(fmt(r.bareParticles.fps), 13)}  ${pad(fmt(r.ratioToParticles * 100, 0) + '%', 13)}  ${pad(spread, 13)}   ${pad(fmt(r.bare.fps), 11)}  ${pad(fmt(r.ratioToSprites * 100, 0) + '%', 11)}   ${pad(fmt(r.app.p95FrameMs), 10)}  ${pad(fmt(r.bareParticles.p95FrameMs), 16)}   ${pad(`${r.roundsUsed}/${r.rounds.length}`, 6)}`);
  }
  log('the gap in two (information, not a goal): the app\'s stage alone (e2e/perf/stageOnly.ts: its drawing, no React, panels or worker) against the particles, and the app against its stage');
  for (const r of rows) {
    log(`${pad(String(r.n), 6)}  stage ${fmt(r.stage.fps)} fps: stage/particles ${fmt(r.stageToParticles * 100, 0)}% (the drawing), app/stage ${fmt(r.ratioToStage * 100, 0)}% (the rest of the app)`);
  }
  const priced = rows.flatMap((r) => (r.cpu ? [{ n: r.n, cpu: r.cpu }] : []));
  if (priced.length === 0) return;
  log('all of Chromium\'s CPU per drawn frame (e2e/perf/threadCpu.ts; medians over windows; information, not a goal):');
  for (const r of priced) {
    const parts = r.cpu.extra.filter((p) => Math.abs(p.ms) >= 0.1).slice(0, 5).map((p) => `${p.part} ${p.ms >= 0 ? '+' : ''}${fmt(p.ms, 2)}`);
    const share = r.cpu.a > 0 ? ` (particles/app ${fmt((r.cpu.b / r.cpu.a) * 100, 0)}%)` : '';
    log(`${pad(String(r.n), 6)}  app ${fmt(r.cpu.a, 2)} ms, particles ${fmt(r.cpu.b, 2)} ms${share}; the app's extra by part: ${parts.join(', ') || 'none above 0.1 ms'}`);
  }
}

/** `typical`, or zeros when no window was usable (the goal then says why). */
const typicalOrNone = (runs: readonly FrameStats[]): FrameStats => (runs.length > 0 ? typical(runs) : { fps: 0, p50FrameMs: 0, p95FrameMs: 0, frames: 0 });

function thinkingSummary(rounds: readonly ThinkingRound[]) {
  // Each round compares its own windows, seconds apart: the thinking ones in which calls ran
  // against the idle ones in which none did. A round with neither kind left is not counted.
  const usable = rounds.map((r) => ({ off: r.off.filter(quietWindow), on: r.on.filter(busyWindow) })).filter((r) => r.off.length > 0 && r.on.length > 0);
  const js = (runs: readonly AppRun[]): number[] => runs.map((r) => r.mainThread.scriptMsPerFrame);
  const p95 = (runs: readonly AppRun[]): number[] => runs.map((r) => r.stats.p95FrameMs);
  const jsRounds = usable.map((r) => ({ a: js(r.on), b: js(r.off) }));
  const factor = turnsRatio(jsRounds);
  const p95Factor = turnsRatio(usable.map((r) => ({ a: p95(r.on), b: p95(r.off) })));
  // The split of each window's JS: inside frame callbacks (the stage's draw) and the rest.
  // Null when a page kept no count (holdFrames.ts); an average, not a geomean: a part may be ~0.
  const hasSplit = usable.every((r) => [...r.off, ...r.on].every((w) => w.mainThread.frameScriptMsPerFrame !== null));
  const inFrames = (runs: readonly AppRun[]): number[] => runs.map((r) => r.mainThread.frameScriptMsPerFrame ?? 0);
  const rest = (runs: readonly AppRun[]): number[] => runs.map((r) => r.mainThread.scriptMsPerFrame - (r.mainThread.frameScriptMsPerFrame ?? 0));
  const mean = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
  const split = (pick: (runs: readonly AppRun[]) => number[], side: 'off' | 'on'): number | null => (hasSplit && usable.length > 0 ? median(usable.map((r) => mean(pick(r[side])))) : null);
  return {
    idleJsMs: median(usable.map((r) => geomean(js(r.off)))),
    thinkingJsMs: median(usable.map((r) => geomean(js(r.on)))),
    inFrames: { idle: split(inFrames, 'off'), thinking: split(inFrames, 'on') },
    rest: { idle: split(rest, 'off'), thinking: split(rest, 'on') },
    factor,
    factorSpread: middleHalf(roundRatios(jsRounds)),
    off: typicalOrNone(usable.flatMap((r) => r.off.map((w) => w.stats))),
    on: typicalOrNone(usable.flatMap((r) => r.on.map((w) => w.stats))),
    p95RisePercent: risePercent(1, p95Factor),
    roundsUsed: usable.length,
    rounds: rounds.length,
    // Fewer than half the rounds usable: the calls did not run as the check meant them to.
    callsAsIntended: usable.length * 2 >= rounds.length,
  };
}

function printThinking(t: ReturnType<typeof thinkingSummary>): void {
  log('');
  log(`main-thread JS per frame, 1,000 agents: ${fmt(t.idleJsMs, 2)} ms idle -> ${fmt(t.thinkingJsMs, 2)} ms thinking, x${fmt(t.factor, 2)} (medians over ${t.roundsUsed} of ${t.rounds} rounds of turns; ${spreadWords(t.factorSpread, (v) => `x${fmt(v, 2)}`)})`);
  const { inFrames, rest } = t;
  if (inFrames.idle !== null && inFrames.thinking !== null && rest.idle !== null && rest.thinking !== null) {
    log(`  of it, inside frame callbacks (the stage's draw): ${fmt(inFrames.idle, 2)} ms idle -> ${fmt(inFrames.thinking, 2)} ms thinking; the rest (messages, panels, timers): ${fmt(rest.idle, 2)} -> ${fmt(rest.thinking, 2)} ms (medians over rounds; information, not a goal)`);
  }
  log(`  beside it, p95 frame time: ${fmt(t.off.p95FrameMs)} ms idle -> ${fmt(t.on.p95FrameMs)} ms thinking: ${t.p95RisePercent >= 0 ? '+' : ''}${fmt(t.p95RisePercent)}% (per round, median; information, not a goal)${t.callsAsIntended ? '' : '  (WARNING: fewer than half the rounds had calls as intended, see perf.json)'}`);
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
    thinkingGoal(thinking && { idleJsMs: thinking.idleJsMs, thinkingJsMs: thinking.thinkingJsMs, factor: thinking.factor, factorSpread: thinking.factorSpread, callsAsIntended: thinking.callsAsIntended }),
    ...scenarioGoals(measured.scenarios && measured.scenarios.map((r) => ({ name: r.name, setting: r.setting, fps: r.stats.fps, working: r.working }))),
  ];
  log('');
  if (options.quick) log(`(quick run: ${options.rounds} rounds of the size check's turns, ${options.thinkingRounds} of the thinking check's, 2.5 s scenario windows; the figures are rougher than a full run's)`);
  for (const g of goals) log(goalLine(g));
  const json = {
    date: new Date().toISOString(),
    chromium,
    node: process.version,
    viewport: VIEWPORT,
    options: { ...options, parts: [...options.parts] },
    note: 'Sizes: the app and bare pages of each size take turns in 1 s windows (e2e/perf/turns.ts); fps and p95 are medians over windows, each ratio the median over rounds of that round\'s ratio, with the middle half of the rounds\' ratios beside it (particlesSpread, factorSpread); rounds in which an app window saw calls are left out while half are clean. bare = PixiJS Sprites; bareParticles = ParticleContainer, the technique the app uses; stage = the app\'s own stage alone (e2e/perf/stageOnly.ts: its drawing without React, panels or worker), information only. Thinking: an idle and a thinking world (two pages each) take turns in 2 s windows; idle windows that caught a batch and thinking windows without calls are left out; the factor is the median over rounds of each round\'s thinking/idle JS per frame. mainThread = renderer main thread only (not the worker). Scenarios: one window each, while calls run.',
    sizes: rows,
    thinking: thinking && measured.thinking ? { ...thinking, runs: measured.thinking } : null,
    scenarios: measured.scenarios,
    goals,
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(json, null, 2)}\n`);
  log(`\nwrote ${OUT}`);
}
