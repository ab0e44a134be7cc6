/**
 * `npm start`: the service, configured by the environment (see config.ts).
 */
import { loadConfig } from './config';
import { runServer } from './run';

let config;
try {
  config = loadConfig();
} catch (error) {
  process.stderr.write(`citeqa: ${(error as Error).message}\n`);
  process.exit(1);
}
runServer(config).catch((error: unknown) => {
  process.stderr.write(`citeqa: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
