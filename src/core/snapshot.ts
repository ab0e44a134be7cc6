/**
 * Index snapshots: an index built once (`citeqa index`) and loaded at start-up (`citeqa
 * serve --index`), instead of analyzing every article again. A snapshot holds the corpus
 * (text, metadata, sentence spans, what was recognized in it), the MiniSearch index, the
 * term vectors and how words are written. Typed arrays are stored as base64 of their
 * little-endian bytes: compact, and read in one step. Nothing is recognized again when a
 * snapshot is loaded.
 */
import MiniSearch from 'minisearch';
import { z } from 'zod';
import { fromDocuments, type Corpus, type CorpusDocument } from './corpus';
import { CiteqaError } from './errors';
import { assembleIndex, createAnalyzer, miniSearchOptions, type IndexedSentence, type SentenceIndex } from './search-index';
import type { StoredEntities } from './entities';
import { TermVectors } from './term-vectors';
import type { Thesaurus } from './thesaurus';

export const SNAPSHOT_FORMAT = 'citeqa-index';
export const SNAPSHOT_VERSION = 3;

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
      entities: z.object({
        people: z.array(z.object({ name: z.string(), surname: z.string(), term: z.string(), roles: z.array(z.string()) })),
        spans: z.base64(),
        speakers: z.base64(),
      }),
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
    documents: index.corpus.documents.map((d, i) => ({
      id: d.id,
      title: d.title,
      source: d.source,
      published: d.published,
      ...(d.url === undefined ? {} : { url: d.url }),
      text: d.text,
      sentences: d.sentences.map((s) => [s.start, s.end] as [number, number]),
      entities: (({ people, spans, speakers }) => ({ people: people.map((p) => ({ ...p, roles: [...p.roles] })), spans: base64(spans), speakers: base64(speakers) }))(
        index.parts.entities[i] as StoredEntities,
      ),
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
  const documents: CorpusDocument[] = snapshot.documents.map(({ sentences, url, entities: _entities, ...meta }) => ({
    ...meta,
    ...(url === undefined ? {} : { url }),
    sentences: sentences.map(([start, end]) => ({ start, end })),
  }));
  const corpus: Corpus = fromDocuments(documents);
  let search: MiniSearch<IndexedSentence>;
  let vectors: TermVectors;
  let entities: StoredEntities[];
  try {
    entities = snapshot.documents.map(({ entities: { people, spans, speakers }, sentences }) => {
      const stored = { people, spans: typed(spans, Int32Array), speakers: typed(speakers, Int16Array) };
      if (stored.spans.length % 4 !== 0 || stored.speakers.length !== sentences.length || stored.speakers.some((p) => p >= people.length)) {
        throw new RangeError('the entities of a document are inconsistent');
      }
      return stored;
    });
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
    { search, surfaces: new Map(snapshot.surfaces), vectors, entities },
    createAnalyzer(),
    options.thesaurus,
  );
}

type Typed = Uint32Array | Uint16Array | Int32Array | Int16Array;

function base64(array: Typed): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

/** A typed array from base64 of its bytes (copied, so that it is aligned). */
function typed<T extends Typed>(text: string, Type: { new (buffer: ArrayBuffer): T; readonly BYTES_PER_ELEMENT: number }): T {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % Type.BYTES_PER_ELEMENT !== 0) throw new RangeError('an array is truncated');
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return new Type(copy);
}
