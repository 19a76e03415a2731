/**
 * A fixed-capacity FIFO: `push` past the capacity overwrites the oldest item. For data appended
 * every tick (load samples, latencies), where `Array.shift()` would move the whole array each
 * time and `slice` would copy it: here both ends cost O(1) and memory never exceeds `capacity`.
 */
export class RingBuffer<T> {
  /** Grows with the first `capacity` pushes (a large ring that stays small costs little), then wraps. */
  private readonly items: (T | undefined)[] = [];
  /** Index of the oldest item. */
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`A ring buffer needs a whole capacity of at least 1, not ${capacity}.`);
  }

  get size(): number {
    return this.count;
  }

  /** Appends an item; when full, the oldest is dropped to make room. */
  push(item: T): void {
    // Until the first wrap, head + count is the array's length, so this appends.
    this.items[(this.head + this.count) % this.capacity] = item;
    if (this.count < this.capacity) this.count++;
    else this.head = (this.head + 1) % this.capacity;
  }

  /** The oldest item, or undefined when empty. */
  oldest(): T | undefined {
    return this.count === 0 ? undefined : this.items[this.head];
  }

  /** Removes and returns the oldest item. */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.items[this.head];
    // Let the item be collected now rather than when its slot is overwritten.
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.count--;
    return item;
  }

  /** The items, oldest first, as a new array. */
  toArray(): T[] {
    const out = new Array<T>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.items[(this.head + i) % this.capacity] as T;
    return out;
  }

  clear(): void {
    this.items.length = 0;
    this.head = 0;
    this.count = 0;
  }
}
