import { describe, expect, it } from 'vitest';
import type { CallSummary } from '../../protocol/protocol.ts';
import { CallLog } from './callLog.ts';

const start = (id: number, batch: string, at: number, attempt = 1) => ({ id, agentId: id, batch, enqueuedAt: 0, startedAt: at, attempt });
const done = (id: number, batch: string, starts: number[], end: number, outcome: 'success' | 'fallback' = 'success'): CallSummary => ({
  id, agentId: id, batch, enqueuedAt: 0, startedAt: starts[0] ?? null, attemptStarts: starts, endedAt: end, callMs: end - (starts[0] ?? end), attempts: starts.length, outcome, source: 'mock', errorKind: outcome === 'fallback' ? 'server' : null,
});

describe('CallLog', () => {
  it('draws a call running from its first attempt, adds retries, and ends it with its summary', () => {
    const log = new CallLog();
    log.ingest([start(1, 'b1', 10), start(2, 'b1', 10)], []);
    expect(log.batches()[0]?.bars.map((b) => b.outcome)).toEqual(['running', 'running']);
    log.ingest([start(1, 'b1', 600, 2)], []);
    expect(log.batches()[0]?.bars[0]?.attemptStarts).toEqual([10, 600]);
    log.ingest([], [done(1, 'b1', [10, 600], 1_100, 'fallback'), done(2, 'b1', [10], 500)]);
    const bars = log.batches()[0]?.bars ?? [];
    expect(bars.map((b) => [b.id, b.outcome, b.endedAt])).toEqual([[1, 'fallback', 1_100], [2, 'success', 500]]);
    expect(log.settledCalls()).toHaveLength(2);
  });

  it('lists the bars of a batch in dispatch order (enqueue time, then id), however they arrived', () => {
    const log = new CallLog();
    const queued = (id: number, enqueuedAt: number) => ({ ...start(id, 'b1', 50), enqueuedAt });
    log.ingest([queued(3, 20), queued(2, 10), queued(1, 10)], []);
    expect(log.batches()[0]?.bars.map((b) => b.id)).toEqual([1, 2, 3]);
    expect(log.batches()[0]?.startedAt).toBe(10);
    log.ingest([queued(4, 30), queued(0, 5)], []);
    expect(log.batches()[0]?.bars.map((b) => b.id)).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps the newest batches only, and returns the same array until something changes', () => {
    const log = new CallLog(2);
    log.ingest([start(1, 'a', 0)], []);
    log.ingest([start(2, 'b', 1)], []);
    log.ingest([start(3, 'c', 2)], []);
    const first = log.batches();
    expect(first.map((l) => l.id)).toEqual(['b', 'c']);
    expect(log.batches()).toBe(first);
  });

  it('keeps a batch\'s view while only another batch changes, so its canvas is not redrawn', () => {
    const log = new CallLog();
    log.ingest([], [done(1, 'a', [0], 5)]);
    log.ingest([start(2, 'b', 6)], []);
    const [a, b] = log.batches();
    log.ingest([], [done(2, 'b', [6], 9)]);
    const [a2, b2] = log.batches();
    expect(a2).toBe(a);
    expect(b2).not.toBe(b);
    expect(b2?.bars[0]?.outcome).toBe('success');
  });

  it('keeps exactly the newest settled calls up to its cap, oldest first', () => {
    const log = new CallLog(5, 3);
    for (let id = 1; id <= 10; id++) log.ingest([], [done(id, `b${id}`, [id], id + 1)]);
    expect(log.settledCount).toBe(3);
    expect(log.settledCalls().map((c) => c.id)).toEqual([8, 9, 10]);
    log.clear();
    expect(log.settledCalls()).toEqual([]);
  });
});
