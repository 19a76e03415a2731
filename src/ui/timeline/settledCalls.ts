/**
 * The newest settled calls, kept for export, as columns: what `CallLog` holds for "export with
 * calls" (up to 100,000 of them).
 *
 * Why columns: with 1,000 agents thinking, 1,000 calls settle every second. Kept as the tick's
 * summary objects, each stayed alive with its strings and its attempts list: thousands of young
 * objects a second that every young-generation collection had to copy and then promote, on the
 * page's main thread, and an old generation that only grew until the ring was full. Here a
 * settled call is a few numbers in typed arrays and indices into a table of the few distinct
 * words (batch ids, sources, outcomes, failure kinds), so the summary dies young; objects are
 * made again only when an export asks for them.
 *
 * Times are the tick's, checked finite by the schema, so a missing `startedAt` is kept as NaN.
 */
import type { CallSummary } from '../../protocol/protocol.ts';

/** Numbers per call: id, agentId, enqueuedAt, startedAt (NaN: null), endedAt, attempts, callMs. */
const NUMS = 7;
/** Words per call (index into `words`, 0: null): batch, outcome, source, errorKind. */
const CODES = 4;
/** First size of the columns; they double up to the capacity. */
const FIRST_SLOTS = 1_024;

/** What a call's attempt list was: none, just its start, or a list of its own (kept in `lists`). */
const NO_ATTEMPTS = 0;
const JUST_STARTED = 1;
const OWN_LIST = 2;

export class SettledCalls {
  private nums = new Float64Array(0);
  private codes = new Uint32Array(0);
  private attempts = new Uint8Array(0);
  /** Attempt lists that are not [] or [startedAt] (retries), by slot. */
  private lists = new Map<number, readonly number[]>();
  /** Word 0 is null; the rest are the distinct strings seen, found by `wordOf`. */
  private words: (string | null)[] = [null];
  private wordOf = new Map<string, number>();
  /** Slot of the oldest call, and how many are kept. */
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`SettledCalls needs a whole capacity of at least 1, not ${capacity}.`);
  }

  get size(): number {
    return this.count;
  }

  /** Keeps `call`; when full, the oldest is dropped to make room. */
  push(call: CallSummary): void {
    if (this.count < this.capacity && this.count === this.slots()) this.grow();
    const slot = (this.head + this.count) % this.slots();
    if (this.count < this.capacity) this.count++;
    else this.head = (this.head + 1) % this.slots();
    const n = slot * NUMS;
    this.nums[n] = call.id;
    this.nums[n + 1] = call.agentId;
    this.nums[n + 2] = call.enqueuedAt;
    this.nums[n + 3] = call.startedAt ?? NaN;
    this.nums[n + 4] = call.endedAt;
    this.nums[n + 5] = call.attempts;
    this.nums[n + 6] = call.callMs;
    const c = slot * CODES;
    this.codes[c] = this.word(call.batch);
    this.codes[c + 1] = this.word(call.outcome);
    this.codes[c + 2] = this.word(call.source);
    this.codes[c + 3] = this.word(call.errorKind);
    this.lists.delete(slot);
    const list = call.attemptStarts;
    if (list.length === 0) this.attempts[slot] = NO_ATTEMPTS;
    else if (list.length === 1 && list[0] === call.startedAt) this.attempts[slot] = JUST_STARTED;
    else {
      this.attempts[slot] = OWN_LIST;
      this.lists.set(slot, list.slice());
    }
  }

  /** The calls kept, oldest first, as new objects. */
  toArray(): CallSummary[] {
    const out = new Array<CallSummary>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.read((this.head + i) % this.slots());
    return out;
  }

  clear(): void {
    this.nums = new Float64Array(0);
    this.codes = new Uint32Array(0);
    this.attempts = new Uint8Array(0);
    this.lists.clear();
    this.words = [null];
    this.wordOf = new Map();
    this.head = 0;
    this.count = 0;
  }

  /** Distinct words kept (for tests: the table is pruned, it does not grow with every batch). */
  get wordCount(): number {
    return this.words.length - 1;
  }

  private slots(): number {
    return this.attempts.length;
  }

  private read(slot: number): CallSummary {
    const n = slot * NUMS;
    const c = slot * CODES;
    const startedAt = this.nums[n + 3] as number;
    const kind = this.attempts[slot];
    return {
      id: this.nums[n] as number,
      agentId: this.nums[n + 1] as number,
      batch: this.words[this.codes[c] as number] ?? null,
      enqueuedAt: this.nums[n + 2] as number,
      startedAt: Number.isNaN(startedAt) ? null : startedAt,
      attemptStarts: kind === NO_ATTEMPTS ? [] : kind === JUST_STARTED ? [startedAt] : [...(this.lists.get(slot) ?? [])],
      endedAt: this.nums[n + 4] as number,
      callMs: this.nums[n + 6] as number,
      attempts: this.nums[n + 5] as number,
      outcome: this.words[this.codes[c + 1] as number] as CallSummary['outcome'],
      source: this.words[this.codes[c + 2] as number] ?? '',
      errorKind: (this.words[this.codes[c + 3] as number] ?? null) as CallSummary['errorKind'],
    };
  }

  /** The word's index, added when new; a table grown past what the kept calls can use is rebuilt first. */
  private word(value: string | null): number {
    if (value === null) return 0;
    const known = this.wordOf.get(value);
    if (known !== undefined) return known;
    // Batch ids are new with every batch: drop the words no kept call uses any more.
    if (this.words.length > 2 * CODES * Math.min(this.count, this.capacity) + 64) this.prune();
    const index = this.words.length;
    this.words.push(value);
    this.wordOf.set(value, index);
    return index;
  }

  /** Rebuilds the word table from the calls kept (their codes renumbered). */
  private prune(): void {
    const words: (string | null)[] = [null];
    const wordOf = new Map<string, number>();
    const slots = this.slots();
    for (let i = 0; i < this.count; i++) {
      const c = ((this.head + i) % slots) * CODES;
      for (let k = 0; k < CODES; k++) {
        const old = this.words[this.codes[c + k] as number] ?? null;
        if (old === null) continue;
        let index = wordOf.get(old);
        if (index === undefined) {
          index = words.length;
          words.push(old);
          wordOf.set(old, index);
        }
        this.codes[c + k] = index;
      }
    }
    this.words = words;
    this.wordOf = wordOf;
  }

  /** Doubles the columns (up to the capacity), the kept calls moved to the front in order. */
  private grow(): void {
    const old = this.slots();
    const size = Math.min(this.capacity, Math.max(FIRST_SLOTS, old * 2));
    const nums = new Float64Array(size * NUMS);
    const codes = new Uint32Array(size * CODES);
    const attempts = new Uint8Array(size);
    const lists = new Map<number, readonly number[]>();
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) % old;
      nums.set(this.nums.subarray(from * NUMS, from * NUMS + NUMS), i * NUMS);
      codes.set(this.codes.subarray(from * CODES, from * CODES + CODES), i * CODES);
      attempts[i] = this.attempts[from] as number;
      const list = this.lists.get(from);
      if (list) lists.set(i, list);
    }
    this.nums = nums;
    this.codes = codes;
    this.attempts = attempts;
    this.lists = lists;
    this.head = 0;
  }
}
