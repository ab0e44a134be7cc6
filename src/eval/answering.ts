/**
 * Answering a benchmark's questions: by citeqa and by the baselines, in this thread or
 * spread over worker threads (each question's answers are its own, so threads share the
 * questions round-robin and the answers are put back in order). A thread is sent the
 * index as snapshot records rather than building it again, so the corpus is analyzed once.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ask } from '../core/answer';
import { CiteqaError } from '../core/errors';
import type { SentenceIndex } from '../core/search-index';
import { snapshotRecords } from '../core/snapshot';
import { BaselineIndex, type BaselineKind } from './baseline';
import type { JudgedAnswer } from './evaluate';

/** Passages per answer: what hit@1, recall@3 and MRR read. */
export const EVAL_LIMIT = 3;

export type SystemName = 'citeqa' | BaselineKind;

export interface EvalAnswers {
  /** Per system asked, the answers in question order. */
  readonly answers: Partial<Record<SystemName, readonly JudgedAnswer[]>>;
  /** Per system, milliseconds spent answering, summed over threads. */
  readonly ms: Partial<Record<SystemName, number>>;
}

/** What a worker is started with. */
export interface WorkerSetup {
  readonly records: readonly unknown[];
  readonly baselines: readonly BaselineKind[];
}

export type WorkerReply = { readonly type: 'progress'; readonly done: number } | { readonly type: 'done'; readonly result: EvalAnswers } | { readonly type: 'error'; readonly message: string };

/** Progress is reported every this many questions. */
const PROGRESS_EVERY = 50;

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

/** Answers every question in this thread: citeqa from `index`, and each baseline of its corpus. */
export function answerHere(index: SentenceIndex, baselines: readonly BaselineKind[], questions: readonly string[], onProgress?: (done: number) => void): EvalAnswers {
  const answers: Partial<Record<SystemName, JudgedAnswer[]>> = {};
  const ms: Partial<Record<SystemName, number>> = {};
  const systems: Array<[SystemName, (question: string) => JudgedAnswer]> = [
    ['citeqa', (question) => evalAnswer(index, question)],
    ...baselines.map((kind): [SystemName, (question: string) => JudgedAnswer] => {
      const baseline = new BaselineIndex(index.corpus, kind);
      return [kind, (question) => baseline.answer(question, EVAL_LIMIT)];
    }),
  ];
  for (const [name] of systems) {
    answers[name] = [];
    ms[name] = 0;
  }
  questions.forEach((question, i) => {
    for (const [name, answer] of systems) {
      const started = performance.now();
      answers[name]!.push(answer(question));
      ms[name]! += performance.now() - started;
    }
    if ((i + 1) % PROGRESS_EVERY === 0 || i + 1 === questions.length) onProgress?.(i + 1);
  });
  return { answers, ms };
}

export interface ParallelOptions {
  /** Worker threads (default: the cores available, fewer for few questions); 1 answers in this thread. */
  readonly threads?: number;
  /** Called now and then with how many questions have all their answers. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Questions per thread below which starting one (it loads the language model and the index) costs more than it saves. */
const MIN_PER_THREAD = 100;

/** Threads that load the index from its snapshot records, each sent a copy. */
function startWorkers(index: SentenceIndex, baselines: readonly BaselineKind[], threads: number): Worker[] {
  // An array record's bytes are a view into the whole array: copied, only they cross to the threads.
  const records = [...snapshotRecords(index)].map((record) => (record.kind === 'array' && record.data instanceof Uint8Array ? { ...record, data: record.data.slice() } : record));
  const setup: WorkerSetup = { records, baselines };
  return Array.from({ length: threads }, () =>
    __filename.endsWith('.ts')
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'eval-worker.ts'))});`, { eval: true, workerData: setup })
      : new Worker(path.join(__dirname, 'eval-worker.js'), { workerData: setup }),
  );
}

/** {@link answerHere}, with the questions shared among worker threads. */
export async function answerAll(index: SentenceIndex, baselines: readonly BaselineKind[], questions: readonly string[], options: ParallelOptions = {}): Promise<EvalAnswers> {
  const total = questions.length;
  const threads = Math.max(1, Math.min(options.threads ?? Math.min(availableParallelism(), Math.floor(total / MIN_PER_THREAD)), total));
  if (threads === 1) return answerHere(index, baselines, questions, (done) => options.onProgress?.(done, total));

  const shares = Array.from({ length: threads }, (_, t) => questions.filter((_, i) => i % threads === t));
  const done = new Array<number>(threads).fill(0);
  const workers = startWorkers(index, baselines, threads);
  try {
    const results = await Promise.all(
      workers.map(
        (worker, t) =>
          new Promise<EvalAnswers>((resolve, reject) => {
            worker.on('message', (reply: WorkerReply) => {
              if (reply.type === 'progress') {
                done[t] = reply.done;
                options.onProgress?.(done.reduce((a, b) => a + b, 0), total);
              } else if (reply.type === 'done') resolve(reply.result);
              else reject(new Error(`an answering thread failed: ${reply.message}`));
            });
            worker.on('error', reject);
            worker.on('exit', (code) => reject(new Error(`an answering thread stopped (exit code ${code}) before answering`)));
            worker.postMessage(shares[t]);
          }),
      ),
    );
    return interleave(results, total);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** The threads' answers back in question order: question i was thread (i mod threads)'s (i div threads)th. */
function interleave(results: readonly EvalAnswers[], total: number): EvalAnswers {
  const answers: Partial<Record<SystemName, JudgedAnswer[]>> = {};
  const ms: Partial<Record<SystemName, number>> = {};
  for (const name of Object.keys(results[0]?.answers ?? {}) as SystemName[]) {
    answers[name] = Array.from({ length: total }, (_, i) => results[i % results.length]!.answers[name]![Math.floor(i / results.length)]!);
    ms[name] = results.reduce((sum, r) => sum + (r.ms[name] ?? 0), 0);
  }
  return { answers, ms };
}
