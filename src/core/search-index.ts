/**
 * The MiniSearch index over every sentence of the corpus. A sentence is indexed by its
 * position in one flat list; citations are built from the corpus, so the index stores no
 * text of its own.
 *
 * Two fields per sentence, analyzed from the same text:
 *   text     the sentence's own word terms (stemmed, numbers as digits)
 *   aliases  canonical names its words also stand for (lexicon, people's roles, the
 *            speaker of a quotation, dictionary forms of irregular verbs), which rank
 *            below the words themselves
 */
import MiniSearch from 'minisearch';
import { Analyzer, normalizeWord, type Term } from './analyzer';
import type { Corpus, CorpusDocument } from './corpus';
import { documentEntities, type DocumentEntities } from './entities';
import { builtInAliases, Lexicon } from './lexicon';
import type { Thesaurus } from './thesaurus';

/** Where an indexed sentence is: document and sentence number within it. */
export interface SentenceRef {
  readonly document: CorpusDocument;
  readonly sentence: number;
}

export interface SentenceIndex {
  readonly corpus: Corpus;
  readonly search: MiniSearch<IndexedSentence>;
  readonly analyzer: Analyzer;
  readonly thesaurus?: Thesaurus;
  /** Every term in the index (either field). */
  readonly vocabulary: ReadonlySet<string>;
  /** The terms of words as written in the corpus (the `text` field): what synonyms and typo corrections may reach. */
  readonly words: ReadonlySet<string>;
  /** What a snapshot of this index stores. */
  readonly parts: IndexParts;
  /** In how many sentences `term` occurs. */
  frequency(term: string): number;
  /** The analyzed terms of a sentence (remembered for the sentences questions keep meeting). */
  sentenceTerms(ref: SentenceRef): readonly Term[];
  /** How a word term is written in the corpus ("lavrov" -> "Lavrov"), for showing corrections. */
  surface(term: string): string | undefined;
  /** The sentence behind a MiniSearch result id. */
  sentence(id: number): SentenceRef;
  /** The id of sentence `sentence` of `document`. */
  idOf(document: CorpusDocument, sentence: number): number | undefined;
  /** What was recognized in a document: people, their roles, quotations. */
  entities(document: CorpusDocument): DocumentEntities;
}

export interface IndexedSentence {
  readonly id: number;
}

export const ALIAS_FIELD_BOOST = 0.5;

/** Sentences whose analysis is remembered (the oldest is forgotten first). */
const SENTENCE_MEMO_LIMIT = 20_000;

export interface IndexOptions {
  /**
   * A lexical database for synonyms ("pact" finds "treaty") and for telling typos from
   * real words. Without one, questions match the corpus's words and aliases only.
   */
  readonly thesaurus?: Thesaurus;
  /** Called after each document is analyzed, for progress reports on large corpora. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What an index is made of, apart from the corpus: what a snapshot stores. */
export interface IndexParts {
  readonly search: MiniSearch<IndexedSentence>;
  readonly words: ReadonlySet<string>;
  readonly vocabulary: ReadonlySet<string>;
  readonly surfaces: ReadonlyMap<string, string>;
  /** In how many sentences each term occurs (either field). */
  readonly frequencies: ReadonlyMap<string, number>;
}

/** MiniSearch's options for the index: the same when building and when loading a snapshot. */
export function miniSearchOptions(wordTerms: readonly string[][] = [], aliasTerms: readonly string[][] = []) {
  return {
    fields: ['text', 'aliases'],
    storeFields: [],
    // Both fields carry the sentence id; `tokenize` returns that sentence's terms.
    extractField: (doc: IndexedSentence, field: string) => (field === 'id' ? doc.id : String(doc.id)),
    tokenize: (id: string, field?: string) => (field === 'aliases' ? aliasTerms : wordTerms)[Number(id)] ?? [],
    processTerm: (term: string) => term,
    searchOptions: { boost: { text: 1, aliases: ALIAS_FIELD_BOOST } },
  };
}

export function createAnalyzer(): Analyzer {
  return new Analyzer(new Lexicon(builtInAliases(normalizeWord)));
}

export function buildIndex(corpus: Corpus, options: IndexOptions = {}): SentenceIndex {
  const analyzer = createAnalyzer();
  const entitiesByDoc = new Map<CorpusDocument, DocumentEntities>();
  // Each sentence is analyzed once; MiniSearch reads the terms from here.
  const wordTerms: string[][] = [];
  const aliasTerms: string[][] = [];
  const surfaces = new Map<string, string>();

  corpus.documents.forEach((document, done) => {
    const entities = documentEntities(document, analyzer);
    entitiesByDoc.set(document, entities);
    document.sentences.forEach((span, sentence) => {
      const text = document.text.slice(span.start, span.end);
      const terms = analyzer.terms(text);
      const words = terms.filter((t) => !t.alias);
      wordTerms.push(words.map((t) => t.term));
      aliasTerms.push([...terms.filter((t) => t.alias).map((t) => t.term), ...entities.sentenceAliases(sentence), ...entities.lemmaTerms(sentence)]);
      for (const t of words) {
        // The lower-case form wins: a word ever written in lower case is not a name
        // ("Treaty" in a headline, "treaty" in the text).
        const written = text.slice(t.start, t.end);
        const known = surfaces.get(t.term);
        if (known === undefined || (known !== known.toLowerCase() && written === written.toLowerCase())) surfaces.set(t.term, written);
      }
    });
    options.onProgress?.(done + 1, corpus.documents.length);
  });
  const words = new Set<string>();
  const frequencies = new Map<string, number>();
  for (const terms of wordTerms) for (const term of terms) words.add(term);
  wordTerms.forEach((terms, id) => {
    for (const term of new Set([...terms, ...(aliasTerms[id] ?? [])])) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  });
  const vocabulary = new Set(frequencies.keys());

  const search = new MiniSearch<IndexedSentence>(miniSearchOptions(wordTerms, aliasTerms));
  search.addAll(Array.from({ length: wordTerms.length }, (_, id) => ({ id })));
  wordTerms.length = 0;
  aliasTerms.length = 0;
  return assembleIndex(corpus, { search, words, vocabulary, surfaces, frequencies }, analyzer, options.thesaurus, (document) => entitiesByDoc.get(document));
}

/**
 * An index over `corpus` from its parts. `knownEntities` gives what was recognized in a
 * document when it is at hand; otherwise it is recognized on first use (a loaded snapshot
 * starts without tagging every article).
 */
export function assembleIndex(
  corpus: Corpus,
  parts: IndexParts,
  analyzer: Analyzer,
  thesaurus: Thesaurus | undefined,
  knownEntities: (document: CorpusDocument) => DocumentEntities | undefined = () => undefined,
): SentenceIndex {
  const refs: SentenceRef[] = [];
  const firstId = new Map<CorpusDocument, number>();
  for (const document of corpus.documents) {
    firstId.set(document, refs.length);
    document.sentences.forEach((_span, sentence) => refs.push({ document, sentence }));
  }
  const entitiesByDoc = new Map<CorpusDocument, DocumentEntities>();
  // The sentences questions rerank are analyzed once while they stay in this memory.
  const analyzed = new Map<string, readonly Term[]>();
  return {
    corpus,
    search: parts.search,
    analyzer,
    words: parts.words,
    vocabulary: parts.vocabulary,
    ...(thesaurus ? { thesaurus } : {}),
    parts,
    surface: (term) => parts.surfaces.get(term),
    frequency: (term) => parts.frequencies.get(term) ?? 0,
    sentenceTerms({ document, sentence }) {
      const key = `${firstId.get(document)}:${sentence}`;
      let terms = analyzed.get(key);
      if (!terms) {
        const span = document.sentences[sentence];
        terms = span ? analyzer.terms(document.text.slice(span.start, span.end)) : [];
        if (analyzed.size >= SENTENCE_MEMO_LIMIT) analyzed.delete(analyzed.keys().next().value as string);
        analyzed.set(key, terms);
      }
      return terms;
    },
    sentence(id) {
      const ref = refs[id];
      if (!ref) throw new RangeError(`no sentence with index id ${id}`);
      return ref;
    },
    idOf(document, sentence) {
      const first = firstId.get(document);
      return first === undefined || sentence < 0 || sentence >= document.sentences.length ? undefined : first + sentence;
    },
    entities(document) {
      let entities = entitiesByDoc.get(document);
      if (!entities) {
        if (!firstId.has(document)) throw new RangeError(`document ${document.id} is not in the index`);
        entities = knownEntities(document) ?? documentEntities(document, analyzer);
        entitiesByDoc.set(document, entities);
      }
      return entities;
    },
  };
}
