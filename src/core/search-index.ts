/**
 * The index of the corpus: every sentence analyzed once into terms, kept as term vectors
 * (term-vectors.ts), and a MiniSearch index of the articles those sentences make up (see
 * retrieval.ts for how the two answer a question). A sentence is known by its position in
 * one flat list, an article by its position in the corpus; citations are built from the
 * corpus, so the index stores no text of its own.
 *
 * Two fields per sentence (and per article: its sentences' terms together), analyzed from
 * the same text:
 *   text     the sentence's own word terms (stemmed, numbers as digits)
 *   aliases  canonical names its words also stand for (lexicon, people's roles, the
 *            speaker of a quotation, dictionary forms of irregular verbs, the dates it
 *            writes in canonical form, and the article's publication date: see
 *            date-terms.ts), which rank below the words themselves
 */
import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { Analyzer, normalizeWord, visibleText, type Term } from './analyzer';
import { countWork } from './cost';
import { publicationTerms, sentenceDateTerms } from './date-terms';
import type { Corpus, CorpusDocument } from './corpus';
import { documentEntities, storedEntities, tagSpan, type DocumentEntities, type StoredEntities } from './entities';
import { Memo } from './memo';
import type { NlpToken } from './nlp';
import type { CorpusAlias } from './corpus-aliases';
import { createLexicon } from './lexicon';
import { articleReach, BM25, championLists, DEFAULT_BUDGET, FIELD_BOOSTS, MiniSearchRetriever, searchable, type ArticleLayout, type ChampionLists, type RetrievalBudget, type Retriever } from './retrieval';
import { FIELDS, TermVectorsBuilder, type TermVectors } from './term-vectors';
import type { Thesaurus } from './thesaurus';

/** Where an indexed sentence is: document and sentence number within it. */
export interface SentenceRef {
  readonly document: CorpusDocument;
  readonly sentence: number;
}

export interface SentenceIndex {
  readonly corpus: Corpus;
  /** MiniSearch's index of the articles (ids: positions in `corpus.documents`). */
  readonly search: MiniSearch<IndexedArticle>;
  /** Finds the sentences matching weighted terms, within a bounded amount of work. */
  readonly retriever: Retriever;
  readonly analyzer: Analyzer;
  readonly thesaurus?: Thesaurus;
  /** What a snapshot of this index stores. */
  readonly parts: IndexParts;
  /** Whether `term` occurs in the corpus (in any field). */
  has(term: string): boolean;
  /** Whether `term` is a word as written in the corpus (the `text` field): what synonyms and typo corrections may reach. */
  isWord(term: string): boolean;
  /** In how many sentences `term` occurs. */
  frequency(term: string): number;
  /** Words of the corpus at most `distance` edits (Levenshtein) from `term`. */
  wordsNear(term: string, distance: number): string[];
  /**
   * Words of the corpus that start with `prefix`, in the most sentences first; at most
   * `count`, from the first {@link MAX_PREFIX_WALK} of the word tree.
   */
  wordsStartingWith(prefix: string, count: number): string[];
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

/** An article as MiniSearch indexes it: its position in the corpus; its terms come from `tokenize`. */
export interface IndexedArticle {
  readonly id: number;
}

/**
 * Corpus words with a prefix that a completion looks at, in the word tree's order: all of
 * them for any prefix of three letters or more on a corpus of English news (a few thousand
 * words at most), and a bound on the work of one completion whatever the vocabulary.
 */
export const MAX_PREFIX_WALK = 5000;

/** Sentences whose analysis is remembered (the least recently used is forgotten first). */
const SENTENCE_MEMO_LIMIT = 20_000;
/** Articles whose people, roles and quotations are remembered as questions meet them. */
const DOCUMENT_MEMO_LIMIT = 5_000;

export interface IndexOptions {
  /**
   * A lexical database for synonyms ("pact" finds "treaty") and for telling typos from
   * real words. Without one, questions match the corpus's words and aliases only.
   */
  readonly thesaurus?: Thesaurus;
  /** Called after each document is analyzed, for progress reports on large corpora. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * How much work one question may cost (tests use a small one to exercise large-corpus
   * paths). It also decides which terms MiniSearch's index holds, so an index is searched
   * with the budget it was built with; snapshots are built and loaded with the default.
   */
  readonly budget?: RetrievalBudget;
}

/** What an index is made of, apart from the corpus: what a snapshot stores. */
export interface IndexParts {
  readonly search: MiniSearch<IndexedArticle>;
  /** How each term (by term vector id) is written in the corpus; "" for one that is never a word as written. */
  readonly surfaces: readonly string[];
  /** Each sentence's terms, field by field: the vocabulary, frequencies, and scoring of candidates. */
  readonly vectors: TermVectors;
  /** What was recognized in each article, in corpus order. */
  readonly entities: readonly StoredEntities[];
  /** The best sentences of each term too common to search MiniSearch with. */
  readonly champions: ChampionLists;
}

/** MiniSearch's options for the index: the same when building (runSearch) and when loading a snapshot. */
export function miniSearchOptions() {
  return {
    fields: [...FIELDS],
    storeFields: [],
    // Both fields carry the document id; `tokenize` is given it and returns that document's terms.
    extractField: (doc: IndexedArticle, field: string) => (field === 'id' ? doc.id : String(doc.id)),
    tokenize: (_id: string, _field?: string): string[] => [],
    processTerm: (term: string) => term,
    searchOptions: { boost: { ...FIELD_BOOSTS }, bm25: { ...BM25 } },
  };
}

/** The analyzer of a corpus: the built-in lexicon and the corpus's own aliases (see corpus-aliases.ts). */
export function createAnalyzer(corpusAliases: readonly CorpusAlias[] = []): Analyzer {
  return new Analyzer(createLexicon(normalizeWord, corpusAliases));
}

/** What analyzing one article gives the index; plain data, so that it can be made in another thread. */
export interface AnalyzedDocument {
  /** What was recognized in it. */
  readonly entities: StoredEntities;
  /** Per sentence, its word terms (the `text` field), with repeats. */
  readonly words: readonly (readonly string[])[];
  /** Per sentence, its alias terms (the `aliases` field), with repeats. */
  readonly aliases: readonly (readonly string[])[];
  /** How its word terms are written in it: [term, written], the first (lower-case) way each. */
  readonly surfaces: readonly (readonly [string, string])[];
}

/** The lower-case form wins: a word ever written in lower case is not a name ("Treaty" in a headline, "treaty" in the text). */
function preferredSurface(known: string | undefined, written: string): boolean {
  return known === undefined || (known !== known.toLowerCase() && written === written.toLowerCase());
}

/** Analyzes one article: each sentence once, into what its index entries are made of. */
export function analyzeDocument(document: CorpusDocument, analyzer: Analyzer): AnalyzedDocument {
  // The recognizer's full output (tokens and all) serves this article's indexing only.
  const recognized = documentEntities(document, analyzer);
  const words: string[][] = [];
  const aliases: string[][] = [];
  const surfaces = new Map<string, string>();
  const monthTerm = (name: string) => analyzer.terms(name).find((t) => !t.alias)?.term;
  const published = publicationTerms(document.published, monthTerm);
  document.sentences.forEach((span, sentence) => {
    const text = document.text.slice(span.start, span.end);
    const terms = analyzer.terms(text);
    const own = terms.filter((t) => !t.alias);
    words.push(own.map((t) => t.term));
    // The dates it writes, and the article's own date (date-terms.ts).
    const dates = new Set([...sentenceDateTerms(text, document.published, monthTerm), ...(sentence === 0 ? published.headline : published.sentence)]);
    aliases.push([...terms.filter((t) => t.alias).map((t) => t.term), ...recognized.sentenceAliases(sentence), ...recognized.lemmaTerms(sentence), ...dates]);
    for (const t of own) {
      const written = visibleText(text.slice(t.start, t.end));
      if (preferredSurface(surfaces.get(t.term), written)) surfaces.set(t.term, written);
    }
  });
  return { entities: recognized.stored, words, aliases, surfaces: [...surfaces] };
}

/**
 * Puts an index together from its articles' analyses, given in corpus order (wherever
 * they were made): the term vectors grow a sentence at a time, and the analyses need not
 * be kept.
 */
export class IndexBuilder {
  private readonly vectors = new TermVectorsBuilder();
  private readonly entities: StoredEntities[] = [];
  private readonly surfaces = new Map<string, string>();

  constructor(private readonly corpus: Corpus) {}

  /** Adds the analysis of the next article of the corpus. */
  add(analyzed: AnalyzedDocument): void {
    const document = this.corpus.documents[this.entities.length];
    if (!document || analyzed.words.length !== document.sentences.length || analyzed.aliases.length !== document.sentences.length) {
      throw new RangeError(`the analysis of article ${this.entities.length} does not fit the corpus`);
    }
    this.entities.push(analyzed.entities);
    analyzed.words.forEach((words, s) => this.vectors.add(words, analyzed.aliases[s] ?? []));
    for (const [term, written] of analyzed.surfaces) {
      if (preferredSurface(this.surfaces.get(term), written)) this.surfaces.set(term, written);
    }
  }

  finish(analyzer: Analyzer, options: Pick<IndexOptions, 'thesaurus' | 'budget'> = {}): SentenceIndex {
    if (this.entities.length !== this.corpus.documents.length) {
      throw new RangeError(`${this.entities.length} of ${this.corpus.documents.length} articles were analyzed`);
    }
    const vectors = this.vectors.finish();
    const layout = articleLayout(this.corpus);
    const budget = options.budget ?? DEFAULT_BUDGET;
    const reach = articleReach(vectors, layout.starts);
    const search = runSearch(vectors, layout.starts, searchable(reach, budget));
    const champions = championLists(vectors, layout, reach, budget);
    const surfaces = vectors.terms.map((term) => this.surfaces.get(term) ?? '');
    this.surfaces.clear();
    return assembleIndex(this.corpus, { search, surfaces, vectors, entities: this.entities, champions }, analyzer, options.thesaurus, { budget });
  }
}

/** Builds the index of `corpus` in this thread (see src/node/parallel-index.ts for more threads). */
export function buildIndex(corpus: Corpus, options: IndexOptions = {}): SentenceIndex {
  const analyzer = createAnalyzer(corpus.aliases);
  const builder = new IndexBuilder(corpus);
  corpus.documents.forEach((document, done) => {
    builder.add(analyzeDocument(document, analyzer));
    options.onProgress?.(done + 1, corpus.documents.length);
  });
  return builder.finish(analyzer, options);
}

/** Where each article's sentences start in the flat list of sentences, and how recent each article is. */
export function articleLayout(corpus: Corpus): ArticleLayout {
  const { documents } = corpus;
  const starts = new Uint32Array(documents.length + 1);
  documents.forEach((document, a) => {
    starts[a + 1] = (starts[a] ?? 0) + document.sentences.length;
  });
  const dates = [...new Set(documents.map((d) => d.published))].sort();
  const rank = new Map(dates.map((date, i) => [date, i]));
  return { starts, recency: Uint32Array.from(documents, (d) => rank.get(d.published) ?? 0) };
}

/**
 * A MiniSearch index of runs of consecutive sentences: document `i` is sentences
 * `starts[i]` to `starts[i + 1] - 1`, with their terms (as often as they occur; only
 * those `keep` accepts). With an article layout's starts it is the index of the articles;
 * with one run a sentence, a plain index of sentences.
 */
export function runSearch(vectors: TermVectors, starts: Uint32Array, keep: (termId: number) => boolean = () => true): MiniSearch<IndexedArticle> {
  const termsOf = (run: number, field: 0 | 1) => {
    const terms: string[] = [];
    for (let s = starts[run] ?? 0, end = starts[run + 1] ?? 0; s < end; s++) {
      vectors.forEach(s, (termId, f, count) => {
        if (f !== field || !keep(termId)) return;
        const term = vectors.term(termId);
        for (let i = 0; i < count; i++) terms.push(term);
      });
    }
    return terms;
  };
  const search = new MiniSearch<IndexedArticle>({
    ...miniSearchOptions(),
    tokenize: (id: string, field?: string) => termsOf(Number(id), field === 'aliases' ? 1 : 0),
  });
  for (let run = 0; run + 1 < starts.length; run++) search.add({ id: run });
  return search;
}

export interface AssembleOptions {
  readonly budget?: RetrievalBudget;
}

/** An index over `corpus` from its parts. */
export function assembleIndex(corpus: Corpus, parts: IndexParts, analyzer: Analyzer, thesaurus: Thesaurus | undefined, options: AssembleOptions = {}): SentenceIndex {
  const layout = articleLayout(corpus);
  const sentenceCount = layout.starts[corpus.documents.length] ?? 0;
  if (parts.vectors.sentenceCount !== sentenceCount) {
    throw new RangeError(`the index has ${parts.vectors.sentenceCount} sentences, the corpus ${sentenceCount}`);
  }
  // The article of each sentence id (a sentence's place in it is its id less the article's first).
  const articleOf = new Uint32Array(sentenceCount);
  for (let a = 0; a < corpus.documents.length; a++) articleOf.fill(a, layout.starts[a], layout.starts[a + 1]);
  if (parts.entities.length !== corpus.documents.length) {
    throw new RangeError(`the index has entities for ${parts.entities.length} articles, the corpus ${corpus.documents.length}`);
  }
  const documentIndex = new Map(corpus.documents.map((document, i) => [document, i]));
  /** The id of a document's first sentence. */
  const firstId = (document: CorpusDocument) => {
    const i = documentIndex.get(document);
    return i === undefined ? undefined : layout.starts[i];
  };
  const { vectors } = parts;
  const retriever = new MiniSearchRetriever(parts.search, vectors, layout, options.budget, parts.champions);
  const frequency = (term: string) => retriever.frequency(term);
  // The corpus's words in a radix tree, for typos and completions: made now, not by the
  // first question that needs it (about a second for a million words).
  const wordTree = new SearchableMap<number>();
  vectors.terms.forEach((term, id) => {
    if (vectors.frequency(id, 0) > 0) wordTree.set(term, vectors.frequency(id));
  });
  // The sentences questions rerank are analyzed (and tagged, when a question needs their
  // parts of speech) once while they stay in these memories, and so are the articles
  // whose people and quotations they look at.
  const analyzed = new Memo<readonly Term[], number>(SENTENCE_MEMO_LIMIT);
  const tagged = new Memo<NlpToken[]>(SENTENCE_MEMO_LIMIT);
  const recognized = new Memo<DocumentEntities, number>(DOCUMENT_MEMO_LIMIT);
  return {
    corpus,
    search: parts.search,
    retriever,
    analyzer,
    ...(thesaurus ? { thesaurus } : {}),
    parts,
    has: (term) => frequency(term) > 0,
    isWord(term) {
      const id = vectors.termId(term);
      return id !== undefined && vectors.frequency(id, 0) > 0;
    },
    frequency,
    wordsNear: (term, distance) => [...wordTree.fuzzyGet(term, distance).keys()],
    wordsStartingWith(prefix, count) {
      const found: Array<[string, number]> = [];
      for (const entry of wordTree.atPrefix(prefix)) {
        if (found.length === MAX_PREFIX_WALK) break;
        found.push(entry);
      }
      countWork('complete', found.length);
      return found
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, count)
        .map(([term]) => term);
    },
    surface(term) {
      const id = vectors.termId(term);
      return (id === undefined ? undefined : parts.surfaces[id]) || undefined;
    },
    sentenceTerms({ document, sentence }) {
      return analyzed.get((firstId(document) ?? -1) + sentence, () => {
        const span = document.sentences[sentence];
        return span ? analyzer.terms(document.text.slice(span.start, span.end)) : [];
      });
    },
    sentence(id) {
      const article = Number.isInteger(id) && id >= 0 && id < sentenceCount ? articleOf[id] : undefined;
      const document = article === undefined ? undefined : corpus.documents[article];
      if (article === undefined || !document) throw new RangeError(`no sentence with index id ${id}`);
      return { document, sentence: id - (layout.starts[article] ?? 0) };
    },
    idOf(document, sentence) {
      const first = firstId(document);
      return first === undefined || sentence < 0 || sentence >= document.sentences.length ? undefined : first + sentence;
    },
    entities(document) {
      const i = documentIndex.get(document);
      const stored = i === undefined ? undefined : parts.entities[i];
      if (i === undefined || !stored) throw new RangeError(`document ${document.id} is not in the index`);
      return recognized.get(i, () => storedEntities(document, stored, (start, end) => tagged.get(`${i}:${start}:${end}`, () => tagSpan(document.text, start, end))));
    },
  };
}

