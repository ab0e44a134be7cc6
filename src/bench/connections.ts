/**
 * Memory per idle connection: the service runs in this process (so that a full collection
 * can be asked for before each reading), and a child process opens the sockets and holds
 * them. Heap and array buffers are read before and after; the difference, divided by the
 * number of sockets, is what one idle connection costs the service (session, socket,
 * parser state).
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import pino from 'pino';
import { buildCorpus } from '../core/corpus';
import { buildIndex } from '../core/search-index';
import { readCorpusDir } from '../node/corpus-dir';
import { defaultCorpusDir } from '../server/config';
import { createService } from '../server/service';

export interface ConnectionFigures {
  readonly connections: number;
  readonly bytesPerConnection: number;
  readonly rssBytesPerConnection: number;
}

function settled(): { heap: number; rss: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc to measure memory per connection');
  gc();
  gc();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed + usage.arrayBuffers + usage.external, rss: usage.rss };
}

export async function measureConnections(count: number): Promise<ConnectionFigures> {
  const corpus = buildCorpus([...(await readCorpusDir(defaultCorpusDir())).files]);
  const service = createService({
    index: buildIndex(corpus),
    logger: pino({ level: 'silent' }),
    limits: { maxConnectionsPerIp: count + 10, maxConnections: count + 10, maxHttpConnectionsPerIp: count + 10 },
  });
  const { port } = await service.listen(0, '127.0.0.1');
  try {
    const before = settled();
    const holder = fork(path.join(__dirname, 'connection-holder.ts'), [`ws://127.0.0.1:${port}/ws`, String(count)], { execArgv: ['--import', 'tsx'] });
    await new Promise<void>((resolve, reject) => {
      holder.once('message', (message) => (message === 'open' ? resolve() : reject(new Error(String(message)))));
      holder.once('exit', (code) => reject(new Error(`the connection holder exited with ${code}`)));
    });
    // Let the hello messages be written and the sockets settle.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = settled();
    holder.kill();
    return { connections: count, bytesPerConnection: (after.heap - before.heap) / count, rssBytesPerConnection: (after.rss - before.rss) / count };
  } finally {
    await service.close();
  }
}

if (require.main === module) {
  measureConnections(Number(process.argv[2] ?? 10_000)).then(
    (figures) => process.stdout.write(`${JSON.stringify(figures)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
