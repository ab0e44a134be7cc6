/**
 * Retrieval: MiniSearch's BM25 over sentences reproduced exactly, bounded work, champion
 * lists, and the same answers as an exhaustive search where the bound does not bite.
 */
import type MiniSearch from 'minisearch';
import { searchTerms, sentenceSearch } from '../../src/bench/baseline';
import { syntheticArticles } from '../../src/bench/synthetic';
import { buildCorpus } from '../../src/core/corpus';
import { type RetrievalBudget } from '../../src/core/retrieval';
import { buildIndex, type IndexedArticle, type SentenceIndex } from '../../src/core/search-index';
import { seedIndexOnce } from '../helpers';

const references = new WeakMap<SentenceIndex, MiniSearch<IndexedArticle>>();

/** MiniSearch's own search of `query` in an index of every sentence: the reference. */
function exhaustive(index: SentenceIndex, query: ReadonlyMap<string, number>) {
  let reference = references.get(index);
  if (!reference) {
    reference = sentenceSearch(index);
    references.set(index, reference);
  }
  return searchTerms(reference, new Map([...query].filter(([t]) => index.has(t))));
}

/** The sentences of the articles that hold `term`: what searching it costs. */
function reach(index: SentenceIndex, term: string): number {
  return index.corpus.documents
    .filter((d) => d.sentences.some((_s, n) => index.sentenceTerms({ document: d, sentence: n }).some((t) => t.term === term)))
    .reduce((sum, d) => sum + d.sentences.length, 0);
}

describe('retrieval on a small corpus', () => {
  const index = seedIndexOnce();

  it('is MiniSearch search exactly when every term is selective', () => {
    for (const query of [
      new Map([['lavrov', 1]]),
      new Map([['peac', 1], ['treati', 1], ['island', 0.8]]),
      new Map([['meet', 1], ['hour', 1], ['ww2', 0.5]]),
      new Map([['qzxv', 1], ['russia', 1]]),
    ]) {
      const reference = exhaustive(index, query);
      const retrieved = index.retriever.retrieve(query, 100);
      expect(retrieved.map((r) => r.id)).toEqual(reference.map((r) => r.id));
      retrieved.forEach((r, i) => expect(r.score).toBeCloseTo(reference[i]?.score ?? NaN, 10));
    }
  });

  it('returns nothing for terms the corpus lacks', () => {
    expect(index.retriever.retrieve(new Map([['qzxv', 1]]), 10)).toEqual([]);
    expect(index.retriever.retrieve(new Map(), 10)).toEqual([]);
  });
});

describe('retrieval within a budget', () => {
  // 60 synthetic articles (about 1,300 sentences); a budget that makes most news words common.
  const corpus = buildCorpus(syntheticArticles(60, 7));
  const budget: RetrievalBudget = { maxTerms: 16, selectiveSentences: 200, championsPerTerm: 30, championTerms: 3 };
  const bounded = buildIndex(corpus, { budget });
  const full = buildIndex(corpus, { budget: { ...budget, selectiveSentences: Number.MAX_SAFE_INTEGER } });

  it('is MiniSearch search of sentences exactly across many articles when the budget does not bite', () => {
    for (const query of [
      new Map([['meet', 1], ['hour', 1], ['offici', 0.8], ['talk', 0.5]]),
      new Map([[full.analyzer.terms(corpus.documents[9]!.title)[0]!.term, 1], ['agre', 0.7]]),
    ]) {
      const reference = exhaustive(full, query);
      const retrieved = full.retriever.retrieve(query, reference.length + 5);
      expect(reference.length).toBeGreaterThan(10);
      // Equal scores may come in either order: compare the scores in order, and the ids as sets.
      expect(retrieved.map((r) => r.score)).toHaveLength(reference.length);
      retrieved.forEach((r, i) => expect(r.score).toBeCloseTo(reference[i]!.score, 10));
      expect(new Set(retrieved.map((r) => r.id))).toEqual(new Set(reference.map((r) => r.id)));
    }
  });

  it('scores each candidate exactly as MiniSearch would (common terms from the term vectors)', () => {
    const query = new Map([['meet', 1], ['hour', 1], ['offici', 0.8], ['talk', 0.5]]);
    expect(query.size).toBe([...query.keys()].filter((t) => reach(bounded, t) > budget.selectiveSentences).length); // all common
    const reference = new Map(exhaustive(full, query).map((r) => [r.id, r.score]));
    const retrieved = bounded.retriever.retrieve(query, 1000);
    expect(retrieved.length).toBeGreaterThan(0);
    for (const r of retrieved) expect(r.score).toBeCloseTo(reference.get(r.id) ?? NaN, 10);
  });

  it('finds what an exhaustive search finds first when a selective term leads it', () => {
    // The rarest word of an article (a name, a place); the words around it are common.
    const own = bounded.analyzer.terms(corpus.documents[5]!.text).map((t) => t.term).filter((t) => bounded.frequency(t) > 1);
    const rare = own.sort((a, b) => bounded.frequency(a) - bounded.frequency(b))[0]!;
    expect(reach(bounded, rare)).toBeLessThanOrEqual(budget.selectiveSentences);
    const query = new Map([[rare, 1], ['meet', 1], ['talk', 1], ['agre', 1]]);
    const reference = exhaustive(full, query).slice(0, 5);
    const retrieved = bounded.retriever.retrieve(query, 5);
    // The same best scores (sentences with equal scores may come in another order).
    expect(retrieved).toHaveLength(5);
    retrieved.forEach((r, i) => expect(r.score).toBeCloseTo(reference[i]?.score ?? NaN, 10));
  });

  it('searches MiniSearch (its index of articles) only with the rarest terms, within the budget of sentences', () => {
    const searched: string[][] = [];
    const original = bounded.search.search.bind(bounded.search);
    const spy = jest.spyOn(bounded.search, 'search').mockImplementation((query, options) => {
      searched.push(options?.tokenize?.(String(query)) ?? []);
      return original(query, options);
    });
    try {
      const terms = [...new Set(corpus.documents.slice(0, 3).flatMap((d) => d.text.toLowerCase().match(/\p{L}{4,}/gu) ?? []))];
      const query = new Map(terms.map((t) => [bounded.analyzer.terms(t)[0]?.term ?? t, 1]));
      bounded.retriever.retrieve(query, 50);
      const used = searched.flat();
      expect(used.length).toBeGreaterThan(0);
      expect(used.length).toBeLessThanOrEqual(budget.maxTerms);
      expect(used.reduce((sum, t) => sum + reach(bounded, t), 0)).toBeLessThanOrEqual(budget.selectiveSentences);
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps out of MiniSearch the terms too common to search it with', () => {
    const articlesWith = (index: SentenceIndex, term: string) =>
      index.search.search('', { tokenize: () => [term], processTerm: (t) => t, combineWith: 'OR' }).length;
    expect(reach(bounded, 'meet')).toBeGreaterThan(budget.selectiveSentences);
    expect(articlesWith(bounded, 'meet')).toBe(0);
    expect(articlesWith(full, 'meet')).toBeGreaterThan(10);
    // A rare term is there in both.
    const rare = bounded.analyzer.terms(corpus.documents[5]!.text).map((t) => t.term).sort((a, b) => reach(bounded, a) - reach(bounded, b))[0]!;
    expect(articlesWith(bounded, rare)).toBe(articlesWith(full, rare));
    expect(articlesWith(bounded, rare)).toBeGreaterThan(0);
  });

  it('answers a question made only of common words from their champions, newest first on ties', () => {
    const retrieved = bounded.retriever.retrieve(new Map([['last', 1]]), budget.championsPerTerm + 10);
    // Only the champions of "last" are candidates.
    expect(retrieved).toHaveLength(budget.championsPerTerm);
    const best = exhaustive(full, new Map([['last', 1]]));
    const top = best[0]!.score;
    expect(retrieved[0]!.score).toBeCloseTo(top, 10);
    // Many sentences score the same ("The meeting lasted about two hours"): the champions
    // among them are from the newest articles.
    const date = (id: number) => full.sentence(id).document.published;
    const kept = new Set(retrieved.map((r) => r.id));
    const tied = best.filter((r) => Math.abs(r.score - top) < 1e-9);
    expect(tied.length).toBeGreaterThan(budget.championsPerTerm);
    const keptDates = tied.filter((r) => kept.has(r.id)).map((r) => date(r.id));
    const leftDates = tied.filter((r) => !kept.has(r.id)).map((r) => date(r.id));
    expect(keptDates.length).toBeGreaterThan(0);
    expect(keptDates.every((d) => leftDates.every((l) => d >= l))).toBe(true);
  });
});
