/**
 * Opens COUNT WebSockets to URL, tells its parent "open" once all are, and holds them
 * until killed: the clients of the connection-memory benchmark.
 */
import { WebSocket } from 'ws';

async function main(): Promise<void> {
  const [url, countText] = process.argv.slice(2);
  const count = Number(countText);
  if (!url || !Number.isInteger(count)) throw new Error('usage: connection-holder.ts URL COUNT');
  const sockets: WebSocket[] = [];
  for (let i = 0; i < count; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, count - i) }, () =>
        new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(url, { perMessageDeflate: false });
          ws.once('message', () => resolve()); // hello
          ws.once('error', reject);
          sockets.push(ws);
        }),
      ),
    );
  }
  process.send?.('open');
}

main().catch((error: unknown) => {
  process.send?.(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
