/**
 * Who answers the questions of WebSocket sessions: the process itself, or a worker thread
 * with its own copy of the index, so that answering never holds the thread that reads
 * and writes the sockets.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { converse, type Answer, type AskOptions, type Conversation } from '../core/answer';
import { CiteqaError, type ErrorCode } from '../core/errors';
import type { IndexHolder } from './index-holder';

export interface Answered {
  readonly answer: Answer;
  readonly conversation: Conversation;
  /** Milliseconds spent answering (not waiting for a turn): what rate limits charge. */
  readonly workMs: number;
}

export interface Answerer {
  converse(question: string, options: AskOptions): Promise<Answered>;
  /** Builds the index again from its source; resolves once the new one answers. */
  reload?(): Promise<void>;
  close(): Promise<void>;
}

/** Answers in this thread, from the index being served. */
export function inProcessAnswerer(indexes: IndexHolder): Answerer {
  return {
    converse: async (question, options) => {
      const started = performance.now();
      const { answer, conversation } = converse(indexes.index, question, options);
      return { answer, conversation, workMs: performance.now() - started };
    },
    close: async () => undefined,
  };
}

/** What a worker is told to load, and replies with. */
export interface WorkerSource {
  readonly corpusDir: string;
  readonly indexFile?: string | undefined;
}
type Request = { id: number; question: string; options: AskOptions } | { id: number; reload: true };
type Reply =
  | { type: 'ready' }
  | { type: 'answer'; id: number; answer: Answer; conversation: Conversation; workMs: number }
  | { type: 'error'; id: number; code: ErrorCode; message: string }
  | { type: 'failure'; id: number; detail: string }
  | { type: 'reloaded'; id: number };

/**
 * Answers in a worker thread that loads the same source as the server. Resolves once the
 * worker's index is ready; rejects with the worker's error when it cannot load.
 */
export function workerAnswerer(source: WorkerSource): Promise<Answerer> {
  // Under the TypeScript sources (tests, tsx), the worker loads its source through tsx's
  // require hook; built, it runs the compiled file.
  const fromSource = __filename.endsWith('.ts');
  const worker = fromSource
    ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'answer-worker.ts'))});`, { eval: true, workerData: source })
    : new Worker(path.join(__dirname, 'answer-worker.js'), { workerData: source });
  const pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;

  const request = (message: Omit<Request, 'id'>): Promise<Reply> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  };

  return new Promise((resolveReady, rejectReady) => {
    worker.on('message', (reply: Reply) => {
      if (reply.type === 'ready') {
        resolveReady(answerer);
        return;
      }
      const waiter = pending.get(reply.id);
      pending.delete(reply.id);
      waiter?.resolve(reply);
    });
    worker.on('error', (error) => {
      failure = error;
      rejectReady(error);
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
    worker.on('exit', (code) => {
      failure ??= new Error(`the answer worker stopped (exit code ${code})`);
      for (const waiter of pending.values()) waiter.reject(failure);
      pending.clear();
    });

    const answerer: Answerer = {
      async converse(question, options) {
        const reply = await request({ question, options } as Omit<Request, 'id'>);
        if (reply.type === 'answer') return { answer: reply.answer, conversation: reply.conversation, workMs: reply.workMs };
        if (reply.type === 'error') throw new CiteqaError(reply.code, reply.message);
        // Not a deliberate error: reported to the client as internal, logged whole.
        throw new Error(reply.type === 'failure' ? `the answer worker failed: ${reply.detail}` : `unexpected reply from the answer worker: ${reply.type}`);
      },
      async reload() {
        const reply = await request({ reload: true } as Omit<Request, 'id'>);
        if (reply.type === 'error') throw new CiteqaError(reply.code, reply.message);
      },
      async close() {
        failure = new CiteqaError('internal', 'the service is shutting down');
        await worker.terminate();
      },
    };
  });
}
