/**
 * A thread that answers benchmark questions for answering.ts: it loads the index from the
 * snapshot records it is started with, is sent its share of the questions once, and
 * replies with progress, then every answer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadSnapshot } from '../core/snapshot';
import { wordnetThesaurus } from '../node/wordnet';
import { answerHere, type WorkerReply, type WorkerSetup } from './answering';

const port = parentPort;
if (!port) throw new Error('eval-worker runs as a worker thread');
const setup = workerData as WorkerSetup;
const index = loadSnapshot(setup.records, { thesaurus: wordnetThesaurus() });
port.once('message', (questions: readonly string[]) => {
  let reply: WorkerReply;
  try {
    reply = { type: 'done', result: answerHere(index, setup.baselines, questions, (done) => port.postMessage({ type: 'progress', done } satisfies WorkerReply)) };
  } catch (error) {
    reply = { type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
