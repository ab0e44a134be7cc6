/**
 * The index a command or the server answers from: built from a corpus directory, or
 * loaded from a snapshot file made by `citeqa index`.
 */
import type { CorpusProblem } from '../core/errors';
import { buildIndex, type IndexOptions, type SentenceIndex } from '../core/search-index';
import { loadCorpusDir } from './corpus-dir';
import { readSnapshotFile } from './snapshot-file';
import { wordnetThesaurus } from './wordnet';

export interface LoadedIndex {
  readonly index: SentenceIndex;
  readonly warnings: readonly CorpusProblem[];
  /** Files skipped in the corpus directory (not articles). */
  readonly skipped: readonly string[];
}

/**
 * Loads `indexFile` when given, else builds the index of `corpusDir`. Throws a
 * CorpusError (bad corpus) or a `corpus_invalid` CiteqaError (bad snapshot).
 */
export async function loadIndex(source: { corpusDir: string; indexFile?: string | undefined }, options: Pick<IndexOptions, 'onProgress'> = {}): Promise<LoadedIndex> {
  const thesaurus = wordnetThesaurus();
  if (source.indexFile !== undefined) return { index: await readSnapshotFile(source.indexFile, { thesaurus }), warnings: [], skipped: [] };
  const { corpus, skipped } = await loadCorpusDir(source.corpusDir);
  return { index: buildIndex(corpus, { thesaurus, ...options }), warnings: corpus.warnings, skipped };
}
