/**
 * `npm start`: loads the corpus, builds the index, serves HTTP and WebSocket.
 * Exits 1 with a clear message when the configuration or the corpus is invalid.
 */
import pino from 'pino';
import { CorpusError } from '../core/errors';
import { buildIndex } from '../core/search-index';
import { loadCorpusDir } from '../node/corpus-dir';
import { wordnetThesaurus } from '../node/wordnet';
import { loadConfig } from './config';
import { createService } from './service';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`citeqa: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = pino({ level: config.logLevel, base: { service: 'citeqa' } });

  let loaded;
  try {
    loaded = await loadCorpusDir(config.corpusDir);
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    logger.fatal({ corpusDir: config.corpusDir, problems: error.problems }, 'cannot start: the corpus is invalid');
    process.stderr.write(`citeqa: cannot start: in ${config.corpusDir}, ${error.message}\n`);
    process.exit(1);
  }
  const { corpus, skipped } = loaded;
  for (const warning of corpus.warnings) logger.warn({ file: warning.file }, warning.message);
  if (skipped.length > 0) logger.warn({ files: skipped.slice(0, 20), count: skipped.length }, 'skipped files that are not articles (*.md)');

  const started = performance.now();
  const index = buildIndex(corpus, { thesaurus: wordnetThesaurus() });
  logger.info(
    { documents: corpus.documents.length, sentences: corpus.sentenceCount, ms: Math.round(performance.now() - started) },
    'index built',
  );

  const service = createService({ index, logger });
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
  logger.info({ url: `http://${host}:${address.port}/`, ws: `ws://${host}:${address.port}/ws` }, `citeqa listening on http://${host}:${address.port}/`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown took over 10 s; exiting anyway');
      process.exit(1);
    }, 10_000);
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
}

main().catch((error: unknown) => {
  process.stderr.write(`citeqa: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
