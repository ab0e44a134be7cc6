/**
 * The WebSocket side of the service (protocol version 1, see src/protocol/messages.ts),
 * on the HTTP server's `upgrade` event at `/ws`, where every connection is checked before
 * it is accepted:
 *
 *   path /ws?                       no -> 404
 *   shutting down?                 yes -> 503
 *   Origin allowed?                 no -> 403   (cross-site WebSocket hijacking)
 *   under the global cap?           no -> 503
 *   under the cap for this address? no -> 429
 *
 * Once open: frames over the size cap close with 1009 and invalid UTF-8 with 1007 (by
 * `ws`); a peer that misses a heartbeat is terminated; a reader too slow to take its
 * replies is closed with 1008 rather than buffered without bound.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { CAPABILITIES, PROTOCOL_VERSION, type ServerMessage } from '../protocol/messages';
import type { Answering } from './answering';
import type { Limits } from './config';
import type { IndexHolder } from './index-holder';
import type { Metrics } from './metrics';
import { Session } from './session';

/** The endpoint's path. */
export const WS_PATH = '/ws';

/** Default largest frame: a question is at most 1,000 characters (4 KB of UTF-8). */
export const MAX_FRAME_BYTES = 16 * 1024;

export interface WsOptions {
  readonly indexes: IndexHolder;
  /** The answering path (turns, budgets, answerer, metrics, logs), shared with the HTTP API. */
  readonly answering: Answering;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly limits: Limits;
}

export interface WsEndpoint {
  readonly wss: WebSocketServer;
  /**
   * Stops accepting connections, lets every session finish the questions it has received
   * (up to `graceMs`), then closes every socket with 1001 (going away).
   */
  close(graceMs?: number): Promise<void>;
}

interface Client {
  readonly session: Session;
  readonly address: string;
  alive: boolean;
}

export function attachWebSocket(server: Server, { indexes, answering, logger, metrics, limits }: WsOptions): WsEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes, perMessageDeflate: false });
  const clients = new Map<WebSocket, Client>();
  const perAddress = new Map<string, number>();
  let accepting = true;
  let connections = 0;

  const refuse = (socket: Duplex, status: number, reason: string, message: string) => {
    metrics.rejectedUpgrades.inc({ reason });
    const body = JSON.stringify({ code: reason, message });
    const text = { 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests', 503: 'Service Unavailable' }[status] ?? 'Error';
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', (error) => logger.debug({ err: error }, 'socket error during upgrade'));
    if (pathOf(req) !== WS_PATH) return refuse(socket, 404, 'path', `WebSocket connections go to ${WS_PATH}`);
    if (!accepting) return refuse(socket, 503, 'shutting_down', 'the service is shutting down: connect again shortly');
    const origin = req.headers.origin;
    if (!originAllowed(origin, req.headers.host, limits)) {
      return refuse(socket, 403, 'origin', `pages from ${String(origin).slice(0, 100)} may not connect: the site must be in the service's ALLOWED_ORIGINS`);
    }
    if (connections >= limits.maxConnections) return refuse(socket, 503, 'capacity', 'the service has too many connections: retry later');
    const address = clientAddress(req, limits.trustProxy);
    if ((perAddress.get(address) ?? 0) >= limits.maxConnectionsPerIp) {
      return refuse(socket, 429, 'per_ip', `too many connections from your address (at most ${limits.maxConnectionsPerIp})`);
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, address));
  };
  server.on('upgrade', onUpgrade);

  let nextConnection = 1;
  const hello = (): ServerMessage => ({
    type: 'hello',
    protocol: PROTOCOL_VERSION,
    documents: indexes.index.corpus.documents.length,
    sentences: indexes.index.corpus.sentenceCount,
    capabilities: [...CAPABILITIES],
  });

  function accept(ws: WebSocket, address: string): void {
    connections++;
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    metrics.openConnections.inc();
    const connectionId = `c${(nextConnection++).toString(36)}`;
    const send = (message: ServerMessage) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      // A reader that does not take its replies does not get more buffered for it.
      if (ws.bufferedAmount > limits.maxBufferedBytes) {
        ws.close(1008, 'reading too slowly');
        return;
      }
      ws.send(JSON.stringify(message));
    };
    const session = new Session({ answering, address, logger, metrics, limits, connectionId, send });
    const client: Client = { session, address, alive: true };
    clients.set(ws, client);
    send(hello());
    ws.on('pong', () => (client.alive = true));
    ws.on('error', (error) => logger.debug({ err: error, connection: connectionId }, 'websocket closed on a protocol error'));
    ws.on('close', () => {
      clients.delete(ws);
      session.close();
      connections--;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
      metrics.openConnections.dec();
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) session.receiveBinary();
      else session.receive(rawText(data));
    });
  }

  // Heartbeat: a peer that did not answer the last ping is gone; its resources are freed.
  const heartbeat = setInterval(() => {
    for (const [ws, client] of clients) {
      if (!client.alive) {
        ws.terminate();
        continue;
      }
      client.alive = false;
      ws.ping();
    }
  }, limits.heartbeatMs);
  heartbeat.unref();

  return {
    wss,
    close: async (graceMs = 8000) => {
      accepting = false;
      clearInterval(heartbeat);
      const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([Promise.all([...clients.values()].map((c) => c.session.idle())), grace]);
      server.off('upgrade', onUpgrade);
      for (const ws of clients.keys()) ws.close(1001, 'server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Whether a page from `origin` may connect (no Origin: a script, not a browser page). */
export function originAllowed(origin: string | undefined, host: string | undefined, limits: Pick<Limits, 'allowedOrigins' | 'allowNoOrigin'>): boolean {
  if (origin === undefined) return limits.allowNoOrigin;
  if (limits.allowedOrigins.includes('*') || limits.allowedOrigins.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.host === host) return true; // the service's own pages
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/**
 * The client's address: the socket's peer, or, behind `trustProxy` proxies, the address
 * the outermost trusted proxy saw (X-Forwarded-For is otherwise anyone's to forge).
 */
export function clientAddress(req: IncomingMessage, trustProxy: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy === 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((s) => s.trim()).filter(Boolean);
  return chain[chain.length - trustProxy] ?? chain[0] ?? peer;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function pathOf(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return '';
  }
}
