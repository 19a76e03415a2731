/**
 * The bookkeeping of a pool of workers, with no worker in it: which workers are free, which runs
 * wait for one and in what order, which have died. The pools bring the effects (creating, calling
 * and ending workers): `worker/toolPool.ts` in the browser, `cli/nodeToolPool.ts` in Node. It
 * lives here, not in `worker/`, because the CLI may not import the worker layer and both reuse it.
 */

export interface PoolQueueOptions<W> {
  /** The most workers alive at once. */
  readonly size: number;
  /** Creates a worker: called only when a run finds none free and there is room for one more. */
  readonly spawn: () => W;
}

interface Waiter<W> {
  readonly resolve: (worker: W) => void;
  readonly reject: (error: Error) => void;
}

/** Hands runs to free workers, one run per worker, the others waiting first come first served. */
export class PoolQueue<W extends object> {
  readonly size: number;
  private readonly spawn: () => W;
  /** Every worker alive, busy or free. */
  private readonly alive = new Set<W>();
  /** Free workers, most recently freed last: taken from the end, so a warm one goes first. */
  private readonly free: W[] = [];
  private readonly waiting: Waiter<W>[] = [];
  private closed: string | null = null;

  constructor(options: PoolQueueOptions<W>) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError(`A pool needs a whole number of workers, at least 1 (got ${options.size}).`);
    this.size = options.size;
    this.spawn = options.spawn;
  }

  /** Workers alive now (created lazily, so 0 before the first run). */
  get spawned(): number {
    return this.alive.size;
  }

  /** Runs waiting for a worker. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Runs `job` on a worker of its own, and frees the worker when the job settles, whether it
   * resolved or rejected: a job that fails fails its run alone and the next run gets the worker.
   */
  async run<T>(job: (worker: W) => Promise<T>): Promise<T> {
    const worker = await this.acquire();
    try {
      return await job(worker);
    } finally {
      this.release(worker);
    }
  }

  /**
   * A worker died (it crashed, or failed to load): it is never handed out again, and its place is
   * free for a new one, which the first waiting run gets. Its own run is the pool's to reject.
   */
  retire(worker: W): void {
    if (!this.alive.delete(worker)) return;
    const at = this.free.indexOf(worker);
    if (at >= 0) this.free.splice(at, 1);
    // Each waiting run takes a new worker while there is room (if one fails to spawn, the next tries).
    while (this.waiting.length > 0 && this.alive.size < this.size) {
      const next = this.waiting.shift();
      if (next) this.spawnFor(next);
    }
  }

  /**
   * Closes the pool: every waiting run and every later one rejects with `reason`; returns the
   * workers alive, for the pool to end (which rejects the runs still on them).
   */
  dispose(reason: string): readonly W[] {
    this.closed ??= reason;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error(reason));
    const workers = [...this.alive];
    this.alive.clear();
    this.free.length = 0;
    return workers;
  }

  private acquire(): Promise<W> {
    return new Promise<W>((resolve, reject) => {
      const waiter = { resolve, reject };
      const free = this.free.pop();
      if (this.closed !== null) reject(new Error(this.closed));
      else if (free) resolve(free);
      else if (this.alive.size < this.size) this.spawnFor(waiter);
      else this.waiting.push(waiter);
    });
  }

  private release(worker: W): void {
    // A retired worker, or one of a closed pool, is gone: nothing to hand on.
    if (!this.alive.has(worker)) return;
    const next = this.waiting.shift();
    if (next) next.resolve(worker);
    else this.free.push(worker);
  }

  /** A new worker for `waiter`; if it cannot be created (a bad script URL, a policy), that run alone fails. */
  private spawnFor(waiter: Waiter<W>): void {
    let worker: W;
    try {
      worker = this.spawn();
    } catch (error) {
      waiter.reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    this.alive.add(worker);
    waiter.resolve(worker);
  }
}
