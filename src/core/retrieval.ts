/**
 * Retrieval: the sentences that share the most telling terms with a question, scored by
 * BM25, with a bound on the work of one question whatever the size of the corpus.
 *
 * `Retriever` is what ranking needs of a search backend; `MiniSearchRetriever` is the one
 * citeqa ships. A distributed engine (OpenSearch, Elasticsearch) would implement the same
 * interface: see docs/scaling.md.
 *
 * MiniSearch scores every sentence that holds a query term (it has no top-k), about 2.5 us
 * a sentence: a term in 100,000 sentences costs a quarter of a second. So the terms of a
 * question are taken rarest first:
 *
 *   selective terms   while the sentences holding them add up to at most
 *                     `selectivePostings`: searched with MiniSearch in full; every
 *                     sentence holding one is a candidate
 *   common terms      the rest: each adds its best sentences (its champion list, kept at
 *                     index time) to the candidates, and is scored on the candidates only,
 *                     from their term vectors, with MiniSearch's own BM25
 *
 * On a small corpus every term is selective and the result is MiniSearch's search, exactly.
 * On a large one a sentence holding only common terms can be missed if it is not among
 * their champions: the price of a bounded cost, paid only by questions made of common
 * words ("how long did the meeting last?"), which a large archive answers in many places.
 */
import type MiniSearch from 'minisearch';
import { FIELDS, type FieldId, type TermVectors } from './term-vectors';

/** MiniSearch's BM25+ parameters (its defaults), shared by both halves of the scoring. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;
/** Weight of each field (in FIELDS order): an alias ranks below the word itself. */
export const FIELD_BOOSTS: Readonly<Record<(typeof FIELDS)[number], number>> = { text: 1, aliases: 0.5 };

export interface RetrievedSentence {
  /** The sentence's index id. */
  readonly id: number;
  readonly score: number;
  /** The sentence's terms that matched. */
  readonly terms: readonly string[];
}

/** What ranking needs of a search backend. */
export interface Retriever {
  /** In how many sentences `term` occurs (in any field); 0 when the corpus lacks it. */
  frequency(term: string): number;
  /**
   * The sentences that best match `query` (term -> weight), best first, at most `limit`.
   * Terms the corpus lacks are ignored.
   */
  retrieve(query: ReadonlyMap<string, number>, limit: number): RetrievedSentence[];
}

export interface RetrievalBudget {
  /** Most terms one question is searched with: its rarest. */
  readonly maxTerms: number;
  /** Sentences MiniSearch may score in full for one question (see above). */
  readonly selectivePostings: number;
  /** Sentences kept for each common term: the ones it scores highest in, newest first on ties. */
  readonly championsPerTerm: number;
  /** Common terms (the rarest) whose champions join the candidates. */
  readonly championTerms: number;
}

export const DEFAULT_BUDGET: RetrievalBudget = {
  maxTerms: 16,
  selectivePostings: 8_000,
  championsPerTerm: 256,
  championTerms: 3,
};

/** One field's BM25+ score of a term, as MiniSearch computes it. */
export function bm25(termFrequency: number, matching: number, total: number, fieldLength: number, averageFieldLength: number): number {
  const idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
  const norm = averageFieldLength === 0 ? 1 : 1 - BM25.b + (BM25.b * fieldLength) / averageFieldLength;
  return idf * (BM25.d + (termFrequency * (BM25.k + 1)) / (termFrequency + BM25.k * norm));
}

const BOOSTS: readonly [number, number] = [FIELD_BOOSTS.text, FIELD_BOOSTS.aliases];

export class MiniSearchRetriever implements Retriever {
  /** Champion lists of the terms too common to search in full, by term id. */
  private readonly champions = new Map<number, Uint32Array>();

  /**
   * `newer(a, b)`: whether sentence `a` is from a more recent article than `b` (between
   * equal scores, recent news goes first).
   */
  constructor(
    private readonly search: MiniSearch<{ id: number }>,
    private readonly vectors: TermVectors,
    private readonly newer: (a: number, b: number) => boolean,
    readonly budget: RetrievalBudget = DEFAULT_BUDGET,
  ) {
    this.champions = championLists(vectors, budget, newer);
  }

  frequency(term: string): number {
    const id = this.vectors.termId(term);
    return id === undefined ? 0 : this.vectors.frequency(id);
  }

  retrieve(query: ReadonlyMap<string, number>, limit: number): RetrievedSentence[] {
    const known = [...query.keys()]
      .filter((term) => this.frequency(term) > 0)
      .sort((a, b) => this.frequency(a) - this.frequency(b) || (a < b ? -1 : 1))
      .slice(0, this.budget.maxTerms);
    let postings = 0;
    let cut = 0;
    while (cut < known.length && postings + this.frequency(known[cut] as string) <= this.budget.selectivePostings) {
      postings += this.frequency(known[cut] as string);
      cut++;
    }
    const selective = known.slice(0, cut);
    const common = known.slice(cut);

    // Candidates, side by side: their scores before MiniSearch's final multiplication by
    // the number of query terms matched, that number, and the terms they matched.
    const ids: number[] = [];
    const sums: number[] = [];
    const matched: number[] = [];
    const terms: string[][] = [];
    if (selective.length > 0) {
      const results = this.search.search('', {
        tokenize: () => selective,
        processTerm: (term) => term,
        boostTerm: (term) => query.get(term) ?? 1,
        combineWith: 'OR',
      });
      for (const r of results) {
        ids.push(r.id as number);
        sums.push(r.score / r.queryTerms.length);
        matched.push(r.queryTerms.length);
        terms.push(r.terms);
      }
    }
    if (common.length > 0) {
      const seen = new Set(ids);
      for (const term of common.slice(0, this.budget.championTerms)) {
        const id = this.vectors.termId(term);
        for (const s of (id === undefined ? undefined : this.champions.get(id)) ?? []) {
          if (seen.has(s)) continue;
          seen.add(s);
          ids.push(s);
          sums.push(0);
          matched.push(0);
          terms.push([]);
        }
      }
      this.scoreCommon(common, query, ids, sums, matched, terms);
    }

    const best = new TopHeap(limit, this.newer);
    for (let i = 0; i < ids.length; i++) best.offer(ids[i] as number, (sums[i] as number) * (matched[i] as number), i);
    return best.best().map(({ id, score, payload }) => ({ id, score, terms: terms[payload] as string[] }));
  }

  /** Adds the common terms' scores to the candidates, from their term vectors. */
  private scoreCommon(common: readonly string[], query: ReadonlyMap<string, number>, ids: readonly number[], sums: number[], matched: number[], terms: string[][]): void {
    const weights = new Map<number, number>();
    for (const term of common) {
      const id = this.vectors.termId(term);
      if (id !== undefined) weights.set(id, query.get(term) ?? 1);
    }
    const total = this.vectors.sentenceCount;
    const averages = [this.vectors.averageFieldLength(0), this.vectors.averageFieldLength(1)] as const;
    ids.forEach((s, i) => {
      const lengths = [this.vectors.fieldLength(s, 0), this.vectors.fieldLength(s, 1)] as const;
      let found: Set<number> | undefined;
      this.vectors.forEach(s, (termId, field, count) => {
        const weight = weights.get(termId);
        if (weight === undefined) return;
        sums[i] = (sums[i] as number) + weight * BOOSTS[field] * bm25(count, this.vectors.frequency(termId, field), total, lengths[field], averages[field]);
        found ??= new Set();
        found.add(termId);
      });
      if (!found) return;
      matched[i] = (matched[i] as number) + found.size;
      const own = terms[i] as string[];
      terms[i] = [...own, ...[...found].map((termId) => this.vectors.term(termId)).filter((term) => !own.includes(term))];
    });
  }
}

/**
 * For each term in more sentences than a question may search in full, the sentences it
 * scores highest in (BM25 over both fields): where a question made only of common words
 * looks first.
 */
function championLists(vectors: TermVectors, budget: RetrievalBudget, newer: (a: number, b: number) => boolean): Map<number, Uint32Array> {
  const heaps = new Map<number, TopHeap>();
  vectors.terms.forEach((_term, id) => {
    if (vectors.frequency(id) > budget.selectivePostings) heaps.set(id, new TopHeap(budget.championsPerTerm, newer));
  });
  if (heaps.size === 0) return new Map();
  const total = vectors.sentenceCount;
  const averages = [vectors.averageFieldLength(0), vectors.averageFieldLength(1)] as const;
  const scores = new Map<number, number>();
  for (let s = 0; s < total; s++) {
    scores.clear();
    vectors.forEach(s, (termId, field: FieldId, count) => {
      if (!heaps.has(termId)) return;
      const score = BOOSTS[field] * bm25(count, vectors.frequency(termId, field), total, vectors.fieldLength(s, field), averages[field]);
      scores.set(termId, (scores.get(termId) ?? 0) + score);
    });
    for (const [termId, score] of scores) heaps.get(termId)?.offer(s, score);
  }
  const lists = new Map<number, Uint32Array>();
  for (const [termId, heap] of heaps) lists.set(termId, Uint32Array.from(heap.best(), (entry) => entry.id));
  return lists;
}

/**
 * The `size` best sentences offered: a min-heap whose root is the worst kept. Better is a
 * higher score, then a newer article, then an earlier sentence. Each entry carries a
 * number for the caller (`payload`).
 */
class TopHeap {
  private readonly ids: number[] = [];
  private readonly scores: number[] = [];
  private readonly payloads: number[] = [];

  constructor(
    private readonly size: number,
    private readonly newer: (a: number, b: number) => boolean,
  ) {}

  offer(id: number, score: number, payload = 0): void {
    if (this.ids.length < this.size) {
      this.ids.push(id);
      this.scores.push(score);
      this.payloads.push(payload);
      this.up(this.ids.length - 1);
    } else if (this.size > 0 && this.better(id, score, this.ids[0] as number, this.scores[0] as number)) {
      this.ids[0] = id;
      this.scores[0] = score;
      this.payloads[0] = payload;
      this.down(0);
    }
  }

  /** Best first. */
  best(): Array<{ id: number; score: number; payload: number }> {
    return this.ids
      .map((id, i) => ({ id, score: this.scores[i] as number, payload: this.payloads[i] as number }))
      .sort((a, b) => (this.better(a.id, a.score, b.id, b.score) ? -1 : 1));
  }

  private better(id: number, score: number, otherId: number, otherScore: number): boolean {
    if (score !== otherScore) return score > otherScore;
    if (this.newer(id, otherId)) return true;
    if (this.newer(otherId, id)) return false;
    return id < otherId;
  }

  /** Whether entry `i` should sit above entry `j` (it is worse). */
  private above(i: number, j: number): boolean {
    return this.better(this.ids[j] as number, this.scores[j] as number, this.ids[i] as number, this.scores[i] as number);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let top = i;
      if (left < this.ids.length && this.above(left, top)) top = left;
      if (right < this.ids.length && this.above(right, top)) top = right;
      if (top === i) return;
      this.swap(i, top);
      i = top;
    }
  }

  private swap(i: number, j: number): void {
    [this.ids[i], this.ids[j]] = [this.ids[j] as number, this.ids[i] as number];
    [this.scores[i], this.scores[j]] = [this.scores[j] as number, this.scores[i] as number];
    [this.payloads[i], this.payloads[j]] = [this.payloads[j] as number, this.payloads[i] as number];
  }
}
