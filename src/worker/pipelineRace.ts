/**
 * The classroom race for the pipeline: the same DAG in the three modes at once, one at a time,
 * level by level and as soon as ready, each on a fresh scheduler and mock with the current
 * latencies and limits (never the session's scheduler or budget), on one time axis. The lanes'
 * tools share the session's pool, so a tool may wait for a worker another lane holds; tools take
 * a fraction of a step's latency, and the race says so.
 */
import { MockBrain } from '../brain/mockBrain.ts';
import type { Clock } from '../clock/clock.ts';
import type { BatchSettings } from '../engine/batchRun.ts';
import { LocalScenarioHost } from '../scenarios/localHost.ts';
import { PipelineRun } from '../scenarios/pipeline/pipelineRun.ts';
import type { ToolRunner } from '../scenarios/pipeline/tools.ts';
import type { Dag, Mode } from '../scenarios/pipeline/types.ts';
import type { LaneRun, RaceLaneName } from './raceRunner.ts';

const MODE_OF: Readonly<Record<RaceLaneName, Mode>> = { sequential: 'sequential', parallel: 'levels', ready: 'ready' };

/** The three lanes over `dag`, and how many model calls each makes (its agent steps). */
export function pipelineRace(dag: Dag, failNode: string | null, batch: BatchSettings, tools: ToolRunner, clock: Clock): { size: number; lane: LaneRun; names: readonly RaceLaneName[] } {
  const race: LaneRun = async (lane, onEvent, signal) => {
    const model = new MockBrain({ clock, seed: batch.seed, latencyMs: batch.latencyMs, jitterMs: batch.jitterMs, errorRate: batch.failureRate });
    const host = new LocalScenarioHost({ model, clock, config: { rpm: batch.rpm, concurrency: batch.concurrency, timeoutMs: batch.timeoutMs }, seed: batch.seed, onEvent });
    const run = new PipelineRun({ dag, mode: MODE_OF[lane], seed: batch.seed, failNode }, host.context('race'), tools);
    signal.addEventListener('abort', () => {
      run.cancel();
      host.dispose();
    }, { once: true });
    const started = clock.now();
    await run.start();
    host.dispose();
    return { wallMs: run.figures?.wallMs ?? clock.now() - started };
  };
  return { size: dag.nodes.filter((node) => node.kind === 'agent').length, lane: race, names: ['sequential', 'parallel', 'ready'] };
}
