/**
 * The browser's tool pool: dedicated workers started from inside the simulation worker (nested
 * workers), called through comlink. The queue (`scenarios/pipeline/poolQueue.ts`) decides which
 * run goes where; this file only creates, calls and ends workers.
 */
import { wrap, type Remote } from 'comlink';
import { PoolQueue } from '../scenarios/pipeline/poolQueue.ts';
import type { ToolOutput, ToolRunner } from '../scenarios/pipeline/tools.ts';
import type { ToolWorkerApi } from '../scenarios/pipeline/toolWorkerApi.ts';
import type { ToolName } from '../scenarios/pipeline/types.ts';

/** More workers than this buys nothing for a level of tools, and each one costs a thread and its memory. */
export const MAX_TOOL_WORKERS = 4;

/** The cores this browser reports, at least 1 and at most `MAX_TOOL_WORKERS`. */
export function browserToolWorkers(): number {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency;
  return Math.min(MAX_TOOL_WORKERS, Math.max(1, Number.isFinite(cores) ? Math.floor(cores) : 1));
}

interface Slot {
  readonly worker: Worker;
  readonly remote: Remote<ToolWorkerApi>;
  /** Rejects when the worker is gone: a dead worker never answers, so a run races this. */
  readonly ended: Promise<never>;
  readonly end: (reason: string) => void;
}

/** Tools on a pool of nested Web Workers, created on first use; `dispose()` ends them. */
export class BrowserToolPool implements ToolRunner {
  readonly workers: number;
  private readonly queue: PoolQueue<Slot>;

  constructor(workers = browserToolWorkers()) {
    this.workers = workers;
    this.queue = new PoolQueue<Slot>({ size: workers, spawn: () => this.spawn() });
  }

  /** Runs the tool on a free worker, or the first to free up; rejects with the tool's error, or if its worker dies. */
  run(tool: ToolName, seed: number, size: number): Promise<ToolOutput> {
    return this.queue.run((slot) => Promise.race([slot.remote.run(tool, seed, size), slot.ended]));
  }

  /** Ends every worker; runs waiting or in flight reject with a sentence, and so does every later run. */
  dispose(): void {
    const reason = 'The tool pool was closed, so the tool did not finish.';
    for (const slot of this.queue.dispose(reason)) slot.end(reason);
  }

  private spawn(): Slot {
    // This exact `new Worker(new URL(..., import.meta.url))` form is what Vite finds and bundles.
    const worker = new Worker(new URL('./toolWorker.ts', import.meta.url), { type: 'module', name: 'neon-tool' });
    let reject: (error: Error) => void = () => undefined;
    const ended = new Promise<never>((_resolve, fail) => {
      reject = fail;
    });
    // Nobody may be racing `ended` when the worker ends (it was idle): that is not an error.
    ended.catch(() => undefined);
    const slot: Slot = {
      worker,
      remote: wrap<ToolWorkerApi>(worker),
      ended,
      end: (reason) => {
        worker.terminate();
        reject(new Error(reason));
      },
    };
    // An error that reaches here escaped comlink (a tool's own throw does not): the script failed to
    // load, or the worker broke. Its state is unknown, so it is replaced rather than reused.
    worker.addEventListener('error', (event: Event) => {
      event.preventDefault();
      const detail = event instanceof ErrorEvent && event.message ? `: ${event.message}` : ' (its script did not load)';
      this.queue.retire(slot);
      slot.end(`A tool worker stopped${detail}.`);
    });
    return slot;
  }
}
