/**
 * The HTTP server's own limits, below express: how long a client may take to send a
 * request, and how many connections one client address may hold open.
 *
 * A slowloris client trickles a request's headers a byte at a time to hold a connection
 * for as long as the server waits; Node waits 60 s for headers and checks only every 30 s,
 * so one held a connection for about 76 s. Here the checks run every second and the
 * waits are HEADERS_TIMEOUT_MS and REQUEST_TIMEOUT_MS, and no address holds more than
 * MAX_HTTP_CONNECTIONS_PER_IP connections at once.
 */
import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import type { Limits } from './config';

/** How long an idle keep-alive connection stays open: long enough for a page's next request. */
export const KEEP_ALIVE_TIMEOUT_MS = 5000;

/** Options for `http.createServer` that bound how long a request may take to arrive. */
export function httpServerOptions(limits: Pick<Limits, 'headersTimeoutMs' | 'requestTimeoutMs'>): ServerOptions {
  // Node refuses a headers timeout longer than the request timeout.
  const headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  return {
    headersTimeout,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    // Timeouts are enforced only when checked: Node's default of 30 s would let a
    // trickled request live that much past its timeout.
    connectionsCheckingInterval: Math.min(1000, headersTimeout),
  };
}

/**
 * Caps the connections one client address (the TCP peer) holds open: beyond
 * `maxHttpConnectionsPerIp`, a new connection is closed at once. A connection upgraded to
 * a WebSocket leaves the count, as MAX_CONNECTIONS_PER_IP caps those.
 */
export function capConnectionsPerAddress(server: Server, limits: Pick<Limits, 'maxHttpConnectionsPerIp'>, logger: Logger): void {
  const open = new Map<string, number>();
  const releases = new WeakMap<Socket, () => void>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = open.get(address) ?? 0;
    if (count >= limits.maxHttpConnectionsPerIp) {
      logger.debug({ address, open: count }, 'refused an HTTP connection: too many from one address');
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    };
    releases.set(socket, release);
    socket.once('close', release);
  });
  server.on('upgrade', (req: { socket: Socket }) => releases.get(req.socket)?.());
}
