/**
 * Ranking: which sentences answer a question, best first, and whether any does. All
 * relevance decisions live in this module, so answer quality can be raised in one place.
 *
 * Today: BM25 over the sentences' content terms (stop words removed, Porter2 stems),
 * through MiniSearch. A question whose content words occur nowhere in the corpus is not
 * answered, whatever its stop words match.
 */
import { termsOfToken, tokenize } from './analyzer';
import type { SentenceIndex, SentenceRef } from './search-index';

export interface RankedSentence extends SentenceRef {
  readonly score: number;
}

export interface Ranking {
  /** Sentences best first, at most the requested number. */
  readonly sentences: readonly RankedSentence[];
  /** Whether the sentences answer the question (rather than merely being the closest). */
  readonly answers: boolean;
  /** The question's content words that the corpus does not contain, as the user wrote them. */
  readonly unknownWords: readonly string[];
}

/**
 * Weight of a document's headline (sentence 0) against its body sentences. A headline
 * names the story's topic in the question's words ("peace treaty", "foreign minister")
 * but rarely holds the fact asked for, which the body states in full; at full weight the
 * short headline outranks the sentence that answers.
 */
export const HEADLINE_WEIGHT = 0.5;

/** Ranks the corpus's sentences for `question`; `limit` caps how many are returned. */
export function rank(index: SentenceIndex, question: string, limit: number): Ranking {
  const words = contentWords(question);
  const results = words.length === 0 ? [] : index.search.search(question, {
          combineWith: 'OR',
          boostDocument: (id) => (index.sentence(id as number).sentence === 0 ? HEADLINE_WEIGHT : 1),
        });
  const matched = new Set(results.flatMap((result) => result.queryTerms));
  const unknownWords = words.filter((word) => !word.terms.some((term) => matched.has(term))).map((word) => word.text);

  return {
    sentences: results.slice(0, limit).map((result) => ({ ...index.sentence(result.id as number), score: result.score })),
    answers: results.length > 0,
    unknownWords: [...new Set(unknownWords)],
  };
}

interface ContentWord {
  readonly text: string;
  readonly terms: readonly string[];
}

function contentWords(question: string): ContentWord[] {
  return tokenize(question)
    .map((text) => ({ text, terms: termsOfToken(text) }))
    .filter((word) => word.terms.length > 0);
}
