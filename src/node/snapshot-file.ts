/**
 * Index snapshots on disk: `citeqa index` writes one, `serve --index` and INDEX_FILE read
 * it. The format is snapshot.ts's, as JSON.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { CiteqaError } from '../core/errors';
import type { SentenceIndex } from '../core/search-index';
import { loadSnapshot, snapshotOf } from '../core/snapshot';
import type { Thesaurus } from '../core/thesaurus';

/** Writes the snapshot of `index` to `file`; resolves with its size in bytes. */
export async function writeSnapshotFile(index: SentenceIndex, file: string): Promise<number> {
  const json = JSON.stringify(snapshotOf(index));
  await writeFile(file, json);
  return Buffer.byteLength(json);
}

/** Reads a snapshot file; throws a `corpus_invalid` CiteqaError saying what is wrong. */
export async function readSnapshotFile(file: string, options: { thesaurus?: Thesaurus } = {}): Promise<SentenceIndex> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CiteqaError('corpus_invalid', `cannot read the index file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CiteqaError('corpus_invalid', `${file} is not JSON; build it again with citeqa index`);
  }
  return loadSnapshot(data, options);
}
