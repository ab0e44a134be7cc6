/**
 * The index a command or the server answers from: built from a corpus directory, or
 * loaded from a snapshot file made by `citeqa index`.
 */
import { readFile } from 'node:fs/promises';
import type { CorpusProblem } from '../core/errors';
import { CiteqaError } from '../core/errors';
import { buildIndex, type IndexOptions, type SentenceIndex } from '../core/search-index';
import { loadSnapshot } from '../core/snapshot';
import { loadCorpusDir } from './corpus-dir';
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
  if (source.indexFile !== undefined) {
    let text: string;
    try {
      text = await readFile(source.indexFile, 'utf8');
    } catch (error) {
      throw new CiteqaError('corpus_invalid', `cannot read the index file ${source.indexFile}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new CiteqaError('corpus_invalid', `${source.indexFile} is not JSON; build it again with citeqa index`);
    }
    return { index: loadSnapshot(data, { thesaurus }), warnings: [], skipped: [] };
  }
  const { corpus, skipped } = await loadCorpusDir(source.corpusDir);
  return { index: buildIndex(corpus, { thesaurus, ...options }), warnings: corpus.warnings, skipped };
}
