/**
 * Fairness under abuse: how long one reader waits for answers while another address
 * floods the service from as many sockets as it may open, each sending 40-word questions
 * and completion requests as fast as its rate limits let it. The flood comes from
 * 127.0.0.2 and the reader from 127.0.0.1 (both loopback), so they are two addresses.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { WebSocket } from 'ws';
import { CiteqaClient, CiteqaClientError } from '../client';
import { ask, type Answer } from '../core/answer';
import type { CorpusFile } from '../core/corpus';
import type { SentenceIndex } from '../core/search-index';
import { workerAnswerer, type Answerer } from '../server/answerer';
import { DEFAULT_LIMITS } from '../server/config';
import { createService } from '../server/service';
import { summary, type Summary } from './stats';
import { LONG_QUESTION } from './synthetic';


/** What the reader asks, in turn. */
export const READER_QUESTIONS = [
  'How long did the meeting last?',
  'Who proposed the trade agreement?',
  'What did analysts say about jobs?',
  'When will the talks resume?',
  'How much did trade grow?',
];

export interface FairnessFigures {
  readonly alone: Summary;
  readonly flooded: Summary;
  /** The reader's answers under the flood that differed from its answers alone. */
  readonly changedAnswers: number;
  /** Times the reader was told to slow down (it then waited and asked again). */
  readonly readerRateLimited: number;
  readonly attacker: { readonly sockets: number; readonly answered: number; readonly rateLimited: number; readonly suggestions: number };
}

export interface FairnessOptions {
  readonly samples: number;
  /** Also measure with questions answered in a worker thread (ANSWER_WORKER). */
  readonly worker: boolean;
  /** Pause between the reader's questions. */
  readonly pauseMs: number;
}

/** Fairness with questions answered in process, and in an answer worker (ANSWER_WORKER). */
export async function measureFairness(index: SentenceIndex, files: readonly CorpusFile[], options: FairnessOptions): Promise<{ inProcess: FairnessFigures; inWorker?: FairnessFigures }> {
  const inProcess = await fairnessOf(index, options);
  if (!options.worker) return { inProcess };
  const dir = mkdtempSync(path.join(tmpdir(), 'citeqa-bench-'));
  try {
    for (const file of files) writeFileSync(path.join(dir, file.name), file.bytes);
    const inWorker = await fairnessOf(index, options, await workerAnswerer({ corpusDir: dir }));
    return { inProcess, inWorker };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function fairnessOf(index: SentenceIndex, options: FairnessOptions, answerer?: Answerer): Promise<FairnessFigures> {
  const service = createService({ index, logger: pino({ level: 'silent' }), ...(answerer ? { answerer } : {}) });
  const { port } = await service.listen(0, '127.0.0.1');
  const url = `ws://127.0.0.1:${port}/ws`;
  try {
    const reader = await CiteqaClient.connect(url);
    const expected = new Map(READER_QUESTIONS.map((q) => [q, JSON.stringify(ask(index, q).passages.map((p) => p.citation))]));
    let changedAnswers = 0;
    let readerRateLimited = 0;
    const times = async (count: number, compare: boolean) => {
      const samples: number[] = [];
      for (let i = 0; i < count; i++) {
        const question = READER_QUESTIONS[i % READER_QUESTIONS.length] as string;
        let answer: Answer | undefined;
        let started = performance.now();
        while (!answer) {
          started = performance.now();
          try {
            answer = await reader.ask(question);
          } catch (error) {
            // A reader asking faster than its rate limit waits as it is told, and asks again.
            if (!(error instanceof CiteqaClientError) || error.code !== 'rate_limited') throw error;
            readerRateLimited++;
            await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs ?? 100));
          }
        }
        samples.push(performance.now() - started);
        if (compare && JSON.stringify(answer.passages.map((p) => p.citation)) !== expected.get(question)) changedAnswers++;
        await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
      }
      return summary(samples);
    };
    await times(READER_QUESTIONS.length, false);
    const alone = await times(options.samples, true);

    const attacker = { sockets: DEFAULT_LIMITS.maxConnectionsPerIp, answered: 0, rateLimited: 0, suggestions: 0 };
    let flooding = true;
    const sockets = await Promise.all(Array.from({ length: attacker.sockets }, () => flooder(url, attacker, () => flooding)));
    const flooded = await times(options.samples, true);
    flooding = false;
    for (const ws of sockets) ws.terminate();
    reader.close();
    return { alone, flooded, changedAnswers, readerRateLimited, attacker };
  } finally {
    await service.close();
  }
}

/** One attacking socket: long questions and completions, sent again as soon as allowed. */
function flooder(url: string, counts: { answered: number; rateLimited: number; suggestions: number }, going: () => boolean): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { localAddress: '127.0.0.2' });
    let n = 0;
    const send = () => {
      if (!going() || ws.readyState !== WebSocket.OPEN) return;
      n++;
      ws.send(JSON.stringify(n % 2 === 0 ? { type: 'ask', id: n, question: LONG_QUESTION, limit: 10 } : { type: 'suggest', id: n, prefix: 'the tre' }));
    };
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; code?: string; retryAfterMs?: number };
      if (message.type === 'hello') {
        resolve(ws);
        // Ten in flight, as many as the per-connection burst lets through at once.
        for (let i = 0; i < 10; i++) send();
        return;
      }
      if (message.type === 'answer') counts.answered++;
      else if (message.type === 'suggestions') counts.suggestions++;
      else if (message.code === 'rate_limited') {
        counts.rateLimited++;
        setTimeout(send, message.retryAfterMs ?? 100);
        return;
      }
      send();
    });
    ws.on('error', reject);
  });
}
