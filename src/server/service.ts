/**
 * The service: one HTTP server carrying both the express app and the WebSocket endpoint,
 * serving one index that a reload replaces whole (here and in an answer worker alike).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { SentenceIndex } from '../core/search-index';
import { createApp } from './app';
import { inProcessAnswerer, type Answerer } from './answerer';
import { Answering } from './answering';
import { DEFAULT_LIMITS, type Limits } from './config';
import type { IndexHolder } from './index-holder';
import { createMetrics, type Metrics } from './metrics';
import { AddressBudgets } from './rate-limit';
import { ReloadQueue } from './reload-queue';
import { FairScheduler } from './scheduler';
import { capConnectionsPerAddress, httpServerOptions } from './http-edge';
import { attachWebSocket, SHUTDOWN_CLOSE_MS, SHUTDOWN_GRACE_MS, type WsEndpoint } from './ws';

export interface ServiceOptions {
  readonly index: SentenceIndex;
  /** Who answers questions and suggestions (WebSocket and HTTP); default: this thread, from `index`. */
  readonly answerer?: Answerer;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  readonly limits?: Partial<Limits>;
}

export interface Service {
  readonly server: Server;
  readonly metrics: Metrics;
  readonly ws: WsEndpoint;
  /** The index being served. */
  readonly index: SentenceIndex;
  /** Starts listening; resolves with the bound address (port 0 picks a free port). */
  listen(port: number, host: string): Promise<AddressInfo>;
  /**
   * Replaces the index at once: each question is answered from the old index or the new
   * one, never a mix. (An answer worker keeps its own copy: see {@link reload}.)
   */
  swapIndex(index: SentenceIndex): void;
  /**
   * Builds the next index aside, in this thread (`build`) and in the answerer (an answer
   * worker builds its own copy), and puts both in service at once, or neither: when either
   * build fails, the old index keeps answering everywhere and the promise rejects with the
   * failure (this thread's, when both failed). Reloads run one at a time; one asked for
   * while another runs is done once more after it (see reload-queue.ts).
   */
  reload(build: () => Promise<SentenceIndex>): Promise<SentenceIndex>;
  readonly answerer: Answerer;
  /**
   * Stops accepting connections and questions, answers those received for up to
   * SHUTDOWN_GRACE_MS (over WebSocket and HTTP alike) and refuses the rest with
   * `shutting_down`, closes WebSocket clients with 1001, cuts the HTTP connections still
   * open, and closes the answerer: bounded, whatever is in flight (see ws.ts).
   */
  close(): Promise<void>;
}

export function createService(options: ServiceOptions): Service {
  const metrics = options.metrics ?? createMetrics();
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const indexes: IndexHolder = { index: options.index };
  let ready = true;
  const count = (index: SentenceIndex) => {
    metrics.indexDocuments.set(index.corpus.documents.length);
    metrics.indexSentences.set(index.corpus.sentenceCount);
  };
  count(options.index);

  // One answering budget per client address, over WebSocket and HTTP alike.
  const budgets = new AddressBudgets(limits.answerMsPerIp);
  // ...and one round of turns between addresses.
  const scheduler = new FairScheduler();
  const answerer = options.answerer ?? inProcessAnswerer(indexes);
  // ...and one answering path for questions and suggestions, whichever way they come.
  const answering = new Answering({ answerer, indexes, budgets, scheduler, metrics, logger: options.logger, limits });
  const server = createServer(httpServerOptions(limits), createApp({ indexes, logger: options.logger, metrics, ready: () => ready, limits, answering }));
  capConnectionsPerAddress(server, limits, options.logger);
  const ws = attachWebSocket(server, { indexes, answering, logger: options.logger, metrics, limits });
  const swapIndex = (index: SentenceIndex) => {
    indexes.index = index;
    count(index);
  };
  const reloads = new ReloadQueue<SentenceIndex>();
  const reloadOnce = async (build: () => Promise<SentenceIndex>): Promise<SentenceIndex> => {
    const [here, there] = await Promise.allSettled([build(), answerer.prepareReload?.()]);
    if (here.status === 'rejected') {
      if (there.status === 'fulfilled') there.value?.discard();
      throw here.reason;
    }
    if (there.status === 'rejected') throw there.reason;
    // Both in the same turn of the event loop: no question sees one new and one old.
    swapIndex(here.value);
    there.value?.commit();
    return here.value;
  };
  return {
    server,
    metrics,
    ws,
    answerer,
    get index() {
      return indexes.index;
    },
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      }),
    swapIndex,
    reload: (build) => reloads.run(() => reloadOnce(build)),
    close: async () => {
      ready = false;
      const graceEnds = performance.now() + SHUTDOWN_GRACE_MS;
      const httpClosed = server.listening
        ? new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
        : Promise.resolve();
      server.closeIdleConnections();
      await ws.close(SHUTDOWN_GRACE_MS);
      // HTTP requests in flight had the same grace; what is left of it, then they are cut.
      let timer: NodeJS.Timeout | undefined;
      const cut = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, graceEnds - performance.now()))));
      await Promise.race([httpClosed, cut]).finally(() => clearTimeout(timer));
      server.closeAllConnections();
      await httpClosed;
      await Promise.race([answerer.close(), new Promise((resolve) => setTimeout(resolve, SHUTDOWN_CLOSE_MS).unref())]);
    },
  };
}
