/**
 * Properties of the settings rules over arbitrary input (fast-check): nothing throws, and every
 * key comes out either as a value its own rule accepts or as a sentence that names it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, CONFIG_KEYS, checkPatch, configFromQuery, DEFAULT_CONFIG, queryFromConfig, type ConfigPatch, type ConfigProblem } from './config.ts';

/** Text a person or a link might put in a setting: numbers in many notations, words, junk. */
const settingText = fc.oneof(
  fc.string(),
  fc.double().map(String),
  fc.integer().map(String),
  fc.constantFrom('', ' ', '0x10', '1e3', '1_0', '.5', '-0', 'NaN', 'Infinity', 'true', '1', '0', 'parallel', 'gemini', 'https://x.test', 'gemini-2.5-pro', ' 42 '),
);

/** Any value `configure` can carry across to the worker (structured-cloneable). */
const settingValue = fc.oneof(
  settingText,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constantFrom(null, undefined, 0, -1, 1e308, Number.MAX_SAFE_INTEGER),
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withBoxedValues: true }),
);

const settingKey = fc.oneof(fc.constantFrom(...CONFIG_KEYS), fc.constantFrom('apiKey', '__proto__', 'constructor', 'toString', 'Agents'), fc.string());

/** Every key of the input is either kept with a value its rule accepts as is, or named in a problem. */
function expectAccounted(input: Readonly<Record<string, unknown>>, patch: ConfigPatch, problems: readonly ConfigProblem[]): void {
  for (const [key, value] of Object.entries(patch)) {
    expect(Object.hasOwn(CONFIG_FIELDS, key)).toBe(true);
    const rule = CONFIG_FIELDS[key as keyof typeof CONFIG_FIELDS];
    // A kept value is within its rule's range: checked again, it comes back unchanged.
    expect(rule.parse(value)).toEqual(value);
    expect(typeof value).toBe(typeof DEFAULT_CONFIG[key as keyof typeof CONFIG_FIELDS]);
  }
  for (const problem of problems) {
    expect(problem.message.length).toBeGreaterThan(0);
    expect(problem.message.startsWith(problem.key)).toBe(true);
  }
  const named = new Set(problems.map((p) => p.key));
  for (const key of Object.keys(input)) expect(Object.hasOwn(patch, key) !== named.has(key)).toBe(true);
}

describe('settings rules, on arbitrary input', () => {
  it('checkPatch never throws: each key is a valid value or a sentence naming it', () => {
    fc.assert(
      fc.property(fc.dictionary(settingKey, settingValue, { maxKeys: 8 }), (input) => {
        const { patch, problems } = checkPatch(input);
        expectAccounted(input, patch, problems);
      }),
      { numRuns: 500 },
    );
  });

  it('configFromQuery never throws, on any text and on links built from setting keys', () => {
    const pairs = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...CONFIG_KEYS, 'apiKey', 'APIKEY'), fc.string()), settingText), { maxLength: 8 });
    const link = pairs.map((list) => `?${new URLSearchParams(list).toString()}`);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), link), (search) => {
        const { patch, problems } = configFromQuery(search);
        for (const [key, value] of Object.entries(patch)) expect(CONFIG_FIELDS[key as keyof typeof CONFIG_FIELDS].parse(value)).toEqual(value);
        for (const problem of problems) expect(problem.message.length).toBeGreaterThan(0);
        // A key in a link is never kept: refused by name, whatever its spelling.
        expect(problems.filter((p) => p.key === 'apiKey').length).toBe([...new URLSearchParams(search).keys()].filter((k) => k.toLowerCase() === 'apikey').length);
      }),
      { numRuns: 500 },
    );
  });

  it('a link written from accepted settings reads back as the same settings, with no problem', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...CONFIG_KEYS), settingValue, { maxKeys: 8 }), (input) => {
        const config = { ...DEFAULT_CONFIG, ...checkPatch(input).patch };
        const { patch, problems } = configFromQuery(queryFromConfig(config));
        expect(problems).toEqual([]);
        // As JSON: a link writes -0 (which the rules accept, e.g. jitter '-0') as 0, the same setting.
        const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
        expect(asJson({ ...DEFAULT_CONFIG, ...patch })).toEqual(asJson(config));
      }),
      { numRuns: 500 },
    );
  });
});
