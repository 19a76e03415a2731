/**
 * Properties of the message schemas over arbitrary input (fast-check): parsing never throws, a
 * refusal always carries a message (what the page and the worker put in their notices), and
 * whatever is accepted has the shape the receiver relies on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tickFixture } from './protocol.fixture.ts';
import { commandSchema, workerMessageSchema } from './protocol.ts';

/** Anything `postMessage` can carry (structured-cloneable), including typed arrays. */
const anything = fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withBoxedValues: true });

const COMMAND_TYPES = ['configure', 'start', 'pause', 'step', 'reset', 'select', 'race', 'save', 'load', 'coordinator', 'nope'] as const;
const MESSAGE_TYPES = ['world', 'tick', 'config', 'ack', 'saved', 'checkpoint', 'race', 'notice', 'nope'] as const;

/** A message of a real type with a few fields of any value: reaches past the discriminator into each branch. */
function messageLike(types: readonly string[]) {
  const fields = fc.dictionary(fc.constantFrom('seq', 'worldId', 'code', 'level', 'message', 'patch', 'agentId', 'seed', 'save', 'error', 'status'), fc.oneof(fc.nat(), anything), { maxKeys: 6 });
  return fc.tuple(fc.constantFrom(...types), fields).map(([type, rest]) => ({ ...rest, type }));
}

/** A valid tick with one field replaced by anything. */
const tickWithOneBadField = fc
  .tuple(fc.constantFrom(...Object.keys(tickFixture())), anything)
  .map(([key, value]) => ({ ...tickFixture({ positions: new Uint16Array([1, 2]), states: new Uint8Array([0]) }), [key]: value }));

function expectRefusalSaysWhy(result: { success: boolean; error?: { issues: readonly { message: string }[] } }): void {
  if (!result.success) expect(result.error?.issues[0]?.message.length ?? 0).toBeGreaterThan(0);
}

describe('message schemas, on arbitrary input', () => {
  it('commandSchema never throws; what it accepts carries a whole, non-negative seq', () => {
    fc.assert(
      fc.property(fc.oneof(anything, messageLike(COMMAND_TYPES)), (value) => {
        const result = commandSchema.safeParse(value);
        expectRefusalSaysWhy(result);
        if (result.success) {
          expect(Number.isInteger(result.data.seq)).toBe(true);
          expect(result.data.seq).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('workerMessageSchema never throws, on anything and on ticks with one field spoilt', () => {
    fc.assert(
      fc.property(fc.oneof(anything, messageLike(MESSAGE_TYPES), tickWithOneBadField), (value) => {
        const result = workerMessageSchema.safeParse(value);
        expectRefusalSaysWhy(result);
        if (result.success && result.data.type === 'tick') {
          expect(result.data.positions).toBeInstanceOf(Uint16Array);
          expect(result.data.states).toBeInstanceOf(Uint8Array);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('well-formed commands are accepted as sent', () => {
    const seq = fc.nat();
    const command = fc.oneof(
      fc.record({ type: fc.constantFrom('start', 'pause', 'step', 'race'), seq }),
      fc.record({ type: fc.constant('select'), seq, agentId: fc.option(fc.nat(), { nil: null }) }),
      fc.record({ type: fc.constant('reset'), seq, seed: fc.integer({ min: 0, max: 2_147_483_647 }) }, { requiredKeys: ['type', 'seq'] }),
      // zod leaves a `__proto__` key out of a record (so it cannot reach an object's prototype);
      // the page names such a key itself (ui/sandboxApi.ts `patchEdges`), so it is not "as sent".
      fc.record({ type: fc.constant('configure'), seq, patch: fc.dictionary(fc.string().filter((k) => k !== '__proto__'), anything, { maxKeys: 4 }), apiKey: fc.string() }, { requiredKeys: ['type', 'seq', 'patch'] }),
    );
    fc.assert(
      fc.property(command, (sent) => {
        const result = commandSchema.safeParse(sent);
        expect(result.success).toBe(true);
        expect(result.data).toEqual(sent);
      }),
      { numRuns: 2_000 },
    );
  });
});
