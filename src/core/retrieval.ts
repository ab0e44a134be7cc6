/**
 * Retrieval: the sentences that share the most telling terms with a question, scored by
 * BM25, with a bound on the work of one question whatever the size of the corpus.
 *
 * `Retriever` is what ranking needs of a search backend; `MiniSearchRetriever` is the one
 * citeqa ships. A distributed engine (OpenSearch, Elasticsearch) would implement the same
 * interface: see docs/scaling.md.
 *
 * Articles first, then their sentences. MiniSearch indexes articles (an article's terms are
 * its sentences' terms), so its postings, memory and snapshot are a fraction of a
 * sentence index's, and it finds the articles that hold a question's terms. Sentences are
 * then scored from their term vectors with the BM25 MiniSearch would give them in an
 * index of sentences (same parameters, per-sentence frequencies and lengths). MiniSearch
 * has no top-k: its cost grows with the articles holding a term, so the terms of a
 * question are taken rarest first:
 *
 *   selective terms   while the sentences of the articles holding them add up to at most
 *                     `selectiveSentences`: MiniSearch finds those articles and every
 *                     sentence in them is scored
 *   common terms      the rest: each adds its best sentences (its champion list, kept at
 *                     index time) to the candidates, and counts in every candidate's score
 *
 * On a small corpus every term is selective and the result is exactly a MiniSearch search
 * of an index of sentences (tested). On a large one a sentence holding only common terms
 * can be missed if it is not among their champions: the price of a bounded cost, paid only
 * by questions made of common words ("how long did the meeting last?"), which a large
 * archive answers in many places.
 */
import type MiniSearch from 'minisearch';
import { countWork } from './cost';
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
  /**
   * The query terms that the sentence's article holds, as far as its sentences were scored
   * (every sentence of an article found through a selective term; for an article reached
   * only through champion lists, those champions): what says which article a question is
   * about.
   */
  readonly articleTerms: readonly string[];
}

/** What ranking needs of a search backend. */
export interface Retriever {
  /** In how many sentences `term` occurs (in any field); 0 when the corpus lacks it. */
  frequency(term: string): number;
  /**
   * The sentences that best match `query` (term -> positive weight), best first, at most `limit`.
   * Terms the corpus lacks are ignored.
   */
  retrieve(query: ReadonlyMap<string, number>, limit: number): RetrievedSentence[];
}

export interface RetrievalBudget {
  /** Most terms one question is searched with: its rarest. */
  readonly maxTerms: number;
  /** Sentences one question may score through its selective terms: those of the articles holding them. */
  readonly selectiveSentences: number;
  /** Sentences kept for each common term: the ones it scores highest in, newest first on ties. */
  readonly championsPerTerm: number;
  /** Common terms (the rarest) whose champions join the candidates. */
  readonly championTerms: number;
}

export const DEFAULT_BUDGET: RetrievalBudget = {
  maxTerms: 16,
  selectiveSentences: 8_000,
  championsPerTerm: 256,
  championTerms: 3,
};

/** One field's BM25+ score of a term, as MiniSearch computes it. */
export function bm25(termFrequency: number, matching: number, total: number, fieldLength: number, averageFieldLength: number): number {
  return inverseFrequency(matching, total) * saturation(termFrequency, fieldLength, averageFieldLength);
}

/** BM25's IDF of a term that `matching` of `total` documents hold. */
export function inverseFrequency(matching: number, total: number): number {
  return Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
}

/** BM25+'s weight of a term frequency in a field of `fieldLength` (what multiplies the IDF). */
function saturation(termFrequency: number, fieldLength: number, averageFieldLength: number): number {
  const norm = averageFieldLength === 0 ? 1 : 1 - BM25.b + (BM25.b * fieldLength) / averageFieldLength;
  return BM25.d + (termFrequency * (BM25.k + 1)) / (termFrequency + BM25.k * norm);
}

const BOOSTS: readonly [number, number] = [FIELD_BOOSTS.text, FIELD_BOOSTS.aliases];

/** How sentences make up articles, and how recent each article is. */
export interface ArticleLayout {
  /** Article `a` holds sentences `starts[a]` to `starts[a + 1] - 1`; the last entry is the sentence count. */
  readonly starts: Uint32Array;
  /** Per article, its rank by publication date: higher is newer, equal dates rank equal. */
  readonly recency: Uint32Array;
}

/**
 * Champion lists, flat: common term `terms[i]` has its best sentences at
 * `sentences[starts[i]]` to `sentences[starts[i + 1] - 1]`, best first.
 */
export interface ChampionLists {
  readonly terms: Uint32Array;
  readonly starts: Uint32Array;
  readonly sentences: Uint32Array;
}

/**
 * Whether MiniSearch's index needs a term: only terms a question may search it with,
 * those whose articles hold at most `selectiveSentences` (the others are scored from term
 * vectors and found through their champions). On a large archive the common terms are
 * most of the postings.
 */
export function searchable(reach: Uint32Array, budget: RetrievalBudget): (termId: number) => boolean {
  return (termId) => (reach[termId] ?? 0) <= budget.selectiveSentences;
}

export class MiniSearchRetriever implements Retriever {
  /** Per term: how many sentences the articles holding it have (what searching it costs). */
  private readonly reach: Uint32Array;
  /** Champion lists of the terms too common to search in full, by term id. */
  private readonly champions = new Map<number, Uint32Array>();
  /** The weight of each term of the question being answered, by term id (0: not asked). */
  private readonly weights: Float64Array;
  /** The IDF of each term of the question being answered, by term id, in the text and the aliases field. */
  private readonly idfs: readonly [Float64Array, Float64Array];
  /** Whether sentence `a` is from a more recent article than sentence `b`. */
  private readonly newer: (a: number, b: number) => boolean;

  /**
   * `search` indexes articles (the terms `searchable` keeps), `vectors` their sentences,
   * numbered across articles as `layout` says. Champion lists are made unless given (a
   * snapshot stores them).
   */
  constructor(
    private readonly search: MiniSearch<{ id: number }>,
    private readonly vectors: TermVectors,
    private readonly layout: ArticleLayout,
    readonly budget: RetrievalBudget = DEFAULT_BUDGET,
    champions?: ChampionLists,
  ) {
    const { starts, recency } = layout;
    if (starts.length === 0 || starts[starts.length - 1] !== vectors.sentenceCount || recency.length !== starts.length - 1) {
      throw new RangeError(`the articles hold ${starts[starts.length - 1] ?? 0} sentences, the term vectors ${vectors.sentenceCount}`);
    }
    this.newer = newerThan(layout);
    this.reach = articleReach(vectors, starts);
    const lists = champions ?? championLists(vectors, layout, this.reach, budget);
    const { terms, starts: listStarts, sentences } = lists;
    if (listStarts.length !== terms.length + 1 || listStarts[terms.length] !== sentences.length) throw new RangeError('the champion lists are inconsistent');
    terms.forEach((termId, i) => {
      const from = listStarts[i] ?? 0;
      const to = listStarts[i + 1] ?? 0;
      if (termId >= vectors.terms.length || from > to) throw new RangeError('the champion lists are inconsistent');
      this.champions.set(termId, sentences.subarray(from, to));
    });
    if (sentences.some((s) => s >= vectors.sentenceCount)) throw new RangeError('the champion lists name sentences the index lacks');
    this.weights = new Float64Array(vectors.terms.length);
    this.idfs = [new Float64Array(vectors.terms.length), new Float64Array(vectors.terms.length)];
  }

  frequency(term: string): number {
    const id = this.vectors.termId(term);
    return id === undefined ? 0 : this.vectors.frequency(id);
  }

  retrieve(query: ReadonlyMap<string, number>, limit: number): RetrievedSentence[] {
    const known: Array<{ term: string; id: number; reach: number; frequency: number }> = [];
    for (const term of query.keys()) {
      const id = this.vectors.termId(term);
      if (id !== undefined && this.vectors.frequency(id) > 0) known.push({ term, id, reach: this.reach[id] ?? 0, frequency: this.vectors.frequency(id) });
    }
    known.sort((a, b) => a.reach - b.reach || a.frequency - b.frequency || (a.term < b.term ? -1 : 1));
    known.length = Math.min(known.length, this.budget.maxTerms);
    let reached = 0;
    let cut = 0;
    while (cut < known.length && reached + (known[cut]?.reach ?? 0) <= this.budget.selectiveSentences) {
      reached += known[cut]?.reach ?? 0;
      cut++;
    }
    const selective = known.slice(0, cut);
    const common = known.slice(cut);

    // Candidates: every sentence of the articles holding a selective term, then the
    // champions of the rarest common terms.
    const candidates: number[] = [];
    // Articles whose every sentence is a candidate: a champion from one is one already.
    const whole = new Set<number>();
    if (selective.length > 0) {
      const found = this.search.search('', { tokenize: () => selective.map((t) => t.term), processTerm: (term) => term, combineWith: 'OR' });
      for (const { id } of found) {
        whole.add(id as number);
        for (let s = this.layout.starts[id as number] ?? 0, end = this.layout.starts[(id as number) + 1] ?? 0; s < end; s++) candidates.push(s);
      }
    }
    const seen = new Set<number>();
    for (const { id } of common.slice(0, this.budget.championTerms)) {
      for (const s of this.champions.get(id) ?? []) {
        if (seen.has(s) || whole.has(this.articleOf(s))) continue;
        seen.add(s);
        candidates.push(s);
      }
    }

    countWork('search', query.size);
    countWork('score', candidates.length);
    const total = this.vectors.sentenceCount;
    for (const { id, term } of known) {
      this.weights[id] = query.get(term) ?? 1;
      this.idfs[0][id] = inverseFrequency(this.vectors.frequency(id, 0), total);
      this.idfs[1][id] = inverseFrequency(this.vectors.frequency(id, 1), total);
    }
    try {
      return this.score(candidates, limit);
    } finally {
      for (const { id } of known) this.weights[id] = 0;
    }
  }

  /**
   * The best `limit` of the candidates, scored as MiniSearch scores a document of an OR
   * query: the sum over matched terms and fields of weight x field boost x BM25+, times
   * the number of query terms matched.
   */
  private score(candidates: readonly number[], limit: number): RetrievedSentence[] {
    const { vectors, weights } = this;
    const averages = [vectors.averageFieldLength(0), vectors.averageFieldLength(1)] as const;
    const best = new TopHeap(limit, this.newer);
    const matchedTerms: number[][] = [];
    // Per article (by its first sentence), the query terms its scored sentences hold.
    const articleTerms = new Map<number, Set<number>>();
    // The article of the last matched sentence: a selective term's candidates come article
    // by article, so most sentences need no search of the layout.
    let articleFrom = 0;
    let articleTo = 0;
    let held: Set<number> | undefined;
    let matched: number[] = [];
    // The sentences' terms as the vectors hold them: field by field, in one run a sentence
    // (read here directly, as TermVectors.forEach would give them, for speed: this loop
    // runs over thousands of sentences a question).
    const { starts, aliasStarts, termIds, counts } = vectors.raw;
    const [textIdfs, aliasIdfs] = this.idfs;
    for (const s of candidates) {
      const from = starts[s] ?? 0;
      const middle = aliasStarts[s] ?? 0;
      const to = starts[s + 1] ?? 0;
      let sum = 0;
      for (let e = from; e < to; e++) {
        const termId = termIds[e] ?? 0;
        const weight = weights[termId] ?? 0;
        if (weight === 0) continue;
        const count = counts[e] ?? 0;
        sum +=
          e < middle
            ? weight * BOOSTS[0] * ((textIdfs[termId] ?? 0) * saturation(count, middle - from, averages[0]))
            : weight * BOOSTS[1] * ((aliasIdfs[termId] ?? 0) * saturation(count, to - middle, averages[1]));
        if (!matched.includes(termId)) matched.push(termId);
      }
      if (matched.length === 0) continue;
      if (!held || s < articleFrom || s >= articleTo) {
        const article = this.articleOf(s);
        articleFrom = this.layout.starts[article] ?? 0;
        articleTo = this.layout.starts[article + 1] ?? 0;
        held = articleTerms.get(articleFrom);
        if (!held) articleTerms.set(articleFrom, (held = new Set()));
      }
      for (const termId of matched) held.add(termId);
      if (best.offer(s, sum * matched.length, matchedTerms.length)) {
        matchedTerms.push(matched);
        matched = [];
      } else {
        matched.length = 0;
      }
    }
    return best.best().map(({ id, score, payload }) => ({
      id,
      score,
      terms: (matchedTerms[payload] ?? []).map((termId) => vectors.term(termId)),
      articleTerms: [...(articleTerms.get(this.layout.starts[this.articleOf(id)] ?? 0) ?? [])].map((termId) => vectors.term(termId)),
    }));
  }

  /** The article holding sentence `s` (a binary search of the layout). */
  private articleOf(s: number): number {
    const { starts } = this.layout;
    let low = 0;
    let high = starts.length - 2;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= s) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/** Whether sentence `a` is from a more recent article than sentence `b`. */
function newerThan({ starts, recency }: ArticleLayout): (a: number, b: number) => boolean {
  const rank = new Uint32Array(starts[starts.length - 1] ?? 0);
  for (let a = 0; a + 1 < starts.length; a++) rank.fill(recency[a] ?? 0, starts[a], starts[a + 1]);
  return (a, b) => (rank[a] ?? 0) > (rank[b] ?? 0);
}

/** Per term, the sentences of the articles that hold it. */
export function articleReach(vectors: TermVectors, articles: Uint32Array): Uint32Array {
  const reach = new Uint32Array(vectors.terms.length);
  // The last article that counted each term, plus one.
  const counted = new Uint32Array(vectors.terms.length);
  for (let a = 0; a + 1 < articles.length; a++) {
    const from = articles[a] as number;
    const to = articles[a + 1] as number;
    for (let s = from; s < to; s++) {
      vectors.forEach(s, (termId) => {
        if (counted[termId] === a + 1) return;
        counted[termId] = a + 1;
        reach[termId] = (reach[termId] ?? 0) + (to - from);
      });
    }
  }
  return reach;
}

/**
 * For each term whose articles hold more sentences than a question may score, the
 * sentences it scores highest in (BM25 over both fields), newest first on ties: where a
 * question made only of common words looks first.
 */
export function championLists(vectors: TermVectors, layout: ArticleLayout, reach: Uint32Array, budget: RetrievalBudget): ChampionLists {
  const newer = newerThan(layout);
  const heaps = new Map<number, TopHeap>();
  reach.forEach((sentences, id) => {
    if (sentences > budget.selectiveSentences) heaps.set(id, new TopHeap(budget.championsPerTerm, newer));
  });
  const total = vectors.sentenceCount;
  const averages = [vectors.averageFieldLength(0), vectors.averageFieldLength(1)] as const;
  const scores = new Map<number, number>();
  for (let s = 0; heaps.size > 0 && s < total; s++) {
    scores.clear();
    vectors.forEach(s, (termId, field: FieldId, count) => {
      if (!heaps.has(termId)) return;
      const score = BOOSTS[field] * bm25(count, vectors.frequency(termId, field), total, vectors.fieldLength(s, field), averages[field]);
      scores.set(termId, (scores.get(termId) ?? 0) + score);
    });
    for (const [termId, score] of scores) heaps.get(termId)?.offer(s, score);
  }
  const terms = Uint32Array.from(heaps.keys());
  const starts = new Uint32Array(terms.length + 1);
  const sentences: number[] = [];
  terms.forEach((termId, i) => {
    for (const entry of heaps.get(termId)?.best() ?? []) sentences.push(entry.id);
    starts[i + 1] = sentences.length;
  });
  return { terms, starts, sentences: Uint32Array.from(sentences) };
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

  /** Whether the entry is kept (for now). */
  offer(id: number, score: number, payload = 0): boolean {
    if (this.ids.length < this.size) {
      this.ids.push(id);
      this.scores.push(score);
      this.payloads.push(payload);
      this.up(this.ids.length - 1);
      return true;
    }
    if (this.size > 0 && this.better(id, score, this.ids[0] as number, this.scores[0] as number)) {
      this.ids[0] = id;
      this.scores[0] = score;
      this.payloads[0] = payload;
      this.down(0);
      return true;
    }
    return false;
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
