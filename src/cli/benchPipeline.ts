/**
 * The pipeline bench: one DAG run in the three modes (one at a time, level by level, as soon as
 * ready) with the mock brain in real time and its tools in a pool of worker threads, then a level
 * of CPU tools in the pool against the same tools one after another on this thread.
 */
import { MockBrain } from '../brain/mockBrain.ts';
import { realClock, type Clock } from '../clock/clock.ts';
import { LocalScenarioHost } from '../scenarios/localHost.ts';
import { PipelineRun } from '../scenarios/pipeline/pipelineRun.ts';
import { presetDag } from '../scenarios/pipeline/presets.ts';
import type { ToolRunner } from '../scenarios/pipeline/tools.ts';
import type { DagName, Mode, NodeRun, RunFigures } from '../scenarios/pipeline/types.ts';
import { benchToolPool, type ToolBenchFigures } from './benchTools.ts';
import { NodeToolPool } from './nodeToolPool.ts';

export interface PipelineBenchSettings {
  readonly dag: DagName;
  /** The width of `wide`'s middle level. */
  readonly fanout: number;
  readonly latencyMs: number;
  readonly jitterMs: number;
  readonly rpm: number;
  readonly concurrency: number;
  readonly failureRate: number;
  readonly seed: number;
  readonly timeoutMs: number;
  readonly failNode: string | null;
  /** Whether to measure the tool pool against one thread too. */
  readonly tools: boolean;
}

export interface ModeRun {
  readonly figures: RunFigures;
  readonly nodes: readonly NodeRun[];
}

/** Runs the DAG once in `mode`, on `clock` (real time by default). */
export async function runPipelineOnce(settings: PipelineBenchSettings, mode: Mode, tools: ToolRunner, clock: Clock = realClock): Promise<ModeRun> {
  const brain = new MockBrain({ clock, seed: settings.seed, latencyMs: settings.latencyMs, jitterMs: settings.jitterMs, errorRate: settings.failureRate });
  const host = new LocalScenarioHost({ model: brain, clock, seed: settings.seed, config: { rpm: settings.rpm, concurrency: settings.concurrency, timeoutMs: settings.timeoutMs } });
  try {
    const run = new PipelineRun({ dag: presetDag(settings.dag, settings.fanout), mode, seed: settings.seed, failNode: settings.failNode }, host.context('pipeline'), tools);
    await run.start();
    if (!run.figures) throw new Error('The pipeline did not finish.');
    return { figures: run.figures, nodes: run.state };
  } finally {
    host.dispose();
  }
}

export interface PipelineBench {
  readonly settings: PipelineBenchSettings;
  readonly modes: Readonly<Record<Mode, ModeRun>>;
  readonly tools: ToolBenchFigures | null;
  readonly workers: number;
}

/** The bench: the three modes one after another (so they do not share the machine), then the tools. */
export async function benchPipeline(settings: PipelineBenchSettings, log: (line: string) => void = () => undefined): Promise<PipelineBench> {
  const pool = new NodeToolPool();
  try {
    const modes: Partial<Record<Mode, ModeRun>> = {};
    for (const mode of ['sequential', 'levels', 'ready'] as const) {
      log(`Running the ${settings.dag} DAG ${mode === 'sequential' ? 'one node at a time' : mode === 'levels' ? 'level by level' : 'each node as soon as its inputs are ready'}…`);
      modes[mode] = await runPipelineOnce(settings, mode, pool);
    }
    const { sequential, levels, ready } = modes;
    if (!sequential || !levels || !ready) throw new Error('A mode did not run.');
    let tools: ToolBenchFigures | null = null;
    if (settings.tools) {
      log('Running a level of 4 CPU tools in the pool, then one after another on this thread…');
      tools = await benchToolPool({ seed: settings.seed });
    }
    return { settings, modes: { sequential, levels, ready }, tools, workers: pool.workers };
  } finally {
    await pool.dispose();
  }
}

const round = (ms: number): number => Math.round(ms * 10) / 10;
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** The bench as one JSON-ready object: the contract's fields first (`parallel` is level by level). */
export function pipelineJson(bench: PipelineBench): Record<string, unknown> {
  const { settings: s, modes } = bench;
  const seq = modes.sequential.figures.wallMs;
  const speedup = (wall: number): number => round3(wall > 0 ? seq / wall : 1);
  return {
    scenario: 'pipeline',
    dag: s.dag,
    fanout: s.fanout,
    latencyMs: s.latencyMs,
    jitterMs: s.jitterMs,
    failNode: s.failNode,
    sequential: { wallMs: round(seq) },
    parallel: { wallMs: round(modes.levels.figures.wallMs) },
    ready: { wallMs: round(modes.ready.figures.wallMs), speedup: speedup(modes.ready.figures.wallMs) },
    speedup: speedup(modes.levels.figures.wallMs),
    criticalPathMs: round(modes.ready.figures.criticalPathMs),
    criticalPath: modes.ready.figures.criticalPath,
    readyOverCriticalPath: round3(modes.ready.figures.criticalPathMs > 0 ? modes.ready.figures.wallMs / modes.ready.figures.criticalPathMs : 1),
    nodes: modes.ready.nodes.map((n) => ({ id: n.id, level: n.level, status: n.status, source: n.source, ms: n.startMs === null || n.endMs === null ? null : round(n.endMs - n.startMs) })),
    toolWorkers: bench.workers,
    tools: bench.tools,
  };
}

/** The bench as a few lines of text. */
export function pipelineTable(bench: PipelineBench): string {
  const { settings: s, modes, tools } = bench;
  const seq = modes.sequential.figures.wallMs;
  const line = (name: string, wall: number): string => `${name.padEnd(26)}${round(wall).toFixed(1).padStart(10)} ms${(seq / Math.max(1, wall)).toFixed(2).padStart(8)}×`;
  const ready = modes.ready.figures;
  return [
    `Neon bench, pipeline: the ${s.dag === 'wide' ? `wide (1 → ${s.fanout} → 1)` : s.dag} DAG, mock latency ${s.latencyMs} ms ± ${s.jitterMs} ms, tools in ${bench.workers} worker thread(s)${s.failNode ? `, failNode ${s.failNode}` : ''}`,
    '',
    line('one at a time', seq),
    line('level by level', modes.levels.figures.wallMs),
    line('as soon as ready', ready.wallMs),
    '',
    `Critical path: ${round(ready.criticalPathMs).toFixed(1)} ms (${ready.criticalPath.join(' → ')}); as soon as ready is ${(ready.wallMs / Math.max(1, ready.criticalPathMs)).toFixed(3)}× it.`,
    ...(tools ? [`Tools: ${tools.count} × ${tools.tool} (size ${tools.size}) in the pool of ${tools.workers}: ${round(tools.poolWallMs).toFixed(1)} ms; on one thread: ${round(tools.oneThreadWallMs).toFixed(1)} ms; pool ÷ one thread = ${(tools.ratio * 100).toFixed(1)}%.`] : []),
  ].join('\n');
}
