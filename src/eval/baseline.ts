/**
 * What the benchmark measures citeqa's answers against: a plain MiniSearch index of the
 * same corpus with one document per sentence (the same sentences, so citations compare),
 * searched with the question as typed, the first three results as the passages. Nothing
 * of citeqa's analysis is used; it never declines and gives no short answer.
 *
 *   plain   MiniSearch's default options
 *   tuned   what a careful MiniSearch user adds: English stop words removed, Porter stems,
 *           fuzzy 0.2 and prefix search (the stronger of the two on the public set)
 */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { eng as englishStopWords } from 'stopword';
import stem from 'wink-porter2-stemmer';
import type { CorpusDocument } from '../core/corpus';
import type { JudgedAnswer } from './evaluate';

export type BaselineKind = 'plain' | 'tuned';

/** What each baseline is called in reports. */
export const BASELINE_NAMES: Readonly<Record<BaselineKind, string>> = {
  plain: 'MiniSearch',
  tuned: 'MiniSearch tuned',
};

/** What a baseline reads of an article: its id, text and sentence spans (a corpus's documents are these, and so is a copy sent to another thread). */
export type BaselineDocument = Pick<CorpusDocument, 'id' | 'text' | 'sentences'>;

interface SentenceDoc {
  readonly id: number;
  readonly text: string;
}

const STOP_WORDS: ReadonlySet<string> = new Set(englishStopWords);

function options(kind: BaselineKind): { index: Options<SentenceDoc>; search: SearchOptions } {
  if (kind === 'plain') return { index: { fields: ['text'] }, search: {} };
  return {
    index: {
      fields: ['text'],
      processTerm: (term) => {
        const word = term.toLowerCase();
        return STOP_WORDS.has(word) ? null : stem(word);
      },
    },
    search: { fuzzy: 0.2, prefix: true },
  };
}

/** A plain MiniSearch sentence index of `corpus`: ask it with {@link BaselineIndex.answer}. */
export class BaselineIndex {
  private readonly search: MiniSearch<SentenceDoc>;
  private readonly searchOptions: SearchOptions;
  /** Document and span of each sentence, by MiniSearch id. */
  private readonly sentences: ReadonlyArray<{ readonly document: BaselineDocument; readonly start: number; readonly end: number }>;

  constructor(corpus: { readonly documents: readonly BaselineDocument[] }, kind: BaselineKind) {
    const { index, search } = options(kind);
    this.search = new MiniSearch<SentenceDoc>(index);
    this.searchOptions = search;
    this.sentences = corpus.documents.flatMap((document) => document.sentences.map(({ start, end }) => ({ document, start, end })));
    this.search.addAll(this.sentences.map(({ document, start, end }, id) => ({ id, text: document.text.slice(start, end) })));
  }

  /** The first `limit` sentences MiniSearch finds for `question`, as passages. */
  answer(question: string, limit = 3): JudgedAnswer {
    const passages = this.search
      .search(question, this.searchOptions)
      .slice(0, limit)
      .map((result) => {
        const { document, start, end } = this.sentences[result.id as number]!;
        return { text: document.text.slice(start, end), citation: { doc: document.id, start, end } };
      });
    return { answered: true, passages };
  }
}
