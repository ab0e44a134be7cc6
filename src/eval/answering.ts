/**
 * Answering a benchmark's questions: by citeqa and by the baselines, in this thread or
 * spread over worker threads (each question's answers are its own, so they may be
 * answered anywhere, in any order, and are put back in question order).
 *
 * With threads, no core waits while another works:
 *   - the threads start first, each with the corpus's sentences, and answer their half of
 *     the questions with the baselines, which need nothing else, while this thread
 *     builds citeqa's index (see {@link IndexSource}: analyzing a corpus takes seconds);
 *   - the index, once built, is sent to every thread as snapshot records (loading them is
 *     far cheaper than analyzing the corpus again);
 *   - citeqa's questions follow in chunks to whichever thread is free, so threads that get
 *     less of a shared machine still finish together.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ask } from '../core/answer';
import type { Corpus } from '../core/corpus';
import { CiteqaError } from '../core/errors';
import type { SentenceIndex } from '../core/search-index';
import { snapshotRecords } from '../core/snapshot';
import { BaselineIndex, type BaselineDocument, type BaselineKind } from './baseline';
import type { JudgedAnswer } from './evaluate';

/** Passages per answer: what hit@1, recall@3 and MRR read. */
export const EVAL_LIMIT = 3;

export type SystemName = 'citeqa' | BaselineKind;

/**
 * What citeqa answers from: its index, or the corpus with a way to build the index. Given
 * the second, the threads start on the baselines before the index is built (`build` may
 * keep this thread busy until it is done).
 */
export type IndexSource = SentenceIndex | { readonly corpus: Corpus; readonly build: () => Promise<SentenceIndex> };

export interface EvalAnswers {
  /** Per system asked, the answers in question order. */
  readonly answers: Partial<Record<SystemName, readonly JudgedAnswer[]>>;
  /** Per system, milliseconds spent answering, summed over threads. */
  readonly ms: Partial<Record<SystemName, number>>;
}

/** What a worker is started with: enough for the baselines. */
export interface WorkerSetup {
  readonly documents: readonly BaselineDocument[];
  readonly baselines: readonly BaselineKind[];
}

/** What a worker is sent: the index (once, before any citeqa question), or questions to answer. */
export type WorkerRequest =
  | { readonly type: 'index'; readonly records: readonly unknown[] }
  | { readonly type: 'answer'; readonly system: SystemName; readonly first: number; readonly questions: readonly string[] };

/** A chunk's answers (`first` is its first question's number), or why the thread failed. */
export type WorkerReply =
  | { readonly type: 'answered'; readonly system: SystemName; readonly first: number; readonly answers: readonly JudgedAnswer[]; readonly ms: number }
  | { readonly type: 'error'; readonly message: string };

/** Questions per chunk sent to a thread, and how often progress is reported. */
const CHUNK = 50;

/** What scoring and reports read of citeqa's answer, so that little crosses between threads. */
function judged(answer: JudgedAnswer): JudgedAnswer {
  return {
    answered: answer.answered,
    passages: answer.passages.map(({ text, citation: { doc, start, end } }) => ({ text, citation: { doc, start, end } })),
    ...(answer.short ? { short: answer.short } : {}),
  };
}

/** citeqa's answer as the benchmark sees it: a question out of range (empty, too long) counts as declined. */
export function evalAnswer(index: SentenceIndex, question: string): JudgedAnswer {
  try {
    return judged(ask(index, question, { limit: EVAL_LIMIT }));
  } catch (error) {
    if (error instanceof CiteqaError) return { answered: false, passages: [] };
    throw error;
  }
}

/** A baseline's answerer: its index is built at once. */
export function baselineAnswerer(corpus: { readonly documents: readonly BaselineDocument[] }, kind: BaselineKind): (question: string) => JudgedAnswer {
  const baseline = new BaselineIndex(corpus, kind);
  return (question) => baseline.answer(question, EVAL_LIMIT);
}

/** `answer` for each question, and the milliseconds the answering took (timed question by question). */
export function answerEach(answer: (question: string) => JudgedAnswer, questions: readonly string[]): { answers: JudgedAnswer[]; ms: number } {
  let ms = 0;
  const answers = questions.map((question) => {
    const started = performance.now();
    const result = answer(question);
    ms += performance.now() - started;
    return result;
  });
  return { answers, ms };
}

/** Answers every question in this thread: citeqa from `index`, and each baseline of its corpus. */
export function answerHere(index: SentenceIndex, baselines: readonly BaselineKind[], questions: readonly string[], onProgress?: (done: number) => void): EvalAnswers {
  const systems: Array<[SystemName, (question: string) => JudgedAnswer]> = [
    ['citeqa', (question) => evalAnswer(index, question)],
    ...baselines.map((kind): [SystemName, (question: string) => JudgedAnswer] => [kind, baselineAnswerer(index.corpus, kind)]),
  ];
  const answers: Partial<Record<SystemName, JudgedAnswer[]>> = {};
  const ms: Partial<Record<SystemName, number>> = {};
  for (const [name] of systems) {
    answers[name] = [];
    ms[name] = 0;
  }
  for (let first = 0; first < questions.length; first += CHUNK) {
    const chunk = questions.slice(first, first + CHUNK);
    for (const [name, answer] of systems) {
      const result = answerEach(answer, chunk);
      answers[name]!.push(...result.answers);
      ms[name]! += result.ms;
    }
    onProgress?.(first + chunk.length);
  }
  return { answers, ms };
}

export interface ParallelOptions {
  /** Worker threads (default: the cores available, fewer for few questions); 1 answers in this thread. */
  readonly threads?: number;
  /** Called now and then with how many questions have all their answers (counted over the systems together). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Questions per thread below which starting one (it loads the language model and the index) costs more than it saves. */
const MIN_PER_THREAD = 100;

function isIndex(source: IndexSource): source is SentenceIndex {
  return !('build' in source);
}

/** Threads that build the baselines from `corpus`'s sentences; citeqa's index comes later (see {@link sendIndex}). */
function startWorkers(corpus: Corpus, baselines: readonly BaselineKind[], threads: number): Worker[] {
  const setup: WorkerSetup = { documents: corpus.documents.map(({ id, text, sentences }) => ({ id, text, sentences })), baselines };
  return Array.from({ length: threads }, () =>
    __filename.endsWith('.ts')
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'eval-worker.ts'))});`, { eval: true, workerData: setup })
      : new Worker(path.join(__dirname, 'eval-worker.js'), { workerData: setup }),
  );
}

/** The index's snapshot records, sent to every thread. */
function sendIndex(index: SentenceIndex, workers: readonly Worker[]): void {
  // An array record's bytes are a view into the whole array: copied, only they cross to the threads.
  const records = [...snapshotRecords(index)].map((record) => (record.kind === 'array' && record.data instanceof Uint8Array ? { ...record, data: record.data.slice() } : record));
  for (const worker of workers) worker.postMessage({ type: 'index', records } satisfies WorkerRequest);
}

/** {@link answerHere}, with the questions shared among worker threads (see the top of this file). */
export async function answerAll(source: IndexSource, baselines: readonly BaselineKind[], questions: readonly string[], options: ParallelOptions = {}): Promise<EvalAnswers> {
  const total = questions.length;
  const threads = Math.max(1, Math.min(options.threads ?? Math.min(availableParallelism(), Math.floor(total / MIN_PER_THREAD)), total));
  const systems: readonly SystemName[] = ['citeqa', ...baselines];
  if (threads === 1) {
    const index = isIndex(source) ? source : await source.build();
    return answerHere(index, baselines, questions, (done) => options.onProgress?.(done, total));
  }

  const answers = Object.fromEntries(systems.map((name) => [name, new Array<JudgedAnswer>(total)])) as Record<SystemName, JudgedAnswer[]>;
  const ms = Object.fromEntries(systems.map((name) => [name, 0])) as Record<SystemName, number>;
  const chunks = Array.from({ length: Math.ceil(total / CHUNK) }, (_, c) => c * CHUNK);
  const send = (worker: Worker, system: SystemName, first: number) =>
    worker.postMessage({ type: 'answer', system, first, questions: questions.slice(first, first + CHUNK) } satisfies WorkerRequest);

  const workers = startWorkers(source.corpus, baselines, threads);
  const finished = new Promise<void>((resolve, reject) => {
    let answered = 0;
    let nextCiteqa = 0;
    /** Set once the index has been sent: from then on a thread that answers a citeqa chunk gets the next one. */
    let citeqaStarted = false;
    workers.forEach((worker) => {
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'error') {
          reject(new Error(`an answering thread failed: ${reply.message}`));
          return;
        }
        reply.answers.forEach((answer, i) => (answers[reply.system][reply.first + i] = answer));
        ms[reply.system] += reply.ms;
        answered += reply.answers.length;
        options.onProgress?.(Math.floor(answered / systems.length), total);
        if (reply.system === 'citeqa' && citeqaStarted && nextCiteqa < chunks.length) send(worker, 'citeqa', chunks[nextCiteqa++]!);
        if (answered === total * systems.length) resolve();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`an answering thread stopped (exit code ${code}) before answering`)));
    });
    // Each thread's half of the baselines' questions goes at once: this thread may be too busy building the index to hand them out.
    for (const kind of baselines) chunks.forEach((first, c) => send(workers[c % threads]!, kind, first));
    const startCiteqa = (index: SentenceIndex) => {
      sendIndex(index, workers);
      // Two chunks each, so that a thread has the next while its answers travel back.
      for (let round = 0; round < 2; round++) for (const worker of workers) if (nextCiteqa < chunks.length) send(worker, 'citeqa', chunks[nextCiteqa++]!);
      citeqaStarted = true;
    };
    if (isIndex(source)) startCiteqa(source);
    else source.build().then(startCiteqa, reject);
  });
  try {
    await finished;
    return { answers, ms };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
