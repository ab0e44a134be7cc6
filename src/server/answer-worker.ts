/**
 * The answer worker: loads the index from the server's source, then answers questions
 * posted to it, one after another. See answerer.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { converse, type AskOptions } from '../core/answer';
import { CiteqaError } from '../core/errors';
import type { SentenceIndex } from '../core/search-index';
import { loadIndex } from '../node/load-index';
import type { WorkerSource } from './answerer';

const port = parentPort;
const source = workerData as WorkerSource;

async function main(): Promise<void> {
  if (!port) throw new Error('answer-worker.ts runs as a worker thread');
  let index: SentenceIndex = (await loadIndex(source)).index;
  port.on('message', (message: { id: number; question?: string; options?: AskOptions; reload?: true }) => {
    if (message.reload) {
      loadIndex(source).then(
        (loaded) => {
          index = loaded.index;
          port.postMessage({ type: 'reloaded', id: message.id });
        },
        (error: unknown) => port.postMessage({ type: 'error', id: message.id, code: 'corpus_invalid', message: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    try {
      const started = performance.now();
      const { answer, conversation } = converse(index, message.question ?? '', message.options ?? {});
      port.postMessage({ type: 'answer', id: message.id, answer, conversation, workMs: performance.now() - started });
    } catch (error) {
      // A deliberate error keeps its code; anything else goes back whole, for the log.
      if (error instanceof CiteqaError) port.postMessage({ type: 'error', id: message.id, code: error.code, message: error.message });
      else port.postMessage({ type: 'failure', id: message.id, detail: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  port.postMessage({ type: 'ready' });
}

main().catch((error: unknown) => {
  // The parent sees this as the worker's 'error' event.
  throw error;
});
