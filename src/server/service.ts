/**
 * The service: one HTTP server carrying both the express app and the WebSocket endpoint.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { SentenceIndex } from '../core/search-index';
import { createApp } from './app';
import { createMetrics, type Metrics } from './metrics';
import { attachWebSocket, type WsEndpoint } from './ws';

export interface Service {
  readonly server: Server;
  readonly metrics: Metrics;
  readonly ws: WsEndpoint;
  /** Starts listening; resolves with the bound address (port 0 picks a free port). */
  listen(port: number, host: string): Promise<AddressInfo>;
  /**
   * Closes WebSocket clients (1001), stops accepting connections, and waits for HTTP
   * requests in flight. Closing a service that is not listening does nothing.
   */
  close(): Promise<void>;
}

export function createService(options: { index: SentenceIndex; logger: Logger; metrics?: Metrics }): Service {
  const metrics = options.metrics ?? createMetrics();
  const server = createServer(createApp({ ...options, metrics }));
  const ws = attachWebSocket(server, { ...options, metrics });
  return {
    server,
    metrics,
    ws,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      }),
    close: async () => {
      await ws.close();
      if (!server.listening) return;
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
    },
  };
}
