/**
 * A thread that analyzes articles for src/node/parallel-index.ts: it is sent batches of
 * documents and answers each with their analyses, in the same order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CorpusDocument } from '../core/corpus';
import type { CorpusAlias } from '../core/corpus-aliases';
import { analyzeDocument, createAnalyzer } from '../core/search-index';
import type { AnalysisReply, AnalysisRequest } from './parallel-index';

const port = parentPort;
if (!port) throw new Error('analysis-worker runs as a worker thread');
const analyzer = createAnalyzer((workerData as { aliases?: readonly CorpusAlias[] } | null)?.aliases ?? []);
port.on('message', ({ batch, documents }: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    reply = { batch, analyses: documents.map((document: CorpusDocument) => analyzeDocument(document, analyzer)) };
  } catch (error) {
    reply = { batch, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
