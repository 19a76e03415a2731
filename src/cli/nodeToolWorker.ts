/**
 * A tool worker in Node: a worker thread that `nodeToolPool.ts` starts, answering through comlink
 * over `parentPort` (comlink's node adapter). A tool that throws rejects that one call and the
 * thread goes on taking calls.
 */
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
// The UMD build, not dist/esm/node-adapter.mjs: only this one has its types beside it (node-adapter.d.ts),
// and Node loads it as CommonJS whose default export is the adapter itself.
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { toolWorkerApi } from '../scenarios/pipeline/toolWorkerApi.ts';

if (!parentPort) throw new Error('nodeToolWorker.ts runs in a worker thread that nodeToolPool.ts starts, not on its own.');
expose(toolWorkerApi, nodeEndpoint(parentPort));
