import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { buildCorpus, type CorpusFile } from '../src/core/corpus';
import { buildIndex, type SentenceIndex } from '../src/core/search-index';
import { ARTICLE_EXTENSION } from '../src/node/corpus-dir';
import { wordnetThesaurus } from '../src/node/wordnet';

export const FIXTURE_CORPUS_DIR = path.join(__dirname, 'fixtures', 'corpus');
export const SEED_FILE = '2020-02-16-motegi-lavrov-munich.md';
export const SEED_ID = '2020-02-16-motegi-lavrov-munich';

export function fixtureFile(name: string = SEED_FILE): CorpusFile {
  return { name, bytes: readFileSync(path.join(FIXTURE_CORPUS_DIR, name)) };
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
  seedIndex ??= buildIndex(buildCorpus([fixtureFile()]), { thesaurus: wordnetThesaurus() });
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
