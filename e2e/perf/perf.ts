/**
 * `npm run perf` (after `vite build`): the app's frame rate as a ratio of a bare PixiJS page
 * drawing as many dots in the same run (sizeRuns.ts), the main thread's JavaScript per frame while
 * 1,000 agents think against idle (thinkingRuns.ts), and each scenario at its largest setting
 * while it works (scenarioRuns.ts). Ratios, because this machine draws WebGL in software and is
 * shared: absolute fps says more about the neighbours than about Neon (the scenarios' 30 fps floor
 * is the one absolute figure). A benchmark, not a test: it prints PASS/MISS per goal (goals.ts)
 * and exits 0 either way; 1 only when something crashed, 2 on a wrong flag (options.ts).
 */
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../browser.ts';
import { parseOptions, USAGE, UsageError } from './options.ts';
import { log } from './print.ts';
import { startPreview, type Preview } from './preview.ts';
import { report, type Measured } from './report.ts';
import { measureScenarios } from './scenarioRuns.ts';
import { measureSizes } from './sizeRuns.ts';
import { measureThinking } from './thinkingRuns.ts';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  if (options === 'help') {
    log(USAGE);
    return;
  }
  const started = Date.now();
  let preview: Preview | undefined;
  let browser: Browser | undefined;
  try {
    preview = await startPreview();
    const executablePath = chromiumExecutable();
    browser = await chromium.launch({
      ...(executablePath ? { executablePath } : {}),
      // Uncapped: at the 60 Hz cap the app and the bare page would both read 60 and hide any gap.
      args: [...CHROMIUM_ARGS, '--disable-frame-rate-limit', '--disable-gpu-vsync'],
    });
    const chromiumVersion = browser.version();
    log(`Neon perf${options.quick ? ' --quick (CI: rougher figures, fewer rounds and shorter windows)' : ''}: Chromium ${chromiumVersion}, ${preview.baseUrl}; measuring ${[...options.parts].join(', ')}`);
    const measured: Measured = { sizes: null, thinking: null, scenarios: null };
    if (options.parts.has('sizes')) measured.sizes = await measureSizes(browser, preview.baseUrl, options);
    if (options.parts.has('thinking')) measured.thinking = await measureThinking(browser, preview.baseUrl, options);
    if (options.parts.has('scenarios')) measured.scenarios = await measureScenarios(browser, preview.baseUrl, options.windowMs);
    report(options, chromiumVersion, measured);
    log(`measured in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await browser?.close();
    await preview?.stop();
  }
}

main().then(
  () => {
    process.exitCode = 0;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const usage = error instanceof UsageError;
    process.stderr.write(usage ? `perf: ${message} Run 'npm run perf -- --help' for the flags.\n` : `perf: crashed: ${message.split('\n')[0] ?? message}\n`);
    process.exitCode = usage ? 2 : 1;
  },
);
