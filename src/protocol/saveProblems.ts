/**
 * What is wrong with a bad save, in one sentence each: a file that is not JSON, one cut off,
 * a zod issue named by its path and value, and the checks zod cannot make alone (a position
 * against the grid it is on, two agents on one cell, settings that contradict the world).
 */
import type { z } from 'zod';
import { DEFAULT_CONFIG, TICK_MS, type SandboxConfig } from './config.ts';
import type { SaveFile, SavedWorldData } from './saveFile.ts';

export type JsonResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

/** The file's text as JSON, or why it is not: empty, cut off, or not JSON at all. */
export function parseText(text: string): JsonResult {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') return { ok: false, error: 'The file is empty, so it is not a Neon save.' };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    if ((body.startsWith('{') || body.startsWith('[')) && endsOpen(body)) {
      return { ok: false, error: `The file ends early: its JSON stops after ${body.length.toLocaleString('en-US')} characters with brackets still open, so it was cut off while being saved, downloaded or copied.` };
    }
    return { ok: false, error: `The file is not JSON, so it is not a Neon save (it begins ${describe(body.slice(0, 24))}).` };
  }
}

/**
 * Whether JSON text stops inside a string or with brackets open. Engines word their parse
 * errors differently (and not all give a position), so the text is read here instead.
 */
function endsOpen(text: string): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const char of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
  }
  return inString || depth > 0;
}

/** `['world', 'agents', 3, 'x']` → `world.agents[3].x`. */
export function pathName(path: readonly PropertyKey[]): string {
  let name = '';
  for (const key of path) name += typeof key === 'number' ? `[${key}]` : `${name === '' ? '' : '.'}${String(key)}`;
  return name;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A value as a sentence may quote it: short, and never more than a line. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** The first zod issue as a sentence: which field, what it holds, what it must be. */
export function issueSentence(issue: z.core.$ZodIssue | undefined, input: unknown): string {
  if (!issue) return 'This save could not be read.';
  const where = pathName(issue.path);
  const value = valueAt(input, issue.path);
  if (value === undefined) return `This save is missing ${where}.`;
  const rule = issue.message.startsWith('must') ? `but it ${issue.message}` : `which is not allowed (${issue.message})`;
  return `This save's ${where} is ${describe(value)}, ${rule}.`;
}

/** The settings that shape the world, and where each comes from in it. */
const WORLD_SETTINGS = {
  agents: (world: SavedWorldData) => world.config.agents,
  seed: (world: SavedWorldData) => world.config.seed,
  align: (world: SavedWorldData) => world.config.align,
  thinkInterval: (world: SavedWorldData) => world.config.thinkIntervalTicks * TICK_MS,
} as const;

/** Fills the settings a file left out: the world's own values for those that shape it, else the defaults. */
export function withWorldSettings(partial: { readonly [K in keyof SandboxConfig]?: SandboxConfig[K] | undefined }, world: SavedWorldData): SandboxConfig {
  const fromWorld = { agents: world.config.agents, seed: world.config.seed, align: world.config.align, thinkInterval: WORLD_SETTINGS.thinkInterval(world) };
  // A key given as undefined (possible from a script, never in JSON) counts as left out.
  const given = Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_CONFIG, ...fromWorld, ...given };
}

/** What the session would build for these settings; a save's world must agree, or the next change would surprise. */
function settingsProblem(save: SaveFile): string | null {
  const { settings, world } = save;
  for (const key of ['agents', 'seed', 'align'] as const) {
    const inWorld = WORLD_SETTINGS[key](world);
    if (settings[key] !== inWorld) return `This save's settings.${key} is ${describe(settings[key])} but its world.config.${key} is ${describe(inWorld)}; they must agree.`;
  }
  const ticks = Math.max(1, Math.round(settings.thinkInterval / TICK_MS));
  if (ticks !== world.config.thinkIntervalTicks) {
    return `This save's settings.thinkInterval is ${settings.thinkInterval} ms (${ticks} ticks) but its world.config.thinkIntervalTicks is ${world.config.thinkIntervalTicks}; they must agree.`;
  }
  return null;
}

/** The checks that relate one part of a save to another; null when it is sound. */
export function crossCheck(save: SaveFile): string | null {
  const { world } = save;
  const { width, height, agents: count, memoryLimit } = world.config;
  const grid = `the ${width}×${height} grid`;
  const outside = (where: string, value: number, size: number): string | null => (value < 0 || value >= size ? `This save's ${where} is ${value}, outside ${grid}.` : null);
  if (world.agents.length !== count) return `This save's world has ${world.agents.length} agents but its world.config.agents is ${count}; they must agree.`;
  const settings = settingsProblem(save);
  if (settings !== null) return settings;
  const walls = new Uint8Array(width * height);
  for (const [i, cell] of world.walls.entries()) {
    if (cell < 0 || cell >= walls.length) return `This save's world.walls[${i}] is ${cell}, outside ${grid} (cells 0 to ${walls.length - 1}).`;
    walls[cell] = 1;
  }
  for (const [i, poi] of world.pois.entries()) {
    const problem = outside(`world.pois[${i}].x`, poi.x, width) ?? outside(`world.pois[${i}].y`, poi.y, height);
    if (problem !== null) return problem;
  }
  const occupant = new Int32Array(width * height).fill(-1);
  for (const [i, agent] of world.agents.entries()) {
    const at = `world.agents[${i}]`;
    if (agent.id !== i) return `This save's ${at}.id is ${agent.id}; agents are listed in id order, so it must be ${i}.`;
    const problem = outside(`${at}.x`, agent.x, width) ?? outside(`${at}.y`, agent.y, height);
    if (problem !== null) return problem;
    const cell = agent.y * width + agent.x;
    if (walls[cell] === 1) return `This save's ${at} stands on a wall at (${agent.x}, ${agent.y}).`;
    const other = occupant[cell] ?? -1;
    if (other >= 0) return `This save's world.agents[${other}] and ${at} stand on the same cell (${agent.x}, ${agent.y}).`;
    occupant[cell] = i;
    if (agent.memories.length > memoryLimit) return `This save's ${at}.memories holds ${agent.memories.length}, more than world.config.memoryLimit (${memoryLimit}).`;
    const late = agent.memories.findIndex((m) => m.tick > world.tick);
    if (late >= 0) return `This save's ${at}.memories[${late}].tick is ${agent.memories[late]?.tick}, after the world's tick ${world.tick}.`;
  }
  return null;
}
