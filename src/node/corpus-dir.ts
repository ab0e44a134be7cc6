/**
 * Reads a corpus directory from disk: every `.md` file below it, in a stable order, and
 * the corpus's own aliases (`aliases.yaml` at its top, optional: see corpus-aliases.ts).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildCorpus, type Corpus, type CorpusFile } from '../core/corpus';
import { ALIASES_FILE } from '../core/corpus-aliases';
import { CiteqaError, CorpusError } from '../core/errors';

/** File ending of an article; other files in the directory are reported and skipped. */
export const ARTICLE_EXTENSION = '.md';

export interface CorpusDirListing {
  readonly files: readonly CorpusFile[];
  /** Files below the directory that are not articles (README.txt, images...), relative paths. */
  readonly skipped: readonly string[];
  /** The corpus's aliases file, when it has one. */
  readonly aliases?: CorpusFile;
}

/**
 * Reads every article file below `dir` (recursively, sorted by path). A directory that
 * is missing, unreadable or holds no articles is a `corpus_invalid` {@link CiteqaError}
 * that says so in one sentence (it is not a bad file, so it is not a {@link CorpusError});
 * files that cannot be read are a CorpusError naming each.
 */
export async function readCorpusDir(dir: string): Promise<CorpusDirListing> {
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch (error) {
    throw new CiteqaError('corpus_invalid', `cannot read the corpus directory ${dir}: ${describeDirError(error)}`);
  }
  const files: CorpusFile[] = [];
  const skipped: string[] = [];
  const problems: { file: string; message: string }[] = [];
  let aliases: CorpusFile | undefined;
  for (const entry of entries.sort()) {
    const full = path.join(dir, entry);
    if (path.basename(entry).startsWith('.')) continue;
    if (entry === ALIASES_FILE) {
      try {
        aliases = { name: entry, bytes: await readFile(full) };
      } catch (error) {
        problems.push({ file: entry, message: `cannot read: ${describeFsError(error)}` });
      }
      continue;
    }
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
  if (files.length === 0) {
    const others = skipped.length === 0 ? '' : ` (only ${skipped.length === 1 ? '1 other file' : `${skipped.length} other files`})`;
    throw new CiteqaError('corpus_invalid', `the corpus directory ${dir} holds no articles${others}: add at least one ${ARTICLE_EXTENSION} file, front matter then text`);
  }
  return { files, skipped, ...(aliases ? { aliases } : {}) };
}

/** Reads and builds the corpus in `dir`; throws a {@link CorpusError} listing every problem. */
export async function loadCorpusDir(dir: string): Promise<{ corpus: Corpus; skipped: readonly string[] }> {
  const { files, skipped, aliases } = await readCorpusDir(dir);
  return { corpus: buildCorpus(files, aliases), skipped };
}

async function isDirectory(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isDirectory() ?? false;
}

function describeDirError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'ENOTDIR') return 'it is a file, not a directory';
  return describeFsError(error);
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'ENOTDIR') return 'not a directory';
  return error instanceof Error ? error.message : String(error);
}
