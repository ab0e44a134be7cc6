/**
 * A thread that answers benchmark questions for answering.ts: it builds the baselines from
 * the sentences it is started with, loads citeqa's index from the snapshot records it is
 * sent, and answers each chunk of questions it is sent with the system named, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SentenceIndex } from '../core/search-index';
import { loadSnapshot } from '../core/snapshot';
import { wordnetThesaurus } from '../node/wordnet';
import { answerEach, baselineAnswerer, evalAnswer, type SystemName, type WorkerReply, type WorkerRequest, type WorkerSetup } from './answering';
import type { JudgedAnswer } from './evaluate';

const port = parentPort;
if (!port) throw new Error('eval-worker runs as a worker thread');
const setup = workerData as WorkerSetup;
const answerers = new Map<SystemName, (question: string) => JudgedAnswer>(setup.baselines.map((kind) => [kind, baselineAnswerer(setup, kind)]));

port.on('message', (request: WorkerRequest) => {
  try {
    if (request.type === 'index') {
      const index: SentenceIndex = loadSnapshot(request.records, { thesaurus: wordnetThesaurus() });
      answerers.set('citeqa', (question) => evalAnswer(index, question));
      return;
    }
    const answer = answerers.get(request.system);
    if (!answer) throw new Error(`asked to answer with ${request.system} before it was set up`);
    const { answers, ms } = answerEach(answer, request.questions);
    port.postMessage({ type: 'answered', system: request.system, first: request.first, answers, ms } satisfies WorkerReply);
  } catch (error) {
    port.postMessage({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply);
  }
});
