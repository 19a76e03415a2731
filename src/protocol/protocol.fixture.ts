import type { Metrics, TickMessage } from './protocol.ts';

/** Metrics of a world where nothing has happened yet (tests only). */
export const EMPTY_METRICS: Metrics = {
  callsStarted: 0, callsSucceeded: 0, callsFailed: 0, retries: 0, fallbacks: 0, inFlight: 0, queued: 0,
  rpmLimit: 600, concurrency: 64, callsLastMinute: 0, budgetWaitMs: null, pausedForMs: 0, liveDisabled: null, lastBatch: null, unsent: [],
  tokens: { promptTokens: 0, outputTokens: 0, totalTokens: 0 },
  latencyP50: null, latencyP95: null, ticksPerSecond: 0, requestsToday: 0, dailyLimit: 0,
};

/** A tick message with neutral values; pass only the fields a test reads (tests only). */
export function tickFixture(overrides: Partial<TickMessage> = {}): TickMessage {
  return {
    type: 'tick', worldId: 1, tick: 0, running: true, tickMs: 100, positions: new Uint16Array(0), states: new Uint8Array(0),
    updates: [], selected: null, now: 0, started: [], calls: [], metrics: EMPTY_METRICS, beliefs: null, links: null, emotes: null, ...overrides,
  };
}
