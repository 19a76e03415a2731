import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../worker/config.ts';
import { EMPTY_METRICS } from '../worker/protocol.fixture.ts';
import { callsCsv, metricsCsv, runJson, type RunExport } from './exportRun.ts';

const run: RunExport = {
  config: DEFAULT_CONFIG,
  metrics: EMPTY_METRICS,
  names: ['Ada', 'Bo, "the" second'],
  history: [{ t: 100, callsLastMinute: 2, rpmLimit: 600, queued: 0, inFlight: 1 }],
  calls: [
    { id: 1, agentId: 0, batch: 'w/tick-30', enqueuedAt: 0, startedAt: 1.23, attemptStarts: [1.23], endedAt: 501.26, attempts: 1, outcome: 'success', source: 'mock', errorKind: null },
    { id: 2, agentId: 1, batch: 'w/tick-30', enqueuedAt: 0, startedAt: null, attemptStarts: [], endedAt: 3, attempts: 0, outcome: 'fallback', source: 'fallback', errorKind: 'invalid-key' },
  ],
};

describe('export', () => {
  it('writes calls as CSV with quoting and empty cells for missing values', () => {
    expect(callsCsv(run).split('\n')).toEqual([
      'id,agent_id,agent_name,batch,enqueued_ms,started_ms,ended_ms,latency_ms,attempts,outcome,source,error_kind',
      '1,0,Ada,w/tick-30,0,1.2,501.3,500,1,success,mock,',
      '2,1,"Bo, ""the"" second",w/tick-30,0,,3,,0,fallback,fallback,invalid-key',
      '',
    ]);
    expect(metricsCsv(run)).toBe('t_ms,calls_last_minute,rpm_limit,queued,in_flight\n100,2,600,0,1\n');
  });

  it('writes everything as JSON, with no field for a key', () => {
    const parsed = JSON.parse(runJson(run, new Date('2026-11-25T12:00:00Z'))) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['exportedAt', 'config', 'metrics', 'calls', 'history']);
    expect(JSON.stringify(parsed).toLowerCase()).not.toContain('apikey');
  });
});
