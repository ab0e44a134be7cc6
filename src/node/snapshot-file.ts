/**
 * Index snapshots on disk: `citeqa index` writes one, `serve --index` and INDEX_FILE read
 * it. One JSON record a line (see snapshot.ts), written and read as a stream, so that an
 * index of millions of sentences never has to be one string.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { CiteqaError } from '../core/errors';
import type { SentenceIndex } from '../core/search-index';
import { SnapshotReader, snapshotRecords, type ChunkSizes } from '../core/snapshot';
import type { Thesaurus } from '../core/thesaurus';

/** Writes the snapshot of `index` to `file`; resolves with its size in bytes. */
export async function writeSnapshotFile(index: SentenceIndex, file: string, chunks?: ChunkSizes): Promise<number> {
  const out = createWriteStream(file);
  const failed = once(out, 'error').then(([error]) => {
    throw error;
  });
  let bytes = 0;
  for (const record of snapshotRecords(index, chunks)) {
    const line = `${JSON.stringify(record)}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await Promise.race([once(out, 'drain'), failed]);
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return bytes;
}

/** Reads a snapshot file; throws a `corpus_invalid` CiteqaError saying what is wrong. */
export async function readSnapshotFile(file: string, options: { thesaurus?: Thesaurus } = {}): Promise<SentenceIndex> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const reader = new SnapshotReader();
  let line = 0;
  try {
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      line++;
      if (text.trim() === '') continue;
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch {
        throw new CiteqaError('corpus_invalid', `${file} is not a citeqa index: line ${line} is not JSON; build it again with citeqa index`);
      }
      reader.add(record);
    }
  } catch (error) {
    if (error instanceof CiteqaError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CiteqaError('corpus_invalid', `cannot read the index file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`);
  } finally {
    input.destroy();
  }
  return reader.finish(options);
}
