/**
 * A bounded memory of computed values: the oldest made is forgotten first once `limit` are
 * held. For work that questions repeat (a sentence's analysis, a word's synonyms), never
 * for answers.
 */
export class Memo<T, K = string> {
  private readonly values = new Map<K, T>();

  constructor(private readonly limit: number) {}

  /**
   * The value for `key`, made by `make` the first time (and again once forgotten). A value
   * that `keep` refuses is made every time, never held (one too large to hold many of).
   */
  get(key: K, make: () => T, keep?: (value: T) => boolean): T {
    let value = this.values.get(key);
    if (value === undefined) {
      value = make();
      if (keep && !keep(value)) return value;
      if (this.values.size >= this.limit) this.values.delete(this.values.keys().next().value as K);
      this.values.set(key, value);
    }
    return value;
  }

  get size(): number {
    return this.values.size;
  }
}
