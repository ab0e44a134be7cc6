import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { buildCorpus, type CorpusFile } from '../src/core/corpus';
import { ALIASES_FILE } from '../src/core/corpus-aliases';
import { buildIndex, type SentenceIndex } from '../src/core/search-index';
import { ARTICLE_EXTENSION } from '../src/node/corpus-dir';
import { wordnetThesaurus } from '../src/node/wordnet';

export const FIXTURE_CORPUS_DIR = path.join(__dirname, 'fixtures', 'corpus');
export const SEED_FILE = '2020-02-16-motegi-lavrov-munich.md';
export const SEED_ID = '2020-02-16-motegi-lavrov-munich';

export function fixtureFile(name: string = SEED_FILE): CorpusFile {
  return { name, bytes: readFileSync(path.join(FIXTURE_CORPUS_DIR, name)) };
}

/** The test corpus's aliases file (what it knows of its own subject: corpus-aliases.ts). */
export function fixtureAliases(): CorpusFile {
  return { name: ALIASES_FILE, bytes: readFileSync(path.join(FIXTURE_CORPUS_DIR, ALIASES_FILE)) };
}

/** A corpus file made from text, for loader tests. */
export function textFile(name: string, text: string): CorpusFile {
  return { name, bytes: new TextEncoder().encode(text) };
}

/** A well-formed article file; `fields` replace or (as undefined) remove front-matter lines. */
export function articleText(fields: Record<string, string | undefined> = {}, body = 'Headline\n\nThe ministers met in Munich. The talks lasted an hour.'): string {
  const all: Record<string, string | undefined> = {
    id: 'test-article',
    title: 'Headline',
    source: 'Test Wire',
    published: '2021-03-04',
    ...fields,
  };
  const lines = Object.entries(all)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join('\n')}\n---\n${body}\n`;
}

let thesaurus: ReturnType<typeof wordnetThesaurus> | undefined;
/** One WordNet thesaurus for a test file's indexes: its index files are read once. */
export function sharedThesaurus(): ReturnType<typeof wordnetThesaurus> {
  return (thesaurus ??= wordnetThesaurus());
}

/** An index of one article (with WordNet, as the service builds it): its front matter's `id`, `title` and maybe `published`, and its body (headline, blank line, text). */
export function oneArticleIndex(fields: { readonly id: string; readonly title: string; readonly published?: string }, body: string): SentenceIndex {
  // With WordNet, as the service reads questions: synonyms, and which nouns name people.
  return buildIndex(buildCorpus([textFile(`${fields.id}.md`, articleText(fields, body))]), { thesaurus: sharedThesaurus() });
}

/**
 * How many articles and sentences the corpus in `dir` holds, counted from its files: what
 * the service reports (`/healthz`, `hello`) when it serves that folder. Tests compare with
 * this rather than with numbers that hold for one corpus only.
 */
export function corpusSize(dir: string = FIXTURE_CORPUS_DIR): { readonly documents: number; readonly sentences: number } {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(ARTICLE_EXTENSION))
    .map((name) => ({ name, bytes: readFileSync(path.join(dir, name)) }));
  const corpus = buildCorpus(files);
  return { documents: corpus.documents.length, sentences: corpus.sentenceCount };
}

/** "1 article, 16 sentences", as the command line reports a corpus size. */
export function articlesAndSentences({ documents, sentences }: { readonly documents: number; readonly sentences: number }): string {
  return `${documents} ${documents === 1 ? 'article' : 'articles'}, ${sentences} ${sentences === 1 ? 'sentence' : 'sentences'}`;
}

let seedIndex: SentenceIndex | undefined;

/** The index over the test corpus (the seed article), built once per test file. */
export function seedIndexOnce(): SentenceIndex {
  seedIndex ??= buildIndex(buildCorpus([fixtureFile()], fixtureAliases()), { thesaurus: sharedThesaurus() });
  return seedIndex;
}

export const silentLogger = pino({ level: 'silent' });

/**
 * Waits until `condition` holds, checking every `everyMs`; fails after `timeoutMs`. For
 * state that changes without an event to wait for (another process's output, a socket's
 * state); where there is an event, tests wait for the event.
 */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'the condition', everyMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** `promise`, or a failure naming `what` once `timeoutMs` pass first. */
export function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Waits for a child process to print `pattern` (at least `count` times) on standard
 * output, checking as the output comes; `text()` is all it has printed so far. Fails,
 * showing the output, if the process ends first or `timeoutMs` pass.
 */
export function printed(
  child: ChildProcessWithoutNullStreams,
  text: () => string,
  pattern: RegExp,
  { count = 1, timeoutMs = 10_000 }: { readonly count?: number; readonly timeoutMs?: number } = {},
): Promise<RegExpMatchArray[]> {
  const all = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  return new Promise((resolve, reject) => {
    const matches = () => [...text().matchAll(all)];
    const finish = (error?: Error) => {
      clearTimeout(timer);
      child.stdout.off('data', check);
      child.off('close', ended);
      if (error) reject(error);
      else resolve(matches());
    };
    const check = () => {
      if (matches().length >= count) finish();
    };
    const ended = () => (matches().length >= count ? finish() : finish(new Error(`the process ended without printing ${pattern}; it printed: ${text()}`)));
    const timer = setTimeout(() => finish(new Error(`${pattern} not printed within ${timeoutMs} ms; the process printed: ${text()}`)), timeoutMs);
    // Listeners added after the caller's own: `text()` already holds each chunk when it is checked.
    child.stdout.on('data', check);
    child.once('close', ended);
    if (child.stdout.readableEnded) ended();
    else check();
  });
}
