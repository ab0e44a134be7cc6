/**
 * One corpus size, measured in a process of its own so that its memory is its own: index
 * build time, memory per sentence, snapshot size, start from the snapshot (in a fresh
 * process) against rebuilding, the answer time of a mixed question set with nothing else
 * in the process (as in a server), then answers against MiniSearch's own search of the
 * same questions in a plain index of the same sentences (src/bench/baseline.ts),
 * interleaved question by question.
 *
 *   tsx src/bench/scale.ts --articles N [--questions Q] [--rounds R] [--compare C] [--keep-snapshot FILE]
 *
 * prints JSON on stdout, and what it is doing on stderr.
 *
 * `--articles 0` measures the bundled corpus with the evaluation questions.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import type MiniSearch from 'minisearch';
import { ask } from '../core/answer';
import { buildCorpus, type CorpusFile } from '../core/corpus';
import type { IndexedArticle, SentenceIndex } from '../core/search-index';
import { buildIndexInParallel } from '../node/parallel-index';
import { readCorpusDir } from '../node/corpus-dir';
import { writeSnapshotFile } from '../node/snapshot-file';
import { wordnetThesaurus } from '../node/wordnet';
import { readEvalFile } from '../eval/questions';
import { defaultCorpusDir } from '../server/config';
import { sentenceSearch } from './baseline';
import { summary, type Summary } from './stats';
import { syntheticArchive, syntheticQuestions, type SyntheticQuestion } from './synthetic';

const ROOT = path.resolve(__dirname, '..', '..');

export interface ScaleFigures {
  readonly articles: number;
  readonly sentences: number;
  /** Building the corpus, citeqa's index, and the plain MiniSearch index of sentences answers are compared with. */
  readonly buildMs: { readonly corpus: number; readonly index: number; readonly baseline: number };
  /** Heap plus array buffers after a full collection, per sentence. */
  readonly bytesPerSentence: number;
  readonly memoryBytes: number;
  readonly snapshot: { readonly bytes: number; readonly writeMs: number; readonly startMs: number; readonly startMemoryBytes: number };
  readonly questions: number;
  /** Answer time, with nothing but the index in the process (as in a server). */
  readonly answerMs: Summary;
  /**
   * The process's CPU time for each of those answers (user and system, every thread:
   * garbage collection too): on a machine shared with other work, what that work does
   * not stretch as it stretches wall time.
   */
  readonly answerCpuMs: Summary;
  /** Questions also searched in the plain index of sentences. */
  readonly compared: number;
  /** Answer time of those, interleaved with their searches in the plain index. */
  readonly pairedMs: Summary;
  readonly searchMs: Summary;
  /** ask / MiniSearch search (paired), at p50 and at p99. */
  readonly ratio: { readonly p50: number; readonly p99: number };
  /** Share of questions about one article whose first passage is from that article (null: none asked). */
  readonly found: number | null;
}

function memory(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

async function bundledFiles(): Promise<CorpusFile[]> {
  return [...(await readCorpusDir(defaultCorpusDir())).files];
}

/** The questions of the evaluation sets (test/fixtures/eval), read as `citeqa eval` reads them. */
export function evalQuestions(): string[] {
  const dir = path.join(ROOT, 'test', 'fixtures', 'eval');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl'))
    .flatMap((file) => readEvalFile(path.join(dir, file)).map((item) => item.question));
}

/** MiniSearch's own search of a question: its word terms, any of them, in an index of the same sentences. */
function rawSearch(index: SentenceIndex, baseline: MiniSearch<IndexedArticle>, question: string): number {
  return baseline.search(question, {
    tokenize: (text) => index.analyzer.terms(text).filter((t) => !t.alias).map((t) => t.term),
    processTerm: (term) => term,
    combineWith: 'OR',
  }).length;
}

/** What the measurement is doing, on stderr: a size can take minutes. */
function note(what: string): void {
  process.stderr.write(`${new Date().toISOString()} ${what}\n`);
}

export interface ScaleOptions {
  readonly questions: number;
  readonly rounds: number;
  /** How many of the questions are also searched in the plain index (default: all). */
  readonly compare?: number;
  /** Write the snapshot here, and keep it. */
  readonly keepSnapshot?: string;
}

/** How long `work` took, in milliseconds. */
function timed(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

/** How long `work` took, in milliseconds, and the CPU time the process spent meanwhile. */
function timedWithCpu(work: () => unknown): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const wall = timed(work);
  const { user, system } = process.cpuUsage(cpu);
  return { wall, cpu: (user + system) / 1000 };
}

export async function measureScale(articles: number, { questions: questionCount, rounds, compare, keepSnapshot }: ScaleOptions): Promise<ScaleFigures> {
  note(`generating ${articles} articles`);
  let started = performance.now();
  const archive = articles > 0 ? syntheticArchive(articles, 11) : { files: await bundledFiles(), facts: [] };
  const corpus = buildCorpus(archive.files);
  const corpusMs = performance.now() - started;
  note(`building the index of ${corpus.sentenceCount} sentences`);
  started = performance.now();
  const index = await buildIndexInParallel(corpus, { thesaurus: wordnetThesaurus() });
  const indexMs = performance.now() - started;
  archive.files.length = 0;
  const memoryBytes = memory();
  note(`built in ${(indexMs / 1000).toFixed(1)} s, ${(memoryBytes / 1e6).toFixed(0)} MB; writing the snapshot`);

  const dir = mkdtempSync(path.join(tmpdir(), 'citeqa-scale-'));
  let snapshot: ScaleFigures['snapshot'];
  try {
    const file = keepSnapshot ?? path.join(dir, 'index.jsonl');
    started = performance.now();
    const bytes = await writeSnapshotFile(index, file);
    const writeMs = performance.now() - started;
    note(`wrote ${(bytes / 1e6).toFixed(0)} MB in ${(writeMs / 1000).toFixed(1)} s; starting from it in a fresh process`);
    // Start from the snapshot in a fresh process, as a server would.
    const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=16384', '--import', 'tsx', path.join(__dirname, 'snapshot-start.ts'), file], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
    const start = JSON.parse(out) as { startMs: number; memoryBytes: number };
    snapshot = { bytes, writeMs, startMs: start.startMs, startMemoryBytes: start.memoryBytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const questions = articles > 0 ? syntheticQuestions(archive.facts, questionCount, 5) : evalQuestions().map((question): SyntheticQuestion => ({ question }));
  archive.facts.length = 0;

  // Answers as a server gives them: the process holds the index and nothing else.
  note(`started in ${(snapshot.startMs / 1000).toFixed(1)} s; asking ${questions.length} questions x ${rounds}`);
  for (const { question } of questions.slice(0, 10)) ask(index, question);
  const alone: number[] = [];
  const aloneCpu: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const { question } of questions) {
      const { wall, cpu } = timedWithCpu(() => ask(index, question));
      alone.push(wall);
      aloneCpu.push(cpu);
    }
  }
  const about = questions.filter((q) => q.doc !== undefined);
  const found = about.filter((q) => ask(index, q.question).passages[0]?.citation.doc === q.doc).length;

  // Then against MiniSearch's search of a plain index of the same sentences, interleaved,
  // question by question (on a large corpus, on the first `compare` questions: its
  // searches take seconds there).
  note('building the plain index of sentences');
  started = performance.now();
  const baseline = sentenceSearch(index);
  const baselineMs = performance.now() - started;
  const compared = questions.slice(0, compare ?? questions.length);
  note(`built in ${(baselineMs / 1000).toFixed(1)} s; asking both ${compared.length} questions x ${rounds}`);
  for (const { question } of compared.slice(0, 3)) rawSearch(index, baseline, question);
  const ours: number[] = [];
  const raw: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const { question } of compared) {
      ours.push(timed(() => ask(index, question)));
      raw.push(timed(() => rawSearch(index, baseline, question)));
    }
  }
  const answerMs = summary(alone);
  const pairedMs = summary(ours);
  const searchMs = summary(raw);
  return {
    articles: corpus.documents.length,
    sentences: corpus.sentenceCount,
    buildMs: { corpus: corpusMs, index: indexMs, baseline: baselineMs },
    bytesPerSentence: memoryBytes / corpus.sentenceCount,
    memoryBytes,
    snapshot,
    questions: questions.length,
    answerMs,
    answerCpuMs: summary(aloneCpu),
    compared: compared.length,
    pairedMs,
    searchMs,
    ratio: { p50: pairedMs.p50 / searchMs.p50, p99: pairedMs.p99 / searchMs.p99 },
    found: about.length === 0 ? null : found / about.length,
  };
}

if (require.main === module) {
  const count = (name: string, min: number) => (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number of at least ${min}`);
    return n;
  };
  const program = new Command('scale')
    .requiredOption('--articles <n>', 'synthetic articles (0: the bundled corpus)', count('articles', 0))
    .option('--questions <n>', 'questions in the mixed set', count('questions', 1), 200)
    .option('--rounds <n>', 'times each question is asked', count('rounds', 1), 5)
    .option('--compare <n>', 'how many of the questions are also searched in a plain MiniSearch index of sentences (default: all)', count('compare', 1))
    .option('--keep-snapshot <file>', 'write the snapshot here and keep it');
  program.parse();
  const { articles, ...options } = program.opts<ScaleOptions & { articles: number }>();
  measureScale(articles, options).then(
    (figures) => process.stdout.write(`${JSON.stringify(figures)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
