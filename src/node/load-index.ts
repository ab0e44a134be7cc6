/**
 * The index a command or the server answers from: built from a corpus directory, or
 * loaded from a snapshot file made by `citeqa index`.
 */
import type { CorpusProblem } from '../core/errors';
import type { IndexOptions, SentenceIndex } from '../core/search-index';
import { loadCorpusDir } from './corpus-dir';
import { buildIndexInParallel } from './parallel-index';
import { readSnapshotFile } from './snapshot-file';
import { wordnetThesaurus } from './wordnet';

export interface LoadedIndex {
  readonly index: SentenceIndex;
  readonly warnings: readonly CorpusProblem[];
  /** Files skipped in the corpus directory (not articles). */
  readonly skipped: readonly string[];
}

/**
 * Loads `indexFile` when given, else builds the index of `corpusDir` (analyzing articles
 * on every core: see parallel-index.ts). Throws a
 * CorpusError (bad corpus) or a `corpus_invalid` CiteqaError (bad snapshot).
 */
export async function loadIndex(source: { corpusDir: string; indexFile?: string | undefined }, options: Pick<IndexOptions, 'onProgress'> = {}): Promise<LoadedIndex> {
  const thesaurus = wordnetThesaurus();
  if (source.indexFile !== undefined) return { index: await readSnapshotFile(source.indexFile, { thesaurus }), warnings: [], skipped: [] };
  const { corpus, skipped } = await loadCorpusDir(source.corpusDir);
  return { index: await buildIndexInParallel(corpus, { thesaurus, ...options }), warnings: corpus.warnings, skipped };
}
