/**
 * The pipeline's state in the protocol's shapes (`protocol/pipelineScene.ts`): copies with
 * mutable arrays. Returning the wire types makes the compiler check that the layers agree.
 */
import type { PipelineScene, PipelineView } from '../scenarios/pipeline/sceneView.ts';
import type { PipelineSceneWire, PipelineViewWire } from '../protocol/pipelineScene.ts';

function scene(s: PipelineScene): PipelineSceneWire {
  return { ...s, nodes: s.nodes.map((n) => ({ ...n })), criticalPath: [...s.criticalPath] };
}

function view(v: PipelineView): PipelineViewWire {
  return { ...v, nodes: v.nodes.map((n) => ({ ...n, inputs: [...n.inputs] })) };
}

export const pipelineWire = { scene, view };
