/**
 * What the bench measures citeqa's answers against: MiniSearch's own search of a plain
 * index with one document per sentence and the same terms, the straightforward design
 * (citeqa's own MiniSearch index holds articles; see src/core/retrieval.ts).
 */
import type MiniSearch from 'minisearch';
import { runSearch, type IndexedArticle, type SentenceIndex } from '../core/search-index';

/** A MiniSearch index of every sentence of `index`, with the terms citeqa analyzed. */
export function sentenceSearch(index: SentenceIndex): MiniSearch<IndexedArticle> {
  const { vectors } = index.parts;
  return runSearch(vectors, Uint32Array.from({ length: vectors.sentenceCount + 1 }, (_, i) => i));
}

/** MiniSearch's search of `terms` (term -> weight, any of them) over `search`: ids and scores, best first. */
export function searchTerms(search: MiniSearch<IndexedArticle>, query: ReadonlyMap<string, number>): Array<{ id: number; score: number }> {
  const terms = [...query.keys()];
  if (terms.length === 0) return [];
  return search
    .search('', { tokenize: () => terms, processTerm: (term) => term, boostTerm: (term) => query.get(term) ?? 1, combineWith: 'OR' })
    .map((r) => ({ id: r.id as number, score: r.score }));
}
