/**
 * Index snapshots on disk: `citeqa index` writes one, `serve --index` and INDEX_FILE read
 * it. One JSON record a line (see snapshot.ts), written and read as a stream, so that an
 * index of millions of sentences never has to be one string. The typed arrays' bytes are
 * written raw: an array record's line is `{"kind":"array","name":...,"bytes":N}`, and its
 * N bytes follow it, then a newline. Reading them costs a copy, not base64 and JSON.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { CiteqaError } from '../core/errors';
import type { SentenceIndex } from '../core/search-index';
import { SnapshotReader, snapshotRecords, type ChunkSizes } from '../core/snapshot';
import type { Thesaurus } from '../core/thesaurus';

const NEWLINE = 10;
const RETURN = 13;

/** Writes the snapshot of `index` to `file`; resolves with its size in bytes. */
export async function writeSnapshotFile(index: SentenceIndex, file: string, chunks?: ChunkSizes): Promise<number> {
  const out = createWriteStream(file);
  const failed = once(out, 'error').then(([error]) => {
    throw error;
  });
  let bytes = 0;
  const write = async (data: string | Uint8Array) => {
    bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    if (!out.write(data)) await Promise.race([once(out, 'drain'), failed]);
  };
  for (const record of snapshotRecords(index, chunks)) {
    if (record.kind === 'array' && typeof record.data !== 'string') {
      const { data, ...rest } = record;
      await write(`${JSON.stringify({ ...rest, bytes: data.byteLength })}\n`);
      await write(data);
      await write('\n');
    } else {
      await write(`${JSON.stringify(record)}\n`);
    }
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return bytes;
}

/** Reads a snapshot file; throws a `corpus_invalid` CiteqaError saying what is wrong. */
export async function readSnapshotFile(file: string, options: { thesaurus?: Thesaurus } = {}): Promise<SentenceIndex> {
  const input = new ChunkReader(createReadStream(file, { highWaterMark: 1 << 20 }));
  const reader = new SnapshotReader();
  const notIndex = (what: string) => new CiteqaError('corpus_invalid', `${file} is not a citeqa index: ${what}; build it again with citeqa index`);
  let line = 0;
  try {
    for (let text = await input.line(); text !== undefined; text = await input.line()) {
      line++;
      if (text.trim() === '') continue;
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch {
        throw notIndex(`line ${line} is not JSON`);
      }
      if (isRawArray(record)) {
        const slices = await input.bytes(record.bytes);
        if (slices.reduce((sum, slice) => sum + slice.length, 0) !== record.bytes || (await input.line()) !== '') throw notIndex(`the ${record.bytes} bytes after line ${line} are cut short`);
        const { bytes: _bytes, ...rest } = record;
        // One slice is passed on as it is; the reader copies the array's bytes once, at the end.
        record = { ...rest, data: slices.length === 1 ? slices[0] : Buffer.concat(slices) };
      }
      reader.add(record);
    }
  } catch (error) {
    if (error instanceof CiteqaError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CiteqaError('corpus_invalid', `cannot read the index file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`);
  } finally {
    input.close();
  }
  return reader.finish(options);
}

/** The text of `buffer` up to `end`, less a carriage return just before it. */
function decodeLine(buffer: Buffer, end: number): string {
  return buffer.toString('utf8', 0, end > 0 && buffer[end - 1] === RETURN ? end - 1 : end);
}

/** An array record whose bytes follow its line. */
function isRawArray(record: unknown): record is { kind: 'array'; bytes: number } & Record<string, unknown> {
  if (typeof record !== 'object' || record === null) return false;
  const { kind, bytes, data } = record as Record<string, unknown>;
  return kind === 'array' && data === undefined && typeof bytes === 'number' && Number.isSafeInteger(bytes) && bytes >= 0;
}

/**
 * Lines (decoded as UTF-8; a newline byte is never inside a character) and raw byte runs
 * from a stream of chunks. readline cannot read bytes, and is slow for lines of megabytes.
 */
export class ChunkReader {
  private readonly chunks: AsyncIterator<Buffer>;
  /** What is left of the chunk being read. */
  private head: Buffer = Buffer.alloc(0);
  private ended = false;

  constructor(private readonly input: AsyncIterable<Buffer> & { destroy?: () => void }) {
    this.chunks = input[Symbol.asyncIterator]();
  }

  /** The next line without its line end, or undefined at the end of the input. */
  async line(): Promise<string | undefined> {
    let end = this.head.indexOf(NEWLINE);
    if (end !== -1) {
      const text = decodeLine(this.head, end);
      this.head = this.head.subarray(end + 1);
      return text;
    }
    // The line goes on in the next chunks: gather them until one holds its end.
    const parts = [this.head];
    for (;;) {
      const chunk = await this.next();
      if (!chunk) {
        this.head = Buffer.alloc(0);
        const rest = Buffer.concat(parts);
        return rest.length === 0 ? undefined : rest.toString('utf8');
      }
      end = chunk.indexOf(NEWLINE);
      if (end === -1) {
        parts.push(chunk);
        continue;
      }
      const whole = Buffer.concat([...parts, chunk.subarray(0, end)]);
      this.head = chunk.subarray(end + 1);
      return decodeLine(whole, whole.length);
    }
  }

  /** The next `count` bytes (fewer at the end of the input), as slices of the chunks read (not copied). */
  async bytes(count: number): Promise<Buffer[]> {
    const slices: Buffer[] = [];
    let left = count;
    while (left > 0) {
      if (this.head.length === 0) {
        const chunk = await this.next();
        if (!chunk) break;
        this.head = chunk;
      }
      const take = Math.min(left, this.head.length);
      slices.push(this.head.subarray(0, take));
      this.head = this.head.subarray(take);
      left -= take;
    }
    return slices;
  }

  close(): void {
    this.input.destroy?.();
  }

  private async next(): Promise<Buffer | undefined> {
    if (this.ended) return undefined;
    const next = await this.chunks.next();
    if (next.done) {
      this.ended = true;
      return undefined;
    }
    return next.value;
  }
}
