import { describe, expect, it } from 'vitest';
import type { CallSummary, RaceLane, RaceMessage } from '../../protocol/protocol.ts';
import { RaceLog } from './raceLog.ts';

const start = (id: number, at: number) => ({ id, agentId: id, batch: 'race', enqueuedAt: 0, startedAt: at, attempt: 1 });
const done = (id: number, at: number, end: number): CallSummary => ({
  id, agentId: id, batch: 'race', enqueuedAt: 0, startedAt: at, attemptStarts: [at], endedAt: end, callMs: end - at, attempts: 1, outcome: 'success', source: 'mock', errorKind: null,
});
const lane = (over: Partial<RaceLane> = {}): RaceLane => ({ started: [], calls: [], wallMs: null, ...over });

function message(over: Partial<RaceMessage> = {}): RaceMessage {
  return { type: 'race', raceId: 1, status: 'running', size: 2, startedAt: 100, now: 200, sequential: lane(), parallel: lane(), ...over };
}

describe('RaceLog', () => {
  it('folds a two-lane race into its lanes, with no third lane', () => {
    const log = new RaceLog();
    log.ingest(message({ sequential: lane({ started: [start(1, 100)] }), parallel: lane({ started: [start(1, 100), start(2, 100)] }) }));
    const view = log.view();
    expect(view?.sequential.bars).toHaveLength(1);
    expect(view?.parallel.bars).toHaveLength(2);
    expect(view && 'ready' in view).toBe(false);
    expect(log.running).toBe(true);
  });

  it('keeps a third lane when the race has one, with its wall time once done', () => {
    const log = new RaceLog();
    log.ingest(message({ ready: lane({ started: [start(1, 100), start(2, 100)] }) }));
    expect(log.view()?.ready?.bars.map((b) => b.outcome)).toEqual(['running', 'running']);
    expect(log.view()?.ready?.wallMs).toBeNull();
    log.ingest(message({
      status: 'done',
      now: 1_300,
      sequential: lane({ wallMs: 2_000 }),
      parallel: lane({ wallMs: 1_500 }),
      ready: lane({ calls: [done(1, 100, 600), done(2, 100, 1_100)], wallMs: 1_000 }),
    }));
    const view = log.view();
    expect(view?.ready?.bars.map((b) => [b.id, b.outcome, b.endedAt])).toEqual([[1, 'success', 600], [2, 'success', 1_100]]);
    expect(view?.ready?.wallMs).toBe(1_000);
    expect([view?.sequential.wallMs, view?.parallel.wallMs]).toEqual([2_000, 1_500]);
    expect(log.running).toBe(false);
  });

  it('starts afresh for a new race: the old third lane goes with it', () => {
    const log = new RaceLog();
    log.ingest(message({ ready: lane({ started: [start(1, 100)] }) }));
    log.ingest(message({ raceId: 2, sequential: lane({ started: [start(5, 300)] }) }));
    const view = log.view();
    expect(view?.raceId).toBe(2);
    expect(view && 'ready' in view).toBe(false);
    expect(view?.sequential.bars.map((b) => b.id)).toEqual([5]);
    log.clear();
    expect(log.view()).toBeNull();
  });
});
