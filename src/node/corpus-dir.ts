/**
 * Reads a corpus directory from disk: every `.md` file below it, in a stable order.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildCorpus, type Corpus, type CorpusFile } from '../core/corpus';
import { CorpusError } from '../core/errors';

/** File ending of an article; other files in the directory are reported and skipped. */
export const ARTICLE_EXTENSION = '.md';

export interface CorpusDirListing {
  readonly files: readonly CorpusFile[];
  /** Files below the directory that are not articles (README.txt, images...), relative paths. */
  readonly skipped: readonly string[];
}

/**
 * Reads every article file below `dir` (recursively, sorted by path). Throws a
 * {@link CorpusError} when the directory cannot be read.
 */
export async function readCorpusDir(dir: string): Promise<CorpusDirListing> {
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch (error) {
    throw new CorpusError([{ file: dir, message: `cannot read the corpus directory: ${describeFsError(error)}` }]);
  }
  const files: CorpusFile[] = [];
  const skipped: string[] = [];
  const problems: { file: string; message: string }[] = [];
  for (const entry of entries.sort()) {
    const full = path.join(dir, entry);
    if (path.basename(entry).startsWith('.')) continue;
    if (!entry.endsWith(ARTICLE_EXTENSION)) {
      if (!(await isDirectory(full))) skipped.push(entry);
      continue;
    }
    try {
      files.push({ name: entry, bytes: await readFile(full) });
    } catch (error) {
      problems.push({ file: entry, message: `cannot read: ${describeFsError(error)}` });
    }
  }
  if (problems.length > 0) throw new CorpusError(problems);
  return { files, skipped };
}

/** Reads and builds the corpus in `dir`; throws a {@link CorpusError} listing every problem. */
export async function loadCorpusDir(dir: string): Promise<{ corpus: Corpus; skipped: readonly string[] }> {
  const { files, skipped } = await readCorpusDir(dir);
  return { corpus: buildCorpus(files), skipped };
}

async function isDirectory(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isDirectory() ?? false;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'ENOTDIR') return 'not a directory';
  return error instanceof Error ? error.message : String(error);
}
