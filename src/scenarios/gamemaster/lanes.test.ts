import { describe, expect, it } from 'vitest';
import type { LastTurnScene } from './sceneView.ts';
import { reputationAsk } from './asks.ts';
import { gameHarness, play, PRODUCER, type Harness } from './gamemaster.fixture.ts';

const TURNS = ['talk to the baker', 'look around', 'go to the inn'];
/** Background asks the test itself queues before the turns: more than the background lane's share of the budget. */
const LOAD = 50;

async function session(load: boolean): Promise<{ harness: Harness; replies: LastTurnScene[] }> {
  // 60 requests a minute, half of them open to background work (the scheduler's default share);
  // the cache is off so that every turn asks the model, with or without the background.
  const harness = gameHarness({ seed: 1, cache: false, prefetch: 0, background: load }, { mock: { latencyMs: 200, jitterMs: 150 }, config: { rpm: 60 } });
  if (load) {
    for (let i = 0; i < LOAD; i++) void harness.ctx.ask(reputationAsk(harness.run.state, 900_000 + i), { key: `${PRODUCER}/load-${i}`, lane: 'background' });
  }
  const replies: LastTurnScene[] = [];
  for (const action of TURNS) replies.push(await play(harness, action, 1));
  return { harness, replies };
}

describe('background work never delays a turn', () => {
  it('answers every turn at the same time with the background lane full as with no background at all', async () => {
    const quiet = await session(false);
    const busy = await session(true);
    expect(busy.replies.map((r) => [r.responseMs, r.assessments])).toEqual(quiet.replies.map((r) => [r.responseMs, r.assessments]));
    // Every interactive call left the moment it was asked.
    const interactive = busy.harness.host.records.filter((r) => /\/t\d+\/(world|pacing|narration|npc:\d+)$/.test(r.key));
    expect(interactive.length).toBeGreaterThanOrEqual(TURNS.length * 4);
    expect(interactive.every((r) => r.startedAt === r.enqueuedAt)).toBe(true);
    // While the background really was held back: part of the load waited for the next minute.
    await busy.harness.clock.runAll();
    const loadRecords = busy.harness.host.records.filter((r) => r.key.includes('/load-'));
    expect(loadRecords).toHaveLength(LOAD);
    expect(loadRecords.filter((r) => (r.startedAt ?? 0) >= 60_000).length).toBeGreaterThan(0);
    // And the turns' own upkeep ran too, in the background.
    expect(busy.harness.run.scene().background.done).toBeGreaterThan(TURNS.length);
  });
});
