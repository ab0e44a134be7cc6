/**
 * The MiniSearch index over every sentence of the corpus. A sentence is indexed by its
 * position in one flat list; citations are built from the corpus, so the index stores no
 * text of its own.
 */
import MiniSearch from 'minisearch';
import { termsOfToken, tokenize } from './analyzer';
import type { Corpus, CorpusDocument } from './corpus';

/** Where an indexed sentence is: document and sentence number within it. */
export interface SentenceRef {
  readonly document: CorpusDocument;
  readonly sentence: number;
}

export interface SentenceIndex {
  readonly corpus: Corpus;
  readonly search: MiniSearch<IndexedSentence>;
  /** The sentence behind a MiniSearch result id. */
  sentence(id: number): SentenceRef;
}

interface IndexedSentence {
  readonly id: number;
}

/** MiniSearch options shared by indexing and searching, so both see the same terms. */
export const analysisOptions = {
  tokenize: (text: string): string[] => tokenize(text),
  processTerm: (token: string): string[] | null => {
    const terms = termsOfToken(token);
    return terms.length > 0 ? terms : null;
  },
};

export function buildIndex(corpus: Corpus): SentenceIndex {
  const refs: SentenceRef[] = [];
  for (const document of corpus.documents) {
    document.sentences.forEach((_span, sentence) => refs.push({ document, sentence }));
  }
  const textOf = (id: number): string => {
    const ref = refs[id];
    const span = ref?.document.sentences[ref.sentence];
    return ref && span ? ref.document.text.slice(span.start, span.end) : '';
  };

  const search = new MiniSearch<IndexedSentence>({
    fields: ['text'],
    storeFields: [],
    extractField: (doc, field) => (field === 'id' ? doc.id : textOf(doc.id)),
    ...analysisOptions,
  });
  search.addAll(refs.map((_ref, id) => ({ id })));

  return {
    corpus,
    search,
    sentence(id) {
      const ref = refs[id];
      if (!ref) throw new RangeError(`no sentence with index id ${id}`);
      return ref;
    },
  };
}
