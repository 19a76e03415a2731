/**
 * The pages measured: the app at N agents, the bare page at N dots, and the app with 1,000 agents
 * thinking or not; `measureWindow` is the window every run (scenarios too) shares. Each page has
 * its own context, so none inherits another's GPU memory or timers. The size and thinking checks
 * keep their pages open while they take turns (turns.ts); a scenario opens one page per window.
 * A page that reports an error fails the run: its figures would measure a broken page.
 */
import type { Browser, Page } from '@playwright/test';
import type { Snapshot } from '../sandbox.ts';
import { HOLD_FRAMES_SCRIPT, holdFrames } from './holdFrames.ts';
import { measureFrames, type FrameStats } from './measure.ts';
import { cpuPerFrame, readChromiumThreads } from './threadCpu.ts';
import type { Contender } from './turns.ts';

/** The viewport e2e tests use (playwright.config.ts), so the stage has the size users see. */
export const VIEWPORT = { width: 1400, height: 860 };
/** The bare page's warm-up: PixiJS compiles shaders and uploads buffers on its first frames. */
const WARMUP_MS = 2_000;
/**
 * The app has drawn for ~8 s before its first decisions arrive, so it is warm; this only lets
 * the burst of first answers reach the panels. Agents then walk on their plans (turning at walls,
 * src/sim/step.ts; waiting where another agent blocks them). The renderer rewrites every particle
 * every frame whether it moved or not, so motion changes the picture, not the cost.
 */
const SETTLE_MS = 500;
/** Sampling inFlight costs a snapshot() on the main thread: 2 Hz keeps it below 5% of frames (out of p95). */
const SAMPLE_EVERY_MS = 500;
export const READY_TIMEOUT_MS = 120_000;

/**
 * Why thinkInterval=8000 with align=1: agents start with action STAY (src/sim/world.ts) and only
 * walk after a decision, and an aligned timer expires on every multiple of the interval
 * (src/sim/step.ts nextTimer). So all agents decide once at tick 80 (8 s), walk on that plan,
 * and nobody asks again before tick 160: the windows after the first batch have motion but no
 * calls. A held app's world is paused (appContender), so it reaches tick 160 only after ~8 s of
 * its own windows; a round whose app window catches that batch is left out (report.ts sizeRows).
 * A longer interval would delay the only motion; a shorter one would put more batches in windows.
 * latency=0, rpm and concurrency raised so even 10,000 agents get their first answer at once.
 */
export function drawingQuery(n: number): string {
  return `?agents=${n}&thinkInterval=8000&align=1&latency=0&jitter=0&rpm=1000000&concurrency=10000`;
}

/**
 * The thinking check (same world either way): 500 ms mock calls, all 1,000 sent together. The
 * default budget (600 rpm, 64 at once) would queue most of them; raised, so "in parallel" is real.
 */
export function thinkingQuery(thinking: boolean): string {
  return `?agents=1000&latency=500&jitter=50&align=1&rpm=1000000&concurrency=1000&thinkInterval=${thinking ? 1000 : 8000}`;
}

/** The thinking query's slowest call (latency 500 + jitter 50 ms) and a margin: by then a paused world's calls have landed. */
export const THINKING_QUIET_MS = 800;

/**
 * No window of the thinking check starts before every one of its pages is this old. Without it
 * the sides measured pages of different ages: the idle world's first decisions come at 8 s, the
 * thinking world's at 1 s, so a thinking page could be measured ~2 s after load, while V8 was
 * still compiling the hot paths and the heap still growing, and its extra JavaScript was partly
 * warm-up, not thinking. The idle world decides again every 8 s of its running time; an idle
 * window that catches such a batch is left out (thinkingRuns.ts quietWindow).
 */
export const THINKING_AGE_MS = 10_000;

interface AppProbe {
  tick: number;
  running: boolean;
  agents: number;
  decided: number;
  callsStarted: number;
  inFlight: number;
  queued: number;
  xy: number[];
}

/** Runs in the page: the few numbers of window.sandbox.snapshot() these checks need. */
export function probeApp(withPositions: boolean): AppProbe | null {
  const sandbox = (window as unknown as { sandbox?: { snapshot(): Snapshot } }).sandbox;
  if (!sandbox) return null;
  const s = sandbox.snapshot();
  const xy: number[] = [];
  let decided = 0;
  for (const agent of s.agents) {
    if (agent.decisions > 0) decided++;
    if (withPositions) xy.push(agent.x, agent.y);
  }
  const m = s.metrics;
  return { tick: s.tick, running: s.running, agents: s.agents.length, decided, callsStarted: m.callsStarted, inFlight: m.inFlight, queued: m.queued, xy };
}

/** Renderer main-thread time per drawn frame over a window (CDP Performance metrics; the worker is not counted). */
export interface MainThreadCost {
  /** JavaScript: the app's or page's own work (frame callback, messages, React). */
  scriptMsPerFrame: number;
  /** Every task, including Chromium's own (with software WebGL, mostly waiting on the GPU process). */
  taskMsPerFrame: number;
  /**
   * Of `scriptMsPerFrame`, the part inside frame callbacks (the stage's draw, including its WebGL
   * calls' waits on the GPU process); the rest is messages, panels and timers. Null on a page
   * without HOLD_FRAMES_SCRIPT, which keeps the count.
   */
  frameScriptMsPerFrame: number | null;
}

/** Starts counting main-thread time; the returned function stops and divides by `frames`. */
async function countMainThread(page: Page): Promise<(frames: number) => Promise<MainThreadCost>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async (): Promise<{ script: number; task: number }> => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const value = (name: string): number => metrics.find((m) => m.name === name)?.value ?? 0;
    return { script: value('ScriptDuration'), task: value('TaskDuration') };
  };
  const frameMs = (): Promise<number | null> => page.evaluate(() => (window as unknown as { __neonFrameJsMs?: number }).__neonFrameJsMs ?? null);
  const start = await read();
  const frameStart = await frameMs();
  return async (frames) => {
    const end = await read();
    const frameEnd = await frameMs();
    const perFrame = (seconds: number): number => Math.round(((seconds * 1000) / Math.max(1, frames)) * 100) / 100;
    return {
      scriptMsPerFrame: perFrame(end.script - start.script),
      taskMsPerFrame: perFrame(end.task - start.task),
      frameScriptMsPerFrame: frameStart === null || frameEnd === null ? null : perFrame((frameEnd - frameStart) / 1000),
    };
  };
}

export interface AppRun {
  stats: FrameStats;
  mainThread: MainThreadCost;
  /** How long the page had been open when the window started (ms). */
  ageMs: number;
  stage: { width: number; height: number };
  /** Ticks the worker ran during the window (10 a second at speed 1). */
  ticks: number;
  /** Model calls started during the window (0 when thinking is off). */
  callsDuring: number;
  /** Agents standing on another cell at the end of the window than at its start. */
  moved: number;
  /** inFlight sampled at 2 Hz during the window (thinking check only). */
  inFlightSamples: number[];
  browserCpu: Record<string, number> | null;
  pageErrors: string[];
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A fresh page that records uncaught errors and console errors into `errors` (as e2e/sandbox.ts
 * collectErrors does). `holdable` pages can have their frame loop held (holdFrames.ts).
 */
export async function newPage(browser: Browser, errors: string[], holdable = false): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  if (holdable) await page.addInitScript(HOLD_FRAMES_SCRIPT);
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  page.on('console', (message) => {
    // The bare page links no icon, so Chromium asks for /favicon.ico on its own and logs the 404:
    // the browser's request, not the page's error.
    if (message.type() !== 'error' || message.location().url.endsWith('/favicon.ico')) return;
    errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  return page;
}

/** Throws when the page reported an error: a crash of the benchmark, not a slow figure. */
export function failOnErrors(label: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`${label}: the page reported ${errors.length} error(s): ${errors.slice(0, 3).join(' | ')}`);
}

/** What one window measured: frames, main-thread cost, and inFlight sampled at 2 Hz when asked. */
export interface WindowRun {
  stats: FrameStats;
  mainThread: MainThreadCost;
  inFlightSamples: number[];
  /** All of Chromium's CPU per frame by process type and thread (threadCpu.ts); null without /proc. */
  browserCpu: Record<string, number> | null;
}

/** Measures frames and main-thread time for `windowMs`; with `sample`, samples inFlight meanwhile. */
export async function measureWindow(page: Page, windowMs: number, sample: boolean): Promise<WindowRun> {
  // /proc is read outside the main-thread count: the page keeps drawing while the files are read.
  const threadsBefore = readChromiumThreads();
  const stopCounting = await countMainThread(page);
  const measuring = page.evaluate(measureFrames, windowMs);
  const finished = measuring.then(() => true, () => true);
  const inFlightSamples: number[] = [];
  while (sample && !(await Promise.race([finished, sleep(SAMPLE_EVERY_MS).then(() => false)]))) {
    const probe = await page.evaluate(probeApp, false);
    inFlightSamples.push(probe?.inFlight ?? -1);
  }
  const stats = await measuring;
  const mainThread = await stopCounting(stats.frames);
  const threadsAfter = readChromiumThreads();
  const browserCpu = threadsAfter.size > 0 ? cpuPerFrame(threadsBefore, threadsAfter, stats.frames) : null;
  return { stats, mainThread, inFlightSamples, browserCpu };
}

/** Polls until most agents have had their first decision and no call is left running. */
async function waitForFirstDecisions(page: Page, n: number): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const probe = await page.evaluate(probeApp, false);
    if (probe?.running && probe.agents === n && probe.decided >= 0.9 * n && probe.inFlight === 0 && probe.queued === 0) return;
    if (Date.now() > deadline) throw new Error(`app with ${n} agents: no first decisions within ${READY_TIMEOUT_MS / 1000} s (${JSON.stringify({ ...probe, xy: undefined })})`);
    await sleep(250);
  }
}

/** A page under measurement and the errors it has reported so far. */
export interface OpenPage {
  readonly page: Page;
  readonly errors: string[];
  /** When the page was opened (Date.now()). */
  readonly opened: number;
}

/** Opens the app with `query` and waits for the first decisions plus a short settle. */
export async function openApp(browser: Browser, baseUrl: string, n: number, query: string, holdable = false): Promise<OpenPage> {
  const errors: string[] = [];
  const page = await newPage(browser, errors, holdable);
  const opened = Date.now();
  await page.goto(`${baseUrl}/${query}`);
  await waitForFirstDecisions(page, n);
  await sleep(SETTLE_MS);
  return { page, errors, opened };
}

/** One window of the app: frames, main-thread time, and what the world did meanwhile. */
export async function measureAppWindow(open: OpenPage, n: number, sample: boolean, windowMs: number): Promise<AppRun> {
  const { page } = open;
  const ageMs = Date.now() - open.opened;
  const box = await page.getByTestId('stage').boundingBox();
  if (!box) throw new Error('the stage element has no size');
  const before = await page.evaluate(probeApp, true);
  const { stats, mainThread, inFlightSamples, browserCpu } = await measureWindow(page, windowMs, sample);
  const after = await page.evaluate(probeApp, true);
  failOnErrors(`app with ${n} agents`, open.errors);
  if (!before || !after) throw new Error('window.sandbox is missing');
  let moved = 0;
  for (let i = 0; i < before.xy.length; i += 2) {
    if (before.xy[i] !== after.xy[i] || before.xy[i + 1] !== after.xy[i + 1]) moved++;
  }
  return {
    stats,
    mainThread,
    ageMs,
    stage: { width: Math.round(box.width), height: Math.round(box.height) },
    ticks: after.tick - before.tick,
    callsDuring: after.callsStarted - before.callsStarted,
    moved,
    inFlightSamples,
    browserCpu,
    pageErrors: [...open.errors],
  };
}

async function runWorld(open: OpenPage, run: boolean): Promise<void> {
  await open.page.evaluate((start) => {
    const sandbox = (window as unknown as { sandbox: { start(): Promise<void>; pause(): Promise<void> } }).sandbox;
    return start ? sandbox.start() : sandbox.pause();
  }, run);
}

/**
 * The app as a page that takes turns (turns.ts): held, its world is paused too, and `quietMs`
 * lets the calls it had started land before another page draws (a paused world sends no ticks,
 * so the page's inFlight figure stops with it and cannot be polled for this).
 */
export function appContender(open: OpenPage, n: number, sample: boolean, windowMs: number, quietMs = 0): Contender<AppRun> {
  return {
    resume: async () => {
      await runWorld(open, true);
      await holdFrames(open.page, false);
    },
    measure: () => measureAppWindow(open, n, sample, windowMs),
    hold: async () => {
      await holdFrames(open.page, true);
      await runWorld(open, false);
      await sleep(quietMs);
    },
  };
}

export interface BareRun {
  stats: FrameStats;
  mainThread: MainThreadCost;
  browserCpu: Record<string, number> | null;
  pageErrors: string[];
}

/**
 * Opens a baseline page at the stage's size with `n` dots and lets it warm up: the bare PixiJS
 * page (`bare.ts`, as particles or sprites), or the app's stage alone (`stageOnly.ts`).
 */
export async function openBare(browser: Browser, baseUrl: string, n: number, stage: { width: number; height: number }, mode: 'sprites' | 'particles' | 'stage', holdable = false): Promise<OpenPage> {
  const errors: string[] = [];
  const page = await newPage(browser, errors, holdable);
  const opened = Date.now();
  const size = `n=${n}&w=${stage.width}&h=${stage.height}`;
  await page.goto(mode === 'stage' ? `${baseUrl}/e2e/perf/stageOnly.html?${size}` : `${baseUrl}/e2e/perf/bare.html?${size}&mode=${mode}`);
  await page.waitForFunction(() => (window as unknown as { bareReady?: boolean }).bareReady === true, undefined, { timeout: READY_TIMEOUT_MS });
  await sleep(WARMUP_MS);
  return { page, errors, opened };
}

/** One window of the bare page. */
export async function measureBareWindow(open: OpenPage, label: string, windowMs: number): Promise<BareRun> {
  const { stats, mainThread, browserCpu } = await measureWindow(open.page, windowMs, false);
  failOnErrors(label, open.errors);
  return { stats, mainThread, browserCpu, pageErrors: [...open.errors] };
}

/** Reads the stage's size once, from a small world, so the bare page can be sized before any app run. */
export async function stageSize(browser: Browser, baseUrl: string): Promise<{ width: number; height: number }> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  try {
    await page.goto(`${baseUrl}/?agents=100`);
    const stage = page.getByTestId('stage');
    await stage.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="stage"] canvas') !== null);
    const box = await stage.boundingBox();
    if (!box) throw new Error('the stage element has no size');
    return { width: Math.round(box.width), height: Math.round(box.height) };
  } finally {
    await page.close();
  }
}
