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
        const data = await input.bytes(record.bytes);
        if (data.byteLength !== record.bytes || (await input.line()) !== '') throw notIndex(`the ${record.bytes} bytes after line ${line} are cut short`);
        const { bytes: _bytes, ...rest } = record;
        record = { ...rest, data };
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
  private pending: Buffer = Buffer.alloc(0);
  private ended = false;

  constructor(private readonly input: AsyncIterable<Buffer> & { destroy?: () => void }) {
    this.chunks = input[Symbol.asyncIterator]();
  }

  /** The next line without its line end, or undefined at the end of the input. */
  async line(): Promise<string | undefined> {
    let searched = 0;
    for (;;) {
      const end = this.pending.indexOf(NEWLINE, searched);
      if (end !== -1) {
        const stop = end > 0 && this.pending[end - 1] === RETURN ? end - 1 : end;
        const text = this.pending.toString('utf8', 0, stop);
        this.pending = this.pending.subarray(end + 1);
        return text;
      }
      searched = this.pending.length;
      if (!(await this.more())) {
        if (this.pending.length === 0) return undefined;
        const text = this.pending.toString('utf8');
        this.pending = Buffer.alloc(0);
        return text;
      }
    }
  }

  /** The next `count` bytes (fewer at the end of the input), copied. */
  async bytes(count: number): Promise<Buffer> {
    const out = Buffer.allocUnsafe(count);
    let filled = 0;
    while (filled < count) {
      if (this.pending.length === 0 && !(await this.more())) break;
      const take = Math.min(count - filled, this.pending.length);
      this.pending.copy(out, filled, 0, take);
      this.pending = this.pending.subarray(take);
      filled += take;
    }
    return filled === count ? out : out.subarray(0, filled);
  }

  close(): void {
    this.input.destroy?.();
  }

  /** Appends the next chunk to what is pending; false at the end of the input. */
  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.chunks.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.pending = this.pending.length === 0 ? next.value : Buffer.concat([this.pending, next.value]);
    return true;
  }
}
