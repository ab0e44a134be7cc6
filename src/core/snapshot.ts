/**
 * Index snapshots: an index built once (`citeqa index`) and loaded at start-up (`citeqa
 * serve --index`), instead of analyzing every article again. A snapshot holds the corpus
 * (text, metadata, sentence spans), the MiniSearch index and the vocabularies; what was
 * recognized in each article (people, quotations) is recognized again on first use.
 */
import MiniSearch from 'minisearch';
import { z } from 'zod';
import { fromDocuments, type Corpus, type CorpusDocument } from './corpus';
import { CiteqaError } from './errors';
import { assembleIndex, createAnalyzer, miniSearchOptions, type IndexedSentence, type SentenceIndex } from './search-index';
import type { Thesaurus } from './thesaurus';

export const SNAPSHOT_FORMAT = 'citeqa-index';
export const SNAPSHOT_VERSION = 1;

const snapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  documents: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      source: z.string(),
      published: z.string(),
      url: z.string().optional(),
      text: z.string(),
      sentences: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
    }),
  ),
  words: z.array(z.string()),
  vocabulary: z.array(z.string()),
  surfaces: z.array(z.tuple([z.string(), z.string()])),
  frequencies: z.array(z.tuple([z.string(), z.number().int().nonnegative()])),
  search: z.record(z.string(), z.unknown()),
});

export type Snapshot = z.infer<typeof snapshotSchema>;

/** The snapshot of an index, as a JSON-ready object. */
export function snapshotOf(index: SentenceIndex): Snapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    documents: index.corpus.documents.map((d) => ({
      id: d.id,
      title: d.title,
      source: d.source,
      published: d.published,
      ...(d.url === undefined ? {} : { url: d.url }),
      text: d.text,
      sentences: d.sentences.map((s) => [s.start, s.end] as [number, number]),
    })),
    words: [...index.parts.words],
    vocabulary: [...index.parts.vocabulary],
    surfaces: [...index.parts.surfaces],
    frequencies: [...index.parts.frequencies],
    search: index.search.toJSON() as unknown as Record<string, unknown>,
  };
}

/** An index from a snapshot; throws a `corpus_invalid` CiteqaError saying what is wrong with it. */
export function loadSnapshot(data: unknown, options: { thesaurus?: Thesaurus } = {}): SentenceIndex {
  const parsed = snapshotSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CiteqaError('corpus_invalid', `not a citeqa index (version ${SNAPSHOT_VERSION}): ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}; build it again with citeqa index`);
  }
  const snapshot = parsed.data;
  const documents: CorpusDocument[] = snapshot.documents.map(({ sentences, url, ...meta }) => ({
    ...meta,
    ...(url === undefined ? {} : { url }),
    sentences: sentences.map(([start, end]) => ({ start, end })),
  }));
  const corpus: Corpus = fromDocuments(documents);
  let search: MiniSearch<IndexedSentence>;
  try {
    search = MiniSearch.loadJS<IndexedSentence>(snapshot.search as never, miniSearchOptions());
  } catch (error) {
    throw new CiteqaError('corpus_invalid', `not a citeqa index: its search index cannot be read (${(error as Error).message}); build it again with citeqa index`);
  }
  return assembleIndex(
    corpus,
    {
      search,
      words: new Set(snapshot.words),
      vocabulary: new Set(snapshot.vocabulary),
      surfaces: new Map(snapshot.surfaces),
      frequencies: new Map(snapshot.frequencies),
    },
    createAnalyzer(),
    options.thesaurus,
  );
}
