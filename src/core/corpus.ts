/**
 * The corpus: every article, split into sentences, validated as a whole. Built from file
 * contents handed in by a shell (the core reads no files).
 */
import { parseArticle, type Article } from './article';
import { parseAliases, type CorpusAlias } from './corpus-aliases';
import { CorpusError, type CorpusProblem } from './errors';
import { splitSentences, type Span } from './sentences';

/** One corpus file as read by a shell: a name for messages, and its bytes. */
export interface CorpusFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface CorpusDocument extends Article {
  /** Sentence spans into `text`, in order; sentence N is `sentences[N]`. */
  readonly sentences: readonly Span[];
}

export interface Corpus {
  readonly documents: readonly CorpusDocument[];
  readonly sentenceCount: number;
  /** Non-fatal notes about the files (repairs made), file by file. */
  readonly warnings: readonly CorpusProblem[];
  /** What the corpus knows of its own subject (its `aliases.yaml`); empty when it ships none. */
  readonly aliases: readonly CorpusAlias[];
  document(id: string): CorpusDocument | undefined;
}

/**
 * Parses and checks every file. Throws a {@link CorpusError} listing every problem in
 * every file (bad files, duplicate ids, an empty corpus): a corpus loads whole or not at
 * all, so a service never answers from a silently partial one.
 */
export function buildCorpus(files: readonly CorpusFile[], aliasesFile?: CorpusFile): Corpus {
  const problems: CorpusProblem[] = [];
  let aliases: readonly CorpusAlias[] = [];
  if (aliasesFile) {
    const parsed = parseAliases(aliasesFile.bytes, aliasesFile.name);
    if (parsed.ok) aliases = parsed.aliases;
    else problems.push(...parsed.problems);
  }
  const warnings: CorpusProblem[] = [];
  const documents: CorpusDocument[] = [];
  const fileOfId = new Map<string, string>();

  if (files.length === 0) {
    throw new CorpusError([{ file: '(corpus)', message: 'no articles: add at least one .md file' }]);
  }
  for (const file of files) {
    const result = parseArticle(file.bytes);
    if (!result.ok) {
      problems.push(...result.problems.map((message) => ({ file: file.name, message })));
      continue;
    }
    const { article } = result;
    warnings.push(...result.warnings.map((message) => ({ file: file.name, message })));
    const earlier = fileOfId.get(article.id);
    if (earlier !== undefined) {
      problems.push({ file: file.name, message: `duplicate id "${article.id}" (also used by ${earlier})` });
      continue;
    }
    fileOfId.set(article.id, file.name);
    documents.push({ ...article, sentences: splitSentences(article.text) });
  }
  if (problems.length > 0) throw new CorpusError(problems);
  // In id order, whatever order the files came in: the same articles make the same index
  // (sentence ids, ties between equal scores) from a directory, a list or a snapshot.
  documents.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return fromDocuments(documents, warnings, aliases);
}

/** The corpus over documents that are already parsed and split. */
export function fromDocuments(documents: readonly CorpusDocument[], warnings: readonly CorpusProblem[] = [], aliases: readonly CorpusAlias[] = []): Corpus {
  const byId = new Map(documents.map((doc) => [doc.id, doc]));
  const sentenceCount = documents.reduce((sum, doc) => sum + doc.sentences.length, 0);
  return {
    documents,
    sentenceCount,
    warnings,
    aliases,
    document: (id) => byId.get(id),
  };
}
