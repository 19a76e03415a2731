/**
 * Save, load and checkpoints through a whole Session in fake time: what the page sees of them,
 * and the promise that a loaded save runs on exactly as the saved run did.
 */
import { describe, expect, it } from 'vitest';
import type { Brain } from '../brain/brain.ts';
import { ManualClock } from '../clock/manualClock.ts';
import type { CommandBody, WorkerMessage } from '../protocol/protocol.ts';
import { readSave, type SaveFile } from '../protocol/saveFile.ts';
import { Session } from './session.ts';

/** A session on a fake clock that keeps every message it posts (as in session.test.ts). */
function harness(makeGemini?: () => Brain) {
  const clock = new ManualClock();
  const messages: WorkerMessage[] = [];
  const session = new Session({ clock, post: (message) => messages.push(message), today: () => '2026-11-25', ...(makeGemini ? { makeGemini } : {}) });
  let seq = 0;
  const send = (command: CommandBody): number => {
    session.handle({ ...command, seq: ++seq });
    return seq;
  };
  /** Asks for a save and returns it, checked as a file would be. */
  const save = (): SaveFile => {
    const asked = send({ type: 'save' });
    const saved = messages.find((m) => m.type === 'saved' && m.seq === asked);
    const read = readSave(saved?.type === 'saved' ? saved.save : undefined);
    if (!read.ok) throw new Error(read.error);
    return read.save;
  };
  const since = (index: number): WorkerMessage[] => messages.slice(index);
  return { clock, messages, session, send, save, since };
}

/** Settings whose runs can be replayed: the mock, no failures, a budget that never binds. */
const REPLAYABLE = { agents: 20, seed: 7, thinkInterval: 1_000, latency: 300, jitter: 80, rpm: 100_000 };

const waiting = (save: SaveFile): number => save.world.agents.filter((a) => a.state === 'queued' || a.state === 'thinking').length;

describe('Session: save and load', () => {
  it('answers save with the run as a save file, then the ack; never with the key', () => {
    const live: Brain = { source: 'gemini', call: () => new Promise(() => undefined), decide: () => new Promise(() => undefined) };
    const h = harness(() => live);
    h.send({ type: 'configure', patch: { agents: 3, brain: 'gemini' }, apiKey: 'k-secret-123' });
    const from = h.messages.length;
    const save = h.save();
    expect(h.since(from).map((m) => m.type)).toEqual(['saved', 'ack']);
    expect(save).toMatchObject({ format: 'neon-save', version: 1, scenario: null, settings: { agents: 3, brain: 'gemini' } });
    expect(save.world.agents).toHaveLength(3);
    expect(JSON.stringify(h.messages)).not.toContain('k-secret-123');
  });

  it('a bad file leaves the run as it was, and the ack says why in one sentence', async () => {
    const h = harness();
    h.send({ type: 'configure', patch: { agents: 5 } });
    h.send({ type: 'start' });
    await h.clock.advance(1_500);
    h.send({ type: 'pause' });
    const before = h.save();
    const from = h.messages.length;
    for (const bad of ['not json', '{"format": "neon-save", "version": 1, "wor', { format: 'neon-save', version: 9 }, { ...before, world: { ...before.world, tick: -1 } }]) {
      h.send({ type: 'load', save: bad });
    }
    const answers = h.since(from);
    expect(answers.map((m) => m.type)).toEqual(['ack', 'ack', 'ack', 'ack']);
    expect(answers.map((m) => (m.type === 'ack' ? m.error : undefined))).toEqual([
      expect.stringMatching(/^The file is not JSON/),
      expect.stringMatching(/^The file ends early/),
      expect.stringMatching(/^This save comes from a newer release/),
      "This save's world.tick is -1, but it must be a whole number from 0 to 9007199254740991.",
    ]);
    expect({ ...h.save(), savedAt: '' }).toEqual({ ...before, savedAt: '' });
    // Still the same world, and still paused.
    await h.clock.advance(1_000);
    expect(h.save().world.tick).toBe(before.world.tick);
  });

  it('a good file replaces the world (a new worldId), applies its settings, keeps the key, and keeps running', async () => {
    const donor = harness();
    donor.send({ type: 'configure', patch: { agents: 6, seed: 3, latency: 200, speed: 2 } });
    donor.send({ type: 'start' });
    await donor.clock.advance(2_000);
    const save = donor.save();

    const h = harness(() => ({ source: 'gemini', call: () => new Promise(() => undefined), decide: () => new Promise(() => undefined) }));
    h.send({ type: 'configure', patch: { agents: 4, rpm: 50 }, apiKey: 'k' });
    h.send({ type: 'start' });
    await h.clock.advance(500);
    const from = h.messages.length;
    h.send({ type: 'load', save: JSON.stringify(save) });
    const after = h.since(from);
    expect(after.map((m) => m.type)).toEqual(['world', 'tick', 'config', 'ack']);
    expect(after[0]).toMatchObject({ type: 'world', worldId: 2 });
    expect(after[0]?.type === 'world' && after[0].agents.map((a) => a.name)).toEqual(save.world.agents.map((a) => a.name));
    expect(after[1]).toMatchObject({ type: 'tick', worldId: 2, tick: save.world.tick, running: true, tickMs: 50 });
    expect(after[2]).toMatchObject({ type: 'config', seq: null, config: { agents: 6, seed: 3, latency: 200, rpm: 600, speed: 2 }, hasKey: true });
    expect(after[3]).toEqual({ type: 'ack', seq: expect.any(Number) as unknown });
    await h.clock.advance(1_000);
    expect(h.save().world.tick).toBe(save.world.tick + 20);
  });

  it('agents that waited for an answer at save time ask again after a load, and none is left waiting', async () => {
    const a = harness();
    a.send({ type: 'configure', patch: { ...REPLAYABLE, align: true } });
    a.send({ type: 'start' });
    // The round starts at tick 10; at tick 12 every call is still out (300 ± 80 ms).
    await a.clock.advance(1_200);
    const save = a.save();
    expect(waiting(save)).toBe(20);
    const runs = [harness(), harness()].map(async (b) => {
      b.send({ type: 'load', save });
      b.send({ type: 'step' });
      expect(waiting(b.save())).toBe(20); // asked again on the first tick
      b.send({ type: 'start' });
      await b.clock.advance(600);
      return b.save().world;
    });
    const [one, two] = await Promise.all(runs);
    expect(one?.agents.every((x) => x.decisions === 1 && x.state === 'decided')).toBe(true);
    // Loading one save twice gives one run: the re-asked agents are part of the saved state.
    expect(two).toEqual(one);
  });
});

describe('Session: a loaded save runs on as the saved run did', () => {
  /**
   * The claim holds when nothing that is not saved can change the run: the brain is the mock
   * (its latency and answers are seeded by agent and tick, not by call order); failureRate is
   * 0 (a retry's backoff is drawn from Math.random); the budget and concurrency never hold a
   * call back (the scheduler's slots are not saved); and no agent waits for an answer at save
   * time. An agent that does is asked again after a load (see the test above), so that run
   * differs from the saved one by when that answer lands; with align=1 every round ends in
   * quiet ticks to save on. Times need not match: the clock's phase at load is not saved,
   * and does not need to be, because every latency counts from the tick that sent the call.
   */
  // Staggered timers leave fewer quiet ticks, so they think less often here.
  it.each([
    ['aligned', true, 1_000],
    ['staggered', false, 4_000],
  ])('%s timers: save, run 300 ticks on; load, run 300 ticks; the same world', async (_name, align, thinkInterval) => {
    const a = harness();
    a.send({ type: 'configure', patch: { ...REPLAYABLE, align, thinkInterval } });
    expect(a.save().world.config.align).toBe(align);
    a.send({ type: 'start' });
    await a.clock.advance(2.5 * thinkInterval);
    let save = a.save();
    for (let i = 0; i < 300 && waiting(save) > 0; i++) {
      await a.clock.advance(100);
      save = a.save();
    }
    expect(waiting(save)).toBe(0);
    expect(save.world.agents.every((x) => x.decisions >= 2)).toBe(true);
    await a.clock.advance(300 * 100);
    const ranOn = a.save().world;

    const b = harness();
    b.send({ type: 'load', save: JSON.stringify(save) }); // through a file's text
    b.send({ type: 'start' });
    await b.clock.advance(300 * 100);
    const loaded = b.save().world;

    expect(loaded.tick).toBe(save.world.tick + 300);
    expect(loaded.agents.map((x) => [x.x, x.y])).toEqual(ranOn.agents.map((x) => [x.x, x.y]));
    expect(loaded.agents.map((x) => x.memories)).toEqual(ranOn.agents.map((x) => x.memories));
    expect(loaded).toEqual(ranOn);
    // And the run did move on: decisions were made and agents walked.
    expect(loaded.agents.reduce((n, x) => n + x.decisions, 0)).toBeGreaterThan(save.world.agents.reduce((n, x) => n + x.decisions, 0) + 100);
  });
});

describe('Session: checkpoints', () => {
  it('posts one every 5 s of its clock while the run changes, and keeps no timer when nothing does', async () => {
    const h = harness();
    await h.clock.advance(12_000);
    const checkpoints = () => h.messages.filter((m) => m.type === 'checkpoint');
    expect(checkpoints()).toHaveLength(0); // no world yet
    expect(h.clock.pending).toBe(0);
    h.send({ type: 'configure', patch: { agents: 8 } });
    h.send({ type: 'start' });
    await h.clock.advance(10_000); // due at 17 s and 22 s, counted from the first change
    expect(checkpoints()).toHaveLength(2);
    const last = checkpoints().at(-1);
    // JSON text in parts (saveRun.ts `saveText`), which load joins
    const parts = last?.type === 'checkpoint' ? last.save : undefined;
    expect(Array.isArray(parts) && parts.every((part) => typeof part === 'string')).toBe(true);
    const read = readSave(Array.isArray(parts) ? parts.join('') : undefined);
    // At 22 s the checkpoint's timer (set at 17 s) fires before that moment's tick (set at 21.9 s).
    expect(read.ok && read.save.world.tick).toBe(99);
    h.send({ type: 'pause' });
    await h.clock.advance(10_000);
    expect(checkpoints()).toHaveLength(3); // the paused world once, then nothing new
    expect(h.clock.pending).toBe(0);
    h.send({ type: 'configure', patch: { rpm: 60 } });
    await h.clock.advance(5_000);
    expect(checkpoints()).toHaveLength(4);
    const settings = checkpoints().at(-1);
    expect(settings?.type === 'checkpoint' && Array.isArray(settings.save) && readSave(settings.save.join(''))).toMatchObject({ ok: true, save: { settings: { rpm: 60 } } });
    h.send({ type: 'start' });
    h.session.dispose();
    await h.clock.advance(20_000);
    expect(checkpoints()).toHaveLength(4);
  });
});
