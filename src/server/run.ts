/**
 * Runs the service until SIGINT or SIGTERM: loads the index, listens, shuts down cleanly.
 * Exits 1 with a one-line message when the corpus, the index file or the address is bad.
 */
import cluster from 'node:cluster';
import pino from 'pino';
import { CiteqaError, CorpusError } from '../core/errors';
import { loadIndex, type LoadedIndex } from '../node/load-index';
import { SIGNALS_READY } from './cluster';
import type { Config } from './config';
import { workerAnswerer, type WorkerAnswerer } from './answerer';
import { createMetrics } from './metrics';
import { createService } from './service';
import { warmUp } from './warm-up';

/** Longest a shutdown may take before the process exits regardless (with status 1). */
const SHUTDOWN_LIMIT_MS = 9500;

export async function runServer(config: Config): Promise<void> {
  const logger = pino({ level: config.logLevel, base: { service: 'citeqa', pid: process.pid } });
  const source = config.indexFile ?? config.corpusDir;
  // A SIGHUP while the index is first built (articles dropped in meanwhile) would end the
  // process by default: it is remembered, and a reload follows once the service listens.
  let reloadAsked = false;
  const whileStarting = () => {
    reloadAsked = true;
    logger.info({ source }, 'SIGHUP while starting: the corpus will be reloaded once the service listens');
  };
  process.on('SIGHUP', whileStarting);
  // Under a cluster primary: SIGHUP may be sent here from now on.
  // If the primary is gone the send fails, and the worker exits on the disconnect that
  // follows: the failure is not an error of its own.
  if (cluster.isWorker) process.send?.(SIGNALS_READY, undefined, undefined, () => {});
  logger.info({ source }, config.indexFile ? 'loading the index' : 'building the index');

  const started = performance.now();
  let loaded;
  try {
    loaded = await loadIndex(config);
  } catch (error) {
    if (!(error instanceof CiteqaError)) throw error;
    const problems = error instanceof CorpusError ? error.problems : undefined;
    logger.fatal({ source, problems }, 'cannot start: the corpus is invalid');
    process.stderr.write(`citeqa: cannot start: in ${source}, ${error.message}\n`);
    process.exit(1);
  }
  const { index, warnings, skipped } = loaded;
  for (const warning of warnings) logger.warn({ file: warning.file }, warning.message);
  if (skipped.length > 0) logger.warn({ files: skipped.slice(0, 20), count: skipped.length }, 'skipped files that are not articles (*.md)');
  logger.info(
    { source, documents: index.corpus.documents.length, sentences: index.corpus.sentenceCount, ms: Math.round(performance.now() - started) },
    config.indexFile ? 'index loaded' : 'index built',
  );

  let answerer: WorkerAnswerer | undefined;
  if (config.limits.answerWorker) {
    try {
      answerer = await workerAnswerer(config);
    } catch (error) {
      process.stderr.write(`citeqa: cannot start the answer worker: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  }
  // The thread that answers is warmed up before the service listens (the answer worker warms itself).
  const warmedUp = answerer?.warmUp ?? warmUp(index);
  if (warmedUp.error !== undefined) logger.error({ error: warmedUp.error }, 'a warm-up question failed');
  logger.info({ ms: Math.round(warmedUp.ms), thread: answerer ? 'answer worker' : 'main' }, 'warmed up');
  const service = createService({ index, logger, metrics: createMetrics(true), limits: config.limits, ...(answerer ? { answerer } : {}) });
  let address;
  try {
    address = await service.listen(config.port, config.host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE' ? `port ${config.port} is already in use; set PORT to a free port`
      : code === 'EACCES' ? `no permission to listen on port ${config.port}; use a port above 1023`
      : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' ? `HOST ${config.host} is not an address of this machine`
      : (error as Error).message;
    process.stderr.write(`citeqa: cannot listen on ${config.host}:${config.port}: ${reason}\n`);
    process.exit(1);
  }
  const host = ['0.0.0.0', '::'].includes(address.address) ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // The shutdown is bounded (see Service.close); this only catches a bug in that bound,
    // before a process manager's kill after 10 s would.
    const timer = setTimeout(() => {
      logger.error(`shutdown took over ${SHUTDOWN_LIMIT_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    timer.unref();
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Announced only once the handlers are set: a SIGTERM sent on reading this line must
  // find its handler, not end the process by default.
  logger.info({ url: `http://${host}:${address.port}/`, ws: `ws://${host}:${address.port}/ws` }, `citeqa listening on http://${host}:${address.port}/`);

  // SIGHUP reloads the corpus: the new index is built aside, in this thread and in the
  // answer worker, and swapped in whole in both or in neither; if the new corpus is
  // invalid, the old index keeps serving and the problems are logged. A SIGHUP during a
  // reload is not dropped: one more reload follows (see Service.reload).
  const reported = new WeakSet<Promise<unknown>>();
  let unsettled = 0;
  const onReload = () => {
    if (stopping) return;
    if (unsettled > 0) logger.info({ source }, 'a reload is running: the corpus will be reloaded again after it');
    let warnings: LoadedIndex['warnings'] = [];
    let begun = performance.now();
    const build = async () => {
      begun = performance.now();
      logger.info({ source }, 'reloading the corpus');
      const next = await loadIndex(config);
      // A new index comes with a new thesaurus and new memories: warmed up before it serves.
      if (!answerer) warmUp(next.index);
      warnings = next.warnings;
      return next.index;
    };
    const reload = service.reload(build);
    // SIGHUPs during one reload share the one after it: reported once.
    if (reported.has(reload)) return;
    reported.add(reload);
    unsettled++;
    reload.finally(() => unsettled--).catch(() => undefined);
    reload.then(
      (index) => {
        for (const warning of warnings) logger.warn({ file: warning.file }, warning.message);
        logger.info(
          { source, documents: index.corpus.documents.length, sentences: index.corpus.sentenceCount, ms: Math.round(performance.now() - begun) },
          'corpus reloaded',
        );
      },
      (error: unknown) => {
        const problems = error instanceof CorpusError ? error.problems : undefined;
        logger.error({ source, problems, err: error instanceof CiteqaError ? undefined : error }, `reload failed; still serving the previous corpus: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  };
  process.on('SIGHUP', onReload);
  process.off('SIGHUP', whileStarting);
  if (reloadAsked) onReload();
}
