import { describe, expect, expectTypeOf, it } from 'vitest';
import { mockDecision } from '../brain/mockPolicy.ts';
import { ManualClock } from '../clock/manualClock.ts';
import { DEFAULT_CONFIG } from '../protocol/config.ts';
import { readSave, type SaveFile, type SavedWorldData } from '../protocol/saveFile.ts';
import { requestFor } from '../sim/perception.ts';
import { step } from '../sim/step.ts';
import type { SavedWorld } from '../sim/serialize.ts';
import type { Agent, SimInput, WorldState } from '../sim/types.ts';
import { createWorld, defaultWorldConfig } from '../sim/world.ts';
import { Checkpoints, loadOf, saveOf, saveText } from './saveRun.ts';

/** A world whose agents have thought for a while, with full memories: the heaviest to save. */
function busyWorld(agents: number, ticks = 90): WorldState {
  let state = createWorld(defaultWorldConfig({ agents, seed: 2, align: true }));
  for (let t = 0; t < ticks; t++) {
    const inputs: SimInput[] = state.agents
      .filter((a) => a.state === 'queued')
      .map((a) => ({ type: 'decided', agentId: a.id, decision: mockDecision(requestFor(state, a.id)), source: 'mock' }));
    state = step(state, inputs).state;
  }
  return state;
}

const settingsFor = (world: WorldState) => ({ ...DEFAULT_CONFIG, agents: world.config.agents, seed: world.config.seed, thinkInterval: world.config.thinkIntervalTicks * 100 });

/** Mean ms per call of `fn` over `runs` runs, after one warm-up. */
function timed(runs: number, fn: () => unknown): number {
  fn();
  const started = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - started) / runs;
}

describe('the save file and the sim', () => {
  it('agree on every field and list (the protocol may not import the sim, so they are compared here)', () => {
    type SavedAgent = SavedWorldData['agents'][number];
    expectTypeOf<SavedAgent['goal']>().toEqualTypeOf<Agent['goal']>();
    expectTypeOf<SavedAgent['state']>().toEqualTypeOf<Agent['state']>();
    expectTypeOf<SavedAgent['source']>().toEqualTypeOf<Agent['source']>();
    expectTypeOf<SavedAgent['action']>().toEqualTypeOf<Agent['action']>();
    expectTypeOf<SavedAgent['heading']>().toEqualTypeOf<Agent['heading']>();
    expectTypeOf<SavedWorldData['pois'][number]['kind']>().toEqualTypeOf<SavedWorld['pois'][number]['kind']>();
    expectTypeOf<keyof SavedAgent>().toEqualTypeOf<keyof Agent>();
    expectTypeOf<keyof SavedWorldData['config']>().toEqualTypeOf<keyof WorldState['config']>();
    expectTypeOf<keyof SavedWorldData>().toEqualTypeOf<keyof SavedWorld>();
  });
});

describe('saveOf / loadOf', () => {
  it('a save of a real world reads back as the same world', () => {
    const world = busyWorld(50, 45);
    const save = saveOf(world, settingsFor(world), new Date(0));
    expect(readSave(JSON.stringify(save)).ok).toBe(true);
    const loaded = loadOf(JSON.parse(JSON.stringify(save)));
    expect(loaded.ok && loaded.world).toEqual(world);
  });

  it('a bad save gives its sentence and no world', () => {
    expect(loadOf('{"format":')).toEqual({ ok: false, error: expect.stringMatching(/^The file ends early/) as unknown });
  });
});

describe('Checkpoints', () => {
  it('runs while the run changes: posts every interval, stops when nothing is new, and on dispose', async () => {
    const clock = new ManualClock();
    const world = busyWorld(5, 3);
    let run: { world: WorldState; settings: typeof DEFAULT_CONFIG } | undefined;
    const posted: SaveFile[] = [];
    const checkpoints = new Checkpoints(clock, () => run, (parts) => {
      const read = readSave(parts.join(''));
      if (read.ok) posted.push(read.save);
    }, 1_000);
    checkpoints.touch();
    checkpoints.touch(); // one timer however often it is touched
    expect(clock.pending).toBe(1);
    await clock.advance(1_000);
    expect(posted).toHaveLength(0); // no world yet: nothing to save, and no timer left
    expect(clock.pending).toBe(0);
    run = { world, settings: settingsFor(world) };
    checkpoints.touch();
    await clock.advance(1_000);
    expect(posted.map((s) => s.world.tick)).toEqual([3]);
    run = { world: step(world, []).state, settings: run.settings };
    await clock.advance(1_000);
    expect(posted.map((s) => s.world.tick)).toEqual([3, 4]);
    await clock.advance(1_000); // nothing new: no post, and the timer stops
    expect(posted).toHaveLength(2);
    expect(clock.pending).toBe(0);
    run = { world, settings: { ...run.settings, rpm: 60 } };
    checkpoints.touch();
    checkpoints.dispose();
    await clock.advance(5_000);
    expect(posted).toHaveLength(2);
    expect(clock.pending).toBe(0);
  });
});

describe('saveText', () => {
  it('writes the same JSON as the save, a slice at a time', () => {
    const world = busyWorld(25, 45);
    const save = saveOf(world, settingsFor(world), new Date(0));
    const slices = saveText(save, 10);
    let turns = 0;
    let step = slices.next();
    for (; !step.done; step = slices.next()) turns++;
    expect(turns).toBe(2); // 10 + 10 + 5 agents: two pauses between three slices
    expect(JSON.parse(step.value.join(''))).toEqual(JSON.parse(JSON.stringify(save)));
    const whole = saveText(save).next();
    expect(whole.done && whole.value.join('')).toBe(JSON.stringify(save));
    // The parts load as they are, as a restarted worker is given them.
    const loaded = loadOf(step.value);
    expect(loaded.ok && loaded.world.agents).toHaveLength(25);
    expect(loadOf([]).ok).toBe(false);
  });
});

describe('checkpoint cost', () => {
  /**
   * What a checkpoint costs the worker's thread: `saveOf`, then the text a slice at a time
   * (ticks run between slices, so the longest slice is the stall), then postMessage's copy of
   * its parts. Measured beside a tick of the same world and beside cloning the save as
   * objects, which is what posting it as an object would cost (on both sides of the boundary).
   * The bounds are generous for a loaded CI machine; the log line says what it was.
   */
  it.each([1_000, 10_000])('%i agents: no slice of a checkpoint holds a tick up', (agents) => {
    const world = busyWorld(agents);
    expect(world.agents.every((a) => a.memories.length === world.config.memoryLimit)).toBe(true);
    const settings = settingsFor(world);
    const runs = agents === 1_000 ? 10 : 3;
    const saveMs = timed(runs, () => saveOf(world, settings));
    const save = saveOf(world, settings);
    // Each run's longest slice; the median of those, so one GC pause on a busy machine does not decide.
    const longest: number[] = [];
    let parts: readonly string[] = [];
    for (let run = 0; run <= runs; run++) {
      const slices = saveText(save);
      let runLongest = 0;
      for (;;) {
        const started = performance.now();
        const slice = slices.next();
        runLongest = Math.max(runLongest, performance.now() - started);
        if (slice.done) {
          parts = slice.value;
          break;
        }
      }
      if (run > 0) longest.push(runLongest);
    }
    const longestMs = longest.sort((a, b) => a - b)[Math.floor(longest.length / 2)] ?? NaN;
    const cloneMs = timed(runs, () => structuredClone(parts));
    const text = parts.join('');
    const objectsMs = timed(1, () => structuredClone(save));
    const tickMs = timed(runs, () => step(world, []));
    console.log(
      `checkpoint of ${agents} agents: saveOf ${saveMs.toFixed(2)} ms, longest slice ${longestMs.toFixed(2)} ms, posting the text ${cloneMs.toFixed(2)} ms ` +
        `(${(text.length / 1024).toFixed(0)} KB; as objects it would be ${objectsMs.toFixed(1)} ms); a tick ${tickMs.toFixed(2)} ms`,
    );
    // A tick at speed x4 is due every 25 ms: no part of a checkpoint may take that long.
    expect(saveMs + longestMs).toBeLessThan(25);
    expect(cloneMs).toBeLessThan(agents === 1_000 ? 10 : 50);
  });
});
