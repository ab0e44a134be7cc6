/**
 * Term vectors: each sentence's terms, field by field, with how often each occurs: the
 * forward index beside MiniSearch's inverted one. With them a few thousand candidate
 * sentences can be scored for a term that occurs in 100,000 others without walking that
 * term's postings (see retrieval.ts).
 *
 * Stored flat in typed arrays, about 6 bytes a term occurrence, so that two million
 * sentences cost a few hundred megabytes rather than millions of small objects:
 *
 *   starts[s]        first entry of sentence s (its `text` terms)
 *   aliasStarts[s]   first entry of its `aliases` terms; they end at starts[s + 1]
 *   termIds[e]       the entry's term (an index into `terms`)
 *   counts[e]        how often the term occurs in that field of that sentence
 *
 * Each term appears once per field and sentence, so a field's length (what BM25
 * normalizes by, counted as MiniSearch counts it: distinct terms) is its number of entries.
 */

/** The fields of an indexed sentence, in the order MiniSearch numbers them. */
export const FIELDS = ['text', 'aliases'] as const;
export type FieldId = 0 | 1;

export interface TermVectorsData {
  readonly terms: readonly string[];
  readonly starts: Uint32Array;
  readonly aliasStarts: Uint32Array;
  readonly termIds: Uint32Array;
  readonly counts: Uint16Array;
}

export class TermVectors {
  private readonly ids = new Map<string, number>();
  /** Sentences holding each term, per field. */
  private readonly documentFrequency: readonly [Uint32Array, Uint32Array];
  /** Sentences holding each term in any field. */
  private readonly sentenceFrequency: Uint32Array;
  private readonly averageLength: readonly [number, number];

  private constructor(private readonly data: TermVectorsData) {
    data.terms.forEach((term, id) => this.ids.set(term, id));
    const vocabularySize = data.terms.length;
    const frequencies: [Uint32Array, Uint32Array] = [new Uint32Array(vocabularySize), new Uint32Array(vocabularySize)];
    const any = new Uint32Array(vocabularySize);
    // The last sentence that counted each term, plus one: a term in both fields counts once.
    const counted = new Uint32Array(vocabularySize);
    const totals = [0, 0];
    for (let s = 0; s < this.sentenceCount; s++) {
      for (const field of [0, 1] as const) {
        const [from, to] = this.range(s, field);
        totals[field] = (totals[field] ?? 0) + (to - from);
        const perField = frequencies[field];
        for (let e = from; e < to; e++) {
          const id = data.termIds[e] as number;
          perField[id] = (perField[id] ?? 0) + 1;
          if (counted[id] !== s + 1) {
            counted[id] = s + 1;
            any[id] = (any[id] ?? 0) + 1;
          }
        }
      }
    }
    this.documentFrequency = frequencies;
    this.sentenceFrequency = any;
    const n = Math.max(1, this.sentenceCount);
    this.averageLength = [(totals[0] ?? 0) / n, (totals[1] ?? 0) / n];
  }

  static fromData(data: TermVectorsData): TermVectors {
    const n = data.aliasStarts.length;
    const entries = data.termIds.length;
    const ordered = (array: Uint32Array) => array.every((value, i) => i === 0 || value >= (array[i - 1] as number));
    if (
      data.starts.length !== n + 1 ||
      data.counts.length !== entries ||
      data.starts[n] !== entries ||
      !ordered(data.starts) ||
      data.aliasStarts.some((a, s) => a < (data.starts[s] as number) || a > (data.starts[s + 1] as number)) ||
      data.termIds.some((id) => id >= data.terms.length)
    ) {
      throw new RangeError('term vectors are inconsistent');
    }
    return new TermVectors(data);
  }

  /** What a snapshot stores. */
  get raw(): TermVectorsData {
    return this.data;
  }

  get sentenceCount(): number {
    return this.data.aliasStarts.length;
  }

  termId(term: string): number | undefined {
    return this.ids.get(term);
  }

  term(id: number): string {
    const term = this.data.terms[id];
    if (term === undefined) throw new RangeError(`no term with id ${id}`);
    return term;
  }

  /** In how many sentences term `id` occurs in `field`, or in any field. */
  frequency(id: number, field?: FieldId): number {
    return (field === undefined ? this.sentenceFrequency : this.documentFrequency[field])[id] ?? 0;
  }

  /** Every term, in id order. */
  get terms(): readonly string[] {
    return this.data.terms;
  }

  /** Mean length of `field` over all sentences (distinct terms). */
  averageFieldLength(field: FieldId): number {
    return this.averageLength[field];
  }

  /** Length of `field` in sentence `s` (distinct terms). */
  fieldLength(s: number, field: FieldId): number {
    const [from, to] = this.range(s, field);
    return to - from;
  }

  /** Calls `visit` for each term of sentence `s`, field by field. */
  forEach(s: number, visit: (termId: number, field: FieldId, count: number) => void): void {
    for (const field of [0, 1] as const) {
      const [from, to] = this.range(s, field);
      for (let e = from; e < to; e++) visit(this.data.termIds[e] as number, field, this.data.counts[e] as number);
    }
  }

  private range(s: number, field: FieldId): [number, number] {
    const { starts, aliasStarts } = this.data;
    return field === 0 ? [starts[s] ?? 0, aliasStarts[s] ?? 0] : [aliasStarts[s] ?? 0, starts[s + 1] ?? 0];
  }
}

/** Term vectors made a sentence at a time, so that no list of every sentence's terms is ever held. */
export class TermVectorsBuilder {
  private readonly terms: string[] = [];
  private readonly ids = new Map<string, number>();
  private starts = new Uint32Array(1024);
  private aliasStarts = new Uint32Array(1024);
  private termIds = new Uint32Array(4096);
  private counts = new Uint16Array(4096);
  private size = 0;
  private sentences = 0;
  private readonly counted = new Map<number, number>();

  /** Adds the next sentence: its word terms and its alias terms, with repeats. */
  add(words: readonly string[], aliases: readonly string[]): void {
    if (this.sentences + 1 >= this.starts.length) {
      this.starts = grow(this.starts, new Uint32Array(this.starts.length * 2));
      this.aliasStarts = grow(this.aliasStarts, new Uint32Array(this.aliasStarts.length * 2));
    }
    this.starts[this.sentences] = this.size;
    this.addField(words);
    this.aliasStarts[this.sentences] = this.size;
    this.addField(aliases);
    this.sentences++;
  }

  finish(): TermVectors {
    const n = this.sentences;
    const starts = this.starts.slice(0, n + 1);
    starts[n] = this.size;
    return TermVectors.fromData({
      terms: this.terms,
      starts,
      aliasStarts: this.aliasStarts.slice(0, n),
      termIds: this.termIds.slice(0, this.size),
      counts: this.counts.slice(0, this.size),
    });
  }

  private addField(list: readonly string[]): void {
    const { counted } = this;
    counted.clear();
    for (const term of list) {
      let id = this.ids.get(term);
      if (id === undefined) {
        id = this.terms.length;
        this.ids.set(term, id);
        this.terms.push(term);
      }
      counted.set(id, (counted.get(id) ?? 0) + 1);
    }
    if (this.size + counted.size > this.termIds.length) {
      const capacity = Math.max(this.termIds.length * 2, this.size + counted.size);
      this.termIds = grow(this.termIds, new Uint32Array(capacity));
      this.counts = grow(this.counts, new Uint16Array(capacity));
    }
    for (const [id, count] of counted) {
      this.termIds[this.size] = id;
      this.counts[this.size] = Math.min(count, 0xffff);
      this.size++;
    }
  }
}

function grow<T extends Uint32Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
