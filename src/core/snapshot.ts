/**
 * Index snapshots: an index built once (`citeqa index`) and loaded at start-up (`citeqa
 * serve --index`, INDEX_FILE), instead of analyzing every article again. A snapshot
 * holds the corpus (text, metadata, sentence spans, what was recognized in each article),
 * the MiniSearch index of the articles, the sentences' term vectors and how words are
 * written; nothing is analyzed again when it is loaded.
 *
 * A snapshot is a sequence of records, each small enough to be one line of JSON, so that
 * an index of millions of sentences is written and read a line at a time (one JSON text
 * would exceed the longest string V8 can hold):
 *
 *   header       format, version, counts, the corpus's own aliases (its aliases.yaml, which
 *                questions are analyzed with as the articles were)
 *   document     one per article
 *   terms        the term vectors' terms, in id order, with how each is written in the
 *                corpus ("" for a term that is never a word as written), in chunks
 *   array        a chunk of one typed array (of the term vectors or the champion lists):
 *                its little-endian bytes (chunks of one array follow each other); in a
 *                file the bytes follow the record's line raw (see snapshot-file.ts), in
 *                JSON alone they are base64
 *   search       MiniSearch's serialized index without its terms
 *   postings     MiniSearch's terms with their postings, in chunks
 *   end          the record count, so that a truncated file is refused
 */
import MiniSearch from 'minisearch';
import { z } from 'zod';
import { fromDocuments, type CorpusDocument } from './corpus';
import type { StoredEntities } from './entities';
import { CiteqaError } from './errors';
import { assembleIndex, createAnalyzer, miniSearchOptions, type IndexedArticle, type SentenceIndex } from './search-index';
import type { ChampionLists } from './retrieval';
import { TermVectors } from './term-vectors';
import type { Thesaurus } from './thesaurus';

export const SNAPSHOT_FORMAT = 'citeqa-index';
/**
 * Raised when the records change, or the analysis that makes their terms or the people
 * they store (6: invisible characters, long words; 7: the corpus's aliases in the header,
 * corpus knowledge out of the built-in lexicon; 8: dates as terms, date-terms.ts; 9: a
 * surname that is also an English noun, "Prime Minister David Park", entities.ts; 10: a
 * capital written without its closing initialism, "Washington", lexicon.ts, and a day's
 * weekday as a term, date-terms.ts; 11: a name after an office named with "of", "Secretary of
 * State Antony Blinken", a person's, entities.ts; 12: an organization's name with "of"
 * and the adjectives before it, "the Bank of England", and an organization named in the
 * sentence before one saying "it" standing for it there, entities.ts; 13: a title joined
 * by a hyphen is one role, "Secretary-General", entities.ts).
 */
export const SNAPSHOT_VERSION = 13;

/** How much one record holds at most: items of a list, elements of a typed array (4 MB of uint32). */
export interface ChunkSizes {
  readonly items: number;
  readonly elements: number;
}
const CHUNKS: ChunkSizes = { items: 20_000, elements: 1 << 20 };

/** The term vectors' arrays, then the champion lists'. */
const ARRAY_NAMES = ['starts', 'aliasStarts', 'termIds', 'counts', 'championTerms', 'championStarts', 'championSentences'] as const;
type ArrayName = (typeof ARRAY_NAMES)[number];

const base64 = z.base64();
const recordSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('header'),
    format: z.literal(SNAPSHOT_FORMAT),
    version: z.literal(SNAPSHOT_VERSION),
    documents: z.number().int().nonnegative(),
    sentences: z.number().int().nonnegative(),
    aliases: z.array(z.strictObject({ names: z.array(z.string()).min(1), also: z.array(z.string()), kind: z.enum(['place', 'demonym']).optional() })),
  }),
  z.object({
    kind: z.literal('document'),
    id: z.string(),
    title: z.string(),
    source: z.string(),
    published: z.string(),
    url: z.string().optional(),
    text: z.string(),
    /** Sentence spans: start and end of each, as base64 of uint32s. */
    sentences: base64,
    entities: z.object({
      people: z.array(z.object({ name: z.string(), surname: z.string(), term: z.string(), roles: z.array(z.string()) })),
      spans: base64,
      speakers: base64,
    }),
  }),
  z.object({ kind: z.literal('terms'), terms: z.array(z.string()), surfaces: z.array(z.string()) }),
  z.object({ kind: z.literal('array'), name: z.enum(ARRAY_NAMES), data: z.union([z.custom<Uint8Array<ArrayBufferLike>>((value) => value instanceof Uint8Array, 'raw bytes'), base64]) }),
  z.object({ kind: z.literal('search'), search: z.record(z.string(), z.unknown()) }),
  z.object({ kind: z.literal('postings'), entries: z.array(z.tuple([z.string(), z.unknown()])) }),
  z.object({ kind: z.literal('end'), records: z.number().int().nonnegative() }),
]);

export type SnapshotRecord = z.infer<typeof recordSchema>;

/** The records of the snapshot of `index`, in order. */
export function* snapshotRecords(index: SentenceIndex, sizes: ChunkSizes = CHUNKS): Generator<SnapshotRecord> {
  const chunks = function* <T>(items: readonly T[]): Generator<T[]> {
    for (let from = 0; from < items.length; from += sizes.items) yield items.slice(from, from + sizes.items);
  };
  let count = 0;
  const emit = (record: SnapshotRecord) => {
    count++;
    return record;
  };
  const { corpus, parts } = index;
  const aliases = corpus.aliases.map(({ names, also, kind }) => ({ names: [...names], also: [...also], ...(kind ? { kind } : {}) }));
  yield emit({ kind: 'header', format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, documents: corpus.documents.length, sentences: corpus.sentenceCount, aliases });
  for (const [i, d] of corpus.documents.entries()) {
    const { people, spans, speakers } = parts.entities[i] as StoredEntities;
    yield emit({
      kind: 'document',
      id: d.id,
      title: d.title,
      source: d.source,
      published: d.published,
      ...(d.url === undefined ? {} : { url: d.url }),
      text: d.text,
      sentences: toBase64(Uint32Array.from(d.sentences.flatMap((s) => [s.start, s.end]))),
      entities: { people: people.map((p) => ({ ...p, roles: [...p.roles] })), spans: toBase64(spans), speakers: toBase64(speakers) },
    });
  }
  const vectors = parts.vectors.raw;
  for (let from = 0; from < vectors.terms.length; from += sizes.items) {
    yield emit({ kind: 'terms', terms: vectors.terms.slice(from, from + sizes.items), surfaces: parts.surfaces.slice(from, from + sizes.items) });
  }
  const arrays: Record<ArrayName, Typed> = {
    starts: vectors.starts,
    aliasStarts: vectors.aliasStarts,
    termIds: vectors.termIds,
    counts: vectors.counts,
    championTerms: parts.champions.terms,
    championStarts: parts.champions.starts,
    championSentences: parts.champions.sentences,
  };
  for (const name of ARRAY_NAMES) {
    const array = arrays[name];
    for (let from = 0; from < array.length || from === 0; from += sizes.elements) {
      const chunk = array.subarray(from, from + sizes.elements);
      yield emit({ kind: 'array', name, data: new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) });
      if (array.length === 0) break;
    }
  }
  const { index: postings, ...search } = index.search.toJSON() as unknown as { index: Array<[string, unknown]> } & Record<string, unknown>;
  yield emit({ kind: 'search', search });
  for (const entries of chunks(postings)) yield emit({ kind: 'postings', entries });
  yield emit({ kind: 'end', records: count + 1 });
}

const invalid = (what: string) => new CiteqaError('corpus_invalid', `not a citeqa index (version ${SNAPSHOT_VERSION}): ${what}; build it again with citeqa index`);

/**
 * Reads a snapshot record by record (as parsed JSON); `finish` makes the index. Every
 * problem is a `corpus_invalid` CiteqaError saying what is wrong, and where.
 */
export class SnapshotReader {
  private count = 0;
  private header: Extract<SnapshotRecord, { kind: 'header' }> | undefined;
  private ended = false;
  private readonly documents: CorpusDocument[] = [];
  private readonly entities: StoredEntities[] = [];
  private readonly surfaces: string[] = [];
  private readonly terms: string[] = [];
  private readonly arrays = new Map<ArrayName, Uint8Array[]>(ARRAY_NAMES.map((name) => [name, []]));
  private search: Record<string, unknown> | undefined;
  private readonly postings: Array<[string, unknown]> = [];

  add(data: unknown): void {
    this.count++;
    const parsed = recordSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalid(`record ${this.count}: ${issue?.path.join('.') || 'the record'}: ${issue?.message ?? 'invalid'}`);
    }
    const record = parsed.data;
    if (this.ended) throw invalid(`record ${this.count} comes after the end`);
    if (!this.header && record.kind !== 'header') throw invalid('it does not start with a citeqa-index header');
    switch (record.kind) {
      case 'header':
        if (this.header) throw invalid(`record ${this.count} is a second header`);
        this.header = record;
        return;
      case 'document': {
        const { kind: _kind, sentences: spans, url, entities, ...meta } = record;
        // Read in place (a small typed array per article costs more than its numbers).
        const bounds = Buffer.from(spans, 'base64');
        const sentences = Array.from({ length: bounds.length >> 3 }, (_, n) => ({ start: bounds.readUInt32LE(8 * n), end: bounds.readUInt32LE(8 * n + 4) }));
        if (bounds.length % 8 !== 0 || sentences.some(({ start, end }, n) => start > end || end > meta.text.length || (n > 0 && start < (sentences[n - 1]?.end ?? 0)))) {
          throw invalid(`the sentences of document ${meta.id} do not fit its text`);
        }
        const stored = { people: entities.people, spans: typed(entities.spans, Int32Array), speakers: typed(entities.speakers, Int16Array) };
        if (stored.spans.length % 4 !== 0 || stored.speakers.length !== sentences.length || stored.speakers.some((p) => p >= entities.people.length)) {
          throw invalid(`the entities of document ${meta.id} are inconsistent`);
        }
        this.documents.push({ ...meta, ...(url === undefined ? {} : { url }), sentences });
        this.entities.push(stored);
        return;
      }
      case 'terms':
        if (record.surfaces.length !== record.terms.length) throw invalid(`record ${this.count} has ${record.terms.length} terms and ${record.surfaces.length} ways of writing them`);
        for (const term of record.terms) this.terms.push(term);
        for (const surface of record.surfaces) this.surfaces.push(surface);
        return;
      case 'array':
        this.arrays.get(record.name)?.push(typeof record.data === 'string' ? Buffer.from(record.data, 'base64') : record.data);
        return;
      case 'search':
        this.search = record.search;
        return;
      case 'postings':
        for (const entry of record.entries) this.postings.push(entry);
        return;
      case 'end':
        if (record.records !== this.count) throw invalid(`it ends after ${this.count} records but says ${record.records}`);
        this.ended = true;
        return;
      default: {
        const unknown: never = record;
        throw invalid(`unknown record ${JSON.stringify(unknown)}`);
      }
    }
  }

  finish(options: { thesaurus?: Thesaurus } = {}): SentenceIndex {
    if (!this.header) throw invalid('it is empty');
    if (!this.ended) throw invalid(`it is cut short after ${this.count} records`);
    const corpus = fromDocuments(this.documents, [], this.header.aliases);
    if (this.documents.length !== this.header.documents || corpus.sentenceCount !== this.header.sentences) {
      throw invalid(`it has ${this.documents.length} documents and ${corpus.sentenceCount} sentences, its header says ${this.header.documents} and ${this.header.sentences}`);
    }
    let search: MiniSearch<IndexedArticle>;
    let vectors: TermVectors;
    let champions: ChampionLists;
    let index: SentenceIndex;
    try {
      search = MiniSearch.loadJS<IndexedArticle>({ ...this.search, index: this.postings } as never, miniSearchOptions());
      const array = <T extends Typed>(name: ArrayName, Type: TypedConstructor<T>) => typedFromChunks(this.arrays.get(name) ?? [], Type);
      vectors = TermVectors.fromData({
        terms: this.terms,
        starts: array('starts', Uint32Array),
        aliasStarts: array('aliasStarts', Uint32Array),
        termIds: array('termIds', Uint32Array),
        counts: array('counts', Uint16Array),
      });
      champions = { terms: array('championTerms', Uint32Array), starts: array('championStarts', Uint32Array), sentences: array('championSentences', Uint32Array) };
    } catch (error) {
      throw new CiteqaError('corpus_invalid', `not a citeqa index: its search index cannot be read (${(error as Error).message}); build it again with citeqa index`);
    }
    if (search.documentCount !== corpus.documents.length || vectors.sentenceCount !== corpus.sentenceCount) {
      throw invalid(`its search index has ${search.documentCount} articles and ${vectors.sentenceCount} sentences, its documents ${corpus.documents.length} and ${corpus.sentenceCount}`);
    }
    try {
      index = assembleIndex(corpus, { search, surfaces: this.surfaces, vectors, entities: this.entities, champions }, createAnalyzer(corpus.aliases), options.thesaurus);
    } catch (error) {
      throw invalid((error as Error).message);
    }
    return index;
  }
}

/** An index from a snapshot's records (see SnapshotReader for the errors). */
export function loadSnapshot(records: Iterable<unknown>, options: { thesaurus?: Thesaurus } = {}): SentenceIndex {
  const reader = new SnapshotReader();
  for (const record of records) reader.add(record);
  return reader.finish(options);
}

type Typed = Uint32Array | Uint16Array | Int32Array | Int16Array;
type TypedConstructor<T extends Typed> = { new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): T; readonly BYTES_PER_ELEMENT: number };

function toBase64(array: Typed): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

/**
 * A typed array of base64 text. Small decoded buffers share Node's buffer pool, so an
 * aligned one is viewed in place: an article's entity arrays then cost no ArrayBuffer of
 * their own (hundreds of thousands of them make the collector work hard at start-up).
 */
function typed<T extends Typed>(text: string, Type: TypedConstructor<T>): T {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % Type.BYTES_PER_ELEMENT !== 0) throw invalid('an array is truncated');
  return bytes.byteOffset % Type.BYTES_PER_ELEMENT === 0 ? new Type(bytes.buffer, bytes.byteOffset, bytes.byteLength / Type.BYTES_PER_ELEMENT) : typedFrom(bytes, Type);
}

/** A typed array of the bytes (copied, so that it is aligned); throws if they do not divide into elements. */
function typedFrom<T extends Typed>(bytes: Buffer, Type: TypedConstructor<T>): T {
  return typedFromChunks([bytes], Type);
}

/** A typed array of the chunks' bytes one after another, copied once. */
function typedFromChunks<T extends Typed>(chunks: readonly Uint8Array[], Type: TypedConstructor<T>): T {
  const length = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  if (length % Type.BYTES_PER_ELEMENT !== 0) throw invalid('an array is truncated');
  const copy = new Uint8Array(new ArrayBuffer(length));
  let at = 0;
  for (const chunk of chunks) {
    copy.set(chunk, at);
    at += chunk.byteLength;
  }
  return new Type(copy.buffer);
}
