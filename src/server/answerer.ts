/**
 * Who does the work of questions and suggestions, over WebSocket and HTTP alike (see
 * answering.ts): the process itself, or a worker thread with its own copy of the index,
 * so that answering never holds the thread that reads and writes the sockets.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { converse, type Answer, type AskOptions, type Conversation } from '../core/answer';
import { CiteqaError, type ErrorCode } from '../core/errors';
import { completions } from '../core/suggestions';
import type { IndexHolder } from './index-holder';
import type { WarmUp } from './warm-up';

export interface Answered {
  readonly answer: Answer;
  readonly conversation: Conversation;
  /** Milliseconds spent answering (not waiting for a turn): what rate limits charge. */
  readonly workMs: number;
}

export interface Suggested {
  readonly suggestions: readonly string[];
  /** Milliseconds spent completing the prefix. */
  readonly workMs: number;
}

/** A new index built aside by an answerer, not yet answering. */
export interface PreparedIndex {
  /** Puts the new index in service: every question asked after this is answered from it. */
  commit(): void;
  /** Drops the new index; the current one keeps answering. */
  discard(): void;
}

export interface Answerer {
  converse(question: string, options: AskOptions): Promise<Answered>;
  /**
   * Completions of a question being typed. An answerer without it has them made in this
   * thread, from the index being served.
   */
  suggest?(prefix: string): Promise<Suggested>;
  /**
   * Builds the index again from its source, aside; resolves once it is built, to be
   * committed or discarded (see Service.reload). An answerer without it answers from the
   * service's own index and has nothing to build.
   */
  prepareReload?(): Promise<PreparedIndex>;
  /** Builds the index again from its source and puts it in service at once. */
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
    suggest: async (prefix) => suggestIn(indexes, prefix),
    close: async () => undefined,
  };
}

/** Completions made in this thread, from the index being served. */
export function suggestIn(indexes: IndexHolder, prefix: string): Suggested {
  const started = performance.now();
  const suggestions = completions(indexes.index, prefix);
  return { suggestions, workMs: performance.now() - started };
}

/** What a worker is told to load, and replies with. */
export interface WorkerSource {
  readonly corpusDir: string;
  readonly indexFile?: string | undefined;
}
/** What the worker is asked; it handles messages in the order they are posted. */
export type WorkerRequest =
  | { id: number; type: 'ask'; question: string; options: AskOptions }
  | { id: number; type: 'suggest'; prefix: string }
  | { id: number; type: 'prepare' }
  | { id: number; type: 'commit' }
  | { id: number; type: 'discard' };
export type WorkerReply =
  | { type: 'ready'; warmUp: WarmUp }
  | { type: 'answer'; id: number; answer: Answer; conversation: Conversation; workMs: number }
  | { type: 'suggestions'; id: number; suggestions: string[]; workMs: number }
  | { type: 'error'; id: number; code: ErrorCode; message: string }
  | { type: 'failure'; id: number; detail: string }
  | { type: 'done'; id: number };

/** The answer worker's answerer, with what its warm-up before it was ready took. */
export interface WorkerAnswerer extends Answerer {
  readonly warmUp: WarmUp;
}

/**
 * Answers in a worker thread that loads the same source as the server. Resolves once the
 * worker's index is ready (and warmed up: see warm-up.ts); rejects with the worker's error
 * when it cannot load.
 */
export function workerAnswerer(source: WorkerSource): Promise<WorkerAnswerer> {
  // Under the TypeScript sources (tests, tsx), the worker loads its source through tsx's
  // require hook; built, it runs the compiled file.
  const fromSource = __filename.endsWith('.ts');
  const worker = fromSource
    ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'answer-worker.ts'))});`, { eval: true, workerData: source })
    : new Worker(path.join(__dirname, 'answer-worker.js'), { workerData: source });
  const pending = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;

  type Unsent<R> = R extends unknown ? Omit<R, 'id'> : never;
  const post = (message: Unsent<WorkerRequest>): number => {
    const id = nextId++;
    worker.postMessage({ ...message, id });
    return id;
  };
  const request = (message: Unsent<WorkerRequest>): Promise<WorkerReply> => {
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => pending.set(post(message), { resolve, reject }));
  };
  /** The reply as what it should be, else the error it stands for. */
  const expect = <T extends WorkerReply['type']>(reply: WorkerReply, type: T): Extract<WorkerReply, { type: T }> => {
    if (reply.type === type) return reply as Extract<WorkerReply, { type: T }>;
    if (reply.type === 'error') throw new CiteqaError(reply.code, reply.message);
    // Not a deliberate error: reported to the client as internal, logged whole.
    throw new Error(reply.type === 'failure' ? `the answer worker failed: ${reply.detail}` : `unexpected reply from the answer worker: ${reply.type}`);
  };

  return new Promise((resolveReady, rejectReady) => {
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        resolveReady({ ...answerer, warmUp: reply.warmUp });
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

    const prepareReload = async (): Promise<PreparedIndex> => {
      expect(await request({ type: 'prepare' }), 'done');
      let settled = false;
      // The worker takes messages in order: whatever is posted after the commit is
      // answered from the new index, whatever before it from the old one.
      const settle = (type: 'commit' | 'discard') => {
        if (settled || failure) return;
        settled = true;
        post({ type });
      };
      return { commit: () => settle('commit'), discard: () => settle('discard') };
    };
    const answerer: Answerer = {
      async converse(question, options) {
        const reply = expect(await request({ type: 'ask', question, options }), 'answer');
        return { answer: reply.answer, conversation: reply.conversation, workMs: reply.workMs };
      },
      async suggest(prefix) {
        const reply = expect(await request({ type: 'suggest', prefix }), 'suggestions');
        return { suggestions: reply.suggestions, workMs: reply.workMs };
      },
      prepareReload,
      async reload() {
        (await prepareReload()).commit();
      },
      async close() {
        failure = new CiteqaError('internal', 'the service is shutting down');
        await worker.terminate();
      },
    };
  });
}
