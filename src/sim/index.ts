/** The pure world core: everything the worker, CLI and brains need from the sim. */
export * from './types.ts';
export { hash32, uniformFrom, Rng, rngFor } from './rng.ts';
export { createGrid, cellIndex, inBounds, isWall, poiCount } from './grid.ts';
export { AGENT_NAMES, AGENT_TRAITS, createWorld, defaultWorldConfig } from './world.ts';
export { DELTAS, nextTimer, step } from './step.ts';
export { MAX_SEEN_AGENTS, agentById, perceive, requestFor } from './perception.ts';
export { occupancyOf } from './indexes.ts';
