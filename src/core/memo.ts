import { LRUCache } from 'lru-cache';

/** How a remembered null is held: the cache holds no null. */
const NULL = Symbol('null');

/**
 * A bounded memory of computed values: the least recently used is forgotten first once
 * `limit` are held, at a cost that does not grow with `limit`. (A Map forgetting its
 * oldest key walks past the slots of the keys it forgot before, up to half its capacity:
 * 11 µs a new word in a full memory of 20,000, 100 µs in one of 200,000.) For work that
 * questions repeat (a sentence's analysis, a word's synonyms), never for answers.
 */
export class Memo<T, K = string> {
  private readonly values: LRUCache<K & {}, {}>;

  constructor(limit: number) {
    // Bounded by a size of 1 a value rather than by `max`, which would allocate room for
    // `limit` values up front: most memories never fill.
    this.values = new LRUCache({ maxSize: limit, sizeCalculation: () => 1 });
  }

  /**
   * The value for `key`, made by `make` the first time (and again once forgotten). A value
   * that `keep` refuses is made every time, never held (one too large to hold many of), as
   * is undefined.
   */
  get(key: K, make: () => T, keep?: (value: T) => boolean): T {
    const held = this.values.get(key as K & {});
    if (held !== undefined) return (held === NULL ? null : held) as T;
    const value = make();
    if (value === undefined || (keep && !keep(value))) return value;
    this.values.set(key as K & {}, value === null ? NULL : value);
    return value;
  }

  get size(): number {
    return this.values.size;
  }
}
