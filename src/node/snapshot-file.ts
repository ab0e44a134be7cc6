/**
 * Index snapshots on disk: `citeqa index` writes one, `serve --index` and INDEX_FILE read
 * it. One JSON record a line (see snapshot.ts), written and read as a stream, so that an
 * index of millions of sentences never has to be one string.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
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
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  const reader = new SnapshotReader();
  let line = 0;
  try {
    for await (const text of lines(input)) {
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

/**
 * The lines of a byte stream, decoded as UTF-8 (a newline byte is never inside a
 * character). readline does the same, but slowly for lines of megabytes, as a snapshot's
 * are.
 */
export async function* lines(input: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  for await (const chunk of input) {
    let from = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, from)) {
      const stop = end > from && chunk[end - 1] === 13 ? end - 1 : end;
      if (pending.length === 0) {
        yield chunk.toString('utf8', from, stop);
      } else {
        pending.push(chunk.subarray(from, end));
        const whole = Buffer.concat(pending);
        pending = [];
        yield whole.toString('utf8', 0, whole.length > 0 && whole[whole.length - 1] === 13 ? whole.length - 1 : whole.length);
      }
      from = end + 1;
    }
    if (from < chunk.length) pending.push(chunk.subarray(from));
  }
  if (pending.length > 0) yield Buffer.concat(pending).toString('utf8');
}
