import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './config.ts';
import { APP_VERSION, newSave, readSave, SAVE_VERSION, type SavedWorldData } from './saveFile.ts';

/** A small world written out by hand: 32×32, four agents, two walls, one POI. */
function world(): SavedWorldData {
  const agent = (id: number, x: number, y: number) => ({
    id, name: `A${id}`, traits: ['curious'], goal: 'explore' as const, x, y, needs: { hunger: 0.2, thirst: 0.3 },
    memories: [{ tick: 5, text: 'tick 5: hello' }], thought: 't', plan: 'p', action: 'E' as const, heading: 'E' as const,
    say: '', state: 'decided' as const, thinkTimer: 4, source: 'mock' as const, decisions: 1,
  });
  return {
    tick: 12,
    config: { seed: 1, width: 32, height: 32, agents: 4, thinkIntervalTicks: 30, align: true, perceptionRadius: 5, memoryLimit: 8 },
    walls: [40, 41],
    pois: [{ kind: 'water', name: 'North Well', x: 3, y: 3 }],
    agents: [agent(0, 0, 0), agent(1, 5, 5), agent(2, 6, 5), agent(3, 7, 5)],
  };
}

type Mutable<T> = T extends readonly (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
/** A save as plain JSON that a test may break anywhere. */
type Editable = Record<string, unknown> & { world: Mutable<SavedWorldData> & Record<string, unknown>; settings: Record<string, unknown> };

/** A good save as plain mutable JSON, for tests to break one field at a time. */
function good(): Editable {
  const settings = { ...DEFAULT_CONFIG, agents: 4, thinkInterval: 3_000 };
  return JSON.parse(JSON.stringify(newSave({ settings, world: world(), savedAt: new Date(0) }))) as Editable;
}

/** The sentence a broken save gets. */
function errorOf(value: unknown): string {
  const result = readSave(value);
  if (result.ok) throw new Error('expected a bad save');
  return result.error;
}

function mutate(change: (save: Editable) => void): Editable {
  const save = good();
  change(save);
  return save;
}

describe('newSave / readSave', () => {
  it('reads a good save as an object and as text, with the marker, versions and time', () => {
    for (const input of [good(), JSON.stringify(good()), `\uFEFF${JSON.stringify(good(), null, 2)}\n`]) {
      const result = readSave(input);
      expect(result.ok && result.save).toMatchObject({ format: 'neon-save', version: SAVE_VERSION, app: APP_VERSION, savedAt: '1970-01-01T00:00:00.000Z', scenario: null });
      expect(result.ok && result.save.world).toEqual(world());
    }
  });

  it('never carries a key: newSave copies only settings, readSave drops any other key', () => {
    const withKey = { ...DEFAULT_CONFIG, agents: 4, apiKey: 'secret' } as typeof DEFAULT_CONFIG;
    expect(JSON.stringify(newSave({ settings: withKey, world: world(), savedAt: new Date(0) }))).not.toContain('secret');
    const read = readSave(mutate((s) => (s.settings.apiKey = 'secret')));
    expect(read.ok).toBe(true);
    expect(JSON.stringify(read)).not.toContain('secret');
  });

  it('fills settings the file left out: the world for those that shape it, defaults for the rest', () => {
    const read = readSave(mutate((s) => (s.settings = { rpm: 60 })));
    expect(read.ok && read.save.settings).toEqual({ ...DEFAULT_CONFIG, rpm: 60, agents: 4, seed: 1, align: true, thinkInterval: 3_000 });
  });

  it('keeps the call log when the save has one', () => {
    const call = { id: 1, agentId: 0, batch: 'b', enqueuedAt: 0, startedAt: 1, attemptStarts: [1], endedAt: 9, callMs: 8, attempts: 1, outcome: 'success', source: 'mock', errorKind: null };
    const read = readSave(mutate((s) => (s.calls = [call])));
    expect(read.ok && read.save.calls).toEqual([call]);
    // Written before calls had their own time: the span stands in for it, as it did then.
    const older: Record<string, unknown> = { ...call, attemptStarts: [1, 5] };
    delete older.callMs;
    const old = readSave(mutate((s) => (s.calls = [older])));
    expect(old.ok && old.save.calls).toEqual([{ ...older, callMs: 8 }]);
    expect(errorOf(mutate((s) => (s.calls = [{ ...call, outcome: 'maybe' }])))).toMatch(/^This save's calls\[0\]\.outcome is 'maybe', which is not allowed/);
  });
});

describe('readSave: one sentence per kind of bad file', () => {
  it('not JSON, empty, or cut off', () => {
    expect(errorOf('hello, this is a letter')).toBe("The file is not JSON, so it is not a Neon save (it begins 'hello, this is a letter').");
    expect(errorOf('{"format": neon}')).toMatch(/^The file is not JSON/);
    expect(errorOf('  ')).toBe('The file is empty, so it is not a Neon save.');
    const text = JSON.stringify(good());
    for (const cut of [1, 50, 200, text.length - 1]) expect(errorOf(text.slice(0, cut))).toMatch(/^The file ends early: its JSON stops after [\d,]+ characters with brackets still open/);
    // Inside a string, with an escaped quote before the cut.
    expect(errorOf('{"format": "neon\\"-sa')).toMatch(/^The file ends early/);
  });

  it('not a save at all', () => {
    expect(errorOf([1, 2])).toBe('This is not a Neon save: it holds a list of 2 where a save holds an object marked "format": "neon-save".');
    expect(errorOf(null)).toMatch(/^This is not a Neon save: it holds null/);
    expect(errorOf('42')).toMatch(/^This is not a Neon save: it holds 42/);
    expect(errorOf({ tick: 3 })).toBe('This is not a Neon save: it has no "format": "neon-save" marker.');
    expect(errorOf({ exportedAt: 'x', config: {}, calls: [] })).toMatch(/^This is a Neon run export/);
    expect(errorOf({ format: 'neon-run' })).toBe("This file's format is 'neon-run', not 'neon-save', so it is not a Neon save.");
  });

  it('a version this release does not read, or one from a newer release', () => {
    expect(errorOf(mutate((s) => (s.version = 0)))).toBe("This save's version is 0, which no release of Neon writes; this release reads save version 1.");
    expect(errorOf(mutate((s) => (s.version = '1')))).toMatch(/^This save's version is '1', which no release/);
    expect(errorOf(mutate((s) => delete s.version))).toBe('This save has no version number; this release of Neon reads save version 1.');
    expect(errorOf(mutate((s) => Object.assign(s, { version: 2, app: '0.9.0' })))).toBe(
      `This save comes from a newer release (Neon '0.9.0', save version 2); this release (${APP_VERSION}) reads save version 1, so update Neon to open it.`,
    );
  });

  it('values out of range, named by their path', () => {
    const agent3 = (change: (a: Record<string, unknown>) => void) =>
      mutate((s) => {
        change(s.world.agents[3] as unknown as Record<string, unknown>);
      });
    expect(errorOf(agent3((a) => (a.x = -4)))).toBe("This save's world.agents[3].x is -4, outside the 32×32 grid.");
    expect(errorOf(agent3((a) => (a.y = 32)))).toBe("This save's world.agents[3].y is 32, outside the 32×32 grid.");
    expect(errorOf(agent3((a) => (a.needs = { hunger: 1.5, thirst: 0 })))).toBe("This save's world.agents[3].needs.hunger is 1.5, but it must be a number from 0 to 1.");
    expect(errorOf(agent3((a) => (a.state = 'asleep')))).toBe("This save's world.agents[3].state is 'asleep', but it must be one of idle, queued, thinking, decided, fellBack.");
    expect(errorOf(agent3((a) => delete a.goal))).toBe('This save is missing world.agents[3].goal.');
    expect(errorOf(agent3((a) => (a.x = 1.5)))).toBe("This save's world.agents[3].x is 1.5, but it must be a whole number.");
    expect(errorOf(agent3((a) => (a.id = 7)))).toBe("This save's world.agents[3].id is 7; agents are listed in id order, so it must be 3.");
  });

  it('parts of the world that contradict each other', () => {
    expect(errorOf(mutate((s) => (s.world.walls = [40, 1024])))).toBe("This save's world.walls[1] is 1024, outside the 32×32 grid (cells 0 to 1023).");
    expect(errorOf(mutate((s) => (s.world.agents[3] = { ...s.world.agents[3], x: 9, y: 1 } as never)))).toBe("This save's world.agents[3] stands on a wall at (9, 1).");
    expect(errorOf(mutate((s) => (s.world.agents[3] = { ...s.world.agents[3], x: 6 } as never)))).toBe("This save's world.agents[2] and world.agents[3] stand on the same cell (6, 5).");
    expect(errorOf(mutate((s) => (s.world.pois = [{ kind: 'food', name: 'M', x: 40, y: 0 }])))).toBe("This save's world.pois[0].x is 40, outside the 32×32 grid.");
    expect(errorOf(mutate((s) => (s.world.agents.length = 3)))).toBe("This save's world has 3 agents but its world.config.agents is 4; they must agree.");
    expect(errorOf(mutate((s) => (s.settings.agents = 5)))).toBe("This save's settings.agents is 5 but its world.config.agents is 4; they must agree.");
    expect(errorOf(mutate((s) => (s.settings.thinkInterval = 1_000)))).toMatch(/^This save's settings\.thinkInterval is 1000 ms \(10 ticks\) but its world\.config\.thinkIntervalTicks is 30/);
    expect(errorOf(mutate((s) => (s.world.config = { ...s.world.config, memoryLimit: 0 })))).toBe("This save's world.agents[0].memories holds 1, more than world.config.memoryLimit (0).");
    expect(errorOf(mutate((s) => (s.world.tick = 2)))).toBe("This save's world.agents[0].memories[0].tick is 5, after the world's tick 2.");
  });

  it('bad settings and a scenario this release cannot run', () => {
    expect(errorOf(mutate((s) => (s.settings.rpm = 0)))).toBe("This save's settings.rpm is 0, but it must be a whole number from 1 to 1000000.");
    expect(errorOf(mutate((s) => (s.scenario = { name: 'debate' })))).toBe("This save's scenario is an object, but it must be null: this release has no scenarios.");
  });
});
