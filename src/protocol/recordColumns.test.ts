/**
 * The columns codec must be lossless through a real structured clone (what postMessage does),
 * leave alone what it cannot pack, and never turn a malformed packed list into records: the page
 * then refuses it as zod would any other wrong value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tickFixture } from './protocol.fixture.ts';
import { packTick, workerMessageSchema } from './protocol.ts';
import { packRecords, unpackRecords, type PackedRecords } from './recordColumns.ts';

const KEYS = ['a', 'b', 'c'];
/** Values a field may hold: numbers of every kind, number lists, and anything JSON-like. */
const value = fc.oneof(fc.double(), fc.integer(), fc.constant(-0), fc.array(fc.double(), { maxLength: 3 }), fc.jsonValue(), fc.constant(null));
/**
 * Records of exactly KEYS, where each field is sometimes of one kind throughout (a column of
 * numbers or lists, or of a few strings and nulls: a dictionary) and sometimes mixed.
 */
const columnOf = fc.oneof(
  fc.constant<fc.Arbitrary<unknown>>(fc.double()),
  fc.constant<fc.Arbitrary<unknown>>(fc.array(fc.double(), { maxLength: 3 })),
  fc.constant<fc.Arbitrary<unknown>>(fc.constantFrom('a', 'b', '', null, '__proto__')),
  fc.constant<fc.Arbitrary<unknown>>(value),
);
const records = fc
  .tuple(columnOf, columnOf, columnOf)
  .chain(([a, b, c]) => fc.array(fc.record({ a, b, c }, { noNullPrototype: true }), { maxLength: 40, size: 'medium' }));

/** What the page receives: the packed list after a structured clone that transfers its buffers. */
function send(list: readonly unknown[]): unknown {
  const transfer: Transferable[] = [];
  const packed = packRecords(list, KEYS, transfer);
  return structuredClone(packed, { transfer });
}

describe('recordColumns: a list of records as columns', () => {
  it('gives back records equal to the ones packed, through a structured clone', () => {
    fc.assert(
      fc.property(records, (list) => {
        expect(unpackRecords(send(list))).toEqual(list);
      }),
      { numRuns: 500 },
    );
  });

  it('packs numbers and number lists into transferred buffers, other fields as they are', () => {
    const transfer: Transferable[] = [];
    const packed = packRecords([{ a: 1, b: [2, 3], c: 'x' }, { a: -0, b: [], c: null }], KEYS, transfer);
    expect(packed).toMatchObject({ packedRecords: 1, length: 2, keys: KEYS, columns: [{ kind: 'number' }, { kind: 'numbers' }, { kind: 'value', values: ['x', null] }] });
    expect(transfer).toHaveLength(3);
    expect(Object.is((unpackRecords(packed) as { a: number }[])[1]?.a, -0)).toBe(true);
  });

  it('sends a field of few distinct strings as a dictionary, and a field of mostly distinct ones as it is', () => {
    const list = Array.from({ length: 12 }, (_, i) => ({ a: i, b: i % 3 === 0 ? null : `kind ${i % 2}`, c: `thought ${i}` }));
    const transfer: Transferable[] = [];
    const packed = packRecords(list, KEYS, transfer);
    expect(packed).toMatchObject({ columns: [{ kind: 'number' }, { kind: 'dictionary', dictionary: [null, 'kind 1', 'kind 0'] }, { kind: 'value' }] });
    expect(transfer).toHaveLength(2);
    expect(unpackRecords(structuredClone(packed, { transfer }))).toEqual(list);
    // Three records are too few to gain from a dictionary.
    expect(packRecords(list.slice(0, 3), KEYS, [])).toMatchObject({ columns: [{ kind: 'number' }, { kind: 'value' }, { kind: 'value' }] });
  });

  it('judges a field of distinct texts plain within its first few dozen records, not a quarter of the way through', () => {
    let reads = 0;
    const list = Array.from({ length: 1_000 }, (_, i) => {
      const record = { a: i, b: null as string | null };
      Object.defineProperty(record, 'c', {
        enumerable: true,
        get: () => {
          reads++;
          return `thought ${i}`;
        },
      });
      return record;
    });
    const packed = packRecords(list, KEYS, []);
    expect(packed).toMatchObject({ columns: [{ kind: 'number' }, { kind: 'dictionary' }, { kind: 'value' }] });
    // Each record read once for its plain column, and the few read while judging it.
    expect(reads - list.length).toBeLessThan(40);
  });

  it('leaves a list alone when a record has other keys than asked, or is not a plain record', () => {
    const cases: unknown[][] = [[], [{ a: 1, b: 2 }], [{ a: 1, b: 2, c: 3, d: 4 }], [null], [[1, 2, 3]], [Object.assign(Object.create(null) as object, { a: 1, b: 2, c: 3 })]];
    for (const list of cases) expect(packRecords(list, KEYS, [])).toBe(list);
  });

  it('keeps a sparse or decorated number list as a value (it would not survive as numbers)', () => {
    const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays -- the hole is the point
    const decorated = Object.assign([1, 2], { extra: true });
    for (const odd of [sparse, decorated]) {
      const packed = packRecords([{ a: 0, b: odd, c: 0 }], KEYS, []);
      expect(packed).toMatchObject({ columns: [{ kind: 'number' }, { kind: 'value' }, { kind: 'number' }] });
    }
  });

  it('hands on anything that is not a well-formed packed list unchanged', () => {
    const good = packRecords([{ a: 1, b: [1], c: 'x' }], KEYS, []) as PackedRecords;
    const broken: unknown[] = [
      { ...good, length: 2 },
      { ...good, keys: ['a', 'b'] },
      { ...good, columns: [{ kind: 'number', values: [1] }, { kind: 'numbers', values: new Float64Array(1), ends: new Uint32Array([1]) }, { kind: 'value', values: ['x'] }] },
      { ...good, columns: [{ kind: 'number', values: new Float64Array(1) }, { kind: 'numbers', values: new Float64Array(1), ends: new Uint32Array([2]) }, { kind: 'value', values: ['x'] }] },
      { ...good, columns: [{ kind: 'other', values: [1] }, { kind: 'value', values: [1] }, { kind: 'value', values: ['x'] }] },
      { ...good, columns: [{ kind: 'number', values: new Float64Array(1) }, { kind: 'value', values: [1] }, { kind: 'dictionary', dictionary: ['x'], indices: new Uint16Array([1]) }] },
      { ...good, columns: [{ kind: 'number', values: new Float64Array(1) }, { kind: 'value', values: [1] }, { kind: 'dictionary', dictionary: ['x'], indices: new Uint16Array(2) }] },
      { ...good, columns: [{ kind: 'number', values: new Float64Array(1) }, { kind: 'value', values: [1] }, { kind: 'dictionary', dictionary: ['x'], indices: [0] }] },
      { ...good, packedRecords: 2 },
      'text',
      null,
    ];
    for (const value of broken) expect(unpackRecords(value)).toBe(value);
  });
});

describe('packTick: the tick as the worker posts it', () => {
  const start = { id: 7, agentId: 3, batch: 'b1', enqueuedAt: 10, startedAt: 11, attempt: 1 };
  const call = { id: 7, agentId: 3, batch: null, enqueuedAt: 10, startedAt: null, attemptStarts: [11, 900.5], endedAt: 1_000, callMs: 600.5, attempts: 2, outcome: 'fallback' as const, source: 'fallback', errorKind: 'timeout' as const };
  const update = { id: 3, thought: 't', plan: 'p', action: 'N' as const, say: '', source: 'mock' as const, decisions: 2, latencyMs: null, attempts: 2, error: { kind: 'timeout' as const, message: 'slow' } };

  it('reads back, through a structured clone, as the same message the plain tick parses to', () => {
    const tick = tickFixture({ started: [start], calls: [call], updates: [update] });
    const transfer: Transferable[] = [];
    const wire = structuredClone(packTick(tick, transfer), { transfer });
    expect(transfer.length).toBeGreaterThan(0);
    expect(wire).toMatchObject({ started: { packedRecords: 1 }, calls: { packedRecords: 1 }, updates: { packedRecords: 1 } });
    const plain = workerMessageSchema.parse(tickFixture({ started: [start], calls: [call], updates: [update] }));
    expect(workerMessageSchema.parse(wire)).toEqual(plain);
  });

  it('is still refused, naming the field, when a packed record breaks the schema', () => {
    const tick = tickFixture({ calls: [{ ...call, outcome: 'maybe' as 'success' }] });
    const parsed = workerMessageSchema.safeParse(structuredClone(packTick(tick, [])));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['calls', 0, 'outcome']);
  });
});
