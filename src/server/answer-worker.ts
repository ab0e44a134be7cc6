/**
 * The answer worker: loads the index from the server's source, then answers questions
 * and completes prefixes posted to it, one after another. A reload builds the new index
 * aside ("prepare") and answers from it only once told to ("commit"). See answerer.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { converse } from '../core/answer';
import { CiteqaError } from '../core/errors';
import type { SentenceIndex } from '../core/search-index';
import { completions } from '../core/suggestions';
import { loadIndex } from '../node/load-index';
import type { WorkerReply, WorkerRequest, WorkerSource } from './answerer';
import { warmUp } from './warm-up';

const port = parentPort;
const source = workerData as WorkerSource;

async function main(): Promise<void> {
  if (!port) throw new Error('answer-worker.ts runs as a worker thread');
  const reply = (message: WorkerReply) => port.postMessage(message);
  let index: SentenceIndex = (await loadIndex(source)).index;
  // Before it reports ready (with what the warm-up took, for the log): its first readers
  // are not the ones to pay for it.
  const warmedUp = warmUp(index);
  /** The index built by the last "prepare", until it is committed or discarded. */
  let prepared: SentenceIndex | undefined;
  port.on('message', (message: WorkerRequest) => {
    const { id } = message;
    switch (message.type) {
      case 'prepare':
        prepared = undefined;
        loadIndex(source).then(
          (loaded) => {
            prepared = loaded.index;
            // A new index comes with a new thesaurus and new memories: warmed up before it
            // serves, as at start-up (a failing question was reported then).
            warmUp(prepared);
            reply({ type: 'done', id });
          },
          (error: unknown) => reply({ type: 'error', id, code: 'corpus_invalid', message: error instanceof Error ? error.message : String(error) }),
        );
        return;
      case 'commit':
        if (prepared) index = prepared;
        prepared = undefined;
        return;
      case 'discard':
        prepared = undefined;
        return;
      case 'ask':
      case 'suggest':
        try {
          const started = performance.now();
          if (message.type === 'suggest') {
            const suggestions = completions(index, message.prefix);
            reply({ type: 'suggestions', id, suggestions, workMs: performance.now() - started });
          } else {
            const { answer, conversation } = converse(index, message.question, message.options);
            reply({ type: 'answer', id, answer, conversation, workMs: performance.now() - started });
          }
        } catch (error) {
          // A deliberate error keeps its code; anything else goes back whole, for the log.
          if (error instanceof CiteqaError) reply({ type: 'error', id, code: error.code, message: error.message });
          else reply({ type: 'failure', id, detail: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        }
        return;
      default: {
        const unknown: never = message;
        throw new Error(`unhandled request ${JSON.stringify(unknown)}`);
      }
    }
  });
  reply({ type: 'ready', warmUp: warmedUp });
}

main().catch((error: unknown) => {
  // The parent sees this as the worker's 'error' event.
  throw error;
});
