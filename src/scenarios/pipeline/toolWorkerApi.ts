/**
 * What a tool worker answers, in the browser (`worker/toolWorker.ts`) and in Node
 * (`cli/nodeToolWorker.ts`): both expose this object through comlink, and the pools wrap it.
 */
import { runTool, type ToolOutput } from './tools.ts';
import { TOOL_NAMES, type ToolName } from './types.ts';

/** The calls a tool worker takes. */
export interface ToolWorkerApi {
  /** Runs the tool on the worker's thread; throws (and the caller's promise rejects) when it fails. */
  run(tool: ToolName, seed: number, size: number): ToolOutput;
}

/** The tool worker's side: the name is checked here, since it crossed a thread boundary. */
export const toolWorkerApi: ToolWorkerApi = {
  run(tool, seed, size) {
    if (!(TOOL_NAMES as readonly string[]).includes(tool)) throw new Error(`There is no tool named "${tool}"; the tools are ${TOOL_NAMES.join(', ')}.`);
    if (!Number.isFinite(size) || size < 0) throw new Error(`A tool's size must be a number of at least 0 (got ${String(size)}).`);
    return runTool(tool, seed, size);
  },
};
