/**
 * `npm start`: the service, configured by the environment (see config.ts); with WORKERS
 * above 1, that many processes serving one port (see cluster.ts).
 */
import cluster from 'node:cluster';
import { runPrimary } from './cluster';
import { loadConfig } from './config';
import { runServer } from './run';

let config;
try {
  config = loadConfig();
} catch (error) {
  process.stderr.write(`citeqa: ${(error as Error).message}\n`);
  process.exit(1);
}
if (config.workers > 1 && cluster.isPrimary) runPrimary(config);
else runServer(config).catch((error: unknown) => {
  process.stderr.write(`citeqa: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
