import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manualClock.ts';
import { requestFor } from '../sim/perception.ts';
import type { DecisionRequest } from '../sim/types.ts';
import { createWorld, defaultWorldConfig } from '../sim/world.ts';
import type { Ask } from './ask.ts';
import { decisionAsk } from './decisionAsk.ts';
import { ModelError } from './errors.ts';
import type { CallEnd } from './model.ts';
import { MockBrain, mockFallback, type MockBrainOptions } from './mockBrain.ts';
import { streamedText, streamSchedule } from './mockStream.ts';
import { mockDecision } from './mockPolicy.ts';
import { parseDecision } from './schema.ts';

const world = createWorld(defaultWorldConfig({ agents: 20, seed: 5 }));
const requests: DecisionRequest[] = world.agents.map((a) => requestFor(world, a.id));
const first = requests[0] as DecisionRequest;

function brain(options: Partial<MockBrainOptions> = {}): { clock: ManualClock; brain: MockBrain } {
  const clock = new ManualClock();
  return { clock, brain: new MockBrain({ clock, latencyMs: 500, ...options }) };
}

/** Settles a promise into a plain outcome so tests can check it without awaiting forever. */
function track<T>(promise: Promise<T>): { done: boolean; value?: T; error?: unknown } {
  const state: { done: boolean; value?: T; error?: unknown } = { done: false };
  promise.then(
    (value) => Object.assign(state, { done: true, value }),
    (error: unknown) => Object.assign(state, { done: true, error }),
  );
  return state;
}

describe('MockBrain', () => {
  it('answers after exactly latencyMs of fake time with the mock decision', async () => {
    const { clock, brain: b } = brain();
    const call = track(b.decide(first, { signal: new AbortController().signal, attempt: 1 }));
    await clock.advance(499);
    expect(call.done).toBe(false);
    await clock.advance(1);
    expect(call.done).toBe(true);
    expect(call.value?.value).toEqual(mockDecision(first));
    expect(call.value?.raw).toBe(JSON.stringify(mockDecision(first)));
    expect(call.value?.prompt).toContain(first.name);
    expect(parseDecision(JSON.parse(call.value?.raw ?? ''))).toMatchObject({ ok: true });
    expect(b.source).toBe('mock');
    expect(mockFallback(first)).toEqual(mockDecision(first));
  });

  it('draws jitter within bounds, deterministically per (seed, agent, tick, attempt)', () => {
    const { brain: b } = brain({ jitterMs: 100, seed: 9 });
    const latencies = requests.flatMap((r) => [1, 2, 3].map((attempt) => b.plan(r, attempt).latencyMs));
    for (const l of latencies) {
      expect(l).toBeGreaterThanOrEqual(400);
      expect(l).toBeLessThanOrEqual(600);
    }
    expect(new Set(latencies).size).toBe(latencies.length);
    expect(brain({ jitterMs: 100, seed: 9 }).brain.plan(first, 2)).toEqual(b.plan(first, 2));
    expect(brain({ latencyMs: 10, jitterMs: 100 }).brain.plan(first, 1).latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('takes exactly latencyMs without jitter, and fails only with a fault rate set', () => {
    const { brain: b } = brain({ seed: 9 });
    for (const r of requests) for (const attempt of [1, 2]) expect(b.plan(r, attempt)).toEqual({ latencyMs: 500, fault: 'none' });
    const scaled = b.plan({ seed: 1, who: 2, when: 3, scale: 3 }, 1);
    expect(scaled).toEqual({ latencyMs: 1500, fault: 'none' });
    const failing = brain({ seed: 9, errorRate: 1 }).brain;
    expect(failing.plan(first, 1)).toEqual({ latencyMs: 500, fault: 'server' });
  });

  it('honours a jittered latency exactly in fake time', async () => {
    const { clock, brain: b } = brain({ jitterMs: 200 });
    const latency = b.plan(first, 1).latencyMs;
    const call = track(b.decide(first, { signal: new AbortController().signal, attempt: 1 }));
    await clock.advance(latency - 0.5);
    expect(call.done).toBe(false);
    await clock.advance(0.5);
    expect(call.done).toBe(true);
  });

  it('rejects at once with the signal reason when aborted during latency', async () => {
    const { clock, brain: b } = brain();
    const controller = new AbortController();
    const call = track(b.decide(first, { signal: controller.signal, attempt: 1 }));
    await clock.advance(100);
    const reason = new Error('timeout');
    controller.abort(reason);
    await clock.advance(0);
    expect(call).toMatchObject({ done: true, error: reason });
    expect(clock.pending).toBe(0);
  });

  it('hangs until aborted when the hang fault is drawn', async () => {
    const { clock, brain: b } = brain({ hangRate: 1 });
    const controller = new AbortController();
    const call = track(b.decide(first, { signal: controller.signal, attempt: 1 }));
    await clock.advance(60_000);
    expect(call.done).toBe(false);
    controller.abort(new Error('deadline'));
    await clock.advance(0);
    expect(call.error).toEqual(new Error('deadline'));
  });

  it('throws classified errors for each injected fault', async () => {
    const cases = [
      [{ errorRate: 1 }, 'server', 503],
      [{ rateLimitRate: 1 }, 'rate-limit', 429],
      [{ malformedRate: 1 }, 'bad-output', undefined],
    ] as const;
    for (const [rates, kind, status] of cases) {
      const { clock, brain: b } = brain(rates);
      const call = track(b.decide(first, { signal: new AbortController().signal, attempt: 1 }));
      await clock.advance(500);
      expect(call.error).toBeInstanceOf(ModelError);
      expect(call.error).toMatchObject({ kind, status });
      if (kind === 'rate-limit') expect(call.error).toMatchObject({ retryAfterMs: 1000 });
    }
  });

  it('fails at roughly the configured rates over 2,000 draws, and their sum overall', () => {
    const { brain: b } = brain({ hangRate: 0.05, errorRate: 0.1, rateLimitRate: 0.15, malformedRate: 0.2 });
    const counts = { none: 0, hang: 0, server: 0, 'rate-limit': 0, malformed: 0 };
    for (let i = 0; i < 2000; i++) {
      const r = requests[i % requests.length] as DecisionRequest;
      counts[b.plan({ ...r, tick: Math.floor(i / requests.length) }, 1).fault] += 1;
    }
    expect(counts.hang / 2000).toBeCloseTo(0.05, 1);
    expect(counts.server / 2000).toBeCloseTo(0.1, 1);
    expect(counts['rate-limit'] / 2000).toBeCloseTo(0.15, 1);
    expect(counts.malformed / 2000).toBeCloseTo(0.2, 1);
    expect(counts.none / 2000).toBeGreaterThan(0.45);
    expect(counts.none / 2000).toBeLessThan(0.55);
  });

  it('lets a retry succeed where the first attempt failed', async () => {
    const { clock, brain: b } = brain({ errorRate: 0.5, seed: 3 });
    const retried = requests.find((r) => b.plan(r, 1).fault === 'server' && b.plan(r, 2).fault === 'none');
    if (!retried) throw new Error('no such request among 20 at 50% failure');
    const one = track(b.decide(retried, { signal: new AbortController().signal, attempt: 1 }));
    const two = track(b.decide(retried, { signal: new AbortController().signal, attempt: 2 }));
    await clock.advance(500);
    expect(one.error).toBeInstanceOf(ModelError);
    expect(two.value?.value).toEqual(mockDecision(retried));
  });

  it('validates options and can be reconfigured while running', () => {
    const clock = new ManualClock();
    expect(() => new MockBrain({ clock, latencyMs: -1 })).toThrow(RangeError);
    expect(() => new MockBrain({ clock, latencyMs: 1, errorRate: 1.5 })).toThrow(RangeError);
    expect(() => new MockBrain({ clock, latencyMs: 1, jitterMs: Number.NaN })).toThrow(RangeError);
    const b = new MockBrain({ clock, latencyMs: 100 });
    b.configure({ latencyMs: 50, errorRate: 1 });
    expect(b.options).toMatchObject({ latencyMs: 50, errorRate: 1 });
    expect(b.plan(first, 1)).toEqual({ latencyMs: 50, fault: 'server' });
    expect(() => { b.configure({ hangRate: 2 }); }).toThrow(RangeError);
    expect(b.options.hangRate).toBeUndefined();
  });
});

const NARRATION = 'The old gate creaks open and a cold wind sweeps across the empty square tonight.';

/** An ask that streams: its answer, and every text `onText` heard with the fake time it heard it. */
function streamingAsk<Res>(answer: Res, clock: ManualClock, format?: 'json' | 'text'): { ask: Ask<Res>; heard: { at: number; text: string }[] } {
  const heard: { at: number; text: string }[] = [];
  const ask: Ask<Res> = {
    draw: { seed: 7, who: 3, when: 11 },
    prompt: () => 'Narrate the gate.',
    schema: { type: 'string' },
    parse: () => answer,
    answer: () => answer,
    label: 'Mock brain: narrate.',
    ...(format === undefined ? {} : { format }),
    onText: (text) => heard.push({ at: clock.now(), text }),
  };
  return { ask, heard };
}

describe('MockBrain streaming (onText)', () => {
  it('spreads the words over the latency: first at 25%, growing prefixes, the whole text exactly when it resolves', async () => {
    const { clock, brain: b } = brain({ latencyMs: 800 });
    const answer = { narration: NARRATION, mood: 'grim' };
    const { ask, heard } = streamingAsk(answer, clock);
    const call = track(b.call(ask, { signal: new AbortController().signal, attempt: 1 }));
    await clock.advance(199);
    expect(heard).toEqual([]);
    await clock.advance(1);
    expect(heard).toHaveLength(1);
    expect(heard[0]?.text).toBe('The ');
    await clock.advance(599);
    expect(call.done).toBe(false);
    expect(heard.length).toBeGreaterThan(5);
    expect(heard.at(-1)?.text).not.toBe(NARRATION);
    await clock.advance(1);
    expect(call.done).toBe(true);
    expect(heard.at(-1)).toEqual({ at: 800, text: NARRATION });
    for (let index = 1; index < heard.length; index++) {
      const [before, after] = [heard[index - 1], heard[index]];
      expect(after?.text.startsWith(before?.text ?? '')).toBe(true);
      expect(after?.text.length).toBeGreaterThan(before?.text.length ?? 0);
      expect(after?.at).toBeGreaterThanOrEqual(before?.at ?? 0);
    }
    expect(call.value?.value).toEqual(answer);
    expect(call.value?.raw).toBe(JSON.stringify(answer));
  });

  it('streams a string answer as it is, a `text` field, or else the JSON; a text ask returns the text as raw', () => {
    expect(streamedText('Hello there.')).toBe('Hello there.');
    expect(streamedText({ text: 'Said.', narration: 'Not this.' })).toBe('Said.');
    expect(streamedText({ narration: 'Told.' })).toBe('Told.');
    expect(streamedText({ belief: 0.5 })).toBe('{"belief":0.5}');
    expect(streamedText(undefined)).toBe('');
  });

  it('a text-format ask with a string answer resolves with it as value and raw', async () => {
    const { clock, brain: b } = brain({ latencyMs: 100 });
    const { ask, heard } = streamingAsk(NARRATION, clock, 'text');
    const call = track(b.call(ask, { signal: new AbortController().signal, attempt: 1 }));
    await clock.advance(100);
    expect(call.value).toMatchObject({ value: NARRATION, raw: NARRATION });
    expect(heard.at(-1)?.text).toBe(NARRATION);
  });

  it('is deterministic: the same seed and ask hear the same texts at the same times', async () => {
    const runs = [];
    for (let run = 0; run < 2; run++) {
      const { clock, brain: b } = brain({ latencyMs: 500, jitterMs: 200, seed: 4 });
      const { ask, heard } = streamingAsk({ text: NARRATION }, clock);
      void b.call(ask, { signal: new AbortController().signal, attempt: 1 });
      await clock.runAll();
      runs.push(heard);
    }
    expect(runs[0]?.length).toBeGreaterThan(1);
    expect(runs[1]).toEqual(runs[0]);
  });

  it('an abort mid-stream rejects with its reason, clears every timer and stops the words', async () => {
    const { clock, brain: b } = brain({ latencyMs: 400 });
    const { ask, heard } = streamingAsk(NARRATION, clock);
    const controller = new AbortController();
    const call = track(b.call(ask, { signal: controller.signal, attempt: 1 }));
    await clock.advance(250);
    const before = heard.length;
    expect(before).toBeGreaterThan(0);
    const reason = new Error('deadline');
    controller.abort(reason);
    await clock.advance(0);
    expect(call).toMatchObject({ done: true, error: reason });
    expect(clock.pending).toBe(0);
    await clock.advance(1_000);
    expect(heard).toHaveLength(before);
  });

  it('a drawn fault streams nothing and fails at the latency as without onText', async () => {
    const { clock, brain: b } = brain({ latencyMs: 300, errorRate: 1 });
    const { ask, heard } = streamingAsk(NARRATION, clock);
    const call = track(b.call(ask, { signal: new AbortController().signal, attempt: 1 }));
    await clock.advance(300);
    expect(call.error).toMatchObject({ kind: 'server' });
    expect(heard).toEqual([]);
  });

  it('a listener that throws does not fail the call', async () => {
    const { clock, brain: b } = brain({ latencyMs: 100 });
    const ask: Ask<string> = { ...streamingAsk(NARRATION, clock).ask, onText: () => { throw new Error('UI bug'); } };
    const call = track(b.call(ask, { signal: new AbortController().signal, attempt: 1 }));
    await clock.advance(100);
    expect(call.value?.value).toBe(NARRATION);
  });

  it('schedules word by word up to 40 steps, a one-word text at the latency only', () => {
    expect(streamSchedule('Hi.', 100)).toEqual([{ atMs: 100, text: 'Hi.' }]);
    const words = Array.from({ length: 100 }, (_, index) => `w${index}`).join(' ');
    const steps = streamSchedule(words, 1_000);
    expect(steps).toHaveLength(40);
    expect(steps[0]?.atMs).toBe(250);
    expect(steps.at(-1)).toEqual({ atMs: 1_000, text: words });
  });

  describe('callWith', () => {
    /** An end that records what it was told. */
    function ending(): { told: string[]; end: CallEnd<unknown> } {
      const told: string[] = [];
      return { told, end: { answer: (reply) => { told.push(`answer:${String(reply.raw)}`); }, fail: (error) => { told.push(`fail:${error instanceof Error ? error.message : String(error)}`); } } };
    }

    it('tells the answer in the latency timer’s turn, the same reply as call', async () => {
      const { clock, brain: mock } = brain();
      const { told, end } = ending();
      const ask = decisionAsk(first);
      mock.callWith(ask, { signal: new AbortController().signal, attempt: 1 }, end);
      const viaCall = track(mock.call(ask, { signal: new AbortController().signal, attempt: 1 }));
      await clock.advance(499);
      expect(told).toEqual([]);
      await clock.advance(1);
      expect(told).toEqual([`answer:${JSON.stringify(mockDecision(first))}`]);
      expect(viaCall.value).toMatchObject({ raw: JSON.stringify(mockDecision(first)) });
    });

    /** The decision ask of `request`, counting how often its answer is written. */
    function countedAsk(request: DecisionRequest): { ask: ReturnType<typeof decisionAsk>; writes: () => number } {
      const ask = decisionAsk(request);
      let writes = 0;
      const answer = ask.answer.bind(ask);
      return {
        ask: Object.assign(Object.create(ask) as typeof ask, {
          answer: () => {
            writes++;
            return answer();
          },
        }),
        writes: () => writes,
      };
    }

    it('writes the answer while the latency runs, once, 500 calls a turn, and tells it only when the latency ends', async () => {
      const { clock, brain: mock } = brain();
      const calls = Array.from({ length: 1_200 }, (_, i) => ({ ...countedAsk(requests[i % requests.length] as DecisionRequest), ...ending() }));
      for (const c of calls) mock.callWith(c.ask, { signal: new AbortController().signal, attempt: 1 }, c.end);
      const written = (): number => calls.filter((c) => c.writes() === 1).length;
      expect(written()).toBe(0);
      // Turns of the event loop, in fake time: the first writes 500, the next 500, the last 200.
      await clock.advance(0);
      expect(written()).toBe(1_200);
      expect(calls.every((c) => c.told.length === 0)).toBe(true);
      await clock.advance(500);
      expect(calls.every((c) => c.writes() === 1 && c.told.length === 1 && c.told[0]?.startsWith('answer:'))).toBe(true);
      expect(calls[0]?.told).toEqual([`answer:${JSON.stringify(mockDecision(first))}`]);
      expect(clock.pending).toBe(0);
    });

    it('writes 500 answers a turn of the event loop, so a large batch never holds a tick up for long', () => {
      // The manual clock, with its 0 ms timers (turns of the event loop) held back to run one by one.
      const clock = new ManualClock();
      const turns: (() => void)[] = [];
      const setTimeout = clock.setTimeout.bind(clock);
      clock.setTimeout = (fn, ms) => (ms === 0 ? (turns.push(fn), -turns.length) : setTimeout(fn, ms));
      const mock = new MockBrain({ clock, latencyMs: 500 });
      const calls = Array.from({ length: 1_200 }, (_, i) => ({ ...countedAsk(requests[i % requests.length] as DecisionRequest), ...ending() }));
      for (const c of calls) mock.callWith(c.ask, { signal: new AbortController().signal, attempt: 1 }, c.end);
      const written = (): number => calls.filter((c) => c.writes() === 1).length;
      const seen: number[] = [];
      while (turns.length > 0) {
        turns.shift()?.();
        seen.push(written());
      }
      expect(seen).toEqual([500, 1_000, 1_200]);
    });

    it('an aborted call writes no answer; a call with latency 0 writes its own', async () => {
      const { clock, brain: mock } = brain();
      const aborted = { ...countedAsk(first), ...ending() };
      const controller = new AbortController();
      mock.callWith(aborted.ask, { signal: controller.signal, attempt: 1 }, aborted.end);
      controller.abort(new Error('gone'));
      await clock.runAll();
      expect(aborted.writes()).toBe(0);
      expect(aborted.told).toEqual(['fail:gone']);
      const instant = brain({ latencyMs: 0 });
      const now = { ...countedAsk(first), ...ending() };
      instant.brain.callWith(now.ask, { signal: new AbortController().signal, attempt: 1 }, now.end);
      await instant.clock.runAll();
      expect(now.writes()).toBe(1);
      expect(now.told).toEqual([`answer:${JSON.stringify(mockDecision(first))}`]);
    });

    it('fails at once with the reason when aborted before, or when aborted while waiting, and never answers after', async () => {
      const { clock, brain: mock } = brain();
      const before = new AbortController();
      before.abort(new Error('before'));
      const early = ending();
      mock.callWith(decisionAsk(first), { signal: before.signal, attempt: 1 }, early.end);
      expect(early.told).toEqual(['fail:before']);
      const during = new AbortController();
      const late = ending();
      mock.callWith(decisionAsk(first), { signal: during.signal, attempt: 1 }, late.end);
      during.abort(new Error('during'));
      await clock.runAll();
      expect(late.told).toEqual(['fail:during']);
      expect(clock.pending).toBe(0);
    });
  });
});
