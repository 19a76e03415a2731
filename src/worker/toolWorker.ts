/// <reference lib="webworker" />
/**
 * A tool worker: a dedicated worker that the simulation worker starts (a nested worker), so CPU
 * tools never run on the thread that schedules model calls. It answers `toolPool.ts` through
 * comlink; a tool that throws rejects that one call (comlink sends the error back) and the
 * worker goes on taking calls.
 */
import { expose } from 'comlink';
import { toolWorkerApi } from '../scenarios/pipeline/toolWorkerApi.ts';

expose(toolWorkerApi);
