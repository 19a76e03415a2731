import { describe, expect, it } from 'vitest';
import type { Brain } from '../brain/brain.ts';
import { decisionAsk } from '../brain/decisionAsk.ts';
import type { ModelReply } from '../brain/model.ts';
import type { Decision } from '../sim/types.ts';
import { ModelError, type FailureKind } from '../brain/errors.ts';
import { ManualClock } from '../clock/manualClock.ts';
import { BudgetCoordinator, inProcessLink, type CoordinatorLink } from '../scheduler/budgetCoordinator.ts';
import type { BrainChoice } from './brainFor.ts';
import { keyIdOf } from './keyBudgets.ts';
import type { CommandBody, RaceMessage, TickMessage, WorkerMessage } from '../protocol/protocol.ts';
import { Session } from './session.ts';

/** A session on a fake clock that keeps every message it posts. */
function harness(makeGemini?: (choice: BrainChoice) => Brain, coordinator?: CoordinatorLink, clock = new ManualClock()) {
  const messages: WorkerMessage[] = [];
  const session = new Session({
    clock,
    post: (message) => messages.push(message),
    today: () => '2026-11-25',
    ...(makeGemini ? { makeGemini } : {}),
    ...(coordinator ? { coordinator } : {}),
  });
  let seq = 0;
  const send = (command: CommandBody): void => {
    session.handle({ ...command, seq: ++seq });
  };
  const ticks = (): TickMessage[] => messages.filter((m): m is TickMessage => m.type === 'tick');
  const lastTick = (): TickMessage => {
    const last = ticks().at(-1);
    if (!last) throw new Error('no tick yet');
    return last;
  };
  return { clock, messages, session, send, ticks, lastTick };
}

describe('Session', () => {
  it('builds the configured world and posts world, tick, config and ack in that order', () => {
    const h = harness();
    h.send({ type: 'configure', patch: { agents: 12, seed: 5 } });
    expect(h.messages.map((m) => m.type)).toEqual(['world', 'tick', 'config', 'ack']);
    const world = h.messages[0];
    expect(world?.type === 'world' && world.agents).toHaveLength(12);
    expect(h.lastTick().positions).toHaveLength(24);
    expect(h.lastTick().states).toHaveLength(12);
    expect(h.lastTick().running).toBe(false);
  });

  it('keeps good keys and names bad ones', () => {
    const h = harness();
    h.send({ type: 'configure', patch: { agents: 7, rpm: 0, colour: 'red' } });
    const config = h.messages.find((m) => m.type === 'config');
    expect(config?.type === 'config' && config.config.agents).toBe(7);
    expect(config?.type === 'config' && config.config.rpm).toBe(600);
    expect(config?.type === 'config' && config.problems.map((p) => p.key)).toEqual(['rpm', 'colour']);
  });

  it('runs ten ticks a second, pauses, and steps exactly one tick', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { agents: 5 } });
    h.send({ type: 'start' });
    await h.clock.advance(1_000);
    expect(h.lastTick().tick).toBe(10);
    expect(h.lastTick().running).toBe(true);
    h.send({ type: 'pause' });
    await h.clock.advance(1_000);
    expect(h.lastTick().tick).toBe(10);
    expect(h.lastTick().running).toBe(false);
    h.send({ type: 'step' });
    expect(h.lastTick().tick).toBe(11);
    await h.clock.advance(1_000);
    expect(h.lastTick().tick).toBe(11);
  });

  it('paused, still tells the page of calls that come back (at panel rate), and applies their decisions at the next Step', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { agents: 10, latency: 500, jitter: 0, align: 1, thinkInterval: 1_000 } });
    h.send({ type: 'start' });
    // The batch leaves at 1 s (tick 10); the next tick reports it in flight.
    await h.clock.advance(1_150);
    expect(h.lastTick().metrics.inFlight).toBe(10);
    h.send({ type: 'pause' });
    const paused = h.ticks().length;
    const tick = h.lastTick().tick;
    await h.clock.advance(1_000);
    const whilePaused = h.ticks().slice(paused);
    // The calls landed ~350 ms after the pause: one tick told the page, without moving the world.
    expect(whilePaused.length).toBeGreaterThan(0);
    expect(whilePaused.length).toBeLessThanOrEqual(2);
    expect(whilePaused.every((t) => t.tick === tick && !t.running && t.updates.length === 0)).toBe(true);
    expect(whilePaused.flatMap((t) => t.calls)).toHaveLength(10);
    expect(h.lastTick().metrics).toMatchObject({ inFlight: 0, callsSucceeded: 10 });
    // Nothing moved since: no more ticks while paused.
    const told = h.ticks().length;
    await h.clock.advance(2_000);
    expect(h.ticks()).toHaveLength(told);
    h.send({ type: 'step' });
    expect(h.lastTick().updates).toHaveLength(10);
  });

  it('thinks a batch of ten in ~500 ms in parallel and ~5 s in sequence; agents move meanwhile', async () => {
    for (const [strategy, low, high] of [['parallel', 500, 560], ['sequential', 4_500, 5_600]] as const) {
      const h = harness();
      h.send({ type: 'configure', patch: { agents: 10, latency: 500, jitter: 50, align: 1, strategy } });
      h.send({ type: 'start' });
      await h.clock.advance(3_000 + 6_000);
      const batch = h.lastTick().metrics.lastBatch;
      expect(batch?.size).toBe(10);
      expect(batch?.wallMs).toBeGreaterThanOrEqual(low);
      expect(batch?.wallMs).toBeLessThanOrEqual(high);
      expect(batch?.sumLatencyMs).toBeGreaterThanOrEqual(4_500);
      const updates = h.ticks().flatMap((t) => t.updates);
      expect(new Set(updates.map((u) => u.id)).size).toBe(10);
      expect(updates.every((u) => u.source === 'mock' && u.thought !== '' && u.latencyMs !== null)).toBe(true);
    }
  });

  it('with 30% failures every agent gets a decision every round, and fallbacks are marked', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { agents: 30, latency: 300, jitter: 0, failureRate: 0.3, thinkInterval: 4_000 } });
    h.send({ type: 'start' });
    await h.clock.advance(4_000 * 5 + 50);
    const updates = h.ticks().flatMap((t) => t.updates);
    const perAgent = new Map<number, number>();
    for (const u of updates) perAgent.set(u.id, (perAgent.get(u.id) ?? 0) + 1);
    // Rounds start at 4, 8, 12, 16 and 20 s; the first four have been answered by now.
    expect([...perAgent.values()].every((n) => n === 4)).toBe(true);
    expect(perAgent.size).toBe(30);
    expect(updates.some((u) => u.source === 'fallback')).toBe(true);
    expect(h.lastTick().metrics.fallbacks).toBeGreaterThan(0);
  });

  it('sends the selected agent in full, memories newest first', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { agents: 3, thinkInterval: 1_000, latency: 100 } });
    h.send({ type: 'select', agentId: 1 });
    h.send({ type: 'start' });
    await h.clock.advance(3_500);
    const detail = h.lastTick().selected;
    expect(detail?.id).toBe(1);
    expect(detail?.memories.length).toBe(3);
    expect(detail?.memories[0]).toMatch(/^tick 3\d:/);
    expect(detail?.lastCall?.raw).toContain(detail?.thought);
    h.send({ type: 'select', agentId: null });
    expect(h.lastTick().selected).toBeNull();
  });

  it('rebuilds the world for world keys only, and ignores answers meant for an old world', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { agents: 4, thinkInterval: 1_000, latency: 400 } });
    h.send({ type: 'start' });
    await h.clock.advance(1_200);
    h.send({ type: 'configure', patch: { rpm: 100 } });
    expect(h.messages.filter((m) => m.type === 'world')).toHaveLength(1);
    h.send({ type: 'configure', patch: { agents: 6 } });
    expect(h.messages.filter((m) => m.type === 'world')).toHaveLength(2);
    await h.clock.advance(300);
    const fresh = h.ticks().filter((t) => t.worldId === 2);
    expect(fresh.flatMap((t) => t.updates)).toEqual([]);
    expect(h.lastTick().running).toBe(true);
    expect(h.lastTick().metrics.rpmLimit).toBe(100);
  });

  it('says so when gemini is chosen without a key, and uses the live brain once one is given', async () => {
    const calls: string[] = [];
    const live: Brain = {
      source: 'gemini',
      call: (ask) => {
        calls.push(ask.label);
        return Promise.resolve({ value: { thought: 'live', plan: 'p', action: 'STAY' } });
      },
      decide: (request, options) => live.call(decisionAsk(request), options) as Promise<ModelReply<Decision>>,
    };
    const h = harness(() => live);
    h.send({ type: 'configure', patch: { agents: 2, brain: 'gemini', thinkInterval: 500 } });
    const notice = h.messages.find((m) => m.type === 'notice');
    expect(notice?.type === 'notice' && notice.message).toMatch(/no API key/);
    h.send({ type: 'configure', patch: {}, apiKey: 'k' });
    expect(h.messages.filter((m) => m.type === 'notice').at(-1)).toMatchObject({ code: 'gemini-key', message: null });
    h.send({ type: 'start' });
    await h.clock.advance(700);
    expect(calls.length).toBe(2);
    expect(h.ticks().flatMap((t) => t.updates).every((u) => u.source === 'gemini')).toBe(true);
    const config = h.messages.filter((m) => m.type === 'config').at(-1);
    expect(JSON.stringify(config)).not.toContain('"k"');
  });

  it('counts live requests per day from a restored count, and stops live calls at the daily limit', async () => {
    const live = fakeLive();
    const clock = new ManualClock();
    // The key's ledger as kept from earlier today (by another tab, or before a reload).
    const restored = new Map([[keyIdOf('k'), { ended: [], pausedUntil: 0, day: { day: '2026-11-25', count: 2 } }]]);
    const coordinator = inProcessLink(new BudgetCoordinator({ clock, today: () => '2026-11-25', restored }));
    const h = harness(() => live.brain, coordinator, clock);
    h.send({ type: 'configure', patch: { agents: 4, brain: 'gemini', thinkInterval: 500, dailyLimit: 5 }, apiKey: 'k' });
    h.send({ type: 'start' });
    await h.clock.advance(700);
    expect(live.calls).toBe(3);
    const sources = h.ticks().flatMap((t) => t.updates.map((u) => u.source));
    expect(sources.filter((s) => s === 'gemini')).toHaveLength(3);
    expect(sources.filter((s) => s === 'fallback')).toHaveLength(1);
    expect(h.lastTick().metrics).toMatchObject({ requestsToday: 5, dailyLimit: 5, liveDisabled: { kind: 'quota-exhausted' } });
    const banner = h.messages.filter((m) => m.type === 'notice' && m.code === 'live-disabled').at(-1);
    expect(banner?.type === 'notice' && banner.message).toMatch(/quota/);
    // Raising the limit switches live calls back on; the count carries over.
    h.send({ type: 'configure', patch: { dailyLimit: 100 } });
    await h.clock.advance(600);
    expect(h.lastTick().metrics.liveDisabled).toBeNull();
    expect(live.calls).toBeGreaterThan(3);
    expect(h.lastTick().metrics.requestsToday).toBe(2 + live.calls);
  });

  it('puts a live failure in a banner that clears itself 10 s after the last one', async () => {
    const live = fakeLive(['timeout']);
    const h = harness(() => live.brain);
    h.send({ type: 'configure', patch: { agents: 1, brain: 'gemini', thinkInterval: 60_000, timeout: 1_000 }, apiKey: 'k' });
    h.send({ type: 'start' });
    await h.clock.advance(60_500);
    const banner = (): unknown => h.messages.filter((m) => m.type === 'notice' && m.code === 'live-timeout').at(-1);
    expect(banner()).toMatchObject({ level: 'warning', message: expect.stringMatching(/^1 call took longer than the 1000 ms timeout/) as unknown });
    await h.clock.advance(10_000);
    expect(banner()).toMatchObject({ message: null });
  });
});

describe('Session: one budget per key', () => {
  it('six world rebuilds inside a minute at rpm=10 send at most 10 requests; the scheduler lives on', async () => {
    const live = fakeLive();
    const h = harness(() => live.brain);
    h.send({ type: 'configure', patch: { agents: 8, brain: 'gemini', thinkInterval: 500, rpm: 10, align: 1 }, apiKey: 'k' });
    h.send({ type: 'start' });
    for (let i = 0; i < 6; i++) {
      await h.clock.advance(8_000);
      // New agents, a new seed, or a reset: each builds a new world.
      if (i % 3 === 0) h.send({ type: 'configure', patch: { agents: 9 + i } });
      else if (i % 3 === 1) h.send({ type: 'configure', patch: { seed: 100 + i } });
      else h.send({ type: 'reset' });
    }
    await h.clock.advance(10_000); // 58 s in all
    expect(h.messages.filter((m) => m.type === 'world')).toHaveLength(7);
    expect(live.calls).toBe(10);
    expect(h.lastTick().metrics.callsLastMinute).toBe(10);
  });

  it("a 429's pause outlives a rebuild, and a discarded world's waiting jobs are never sent", async () => {
    const live = fakeLive();
    const answer = live.brain.call.bind(live.brain);
    live.brain.call = (request, options) =>
      live.calls === 0 ? (live.calls++, Promise.reject(new ModelError('rate-limit', '429', { retryAfterMs: 5_000 }))) : answer(request, options);
    const h = harness(() => live.brain);
    h.send({ type: 'configure', patch: { agents: 3, brain: 'gemini', thinkInterval: 2_000, concurrency: 1 }, apiKey: 'k' });
    h.send({ type: 'start' });
    await h.clock.advance(2_100);
    expect(live.calls).toBe(1); // the 429 (5 s), with two jobs waiting behind it
    h.send({ type: 'configure', patch: { agents: 4 } });
    expect(h.lastTick().metrics.pausedForMs).toBeGreaterThan(4_000);
    // The new world's four agents ask at 4.6 s and wait for the pause, which ends at 7 s.
    await h.clock.advance(4_800);
    expect(live.calls).toBe(1);
    await h.clock.advance(200);
    // Only the new world's four were sent; the old world's two waiting jobs were dropped unsent.
    expect(live.calls).toBe(5);
  });
});

describe('Session: the key goes only where it was given', () => {
  const google = 'https://generativelanguage.googleapis.com';

  it('a key given for Google is not sent to another base URL until the user agrees', async () => {
    const made: string[] = [];
    const live = fakeLive();
    const h = harness((choice) => {
      made.push(choice.baseUrl);
      return live.brain;
    });
    h.send({ type: 'configure', patch: { agents: 2, brain: 'gemini', thinkInterval: 500 }, apiKey: 'k' });
    expect(h.messages.filter((m) => m.type === 'config').at(-1)).toMatchObject({ keyOrigins: [google], keyBlocked: null });
    h.send({ type: 'configure', patch: { baseUrl: 'http://evil.test/' } });
    expect(h.messages.filter((m) => m.type === 'config').at(-1)).toMatchObject({ keyBlocked: { origin: 'http://evil.test', host: 'evil.test' } });
    h.send({ type: 'start' });
    await h.clock.advance(1_000);
    expect(made).toEqual(['']);
    expect(h.ticks().flatMap((t) => t.updates).every((u) => u.source === 'mock')).toBe(true);
    // Consent for another origin than where calls go changes nothing; for this one, it does.
    h.send({ type: 'configure', patch: {}, allowOrigin: 'http://other.test' });
    expect(made).toEqual(['']);
    h.send({ type: 'configure', patch: {}, allowOrigin: 'http://evil.test' });
    expect(made).toEqual(['', 'http://evil.test/']);
    expect(h.messages.filter((m) => m.type === 'config').at(-1)).toMatchObject({ keyOrigins: [google, 'http://evil.test'], keyBlocked: null });
  });

  it('a remembered key keeps the endpoints it was stored with', () => {
    const made: string[] = [];
    const h = harness((choice) => {
      made.push(choice.baseUrl);
      return fakeLive().brain;
    });
    h.send({ type: 'configure', patch: { brain: 'gemini', baseUrl: 'http://evil.test' }, apiKey: 'k', keyOrigins: [google] });
    expect(made).toEqual([]);
    expect(h.messages.filter((m) => m.type === 'config').at(-1)).toMatchObject({ hasKey: true, keyBlocked: { host: 'evil.test' } });
    // Typing the key again in the page is consent for where calls go now.
    h.send({ type: 'configure', patch: {}, apiKey: 'k' });
    expect(made).toEqual(['http://evil.test']);
  });
});

/** A live brain that answers at once, failing with the given kinds first (then succeeding). */
function fakeLive(failures: readonly FailureKind[] = []) {
  const queue = [...failures];
  const state = { calls: 0, brain: undefined as unknown as Brain };
  state.brain = {
    source: 'gemini',
    call: () => {
      state.calls++;
      const kind = queue.shift();
      if (kind) return Promise.reject(new ModelError(kind, `injected ${kind}`));
      return Promise.resolve({ value: { thought: 'live', plan: 'p', action: 'STAY' } });
    },
    decide: (request, options) => state.brain.call(decisionAsk(request), options) as Promise<ModelReply<Decision>>,
  };
  return state;
}

describe('Session race', () => {
  it('runs the same batch one at a time and all together, beside a paused world', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { agents: 10, latency: 500, jitter: 0 } });
    const tick = h.lastTick().tick;
    h.send({ type: 'race' });
    await h.clock.advance(6_000);
    const races = h.messages.filter((m): m is RaceMessage => m.type === 'race');
    expect(races.at(-1)?.status).toBe('done');
    const lanes = (side: 'sequential' | 'parallel') => races.flatMap((r) => r[side].calls);
    expect(lanes('sequential')).toHaveLength(10);
    expect(lanes('parallel')).toHaveLength(10);
    const last = races.at(-1);
    const wall = (side: 'sequential' | 'parallel'): number => last?.[side].wallMs ?? NaN;
    expect(wall('parallel')).toBe(500);
    expect(wall('sequential')).toBe(5_000);
    // Identical calls on both sides: each agent's latency is the same.
    const latency = (side: 'sequential' | 'parallel') => lanes(side).map((c) => [c.agentId, c.endedAt - (c.startedAt ?? 0)]).sort();
    expect(latency('sequential')).toEqual(latency('parallel'));
    expect(h.lastTick().tick).toBe(tick); // the world stayed paused
    // No more race messages once it is done.
    await h.clock.advance(1_000);
    expect(h.messages.filter((m) => m.type === 'race')).toHaveLength(races.length);
  });

  it('a reset cancels a race in progress: one last message, then no calls, timers or reports', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { agents: 10, latency: 500, jitter: 0 } });
    h.send({ type: 'race' });
    await h.clock.advance(1_200);
    h.send({ type: 'reset' });
    const races = (): RaceMessage[] => h.messages.filter((m): m is RaceMessage => m.type === 'race');
    const count = races().length;
    expect(races().at(-1)).toMatchObject({ status: 'cancelled', sequential: { wallMs: null }, parallel: { wallMs: null } });
    await h.clock.advance(10_000);
    expect(races()).toHaveLength(count);
    // Only the paused world's own timers remain (none: it is not running).
    expect(h.clock.pending).toBe(0);
    // And a new race can start.
    h.send({ type: 'race' });
    await h.clock.advance(6_000);
    expect(races().at(-1)).toMatchObject({ status: 'done', parallel: { wallMs: 500 } });
  });

  it('a tick that throws pauses the loop and says so; Start clears it', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { agents: 3 } });
    h.send({ type: 'start' });
    await h.clock.advance(300);
    const engine = (h.session as unknown as { engine: { tick(): void } }).engine;
    const tick = engine.tick.bind(engine);
    engine.tick = () => {
      throw new Error('probe');
    };
    await h.clock.advance(300);
    const notice = (): unknown => h.messages.filter((m) => m.type === 'notice' && m.code === 'tick-error').at(-1);
    expect(notice()).toMatchObject({ level: 'error', message: expect.stringMatching(/error at tick 3 \(probe\) and paused/) as unknown });
    expect(h.lastTick().running).toBe(false);
    engine.tick = tick;
    h.send({ type: 'start' });
    expect(notice()).toMatchObject({ message: null });
    await h.clock.advance(300);
    expect(h.lastTick().tick).toBeGreaterThan(3);
  });
});

describe('Session: a base URL that is not a URL', () => {
  it('stops live calls until it is fixed, and never sends the key to the endpoint in force instead', async () => {
    const made: string[] = [];
    const live = fakeLive();
    const h = harness((choice) => {
      made.push(choice.baseUrl);
      return live.brain;
    });
    h.send({ type: 'configure', patch: { agents: 2, brain: 'gemini', thinkInterval: 500, baseUrl: '127.0.0.1:8787' }, apiKey: 'k' });
    const banner = (): unknown => h.messages.filter((m) => m.type === 'notice' && m.code === 'base-url').at(-1);
    expect(banner()).toMatchObject({ level: 'error', message: expect.stringMatching(/'127\.0\.0\.1:8787' is not a URL/) as unknown });
    h.send({ type: 'start' });
    await h.clock.advance(1_000);
    expect(made).toEqual([]);
    expect(live.calls).toBe(0);
    h.send({ type: 'configure', patch: { baseUrl: 'http://127.0.0.1:8787' }, apiKey: 'k' });
    expect(banner()).toMatchObject({ message: null });
    expect(made).toEqual(['http://127.0.0.1:8787']);
  });
});

describe('Session: a key that cannot be sent', () => {
  it('refuses a key with non-ASCII characters, with a sentence, and keeps calls off the budget', () => {
    const made: string[] = [];
    const h = harness((choice) => {
      made.push(choice.apiKey);
      return fakeLive().brain;
    });
    h.send({ type: 'configure', patch: { brain: 'gemini' }, apiKey: 'AIzaSy\u201ckey\u201d' });
    const config = h.messages.filter((m) => m.type === 'config').at(-1);
    expect(config).toMatchObject({ hasKey: false, problems: [{ key: 'apiKey', message: expect.stringMatching(/characters an API key cannot have/) as unknown }] });
    expect(made).toEqual([]);
  });
});
