/**
 * Pipeline scene messages for tests: the diamond (ingest → stats, patterns, analysis → report)
 * half way through a level-by-level run, once measured, and with `patterns` failing.
 */
import type { PipelineSceneWire, PipelineViewWire } from '../../protocol/pipelineScene.ts';
import type { PipeSceneMessage, WorldMessage } from '../../protocol/protocol.ts';

type SceneNode = PipelineSceneWire['nodes'][number];
type ViewNode = PipelineViewWire['nodes'][number];

const node = (over: Partial<SceneNode> & Pick<SceneNode, 'id' | 'level'>): SceneNode => ({
  status: 'waiting', startMs: null, endMs: null, source: null, attempts: 0, ...over,
});

/** ingest done; stats done; patterns retrying (its second attempt); analysis running; report waiting. */
export function runningNodes(): SceneNode[] {
  return [
    node({ id: 'ingest', level: 0, status: 'done', startMs: 0, endMs: 1_000, source: 'mock', attempts: 1 }),
    node({ id: 'stats', level: 1, status: 'done', startMs: 1_000, endMs: 1_800, source: 'tool', attempts: 1 }),
    node({ id: 'patterns', level: 1, status: 'retrying', startMs: 1_000, source: 'mock', attempts: 2 }),
    node({ id: 'analysis', level: 1, status: 'running', startMs: 1_000, attempts: 1 }),
    node({ id: 'report', level: 2 }),
  ];
}

/** Every node done: level by level, 3 s wall against 5 s one at a time. */
export function measuredNodes(): SceneNode[] {
  return [
    node({ id: 'ingest', level: 0, status: 'done', startMs: 0, endMs: 1_000, source: 'mock', attempts: 1 }),
    node({ id: 'stats', level: 1, status: 'done', startMs: 1_000, endMs: 1_800, source: 'tool', attempts: 1 }),
    node({ id: 'patterns', level: 1, status: 'done', startMs: 1_000, endMs: 2_000, source: 'mock', attempts: 2 }),
    node({ id: 'analysis', level: 1, status: 'done', startMs: 1_000, endMs: 2_000, source: 'fallback', attempts: 1 }),
    node({ id: 'report', level: 2, status: 'done', startMs: 2_000, endMs: 3_000, source: 'mock', attempts: 1 }),
  ];
}

/** `patterns` failed after two attempts, so `report` was skipped; its siblings finished. */
export function failedNodes(): SceneNode[] {
  return measuredNodes().map((n) => {
    if (n.id === 'patterns') return { ...n, status: 'failed' as const, source: null, attempts: 2 };
    if (n.id === 'report') return { ...n, status: 'skipped' as const, startMs: null, endMs: null, source: null, attempts: 0 };
    return n;
  });
}

const SPEC = JSON.stringify({ name: 'diamond', nodes: [{ id: 'ingest', kind: 'agent', prompt: 'Read.' }] }, null, 2);

const viewNode = (over: Partial<ViewNode> & Pick<ViewNode, 'id'>): ViewNode => ({
  kind: 'agent', inputs: [], task: `Do ${over.id}.`, output: null, prompt: null, raw: null, error: null, ...over,
});

export function fixtureView(over: Partial<PipelineViewWire> = {}): PipelineViewWire {
  return {
    spec: SPEC,
    workers: 4,
    nodes: [
      viewNode({ id: 'ingest', output: '{\n  "topics": ["sales"]\n}', prompt: 'Read the notes.', raw: '{"topics":["sales"]}' }),
      viewNode({ id: 'stats', kind: 'tool', inputs: ['ingest'], task: 'stats over 1,000,000 items', output: '{ "mean": 4.2 }' }),
      viewNode({ id: 'patterns', inputs: ['ingest'], error: 'Every attempt of patterns failed (injected fault).' }),
      viewNode({ id: 'analysis', inputs: ['ingest'], raw: 'Look at <b>this</b>' }),
      viewNode({ id: 'report', inputs: ['stats', 'patterns', 'analysis'] }),
    ],
    ...over,
  };
}

/** A scene message; by default the run half way, no figures yet. */
export function makePipeScene(scene: Partial<PipelineSceneWire> = {}, view: Partial<PipelineViewWire> = {}): PipeSceneMessage {
  return {
    type: 'pipeScene',
    worldId: 1,
    scene: { dag: 'diamond', mode: 'levels', nodes: runningNodes(), wallMs: null, sequentialMs: null, criticalPathMs: null, speedup: null, criticalPath: [], ...scene },
    view: fixtureView(view),
  };
}

/** The figures once the run has ended. */
export const MEASURED: Partial<PipelineSceneWire> = {
  nodes: measuredNodes(),
  wallMs: 3_000,
  sequentialMs: 5_000,
  criticalPathMs: 3_000,
  speedup: 5_000 / 3_000,
  criticalPath: ['ingest', 'patterns', 'report'],
};

/** The pipeline's world (its nodes as askers), or another scenario's. */
export function pipeWorld(scenario: WorldMessage['scenario'] = 'pipeline'): WorldMessage {
  const agents = ['ingest', 'stats', 'patterns', 'analysis', 'report'].map((name, id) => ({ id, name, traits: [], goal: '' }));
  return { type: 'world', worldId: 1, width: 4, height: 4, walls: new Uint8Array(16), pois: [], agents, scenario, topics: 0 };
}
