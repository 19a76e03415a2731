/**
 * The seeded pool the pairs are drawn from: a name, two values liked and one disliked, warmth and
 * assertiveness. The same seed and simulation id always give the same pair, whatever the number
 * of simulations, so a simulation can be replayed (or retried) alone.
 */
import { hash32, Rng } from '../../sim/rng.ts';
import { VALUES, type Persona, type Value } from './types.ts';

const NAMES = [
  'Ada', 'Ben', 'Cleo', 'Dev', 'Esme', 'Femi', 'Gus', 'Hana', 'Ivo', 'Juno', 'Kai', 'Lena', 'Milo', 'Nia', 'Omar', 'Pia',
  'Quinn', 'Rosa', 'Sami', 'Tess', 'Uma', 'Vik', 'Wren', 'Xan', 'Yara', 'Zed', 'Ari', 'Bea', 'Cy', 'Dara', 'Eli', 'Fay',
] as const;

const SALT_PAIR = 0x70616972;

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[rng.int(items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

/** One persona drawn from `rng`, named `name`. */
function personaFrom(rng: Rng, name: string): Persona {
  const values = [...VALUES];
  const take = (): Value => {
    const value = values.splice(rng.int(values.length), 1)[0];
    if (value === undefined) throw new RangeError('ran out of values');
    return value;
  };
  const likes: [Value, Value] = [take(), take()];
  return {
    name,
    likes,
    dislikes: take(),
    warmth: round2(0.15 + 0.8 * rng.next()),
    assertiveness: round2(0.1 + 0.8 * rng.next()),
    hue: rng.int(360),
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The pair of simulation `sim` under `seed`: two personas with different names. */
export function pairOf(seed: number, sim: number): readonly [Persona, Persona] {
  const rng = new Rng(hash32(seed, sim, SALT_PAIR));
  const first = pick(rng, NAMES);
  const second = pick(rng, NAMES.filter((name) => name !== first));
  return [personaFrom(rng, first), personaFrom(rng, second)];
}

/** "warm, yielding; likes art and humour, dislikes security": a persona in a few words. */
export function describePersona(persona: Persona): string {
  const warmth = persona.warmth >= 0.6 ? 'warm' : persona.warmth <= 0.35 ? 'reserved' : 'even-tempered';
  const will = persona.assertiveness >= 0.6 ? 'assertive' : persona.assertiveness <= 0.35 ? 'yielding' : 'steady';
  return `${warmth}, ${will}; likes ${persona.likes[0]} and ${persona.likes[1]}, dislikes ${persona.dislikes}`;
}
