/**
 * Index snapshots: an index built once (`citeqa index`) and loaded at start-up (`citeqa
 * serve --index`), instead of analyzing every article again. A snapshot holds the corpus
 * (text, metadata, sentence spans), the MiniSearch index, the term vectors (as base64 of
 * their little-endian typed arrays: compact, and read in one step) and how words are
 * written; what was recognized in each article (people, quotations) is recognized again
 * on first use.
 */
import MiniSearch from 'minisearch';
import { z } from 'zod';
import { fromDocuments, type Corpus, type CorpusDocument } from './corpus';
import { CiteqaError } from './errors';
import { assembleIndex, createAnalyzer, miniSearchOptions, type IndexedSentence, type SentenceIndex } from './search-index';
import { TermVectors } from './term-vectors';
import type { Thesaurus } from './thesaurus';

export const SNAPSHOT_FORMAT = 'citeqa-index';
export const SNAPSHOT_VERSION = 2;

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
  surfaces: z.array(z.tuple([z.string(), z.string()])),
  vectors: z.object({
    terms: z.array(z.string()),
    starts: z.base64(),
    aliasStarts: z.base64(),
    termIds: z.base64(),
    counts: z.base64(),
  }),
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
    surfaces: [...index.parts.surfaces],
    vectors: (({ terms, starts, aliasStarts, termIds, counts }) => ({
      terms: [...terms],
      starts: base64(starts),
      aliasStarts: base64(aliasStarts),
      termIds: base64(termIds),
      counts: base64(counts),
    }))(index.parts.vectors.raw),
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
  let vectors: TermVectors;
  try {
    search = MiniSearch.loadJS<IndexedSentence>(snapshot.search as never, miniSearchOptions());
    const { terms, starts, aliasStarts, termIds, counts } = snapshot.vectors;
    vectors = TermVectors.fromData({
      terms,
      starts: typed(starts, Uint32Array),
      aliasStarts: typed(aliasStarts, Uint32Array),
      termIds: typed(termIds, Uint32Array),
      counts: typed(counts, Uint16Array),
    });
    if (search.documentCount !== corpus.sentenceCount || vectors.sentenceCount !== corpus.sentenceCount) {
      throw new RangeError(`it indexes ${search.documentCount} sentences, its documents have ${corpus.sentenceCount}`);
    }
  } catch (error) {
    throw new CiteqaError('corpus_invalid', `not a citeqa index: its search index cannot be read (${(error as Error).message}); build it again with citeqa index`);
  }
  return assembleIndex(
    corpus,
    { search, surfaces: new Map(snapshot.surfaces), vectors },
    createAnalyzer(),
    options.thesaurus,
  );
}

function base64(array: Uint32Array | Uint16Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

/** A typed array from base64 of its bytes (copied, so that it is aligned). */
function typed<T extends Uint32Array | Uint16Array>(text: string, Type: { new (buffer: ArrayBuffer): T; readonly BYTES_PER_ELEMENT: number }): T {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % Type.BYTES_PER_ELEMENT !== 0) throw new RangeError('term vectors are truncated');
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return new Type(copy);
}
