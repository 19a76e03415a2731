/**
 * The words of the pipeline's views: a node's lines and its accessible text, the run's counts and
 * figures with what each means, and the run as JSON for export. Pure, so every sentence is tested
 * without a browser, and a figure the worker has not measured yet (null) reads as a dash, never NaN.
 */
import type { PipelineSceneWire, PipelineViewWire } from '../../protocol/pipelineScene.ts';
import { formatMs } from '../timeline/timelineText.ts';
import { formatCount, plural } from '../numbers.ts';

export type SceneNode = PipelineSceneWire['nodes'][number];
export type ViewNode = PipelineViewWire['nodes'][number];
export type NodeStatus = SceneNode['status'];
export type DagMode = PipelineSceneWire['mode'];

/** What the page shows for a figure that does not exist yet. */
export const DASH = '—';

/** Every status in the order a node goes through them, for the legend. */
export const STATUSES: readonly NodeStatus[] = ['waiting', 'running', 'retrying', 'done', 'failed', 'skipped'];

const MODE_WORDS: Readonly<Record<DagMode, string>> = {
  levels: 'level by level',
  ready: 'as soon as ready',
  sequential: 'one at a time',
};

/** How the run schedules its nodes, in words: "level by level". */
export function modeText(mode: DagMode): string {
  return MODE_WORDS[mode];
}

/** A duration, or a dash when there is none (or it is not a number). */
export function msText(ms: number | null): string {
  return ms === null || !Number.isFinite(ms) ? DASH : formatMs(ms);
}

/** How long a node took once it has ended; null before. */
export function nodeMs(node: Pick<SceneNode, 'startMs' | 'endMs'>): number | null {
  return node.startMs === null || node.endMs === null ? null : Math.max(0, node.endMs - node.startMs);
}

/**
 * A tool's name, from its task ("stats over 1,000,000 items"): the view sends the tool as the
 * task's first word, so the node can name it without a field of its own.
 */
export function toolName(task: string): string {
  return task.trim().split(/\s+/)[0] ?? '';
}

/** A node's kind as its card says it: "agent", or "tool · stats". */
export function kindText(view: Pick<ViewNode, 'kind' | 'task'> | undefined): string {
  if (view === undefined) return 'step';
  return view.kind === 'tool' ? `tool · ${toolName(view.task)}` : 'agent';
}

/** "2 attempts" when a node was tried more than once; null otherwise. */
export function attemptsText(attempts: number): string | null {
  return attempts > 1 ? `${attempts} attempts` : null;
}

/** Where a node's output came from, for the details. */
export function sourceText(source: SceneNode['source']): string {
  if (source === null) return DASH;
  if (source === 'fallback') return 'fell back to the mock';
  if (source === 'tool') return 'tool (worker pool)';
  return source;
}


/** The run in one line: "5 nodes · 1 waiting · 2 running · 2 done · 0 failed · 0 skipped". */
export function countsText(nodes: readonly Pick<SceneNode, 'status'>[]): string {
  const count = (...statuses: NodeStatus[]): string => formatCount(nodes.filter((n) => statuses.includes(n.status)).length);
  return `${plural(nodes.length, 'node')} · ${count('waiting')} waiting · ${count('running', 'retrying')} running · ${count('done')} done · ${count('failed')} failed · ${count('skipped')} skipped`;
}

/** One of the run's figures: its name, its value (a dash until measured) and what it means. */
export interface Figure {
  readonly key: 'wall' | 'sequential' | 'critical' | 'speedup';
  readonly term: string;
  readonly value: string;
  readonly meaning: string;
}

/** The run's figures, and whether it has ended, is under way or has not started. */
export interface Figures {
  readonly state: 'waiting' | 'running' | 'measured';
  readonly items: readonly Figure[];
}

type FigureFields = Pick<PipelineSceneWire, 'nodes' | 'wallMs' | 'sequentialMs' | 'criticalPathMs' | 'speedup' | 'criticalPath'>;

const NO_SCENE: FigureFields = { nodes: [], wallMs: null, sequentialMs: null, criticalPathMs: null, speedup: null, criticalPath: [] };

/**
 * Wall, one at a time, the critical path and the speedup, each with one sentence on what it
 * means; before the first scene (null), nothing measured. The Pipeline panel and the Timing
 * panel's headline (`ui/panels/LastBatch.tsx`) both write a run's figures from here.
 */
export function figures(shown: FigureFields | null): Figures {
  const scene = shown ?? NO_SCENE;
  const started = scene.nodes.some((n) => n.status !== 'waiting');
  const state = scene.wallMs !== null ? 'measured' : started ? 'running' : 'waiting';
  const path = scene.criticalPath.length === 0 ? '' : ` (${scene.criticalPath.join(' → ')})`;
  const critical = scene.criticalPathMs === null ? DASH : `${formatMs(scene.criticalPathMs)}${path}`;
  const speedup = scene.speedup === null || !Number.isFinite(scene.speedup) ? `${DASH}×` : `${scene.speedup.toFixed(1)}×`;
  return {
    state,
    items: [
      { key: 'wall', term: 'Wall', value: msText(scene.wallMs), meaning: 'From the first step’s start to the last step’s end: what this run took.' },
      { key: 'sequential', term: 'One at a time', value: msText(scene.sequentialMs), meaning: 'The sum of every step’s own time: what the DAG takes with one step running at a time.' },
      { key: 'critical', term: 'Critical path', value: critical, meaning: 'The slowest chain of steps from a first step to a last: no schedule can finish sooner.' },
      { key: 'speedup', term: 'Speedup', value: speedup, meaning: 'One at a time ÷ wall. Level by level waits for each level’s slowest step; as soon as ready can reach one at a time ÷ the critical path.' },
    ],
  };
}

/** What the figures say before they exist. */
export function figuresNote(state: Figures['state']): string {
  if (state === 'measured') return 'Measured on the run that just ended.';
  if (state === 'running') return 'The run is under way: its figures come when its last step has ended.';
  return 'Nothing measured yet: press Start to run the DAG.';
}

/** A JSON text back as a value for export, or the text itself when it is not JSON. */
function parsedOrText(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The run as JSON: the scene (the contract's fields) and the view, with the spec and outputs as values. */
export function pipelineJson(scene: PipelineSceneWire, view: PipelineViewWire, exportedAt: Date): string {
  const nodes = view.nodes.map((n) => ({ ...n, output: parsedOrText(n.output) }));
  return JSON.stringify({ scenario: 'pipeline', exportedAt: exportedAt.toISOString(), scene, view: { ...view, spec: parsedOrText(view.spec), nodes } }, null, 2);
}
