import { describe, expect, it } from 'vitest';
import { PoolQueue } from './poolQueue.ts';

interface FakeWorker {
  readonly id: number;
}

/** A promise the test settles by hand: a run's job that takes as long as the test says. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/** Lets every settled promise's callbacks run. */
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A queue of fake workers that records which worker each run got and in what order runs started. */
function harness(size: number) {
  let next = 0;
  const queue = new PoolQueue<FakeWorker>({ size, spawn: () => ({ id: next++ }) });
  const started: { name: string; worker: number }[] = [];
  const jobs = new Map<string, ReturnType<typeof deferred<string>>>();
  const submit = (name: string): Promise<string> => {
    const job = deferred<string>();
    jobs.set(name, job);
    return queue.run((worker) => {
      started.push({ name, worker: worker.id });
      return job.promise;
    });
  };
  const finish = (name: string, fail = false): void => {
    const job = jobs.get(name);
    if (!job) throw new Error(`no run ${name}`);
    if (fail) job.reject(new Error(`${name} threw`));
    else job.resolve(`${name} done`);
  };
  return { queue, started, submit, finish };
}

describe('PoolQueue', () => {
  it('creates workers lazily, and a run finds a free worker at once', async () => {
    const { queue, started, submit, finish } = harness(2);
    expect(queue.spawned).toBe(0);
    const a = submit('a');
    await flush();
    expect(started).toEqual([{ name: 'a', worker: 0 }]);
    expect(queue.spawned).toBe(1);
    finish('a');
    await expect(a).resolves.toBe('a done');
    // The freed worker is reused rather than a second one started.
    const b = submit('b');
    await flush();
    expect(started[1]).toEqual({ name: 'b', worker: 0 });
    expect(queue.spawned).toBe(1);
    finish('b');
    await b;
  });

  it('runs up to its size at once and queues the rest first come, first served', async () => {
    const { queue, started, submit, finish } = harness(2);
    const runs = ['a', 'b', 'c', 'd', 'e'].map((name) => submit(name));
    await flush();
    expect(started.map((s) => s.name)).toEqual(['a', 'b']);
    expect(queue.spawned).toBe(2);
    expect(queue.queued).toBe(3);
    // b frees its worker first: the oldest waiting run (c) gets it, on that same worker.
    finish('b');
    await flush();
    expect(started[2]).toEqual({ name: 'c', worker: 1 });
    finish('a');
    await flush();
    expect(started[3]).toEqual({ name: 'd', worker: 0 });
    finish('c');
    await flush();
    expect(started[4]).toEqual({ name: 'e', worker: 1 });
    finish('d');
    finish('e');
    expect(await Promise.all(runs)).toEqual(['a done', 'b done', 'c done', 'd done', 'e done']);
    expect(queue.spawned).toBe(2);
    expect(queue.queued).toBe(0);
  });

  it('a run whose job throws rejects alone, and its worker takes the next run', async () => {
    const { started, submit, finish } = harness(1);
    const a = submit('a');
    const b = submit('b');
    await flush();
    finish('a', true);
    await expect(a).rejects.toThrow('a threw');
    await flush();
    expect(started[1]).toEqual({ name: 'b', worker: 0 });
    finish('b');
    await expect(b).resolves.toBe('b done');
  });

  it('a retired worker is never reused: the next waiting run gets a new one', async () => {
    let next = 0;
    const queue = new PoolQueue<FakeWorker>({ size: 1, spawn: () => ({ id: next++ }) });
    const dead = deferred<string>();
    let first: FakeWorker | undefined;
    const a = queue.run((worker) => {
      first = worker;
      return dead.promise;
    });
    const seen: number[] = [];
    const b = queue.run((worker) => {
      seen.push(worker.id);
      return Promise.resolve('b done');
    });
    await flush();
    if (!first) throw new Error('a did not start');
    // What a pool does when a worker dies: retire it, then reject the run that was on it.
    queue.retire(first);
    dead.reject(new Error('the worker died'));
    await expect(a).rejects.toThrow('the worker died');
    await expect(b).resolves.toBe('b done');
    expect(seen).toEqual([1]);
    expect(queue.spawned).toBe(1);
  });

  it('a worker that cannot be created fails that run alone', async () => {
    let attempts = 0;
    const queue = new PoolQueue<FakeWorker>({
      size: 1,
      spawn: () => {
        attempts++;
        if (attempts === 1) throw new Error('no worker script');
        return { id: attempts };
      },
    });
    await expect(queue.run(() => Promise.resolve('a'))).rejects.toThrow('no worker script');
    await expect(queue.run(() => Promise.resolve('b'))).resolves.toBe('b');
  });

  it('dispose rejects waiting runs and later ones with its sentence, and hands back the workers to end', async () => {
    const { queue, started, submit, finish } = harness(1);
    const a = submit('a');
    const b = submit('b');
    await flush();
    const workers = queue.dispose('The tool pool was closed.');
    expect(workers).toEqual([{ id: 0 }]);
    await expect(b).rejects.toThrow('The tool pool was closed.');
    await expect(queue.run(() => Promise.resolve('late'))).rejects.toThrow('The tool pool was closed.');
    // The run in flight is the pool's to end (it ends the worker); here it simply finishes.
    finish('a');
    await expect(a).resolves.toBe('a done');
    expect(started.map((s) => s.name)).toEqual(['a']);
    expect(queue.spawned).toBe(0);
  });

  it('refuses a size below one', () => {
    expect(() => new PoolQueue<FakeWorker>({ size: 0, spawn: () => ({ id: 0 }) })).toThrow('at least 1');
  });
});
