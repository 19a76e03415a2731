/**
 * A DAG run on fake time for tests: a ManualClock, a MockBrain on a LocalScenarioHost (agent
 * steps through a real scheduler), tools on the caller's thread (0 ms of fake time).
 */
import { MockBrain } from '../../brain/mockBrain.ts';
import { ManualClock } from '../../clock/manualClock.ts';
import type { SchedulerConfig } from '../../scheduler/types.ts';
import { LocalScenarioHost } from '../localHost.ts';
import { PipelineRun, type PipelineSettings } from './pipelineRun.ts';
import { inlineTools, type ToolRunner } from './tools.ts';

export interface PipelineHarness {
  readonly clock: ManualClock;
  readonly host: LocalScenarioHost;
  readonly run: PipelineRun;
}

/** Runs `settings` to its end on fake time with mock calls of `latencyMs`. */
export async function runPipeline(settings: PipelineSettings, options: { latencyMs?: number; errorRate?: number; tools?: ToolRunner; config?: Partial<SchedulerConfig> } = {}): Promise<PipelineHarness> {
  const clock = new ManualClock();
  const model = new MockBrain({ clock, latencyMs: options.latencyMs ?? 1_000, jitterMs: 0, errorRate: options.errorRate ?? 0 });
  const host = new LocalScenarioHost({ model, clock, config: { rpm: Infinity, concurrency: Infinity, ...options.config }, seed: settings.seed });
  const run = new PipelineRun(settings, host.context('pipeline-test'), options.tools ?? inlineTools);
  const state = { finished: false };
  const finish = (): void => {
    state.finished = true;
  };
  const done = run.start();
  void done.then(finish, finish);
  for (let round = 0; round < 1_000 && !state.finished; round++) await clock.runAll();
  await done;
  return { clock, host, run };
}
