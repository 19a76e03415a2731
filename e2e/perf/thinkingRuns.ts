/** The thinking check: the same 1,000-agent world with its calls running, and without. */
import type { Browser } from '@playwright/test';
import type { PerfOptions } from './options.ts';
import { describeRun, log } from './print.ts';
import { measureApp, THINKING_AGE_MS, thinkingQuery, type AppRun } from './scenes.ts';

export interface ThinkingRuns {
  off: AppRun[];
  on: AppRun[];
}

export async function measureThinking(browser: Browser, baseUrl: string, options: PerfOptions): Promise<ThinkingRuns> {
  log(`thinking check (1,000 agents, latency 500 ms, aligned; ${options.thinking.length} windows, each from ${THINKING_AGE_MS / 1000} s after the page opened):`);
  const off: AppRun[] = [];
  const on: AppRun[] = [];
  for (const thinking of options.thinking) {
    const run = await measureApp(browser, baseUrl, 1_000, thinkingQuery(thinking), true, options.windowMs, THINKING_AGE_MS);
    (thinking ? on : off).push(run);
    const busy = run.inFlightSamples.filter((x) => x > 0).length;
    describeRun(`1,000 agents, thinking ${thinking ? 'on ' : 'off'}`, run, `  calls ${run.callsDuring}, inFlight>0 in ${busy}/${run.inFlightSamples.length} samples, from ${(run.ageMs / 1000).toFixed(1)} s`);
  }
  return { off, on };
}
