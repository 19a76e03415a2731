/**
 * Who is in the community and where: topics, personas with their traits and seeded grid cells,
 * first beliefs, and the short walk each persona takes between epochs (so the nearest neighbour
 * it chats with changes). Everything is drawn from the seed; nothing reads a clock or Math.random.
 */
import { rngFor, uniformFrom, type Rng } from '../../sim/rng.ts';
import type { CommunitySettings, Persona, Topic } from './types.ts';

const SALT_NAMES = 0x6e616d65;
const SALT_TRAITS = 0x74726169;
const SALT_CELLS = 0x63656c6c;
const SALT_BELIEF = 0x62656c69;
const SALT_WALK = 0x77616c6b;

export const MAX_AGENTS = 1_000;

/**
 * The thresholds openness maps onto: 0 → EPSILON_MIN, 1 → EPSILON_MAX. Beliefs span 2, so a
 * threshold of 2 is reached by every view, even the debater at the far end; the most closed
 * persona is still moved by views within 0.2 of its own (so closed minds form small camps
 * instead of staying where they started).
 */
export const EPSILON_MIN = 0.2;
export const EPSILON_MAX = 2;
/** How far one persona's openness may sit from the population's mean (± half of it). */
const OPENNESS_SPREAD = 0.2;

/**
 * Three documented settings of `openness` and what emerges from them within a few epochs (tested
 * in regimes.test.ts): open minds (thresholds about 1.8) hear both debaters and agree in one
 * camp; medium ones (about 1) hear only the debater on their own side and split into two camps;
 * closed ones (0.2 to 0.4) listen only to their near neighbours in opinion and stay in many
 * small camps.
 */
export const OPENNESS_PRESETS = { consensus: 0.9, polarisation: 0.45, fragmentation: 0 } as const;

export const DEFAULT_SETTINGS: CommunitySettings = {
  agents: 24,
  topics: 3,
  epochs: 2,
  seed: 1,
  concurrency: 20,
  openness: OPENNESS_PRESETS.polarisation,
  convergence: 0.5,
  feedSize: 3,
};

export const TOPIC_CATALOGUE: readonly Omit<Topic, 'id' | 'key'>[] = [
  { statement: 'The town should build a tram line downtown.', options: ['build the tram', 'keep the buses'] },
  { statement: 'Shops should close on Sundays.', options: ['close on Sundays', 'open on Sundays'] },
  { statement: 'The central park should be car-free.', options: ['car-free park', 'cars in the park'] },
  { statement: 'The library should stay open all night.', options: ['library all night', 'library closes at 9'] },
  { statement: 'School should start an hour later.', options: ['school starts later', 'school starts as now'] },
  { statement: 'The old airfield should become a forest.', options: ['plant the forest', 'build houses there'] },
  { statement: 'Street musicians should need a permit.', options: ['permits for buskers', 'free busking'] },
  { statement: 'Town staff should work a four-day week.', options: ['four-day week', 'five-day week'] },
];

const FIRST = ['Ada', 'Bo', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kai', 'Lea', 'Milo', 'Nia', 'Oto', 'Pia', 'Quin', 'Rae', 'Sol', 'Tess', 'Uma', 'Vik', 'Wren', 'Xia', 'Yan', 'Zoe', 'Ari', 'Bea', 'Cy', 'Dina', 'Emre', 'Flo', 'Gia', 'Hugo', 'Iris', 'Jo', 'Kira', 'Lio', 'Mara', 'Noor'];
const LAST = ['Abe', 'Berg', 'Cruz', 'Diaz', 'Eng', 'Fox', 'Gray', 'Holm', 'Ito', 'Jain', 'Kim', 'Lund', 'Moss', 'Nash', 'Ortiz', 'Park', 'Quist', 'Rossi', 'Sato', 'Tan', 'Ueda', 'Voss', 'Wolf', 'Yu', 'Zane'];
const TEMPERS = ['blunt', 'curious', 'warm', 'wry', 'earnest', 'sceptical', 'cheerful', 'careful'];
const INTERESTS = ['cycling', 'gardening', 'local history', 'jazz', 'football', 'cooking', 'chess', 'birds'];

/** Fills the defaults and checks every setting; throws a RangeError naming a bad one. */
export function resolveSettings(patch: Partial<CommunitySettings> = {}): CommunitySettings {
  const s = { ...DEFAULT_SETTINGS, ...patch };
  const check = (name: keyof CommunitySettings, ok: boolean): void => {
    if (!ok) throw new RangeError(`Community ${name} is out of range: ${s[name]}`);
  };
  const whole = (value: number, min: number, max: number): boolean => Number.isInteger(value) && value >= min && value <= max;
  check('agents', whole(s.agents, 1, MAX_AGENTS));
  check('topics', whole(s.topics, 1, TOPIC_CATALOGUE.length));
  check('epochs', whole(s.epochs, 1, 100));
  check('seed', Number.isInteger(s.seed));
  check('concurrency', whole(s.concurrency, 1, Number.MAX_SAFE_INTEGER) || s.concurrency === Infinity);
  check('openness', s.openness >= 0 && s.openness <= 1);
  check('convergence', s.convergence >= 0 && s.convergence <= 1);
  check('feedSize', whole(s.feedSize, 1, 20));
  return s;
}

/** The first `count` topics of the catalogue. */
export function createTopics(count: number): Topic[] {
  return TOPIC_CATALOGUE.slice(0, count).map((topic, id) => ({ id, key: `t${id}`, ...topic }));
}

/** A persona's bounded-confidence threshold from its openness. */
export function thresholdOf(openness: number): number {
  return EPSILON_MIN + openness * (EPSILON_MAX - EPSILON_MIN);
}

/** The grid's side: about three cells per persona, so neighbours are near but not stacked. */
export function gridSide(agents: number): number {
  return Math.max(4, Math.ceil(Math.sqrt(agents * 3)));
}

/** The personas: unique names, traits, thresholds and distinct seeded cells. */
export function createPersonas(settings: CommunitySettings): Persona[] {
  const side = gridSide(settings.agents);
  const cells = shuffled(side * side, rngFor(settings.seed, SALT_CELLS));
  const names = shuffled(FIRST.length * LAST.length, rngFor(settings.seed, SALT_NAMES));
  return Array.from({ length: settings.agents }, (_, id) => {
    const rng = rngFor(settings.seed, id, SALT_TRAITS);
    const openness = clamp(settings.openness + (rng.next() - 0.5) * OPENNESS_SPREAD, 0, 1);
    const name = names[id] ?? id;
    const cell = cells[id] ?? id;
    return {
      id,
      name: `${FIRST[name % FIRST.length] ?? 'Ada'} ${LAST[Math.floor(name / FIRST.length) % LAST.length] ?? 'Abe'}`,
      traits: { openness, temper: rng.pick(TEMPERS), interest: rng.pick(INTERESTS) },
      threshold: thresholdOf(openness),
      x: cell % side,
      y: Math.floor(cell / side),
    };
  });
}

/** Every persona's first beliefs, uniform in [−1, 1]. */
export function initialBeliefs(settings: CommunitySettings): number[][] {
  return Array.from({ length: settings.agents }, (_, id) =>
    Array.from({ length: settings.topics }, (_, topic) => uniformFrom(settings.seed, id, topic, SALT_BELIEF) * 2 - 1),
  );
}

/**
 * Each persona steps up to two cells in a seeded direction, in id order, onto a free cell (or
 * stays): a small stir, so the nearest neighbour it chats with is not the same every epoch.
 */
export function walk(personas: readonly Persona[], side: number, seed: number, epoch: number): Persona[] {
  const taken = new Set(personas.map((p) => p.y * side + p.x));
  return personas.map((p) => {
    const rng = rngFor(seed, p.id, epoch, SALT_WALK);
    const x = clamp(p.x + rng.range(-2, 2), 0, side - 1);
    const y = clamp(p.y + rng.range(-2, 2), 0, side - 1);
    if (taken.has(y * side + x)) return p;
    taken.delete(p.y * side + p.x);
    taken.add(y * side + x);
    return { ...p, x, y };
  });
}

function shuffled(count: number, rng: Rng): number[] {
  const items = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const a = items[i] ?? 0;
    items[i] = items[j] ?? 0;
    items[j] = a;
  }
  return items;
}

/** `value` held within [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
