/**
 * Reads a corpus directory from disk: every `.md` file below it, in a stable order, and
 * the corpus's own aliases (`aliases.yaml` at its top, optional: see corpus-aliases.ts).
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildCorpus, type Corpus, type CorpusFile } from '../core/corpus';
import { ALIASES_FILE } from '../core/corpus-aliases';
import { CiteqaError, CorpusError, type CorpusProblem } from '../core/errors';

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
 * files that cannot be read, and links back to a directory already read, are a
 * CorpusError naming each. Files and directories whose name starts with a dot (`.git`,
 * `.github`) are not part of the corpus.
 */
export async function readCorpusDir(dir: string): Promise<CorpusDirListing> {
  try {
    await readdir(dir);
  } catch (error) {
    throw new CiteqaError('corpus_invalid', `cannot read the corpus directory ${dir}: ${describeDirError(error)}`);
  }
  const { entries, problems } = await listFiles(dir);
  const files: CorpusFile[] = [];
  const skipped: string[] = [];
  let aliases: CorpusFile | undefined;
  for (const entry of entries.sort()) {
    const full = path.join(dir, entry);
    if (entry === ALIASES_FILE) {
      try {
        aliases = { name: entry, bytes: await readFile(full) };
      } catch (error) {
        problems.push({ file: entry, message: `cannot read: ${describeFsError(error)}` });
      }
      continue;
    }
    if (!entry.endsWith(ARTICLE_EXTENSION)) {
      skipped.push(entry);
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

/** Directories nested deeper than this below the corpus directory are not read (and say so). */
const MAX_DEPTH = 32;

/**
 * The files below `dir`, as paths relative to it, with the problems met on the way. A
 * linked directory is read once: a link to one already read (a loop, "s -> .") is a
 * problem, not a walk without end, and so is a link up to a directory holding the corpus
 * ("up -> .."), refused before anything in it is read. Real directories are read before
 * linked ones, so the problem names the link, never the directory it points to.
 */
async function listFiles(dir: string): Promise<{ entries: string[]; problems: CorpusProblem[] }> {
  const entries: string[] = [];
  const problems: CorpusProblem[] = [];
  const read = new Map<string, string>();
  const linked: Array<{ entry: string; depth: number }> = [];
  let root: string | undefined;
  const walk = async (relative: string, depth: number): Promise<void> => {
    const full = path.join(dir, relative);
    let children;
    try {
      const real = await realpath(full);
      root ??= real;
      const earlier = read.get(real);
      if (earlier !== undefined) {
        problems.push({ file: relative, message: `links to ${earlier === '' ? 'the corpus directory' : earlier}, which is read already: remove the link, or its articles would be read twice` });
        return;
      }
      if (root.startsWith(real.endsWith(path.sep) ? real : real + path.sep)) {
        // A link up to a directory holding the corpus ("up -> ..") would read everything
        // around the corpus before meeting the corpus again: refuse it before reading it.
        problems.push({ file: relative, message: `links to ${real}, which holds the corpus directory: remove the link, or the corpus would be read inside itself` });
        return;
      }
      read.set(real, relative);
      if (depth > MAX_DEPTH) {
        problems.push({ file: relative, message: `is nested more than ${MAX_DEPTH} directories deep: move its articles up` });
        return;
      }
      children = await readdir(full, { withFileTypes: true });
    } catch (error) {
      problems.push({ file: relative, message: `cannot read the directory: ${describeFsError(error)}` });
      return;
    }
    for (const child of children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (child.name.startsWith('.')) continue;
      const entry = relative === '' ? child.name : path.join(relative, child.name);
      // A link is read as what it points to, a linked directory after the real ones; a link
      // pointing nowhere is a file that cannot be read.
      if (child.isDirectory()) await walk(entry, depth + 1);
      else if (child.isSymbolicLink() && (await isDirectory(path.join(dir, entry)))) linked.push({ entry, depth: depth + 1 });
      else entries.push(entry);
    }
  };
  await walk('', 0);
  // Each linked directory may hold more links: read them in the order met.
  for (let k = 0; k < linked.length; k++) await walk(linked[k]!.entry, linked[k]!.depth);
  return { entries, problems: problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)) };
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
