import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../protocol/config.ts';
import { EMPTY_METRICS } from '../protocol/protocol.fixture.ts';
import { makeScene, phaseRecord } from './community/scene.fixture.ts';
import { emptyGmScene, makeGmScene, makeTurn } from './gamemaster/gmScene.fixture.ts';
import { beliefsCsv, beliefsNow, callsCsv, communityJson, gameMasterJson, gameMasterTurnsCsv, metricsCsv, phasesCsv, runJson, type CommunityExport, type RunExport } from './exportRun.ts';

const run: RunExport = {
  config: DEFAULT_CONFIG,
  metrics: EMPTY_METRICS,
  names: ['Ada', 'Bo, "the" second'],
  history: [{ t: 100, callsLastMinute: 2, rpmLimit: 600, queued: 0, inFlight: 1 }],
  calls: [
    { id: 1, agentId: 0, batch: 'w/tick-30', enqueuedAt: 0, startedAt: 1.23, attemptStarts: [1.23], endedAt: 501.26, callMs: 500.03, attempts: 1, outcome: 'success', source: 'mock', errorKind: null },
    { id: 2, agentId: 1, batch: 'w/tick-30', enqueuedAt: 0, startedAt: null, attemptStarts: [], endedAt: 3, callMs: 0, attempts: 0, outcome: 'fallback', source: 'fallback', errorKind: 'invalid-key' },
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

  it('writes times in JSON to 0.1 ms, and other numbers without float noise', () => {
    const noisy: RunExport = {
      ...run,
      config: { ...DEFAULT_CONFIG, failureRate: 0.05 },
      metrics: {
        ...EMPTY_METRICS,
        pausedForMs: 1999.9999999999998,
        latencyP50: 515.6000000000931,
        latencyP95: 0.30000000000000004,
        lastBatch: { id: 'b', size: 10, wallMs: 515.6000000000931, waitedMs: 0, sumLatencyMs: 5012.349999, speedup: 9.721234567890123, answered: 10, fallbacks: 0 },
      },
      calls: [{ id: 1, agentId: 0, batch: 'b', enqueuedAt: 100.04999999, startedAt: 100.1 + 0.2, attemptStarts: [100.1 + 0.2, 2000.0000000001], endedAt: 615.9000000000931, callMs: 500.0000000001, attempts: 2, outcome: 'success', source: 'mock', errorKind: null }],
      history: [{ t: 1234.5600000001, callsLastMinute: 1, rpmLimit: 600, queued: 0, inFlight: 1 }],
    };
    const text = runJson(noisy, new Date(0));
    // Float noise: a run of zeros or nines, then more digits.
    expect(text).not.toMatch(/\.\d*(?:0000|9999)\d/);
    const parsed = JSON.parse(text) as { config: { failureRate: number }; metrics: Record<string, unknown>; calls: Record<string, unknown>[]; history: Record<string, unknown>[] };
    expect(parsed.metrics).toMatchObject({ pausedForMs: 2000, latencyP50: 515.6, latencyP95: 0.3 });
    expect(parsed.metrics.lastBatch).toMatchObject({ wallMs: 515.6, sumLatencyMs: 5012.3, speedup: 9.72123456789 });
    expect(parsed.calls[0]).toMatchObject({ enqueuedAt: 100, startedAt: 100.3, attemptStarts: [100.3, 2000], endedAt: 615.9 });
    expect(parsed.history[0]?.t).toBe(1234.6);
    expect(parsed.config.failureRate).toBe(0.05);
  });
});

describe('community export', () => {
  const scene = makeScene({
    scene: { done: true, phase: null, votes: { 'build the tram': 2, 'keep the buses': 1 }, phases: [phaseRecord({ name: 'debate', calls: 6, wallMs: 510.04999, sumLatencyMs: 3_000.3, speedup: 5.882352941, fallbacks: 1 })] },
    view: {
      feed: [{ id: 0, epoch: 1, author: 1, topic: 0, stance: 0.5, text: 'Yes, "trams"', up: 2, down: 0, authorName: 'Bo', hot: 1.2345678901234567 }],
      tally: [{ topic: 0, options: [{ option: 'build the tram', votes: 2 }, { option: 'keep the buses', votes: 1 }] }],
    },
  });
  const run: CommunityExport = {
    scene,
    names: ['Ada', 'Bo, the second', 'Cy'],
    beliefs: Int8Array.from([42, -10, 0, 100, -100, 5, -7, 0, 33]),
    topicCount: 3,
  };

  it('reads every persona’s beliefs now from the tick, in hundredths', () => {
    expect(beliefsNow(run)).toEqual([
      { id: 0, name: 'Ada', beliefs: [0.42, -0.1, 0] },
      { id: 1, name: 'Bo, the second', beliefs: [1, -1, 0.05] },
      { id: 2, name: 'Cy', beliefs: [-0.07, 0, 0.33] },
    ]);
    expect(beliefsNow({ ...run, beliefs: null })).toEqual([]);
  });

  it('writes beliefs per persona and the phases as CSV', () => {
    expect(beliefsCsv(run).split('\n')).toEqual([
      'persona_id,persona_name,belief_tram,belief_sundays,belief_park',
      '0,Ada,0.42,-0.1,0',
      '1,"Bo, the second",1,-1,0.05',
      '2,Cy,-0.07,0,0.33',
      '',
    ]);
    expect(phasesCsv(run)).toBe('epoch,phase,calls,wall_ms,sum_latency_ms,speedup,fallbacks\n1,debate,6,510,3000.3,5.88,1\n');
  });

  it('writes the community as JSON: scene, topics, beliefs, histograms, posts and votes', () => {
    const parsed = JSON.parse(communityJson(run, new Date('2026-11-25T12:00:00Z'))) as Record<string, unknown> & { scene: { phases: { wallMs: number }[] }; posts: { hot: number }[]; votes: unknown };
    expect(Object.keys(parsed)).toEqual(['exportedAt', 'scenario', 'scene', 'topics', 'beliefsNow', 'histograms', 'posts', 'votes']);
    expect(parsed.scenario).toBe('community');
    expect(parsed.scene.phases[0]?.wallMs).toBe(510);
    expect(parsed.posts[0]?.hot).toBe(1.23456789012);
    expect(parsed.votes).toEqual({ totals: { 'build the tram': 2, 'keep the buses': 1 }, tally: [{ topic: 0, options: [{ option: 'build the tram', votes: 2 }, { option: 'keep the buses', votes: 1 }] }] });
    expect(parsed.histograms).toEqual(scene.view.histograms);
    const before = JSON.parse(communityJson({ ...run, scene: makeScene() }, new Date(0))) as { votes: unknown };
    expect(before.votes).toBeNull();
  });
});

describe('game master export', () => {
  const message = makeGmScene({}, { turns: [makeTurn({ turn: 2, action: 'look, "around"', mode: 'sequential', deadlineMs: null, responseMs: 2140.04999, assessments: [{ name: 'world', source: 'model', ms: 700 }], late: [], background: { jobs: 0, prefetch: 0, pending: 0, done: 0 } }), makeTurn()] });

  it('writes the turns as CSV: timing, each assessment’s source, fallbacks', () => {
    expect(gameMasterTurnsCsv(message).split('\n')).toEqual([
      'turn,action,mode,response_ms,first_words_ms,deadline_ms,assessments,sources,cache_hits,fallbacks,late_answers,background_jobs,prefetch_calls',
      '2,"look, ""around""",sequential,2140,180,,1,world=model,0,0,0,0,0',
      '3,take the bread from the bakery,parallel,452,180,450,4,world=model;pacing=cache;npc:0=fallback;narration=model,1,1,1,3,1',
      '',
    ]);
    expect(gameMasterTurnsCsv(emptyGmScene())).toBe('turn,action,mode,response_ms,first_words_ms,deadline_ms,assessments,sources,cache_hits,fallbacks,late_answers,background_jobs,prefetch_calls\n');
  });

  it('writes the scene, the settings and the turns as JSON', () => {
    const parsed = JSON.parse(gameMasterJson(message, new Date('2026-11-25T12:00:00Z'))) as Record<string, unknown> & { turns: { responseMs: number; bars: unknown[] }[] };
    expect(Object.keys(parsed)).toEqual(['exportedAt', 'scenario', 'scene', 'settings', 'turns']);
    expect(parsed.scenario).toBe('gamemaster');
    expect(parsed.scene).toEqual(message.scene);
    expect(parsed.settings).toEqual({ deadlineMs: 450, mode: 'parallel', cacheEnabled: true });
    expect(parsed.turns.map((t) => t.responseMs)).toEqual([2140, 452]);
    expect(parsed.turns[1]?.bars).toHaveLength(7);
    expect(JSON.stringify(parsed).toLowerCase()).not.toContain('apikey');
  });
});
