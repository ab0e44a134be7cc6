/**
 * Several processes serving one port (WORKERS > 1), with node's `cluster`: the primary
 * accepts connections and hands them to the workers in turn; each worker loads its own
 * index and runs the whole service (see run.ts). The primary passes SIGTERM, SIGINT and
 * SIGHUP on to every worker, starts a worker again if one dies while serving, and exits
 * once every worker has shut down (killing any still running after WORKER_STOP_MS).
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
  const start = (): Worker => {
    const worker = cluster.fork();
    worker.once('listening', () => (failures = 0));
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
  for (let i = 0; i < config.workers; i++) start();
  logger.info({ workers: config.workers }, 'starting workers');

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
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on('SIGTERM', forward('SIGTERM'));
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGHUP', forward('SIGHUP'));
}
