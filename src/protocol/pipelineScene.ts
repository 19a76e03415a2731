/**
 * What the pipeline tells the page, checked with zod where it arrives: the contract's public
 * state (`snapshot().scene`) and what its panel draws (the graph, each node's inputs, output,
 * prompt and raw reply, the critical path). The shapes mirror `scenarios/pipeline/sceneView.ts`
 * (the worker's `pipelineWire.ts` copies one into the other and the compiler checks it).
 */
import { z } from 'zod';

/** The presets and modes, as the scenario names them (checked equal in `worker/listsAgree.test.ts`). */
export const DAG_PRESETS = ['diamond', 'wide', 'chain', 'uneven'] as const;
export const DAG_MODES = ['levels', 'ready', 'sequential'] as const;

const status = z.enum(['waiting', 'running', 'retrying', 'done', 'failed', 'skipped']);
const source = z.enum(['model', 'mock', 'fallback', 'tool']).nullable();

/** The contract's `scene` for `scenario=pipeline`. */
export const pipelineSceneSchema = z.object({
  dag: z.string(),
  mode: z.enum(DAG_MODES),
  nodes: z.array(z.object({
    id: z.string(),
    level: z.number(),
    status,
    startMs: z.number().nullable(),
    endMs: z.number().nullable(),
    source,
    attempts: z.number(),
  })),
  wallMs: z.number().nullable(),
  sequentialMs: z.number().nullable(),
  criticalPathMs: z.number().nullable(),
  speedup: z.number().nullable(),
  /** The nodes on the critical path, first to last (empty until the run has ended). */
  criticalPath: z.array(z.string()),
});

/** What the panel draws besides the contract's fields: the graph and each node's details. */
export const pipelineViewSchema = z.object({
  /** The DAG as JSON text, for the editor. */
  spec: z.string(),
  nodes: z.array(z.object({
    id: z.string(),
    kind: z.enum(['agent', 'tool']),
    inputs: z.array(z.string()),
    /** An agent step's task, or a tool's name and size. */
    task: z.string(),
    output: z.string().nullable(),
    prompt: z.string().nullable(),
    raw: z.string().nullable(),
    error: z.string().nullable(),
  })),
  /** Workers in the tool pool. */
  workers: z.number(),
});

export type PipelineSceneWire = z.infer<typeof pipelineSceneSchema>;
export type PipelineViewWire = z.infer<typeof pipelineViewSchema>;
