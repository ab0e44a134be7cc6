/**
 * Several processes serving one port (WORKERS > 1), with node's `cluster`: the primary
 * accepts connections and hands them to the workers in turn; each worker loads its own
 * index and runs the whole service (see run.ts). The primary passes SIGTERM, SIGINT and
 * SIGHUP on to every worker (SIGHUP once the worker handles it), starts a worker again if
 * one dies while serving, and exits once every worker has shut down (killing any still
 * running after WORKER_STOP_MS).
 *
 * Per-process state stays per worker: conversations (a socket lives in one worker),
 * connection caps and answering budgets per address (each worker allows its own), and
 * /metrics (each scrape sees the worker that answered it).
 */
import cluster, { type Worker } from 'node:cluster';
import pino from 'pino';
import type { Config } from './config';

/** Longest a restarted worker waits, after repeated deaths, before starting again. */
const MAX_RESTART_DELAY_MS = 10_000;

/** Longest the workers may take to stop before they are killed: just within 10 s. */
const WORKER_STOP_MS = 9800;

export function runPrimary(config: Config): void {
  const logger = pino({ level: config.logLevel, base: { service: 'citeqa', role: 'primary', pid: process.pid } });
  let stopping = false;
  let failures = 0;
  // Restarts waiting their turn: they keep the primary alive (with every worker dead, it
  // is all that runs) and are dropped when the service stops.
  const restarts = new Set<NodeJS.Timeout>();
  // A worker still loading its modules has no SIGHUP handler yet, and the signal would end
  // it: it is sent only to workers that said they handle it (run.ts), and owed to the others
  // until they say so. (A worker that has not said so has not read the corpus yet.)
  const handlesSighup = new WeakSet<Worker>();
  const owedSighup = new WeakSet<Worker>();
  const start = (): Worker => {
    const worker = cluster.fork();
    worker.once('listening', () => (failures = 0));
    worker.on('message', (message: unknown) => {
      if (!isSignalsReady(message) || handlesSighup.has(worker)) return;
      handlesSighup.add(worker);
      if (owedSighup.delete(worker)) worker.process.kill('SIGHUP');
    });
    return worker;
  };
  const stopped = () => {
    logger.info('every worker has stopped');
    process.exit(0);
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) stopped();
      return;
    }
    failures++;
    // A worker that cannot start (a bad corpus, a port in use) exits 1 at once: so would
    // its replacement. Give up rather than loop.
    if (code === 1 && failures >= config.workers) {
      logger.fatal({ worker: worker.process.pid, code }, 'workers cannot start; stopping');
      process.exit(1);
    }
    const delay = Math.min(MAX_RESTART_DELAY_MS, 100 * 2 ** failures);
    logger.error({ worker: worker.process.pid, code, signal, restartInMs: delay }, 'a worker died; starting another');
    const restart = setTimeout(() => {
      restarts.delete(restart);
      start();
    }, delay);
    restarts.add(restart);
  });
  const forward = (signal: NodeJS.Signals) => () => {
    if (signal !== 'SIGHUP' && !stopping) {
      stopping = true;
      for (const restart of restarts) clearTimeout(restart);
      restarts.clear();
      // Every worker may have died, their restarts still to come.
      if (Object.keys(cluster.workers ?? {}).length === 0) stopped();
      // Each worker bounds its own shutdown; a worker whose event loop is stuck cannot.
      setTimeout(() => {
        logger.error('a worker did not stop in time; killing it');
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
        process.exit(1);
      }, WORKER_STOP_MS).unref();
    }
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (!worker) continue;
      if (signal === 'SIGHUP' && !handlesSighup.has(worker)) owedSighup.add(worker);
      else worker.process.kill(signal);
    }
  };
  process.on('SIGTERM', forward('SIGTERM'));
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGHUP', forward('SIGHUP'));
  // Only now: a signal that came before its handler would end the primary (SIGHUP's
  // default), leaving its workers to find their channel closed.
  for (let i = 0; i < config.workers; i++) start();
  logger.info({ workers: config.workers }, 'starting workers');
}

/** What a worker sends the primary once a SIGHUP no longer ends it (see run.ts). */
export const SIGNALS_READY = { citeqa: 'signals-ready' } as const;

function isSignalsReady(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { citeqa?: unknown }).citeqa === SIGNALS_READY.citeqa;
}
