/**
 * Builds an index with the analysis of its articles spread over worker threads: analysis
 * (tagging, entities, terms) is nearly all the work of a build, and each article's is its
 * own. Batches of articles go to whichever thread is free; their analyses are put together
 * in corpus order, so the index is the one `buildIndex` makes, whatever the threads.
 * While the threads work, this thread's event loop stays free (a server reloading its
 * corpus keeps answering).
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Corpus, CorpusDocument } from '../core/corpus';
import type { CorpusAlias } from '../core/corpus-aliases';
import { buildIndex, createAnalyzer, IndexBuilder, type AnalyzedDocument, type IndexOptions, type SentenceIndex } from '../core/search-index';

export interface AnalysisRequest {
  readonly batch: number;
  readonly documents: readonly CorpusDocument[];
}

export type AnalysisReply = { readonly batch: number; readonly analyses: readonly AnalyzedDocument[] } | { readonly batch: number; readonly error: string };

export interface ParallelIndexOptions extends IndexOptions {
  /** Worker threads to analyze with (default: the cores available); 1 analyzes in this thread. */
  readonly threads?: number;
}

/** Articles per batch: enough that messages cost little next to the analysis. */
const BATCH = 25;
/** Below this many articles, starting threads (each loads the language model) costs more than it saves. */
const MIN_PARALLEL = 200;

/** A thread analyzing with the corpus's own aliases (its `workerData`), as this thread would. */
function startWorker(aliases: readonly CorpusAlias[]): Worker {
  const workerData = { aliases };
  return __filename.endsWith('.ts')
    ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'analysis-worker.ts'))});`, { eval: true, workerData })
    : new Worker(path.join(__dirname, 'analysis-worker.js'), { workerData });
}

export async function buildIndexInParallel(corpus: Corpus, options: ParallelIndexOptions = {}): Promise<SentenceIndex> {
  const { documents } = corpus;
  const batches = Math.ceil(documents.length / BATCH);
  const threads = Math.min(options.threads ?? availableParallelism(), batches);
  if (threads <= 1 || documents.length < MIN_PARALLEL) return buildIndex(corpus, options);

  const builder = new IndexBuilder(corpus);
  const arrived = new Map<number, readonly AnalyzedDocument[]>();
  let sent = 0;
  let added = 0;
  let done = 0;
  const workers = Array.from({ length: threads }, () => startWorker(corpus.aliases));
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      const send = (worker: Worker) => {
        if (sent >= batches) return;
        const request: AnalysisRequest = { batch: sent, documents: documents.slice(sent * BATCH, (sent + 1) * BATCH) };
        sent++;
        worker.postMessage(request);
      };
      for (const worker of workers) {
        worker.on('message', (reply: AnalysisReply) => {
          if (failed) return;
          if ('error' in reply) {
            fail(new Error(`analyzing articles ${reply.batch * BATCH + 1} to ${Math.min((reply.batch + 1) * BATCH, documents.length)}: ${reply.error}`));
            return;
          }
          send(worker);
          arrived.set(reply.batch, reply.analyses);
          try {
            // In corpus order: a batch waits for the ones before it.
            for (let next = arrived.get(added); next; next = arrived.get(added)) {
              arrived.delete(added);
              added++;
              for (const analysis of next) {
                builder.add(analysis);
                options.onProgress?.(++done, documents.length);
              }
            }
          } catch (error) {
            fail(error as Error);
            return;
          }
          if (added === batches) resolve();
        });
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (added < batches) fail(new Error(`an analysis thread stopped (exit code ${code}) before the index was built`));
        });
        send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return builder.finish(createAnalyzer(corpus.aliases), options);
}
