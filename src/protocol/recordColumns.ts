/**
 * A list of same-shaped records sent as columns: the wire form of a tick's per-call lists.
 *
 * Why: with 1,000 agents thinking, each batch sends the page 1,000 attempt starts, 1,000 call
 * summaries and 1,000 agent updates. The structured clone copies every record as an object
 * with its own property map: ~3 ms of the page's main thread per batch to read them (and ~1.5 ms
 * of the worker's to write them), measured in Node's serializer, which is the one postMessage
 * uses. As columns (numbers in one Float64Array per field, transferred, and a plain array for any
 * other field) the same lists cost ~0.3 ms to read and rebuild. A field of few distinct strings
 * (an action, a source, an outcome, the batch) goes as a dictionary and an index per record: the
 * clone then writes and reads each distinct string once, not once a record, and the page makes
 * no string per record (Node's serializer, 1,000 updates, summaries and starts: ~1.1 → ~0.3 ms
 * to read, ~0.6 → ~0.25 ms to write).
 *
 * The codec is lossless and knows nothing of the schema: `unpackRecords(packRecords(list, keys))`
 * is a list equal to `list`, and the page still checks the rebuilt records with zod (bulkArray.ts),
 * so whatever the schema refuses it still refuses. A list whose records are not exactly `keys`
 * (a missing or extra field, a non-record) is not packed: it travels as it is, and so does any
 * value that is not a packed list (what tests and older pages send).
 */
import { hasKeys } from './bulkArray.ts';

/** A field whose every value is a number: one Float64Array (exact for every number, NaN and -0 too). */
interface NumberColumn {
  readonly kind: 'number';
  readonly values: Float64Array<ArrayBuffer>;
}

/** A field whose every value is an array of numbers: all values end to end, and where each ends. */
interface NumberListColumn {
  readonly kind: 'numbers';
  readonly values: Float64Array<ArrayBuffer>;
  readonly ends: Uint32Array<ArrayBuffer>;
}

/** A field of strings and nulls with few distinct values: each once, and which one per record. */
interface DictionaryColumn {
  readonly kind: 'dictionary';
  readonly dictionary: (string | null)[];
  readonly indices: Uint16Array<ArrayBuffer>;
}

/** Any other field (strings, nulls, objects): its values as they are. */
interface ValueColumn {
  readonly kind: 'value';
  readonly values: unknown[];
}

type Column = NumberColumn | NumberListColumn | DictionaryColumn | ValueColumn;

/**
 * A string field goes as a dictionary when each distinct value stands for this many records or
 * more on average: thoughts and plans (nearly all distinct) stay plain, actions and outcomes don't.
 */
const RECORDS_PER_DISTINCT = 4;
/**
 * How far ahead of that average the distinct values may run while the records are read, before
 * the field is judged plain. Without an early judgement a field of distinct texts (a thought)
 * was hashed a quarter of the way through before it failed: a Map key of each of 250 texts per
 * 1,000 records, many of them concatenations flattened just to be hashed. In the worker's
 * profile with 1,000 agents thinking that was ~6 ms a second, the largest single function.
 */
const DISTINCT_SLACK = 16;

/** The packed list: `length` records of `keys`, field `keys[i]` in `columns[i]`. */
export interface PackedRecords {
  readonly packedRecords: 1;
  readonly length: number;
  readonly keys: readonly string[];
  readonly columns: readonly Column[];
}

/** The list as columns, and the buffers to transfer with it; the list itself when it is not a list of exactly `keys`. */
export function packRecords(list: readonly unknown[], keys: readonly string[], transfer: Transferable[]): PackedRecords | readonly unknown[] {
  if (list.length === 0 || !list.every((item) => hasExactly(item, keys))) return list;
  const columns = keys.map((key) => packColumn(list, key));
  for (const column of columns) {
    if (column.kind === 'number') transfer.push(column.values.buffer);
    if (column.kind === 'numbers') transfer.push(column.values.buffer, column.ends.buffer);
    if (column.kind === 'dictionary') transfer.push(column.indices.buffer);
  }
  return { packedRecords: 1, length: list.length, keys, columns };
}

/** The records of a packed list, in order; any other value as it is (zod then judges it). */
export function unpackRecords(value: unknown): unknown {
  if (!isPacked(value)) return value;
  const { length, keys, columns } = value;
  const out = new Array<Record<string, unknown>>(length);
  // Each record starts as a copy of one that has every key (null until its column is read): made
  // at its final shape at once, where keys added one by one to {} grew its property store two or
  // three times over. In Node, 1,000 records of 11 fields: ~0.55 → ~0.28 ms to rebuild; on the page with
  // 1,000 agents thinking, this function's garbage fell from 2.5 to 1.2 MB per 5 s (heap sampler).
  const shape: Record<string, unknown> = {};
  for (let k = 0; k < keys.length; k++) shape[keys[k] as string] = null;
  for (let i = 0; i < length; i++) out[i] = { ...shape };
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    const column = columns[k] as Column;
    if (column.kind === 'numbers') {
      let start = 0;
      for (let i = 0; i < length; i++) {
        const end = column.ends[i] as number;
        const list = new Array<number>(end - start);
        for (let j = start; j < end; j++) list[j - start] = column.values[j] as number;
        (out[i] as Record<string, unknown>)[key] = list;
        start = end;
      }
    } else if (column.kind === 'dictionary') {
      const { dictionary, indices } = column;
      for (let i = 0; i < length; i++) (out[i] as Record<string, unknown>)[key] = dictionary[indices[i] as number];
    } else {
      const values = column.values;
      for (let i = 0; i < length; i++) (out[i] as Record<string, unknown>)[key] = values[i];
    }
  }
  return out;
}

function packColumn(records: readonly Record<string, unknown>[], key: string): Column {
  const n = records.length;
  if (records.every((r) => typeof r[key] === 'number')) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = records[i]?.[key] as number;
    return { kind: 'number', values };
  }
  if (records.every((r) => isNumberList(r[key]))) {
    const ends = new Uint32Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) ends[i] = total += (records[i]?.[key] as number[]).length;
    const values = new Float64Array(total);
    let at = 0;
    for (const record of records) for (const x of record[key] as number[]) values[at++] = x;
    return { kind: 'numbers', values, ends };
  }
  return dictionaryColumn(records, key) ?? { kind: 'value', values: records.map((r) => r[key]) };
}

/** The field as a dictionary, or null when it holds anything but strings and nulls or too many distinct ones. */
function dictionaryColumn(records: readonly Record<string, unknown>[], key: string): DictionaryColumn | null {
  const n = records.length;
  const most = Math.min(0xffff + 1, Math.floor(n / RECORDS_PER_DISTINCT));
  const dictionary: (string | null)[] = [];
  const indexOf = new Map<string | null, number>();
  const indices = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const value = records[i]?.[key];
    if (typeof value !== 'string' && value !== null) return null;
    let index = indexOf.get(value);
    if (index === undefined) {
      if (dictionary.length >= most || dictionary.length >= i / RECORDS_PER_DISTINCT + DISTINCT_SLACK) return null;
      index = dictionary.length;
      dictionary.push(value);
      indexOf.set(value, index);
    }
    indices[i] = index;
  }
  return { kind: 'dictionary', dictionary, indices };
}

/** A dense array of numbers, nothing else on it (a hole or an extra property would not survive). */
function isNumberList(value: unknown): value is number[] {
  if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype) return false;
  // A hole reads as undefined (not a number); with none, any key beyond the indices is an extra.
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'number') return false;
  return Object.keys(value).length === value.length;
}

/** A plain record whose own enumerable keys are exactly `keys`. */
function hasExactly(item: unknown, keys: readonly string[]): item is Record<string, unknown> {
  // With Object.prototype (nothing enumerable) the keys `hasKeys` counts are the item's own.
  if (typeof item !== 'object' || item === null || Array.isArray(item) || Object.getPrototypeOf(item) !== Object.prototype) return false;
  return hasKeys(item, keys.length) && keys.every((key) => Object.hasOwn(item, key));
}

/** A well-formed packed list: every column as long as the list says (else it is not unpacked, and zod refuses it). */
function isPacked(value: unknown): value is PackedRecords {
  if (typeof value !== 'object' || value === null || (value as { packedRecords?: unknown }).packedRecords !== 1) return false;
  const { length, keys, columns } = value as { length?: unknown; keys?: unknown; columns?: unknown };
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) return false;
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string') || !Array.isArray(columns) || columns.length !== keys.length) return false;
  return columns.every((column: unknown) => isColumn(column, length));
}

/** Loops here are indexed: checked a few times a second, unoptimised, a for-of made an iterator result per value. */
function isColumn(column: unknown, length: number): boolean {
  if (typeof column !== 'object' || column === null) return false;
  const { kind, values, ends } = column as { kind?: unknown; values?: unknown; ends?: unknown };
  switch (kind) {
    case 'number':
      return values instanceof Float64Array && values.length === length;
    case 'numbers': {
      if (!(values instanceof Float64Array) || !(ends instanceof Uint32Array) || ends.length !== length) return false;
      let last = 0;
      for (let i = 0; i < length; i++) {
        const end = ends[i] as number;
        if (end < last) return false;
        last = end;
      }
      return last === values.length;
    }
    case 'dictionary': {
      const { dictionary, indices } = column as { dictionary?: unknown; indices?: unknown };
      if (!Array.isArray(dictionary) || !(indices instanceof Uint16Array) || indices.length !== length) return false;
      for (let i = 0; i < length; i++) if ((indices[i] as number) >= dictionary.length) return false;
      return true;
    }
    case 'value':
      return Array.isArray(values) && values.length === length;
    default:
      return false;
  }
}
