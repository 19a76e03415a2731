/**
 * The size comparison: the app at N agents against the bare PixiJS page drawing N dots, as
 * Sprites and as Particles in a ParticleContainer (the app's technique), in alternating order.
 */
import type { Browser } from '@playwright/test';
import type { PerfOptions } from './options.ts';
import { describeRun, log } from './print.ts';
import { drawingQuery, measureApp, measureBare, stageSize, VIEWPORT, type AppRun, type BareRun } from './scenes.ts';

type Kind = 'app' | 'bare' | 'bareParticles';

export interface SizeRuns {
  app: AppRun[];
  bare: BareRun[];
  bareParticles: BareRun[];
}

export async function measureSizes(browser: Browser, baseUrl: string, options: PerfOptions): Promise<Map<number, SizeRuns>> {
  const stage = await stageSize(browser, baseUrl);
  log(`stage ${stage.width}x${stage.height} px in a ${VIEWPORT.width}x${VIEWPORT.height} viewport; ${options.windowMs / 1000} s per window, ${options.rounds} round(s)`);
  const results = new Map<number, SizeRuns>(options.sizes.map((n) => [n, { app: [], bare: [], bareParticles: [] }]));
  for (let round = 0; round < options.rounds; round++) {
    for (const [index, n] of options.sizes.entries()) {
      const runs = results.get(n);
      if (!runs) continue;
      const kinds: Kind[] = ['app', 'bare', 'bareParticles'];
      // Alternate who goes first, so a slow spell on the shared machine hits both sides.
      if ((round + index) % 2 === 1) kinds.reverse();
      for (const kind of kinds) {
        const label = `${kind} N=${n} (round ${round + 1})`;
        if (kind === 'app') {
          const run = await measureApp(browser, baseUrl, n, drawingQuery(n), false, options.windowMs);
          runs.app.push(run);
          // The window should end before the next aligned decisions (scenes.ts drawingQuery); on a
          // loaded machine the wait can run late and a batch of calls lands inside it.
          const late = run.callsDuring > 0 ? '  (calls in the window: left out of the best figure when a clean run exists)' : '';
          describeRun(label, run, `  ticks ${run.ticks}, moved ${run.moved}, calls ${run.callsDuring}${late}`);
        } else {
          const run = await measureBare(browser, baseUrl, n, stage, kind === 'bare' ? 'sprites' : 'particles', options.windowMs);
          runs[kind].push(run);
          describeRun(label, run);
        }
      }
    }
  }
  return results;
}
