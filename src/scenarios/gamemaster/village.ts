/**
 * The village: its settings, places, NPCs (name, trade, temper, first disposition, drawn from the
 * seed), where each NPC stands in each part of the day, and who is within the player's reach.
 * Everything is drawn from the seed; nothing reads a clock or Math.random.
 */
import { hash32, uniformFrom } from '../../sim/rng.ts';
import { PERIODS, TEMPERS, type GameSettings, type GameState, type Npc, type Period, type Place } from './types.ts';

const SALT_NAMES = 0x6e616d65;
const SALT_TEMPER = 0x74656d70;
const SALT_DISPOSITION = 0x64697370;

export const MAX_NPCS = 50;

export const DEFAULT_SETTINGS: GameSettings = {
  npcs: 6,
  seed: 1,
  deadlineMs: 450,
  cache: true,
  cacheMax: 500,
  cacheTtlMs: 10 * 60_000,
  player: 'player-1',
  mode: 'parallel',
  background: true,
  prefetch: 4,
  askTimeoutMs: 3_000,
  reach: 3,
  maxReach: 6,
  periodTurns: 10,
};

/** The places, at fractions of the grid's side: the square in the middle, the trades around it. */
const PLACE_CATALOGUE: readonly (Omit<Place, 'x' | 'y'> & { fx: number; fy: number })[] = [
  { id: 'square', name: 'the square', fx: 0.5, fy: 0.5, wares: ['flowers'] },
  { id: 'well', name: 'the well', fx: 0.64, fy: 0.36, wares: ['water'] },
  { id: 'stall', name: 'the market stall', fx: 0.32, fy: 0.55, wares: ['bread', 'apples', 'cheese'] },
  { id: 'bakery', name: 'the bakery', fx: 0.32, fy: 0.27, wares: ['bread', 'pie'] },
  { id: 'inn', name: 'the inn', fx: 0.73, fy: 0.73, wares: ['ale', 'stew'] },
  { id: 'smithy', name: 'the smithy', fx: 0.82, fy: 0.27, wares: ['nails', 'horseshoe'] },
  { id: 'chapel', name: 'the chapel', fx: 0.5, fy: 0.09, wares: ['candle'] },
  { id: 'mill', name: 'the mill', fx: 0.09, fy: 0.82, wares: ['flour'] },
  { id: 'dock', name: 'the dock', fx: 0.91, fy: 0.91, wares: ['fish'] },
];

/** Trades in the order NPCs take them (so the first six are always baker, grocer, innkeeper, guard, smith, priest). */
export const TRADES: readonly { readonly trade: string; readonly home: string }[] = [
  { trade: 'baker', home: 'bakery' },
  { trade: 'grocer', home: 'stall' },
  { trade: 'innkeeper', home: 'inn' },
  { trade: 'guard', home: 'square' },
  { trade: 'smith', home: 'smithy' },
  { trade: 'priest', home: 'chapel' },
  { trade: 'miller', home: 'mill' },
  { trade: 'fisher', home: 'dock' },
  { trade: 'water carrier', home: 'well' },
  { trade: 'weaver', home: 'square' },
  { trade: 'herbalist', home: 'stall' },
  { trade: 'farmer', home: 'stall' },
];

const NAMES = ['Greta', 'Tomas', 'Ilse', 'Bram', 'Marta', 'Oskar', 'Wilma', 'Jonas', 'Hedda', 'Piet', 'Frida', 'Anton', 'Lotte', 'Emil', 'Rosa', 'Karl', 'Agnes', 'Hugo', 'Nell', 'Ruben', 'Sanne', 'Willem', 'Tilde', 'Jakob', 'Mina'];

/** Fills the defaults and checks every setting; throws a RangeError naming a bad one. */
export function resolveSettings(patch: Partial<GameSettings> = {}): GameSettings {
  const s = { ...DEFAULT_SETTINGS, ...patch };
  const check = (name: keyof GameSettings, ok: boolean): void => {
    if (!ok) throw new RangeError(`Game master ${name} is out of range: ${String(s[name])}`);
  };
  const whole = (value: number, min: number, max: number): boolean => Number.isInteger(value) && value >= min && value <= max;
  check('npcs', whole(s.npcs, 1, MAX_NPCS));
  check('seed', Number.isInteger(s.seed));
  check('deadlineMs', Number.isFinite(s.deadlineMs) && s.deadlineMs > 0);
  check('cacheMax', whole(s.cacheMax, 1, 1_000_000));
  check('cacheTtlMs', Number.isFinite(s.cacheTtlMs) && s.cacheTtlMs > 0);
  check('player', s.player.trim() !== '');
  check('prefetch', whole(s.prefetch, 0, 10));
  check('askTimeoutMs', Number.isFinite(s.askTimeoutMs) && s.askTimeoutMs > 0);
  check('reach', whole(s.reach, 0, 50));
  check('maxReach', whole(s.maxReach, 1, MAX_NPCS));
  check('periodTurns', whole(s.periodTurns, 1, 1_000));
  return s;
}

/** The grid's side: 12 cells for a small village, more so 50 NPCs still find room. */
export function gridSide(npcs: number): number {
  return Math.max(12, Math.ceil(Math.sqrt(npcs * 6)));
}

export function createPlaces(side: number): Place[] {
  return PLACE_CATALOGUE.map(({ fx, fy, ...place }) => ({ ...place, x: Math.round(fx * (side - 1)), y: Math.round(fy * (side - 1)) }));
}

export function createNpcs(settings: GameSettings): Npc[] {
  const names = [...NAMES].sort((a, b) => hash32(settings.seed, SALT_NAMES, NAMES.indexOf(a)) - hash32(settings.seed, SALT_NAMES, NAMES.indexOf(b)));
  return Array.from({ length: settings.npcs }, (_, id) => {
    const { trade, home } = TRADES[id % TRADES.length] ?? { trade: 'villager', home: 'square' };
    const round = Math.floor(id / names.length);
    const name = `${names[id % names.length] ?? 'Villager'}${round > 0 ? ` ${round + 1}` : ''}`;
    const temper = TEMPERS[hash32(settings.seed, id, SALT_TEMPER) % TEMPERS.length] ?? 'wary';
    const bias = temper === 'kind' || temper === 'cheerful' ? 0.15 : temper === 'gruff' || temper === 'proud' ? -0.15 : 0;
    const disposition = Math.round((uniformFrom(settings.seed, id, SALT_DISPOSITION) * 0.6 - 0.2 + bias) * 100) / 100;
    return { id, name, trade, temper, home, disposition, emote: 'neutral', memory: [] };
  });
}

/** The part of the day after `turn` turns. */
export function periodOf(turn: number, periodTurns: number): Period {
  return PERIODS[Math.floor(turn / periodTurns) % PERIODS.length] ?? 'morning';
}

export function placeOf(state: Pick<GameState, 'places'>, id: string | null): Place | undefined {
  return id === null ? undefined : state.places.find((place) => place.id === id);
}

/** Where an NPC's routine puts it: home, except the noon break on the square and the evening at the inn. */
export function routinePlace(npc: Npc, period: Period): string {
  if (npc.trade === 'guard' || npc.trade === 'innkeeper') return npc.home;
  if (period === 'noon' && npc.id % 4 === 3) return 'square';
  if (period === 'evening' && npc.id % 3 === 1) return 'inn';
  return npc.home;
}

/**
 * The cells around a place, nearest first (rings outward; within a ring, the nearest first, then
 * clockwise from east), as offsets from its cell: where its villagers look for a free cell to
 * stand on (`spots`). Enough rings that 50 villagers at one place find room, even in a corner.
 */
const SPOT_OFFSETS: readonly (readonly [number, number])[] = rings(8);

function rings(count: number): [number, number][] {
  const d2 = ([dx, dy]: readonly [number, number]): number => dx * dx + dy * dy;
  const angle = ([dx, dy]: readonly [number, number]): number => (Math.atan2(dy, dx) + 2 * Math.PI) % (2 * Math.PI);
  const offsets: [number, number][] = [];
  for (let r = 1; r <= count; r++) {
    const ring: [number, number][] = [];
    for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) if (Math.max(Math.abs(dx), Math.abs(dy)) === r) ring.push([dx, dy]);
    offsets.push(...ring.sort((a, b) => d2(a) - d2(b) || angle(a) - angle(b)));
  }
  return offsets;
}

/** How far a place's name reaches either side of its cell, in cells, in the row above it. */
const NAME_HALF_WIDTH = 2;

export interface Spot {
  readonly x: number;
  readonly y: number;
  readonly place: string;
}

/**
 * Every NPC's cell and place now. In id order, each takes the nearest free cell around its
 * routine's place (`SPOT_OFFSETS`): not a place, not another NPC's, and not in the row above a
 * place where the place's name is written (render/labelPlacement.ts tries there first), while
 * such a cell is left; so no villager hides another, a place or a name. The first three at a place
 * stand east, south and west of it.
 */
export function spots(state: Pick<GameState, 'npcs' | 'places' | 'turn' | 'settings' | 'grid'>): Spot[] {
  const period = periodOf(state.turn, state.settings.periodTurns);
  const { width, height } = state.grid;
  const inside = (x: number, y: number): boolean => x >= 0 && y >= 0 && x < width && y < height;
  const taken = new Set(state.places.map((p) => p.y * width + p.x));
  const named = new Set<number>();
  for (const p of state.places) {
    for (let dx = -NAME_HALF_WIDTH; dx <= NAME_HALF_WIDTH; dx++) if (inside(p.x + dx, p.y - 1)) named.add((p.y - 1) * width + p.x + dx);
  }
  return state.npcs.map((npc) => {
    const placeId = routinePlace(npc, period);
    const place = placeOf(state, placeId) ?? state.places[0];
    const px = place?.x ?? 0;
    const py = place?.y ?? 0;
    const free = (spareNames: boolean) => ([dx, dy]: readonly [number, number]): boolean => {
      const x = px + dx;
      const y = py + dy;
      return inside(x, y) && !taken.has(y * width + x) && !(spareNames && named.has(y * width + x));
    };
    const [dx, dy] = SPOT_OFFSETS.find(free(true)) ?? SPOT_OFFSETS.find(free(false)) ?? [0, 0];
    taken.add((py + dy) * width + px + dx);
    return { x: px + dx, y: py + dy, place: placeId };
  });
}

/** Grid distance: a diagonal step counts as one. */
export function distance(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y));
}

/** The NPCs within the player's reach, nearest first (then by id), at most `maxReach`. */
export function reachOf(state: GameState): number[] {
  const all = spots(state);
  const { player, settings } = state;
  return all
    .map((spot, id) => ({ id, d: distance(spot, player), here: player.place !== null && spot.place === player.place }))
    .filter((entry) => entry.here || entry.d <= settings.reach)
    .sort((a, b) => (a.here === b.here ? 0 : a.here ? -1 : 1) || a.d - b.d || a.id - b.id)
    .slice(0, settings.maxReach)
    .map((entry) => entry.id);
}
