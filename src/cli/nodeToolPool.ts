/**
 * The tool pool in Node: worker threads called through comlink's node adapter, the same queue
 * as the browser's (`scenarios/pipeline/poolQueue.ts`). For the bench and the headless runs.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { wrap, type Remote } from 'comlink';
// The UMD build: the only one with its types beside it (see nodeToolWorker.ts).
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { PoolQueue } from '../scenarios/pipeline/poolQueue.ts';
import type { ToolOutput, ToolRunner } from '../scenarios/pipeline/tools.ts';
import type { ToolWorkerApi } from '../scenarios/pipeline/toolWorkerApi.ts';
import type { ToolName } from '../scenarios/pipeline/types.ts';

/** As in the browser: more threads buy a level of tools nothing, and each costs memory. */
export const MAX_NODE_TOOL_WORKERS = 4;

/** The cores Node may use, at least 1 and at most `MAX_NODE_TOOL_WORKERS`. */
export function nodeToolWorkers(): number {
  return Math.min(MAX_NODE_TOOL_WORKERS, Math.max(1, availableParallelism()));
}

const ENTRY = new URL('./nodeToolWorker.ts', import.meta.url);

/**
 * Starts one thread on the worker entry. The CLI runs TypeScript through tsx, and on Node 20 tsx's
 * `--import` hook registers on the main thread only, so a thread given `nodeToolWorker.ts` would
 * not load it; each thread registers tsx's loader itself, then imports the entry. (Under Vitest the
 * same holds: its transform does not reach worker threads either.)
 */
function startThread(): Worker {
  if (!ENTRY.pathname.endsWith('.ts')) return new Worker(ENTRY);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY.href)}); });`;
  return new Worker(boot, { eval: true });
}

interface Slot {
  readonly thread: Worker;
  readonly remote: Remote<ToolWorkerApi>;
  /** Rejects when the thread exits: a dead thread never answers, so a run races this. */
  readonly ended: Promise<never>;
}

/** Tools on a pool of worker threads, created on first use; `dispose()` ends them. */
export class NodeToolPool implements ToolRunner {
  readonly workers: number;
  private readonly queue: PoolQueue<Slot>;
  /** Why threads end once the pool ends them (they exit with no error of their own). */
  private closing: string | null = null;

  constructor(workers = nodeToolWorkers()) {
    this.workers = workers;
    this.queue = new PoolQueue<Slot>({ size: workers, spawn: () => this.spawn() });
  }

  /** Runs the tool on a free thread, or the first to free up; rejects with the tool's error, or if its thread dies. */
  run(tool: ToolName, seed: number, size: number): Promise<ToolOutput> {
    return this.queue.run(async (slot) => {
      // An idle thread does not keep the process alive (a CLI that forgets dispose() still exits); a busy one does.
      slot.thread.ref();
      try {
        return await Promise.race([slot.remote.run(tool, seed, size), slot.ended]);
      } finally {
        slot.thread.unref();
      }
    });
  }

  /** Ends every thread; runs waiting or in flight reject with a sentence, and so does every later run. */
  async dispose(): Promise<void> {
    this.closing = 'The tool pool was closed, so the tool did not finish.';
    await Promise.all(this.queue.dispose(this.closing).map((slot) => slot.thread.terminate()));
  }

  private spawn(): Slot {
    const thread = startThread();
    thread.unref();
    let failure: Error | null = null;
    const ended = new Promise<never>((_resolve, reject) => {
      // Node sends 'error' (an uncaught throw in the thread, a failed import) and then 'exit'.
      thread.on('error', (error) => {
        failure = error;
      });
      thread.on('exit', (code) => {
        this.queue.retire(slot);
        const why = this.closing ?? (failure ? `A tool worker stopped: ${failure.message}` : `A tool worker exited (code ${code}).`);
        reject(new Error(why));
      });
    });
    // Nobody may be racing `ended` when the thread exits (it was idle): that is not an error.
    ended.catch(() => undefined);
    const slot: Slot = { thread, remote: wrap<ToolWorkerApi>(nodeEndpoint(thread)), ended };
    return slot;
  }
}
