/**
 * The WebSocket side of the service (protocol version 1, see src/protocol/messages.ts),
 * on the HTTP server's `upgrade` event at `/ws`, where every connection is checked before
 * it is accepted:
 *
 *   path /ws?                       no -> 404
 *   shutting down?                 yes -> 503
 *   under the global cap?           no -> 503
 *   under the cap for this address? no -> 429
 *   Origin allowed?                 no -> 101, then at once close 4003 "origin not allowed"
 *
 * A browser shows a page none of a refused upgrade's status (only 1006, as for a network
 * failure), so a page from a site that may not connect is told with a close code it can
 * read, and stops reconnecting; it gets no `hello` and nothing it sends is read
 * (cross-site WebSocket hijacking). Each such origin is logged once at `warn`, with the
 * setting that would admit it.
 *
 * Once open: frames over the size cap close with 1009 and invalid UTF-8 with 1007 (by
 * `ws`); a peer that misses a heartbeat is terminated; a reader too slow to take its
 * replies is closed with 1008 rather than buffered without bound. A close frame waits
 * behind whatever the peer has not read, so every socket the service closes is terminated
 * if its close has not finished within CLOSE_TIMEOUT_MS.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { CAPABILITIES, ORIGIN_NOT_ALLOWED_CLOSE_CODE, ORIGIN_NOT_ALLOWED_CLOSE_REASON, PROTOCOL_VERSION, type ServerMessage } from '../protocol/messages';
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
   * Stops accepting connections and questions (a question sent from now on gets
   * `shutting_down`), answers the questions already received for up to `graceMs`, refuses
   * those still waiting with `shutting_down`, then closes every socket with 1001 (going
   * away), terminating those whose close does not finish within CLOSE_TIMEOUT_MS (at most
   * SHUTDOWN_CLOSE_MS).
   */
  close(graceMs?: number): Promise<void>;
}

/** Default time the questions already received have to be answered on shutdown. */
export const SHUTDOWN_GRACE_MS = 3000;

/**
 * Longest the sockets may take to close on shutdown, and the question being answered
 * when the grace ran out to finish: the whole shutdown stays well within the 10 s that
 * process managers allow before they kill.
 */
export const SHUTDOWN_CLOSE_MS = 2000;

/** The close code and reason a page from a site not allowed receives (defined by the protocol). */
export const ORIGIN_NOT_ALLOWED = { code: ORIGIN_NOT_ALLOWED_CLOSE_CODE, reason: ORIGIN_NOT_ALLOWED_CLOSE_REASON } as const;

/** Refused origins logged at `warn`, each once; past this many, the rest at `debug` only. */
const ORIGINS_WARNED = 100;

interface Client {
  readonly session: Session;
  readonly address: string;
  alive: boolean;
}

export function attachWebSocket(server: Server, { indexes, answering, logger, metrics, limits }: WsOptions): WsEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes, perMessageDeflate: false });
  const clients = new Map<WebSocket, Client>();
  const open = new OpenCounts();
  let accepting = true;

  const refuse = (socket: Duplex, status: number, reason: string, message: string) => {
    metrics.rejectedUpgrades.inc({ reason });
    const body = JSON.stringify({ code: reason, message });
    const text = { 404: 'Not Found', 429: 'Too Many Requests', 503: 'Service Unavailable' }[status] ?? 'Error';
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    // The HTTP server allows half-open sockets: a peer that never closes its side would
    // otherwise keep this one, outside every count, for good.
    setTimeout(() => socket.destroy(), limits.closeTimeoutMs).unref();
  };

  const warnOrigin = refusedOriginLog(logger, limits);

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', (error) => logger.debug({ err: error }, 'socket error during upgrade'));
    if (pathOf(req) !== WS_PATH) return refuse(socket, 404, 'path', `WebSocket connections go to ${WS_PATH}`);
    if (!accepting) return refuse(socket, 503, 'shutting_down', 'the service is shutting down: connect again shortly');
    if (open.total >= limits.maxConnections) return refuse(socket, 503, 'capacity', 'the service has too many connections: retry later');
    const address = clientAddress(req, limits.trustProxy);
    if (open.from(address) >= limits.maxConnectionsPerIp) {
      return refuse(socket, 429, 'per_ip', `too many connections from your address (at most ${limits.maxConnectionsPerIp})`);
    }
    const origin = req.headers.origin;
    if (!originAllowed(origin, req.headers.host, limits)) {
      metrics.rejectedUpgrades.inc({ reason: 'origin' });
      warnOrigin(origin);
      wss.handleUpgrade(req, socket, head, (ws) => refuseOrigin(ws, address));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, address));
  };
  server.on('upgrade', onUpgrade);

  function refuseOrigin(ws: WebSocket, address: string): void {
    open.add(address);
    ws.on('error', (error) => logger.debug({ err: error }, 'refused websocket closed on a protocol error'));
    ws.on('close', () => open.remove(address));
    closeWithin(ws, ORIGIN_NOT_ALLOWED.code, ORIGIN_NOT_ALLOWED.reason, limits.closeTimeoutMs);
  }

  let nextConnection = 1;
  const hello = (): ServerMessage => ({
    type: 'hello',
    protocol: PROTOCOL_VERSION,
    documents: indexes.index.corpus.documents.length,
    sentences: indexes.index.corpus.sentenceCount,
    capabilities: [...CAPABILITIES],
  });

  function accept(ws: WebSocket, address: string): void {
    open.add(address);
    metrics.openConnections.inc();
    const connectionId = `c${(nextConnection++).toString(36)}`;
    const send = (message: ServerMessage) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      // A reader that does not take its replies does not get more buffered for it.
      if (ws.bufferedAmount > limits.maxBufferedBytes) {
        logger.debug({ connection: connectionId, buffered: ws.bufferedAmount }, 'closing a socket that stopped reading its replies');
        session.close(); // no more work for replies that cannot be sent
        closeWithin(ws, 1008, 'reading too slowly', limits.closeTimeoutMs);
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
      open.remove(address);
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

  const idleWithin = (ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    return Promise.race([Promise.all([...clients.values()].map((c) => c.session.idle())), grace]).finally(() => clearTimeout(timer));
  };

  return {
    wss,
    close: async (graceMs = SHUTDOWN_GRACE_MS) => {
      accepting = false;
      clearInterval(heartbeat);
      const graceEnds = performance.now() + graceMs;
      for (const { session } of clients.values()) session.stopTaking(graceEnds);
      await idleWithin(graceMs);
      // What still waits is refused; the question being answered, if any, gets its answer.
      for (const { session } of clients.values()) session.cancelQueued();
      await idleWithin(SHUTDOWN_CLOSE_MS);
      server.off('upgrade', onUpgrade);
      // Every socket, those already closing (a refused origin, a slow reader) included.
      for (const ws of wss.clients) closeWithin(ws, 1001, 'server shutting down', Math.min(limits.closeTimeoutMs, SHUTDOWN_CLOSE_MS));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/**
 * Closes `ws`, and terminates it if the close has not finished within `ms`: a close frame
 * waits behind whatever the peer has not read, and `ws` would wait 30 s for the peer's.
 */
function closeWithin(ws: WebSocket, code: number, reason: string, ms: number): void {
  const timer = setTimeout(() => ws.terminate(), ms);
  timer.unref();
  ws.once('close', () => clearTimeout(timer));
  ws.close(code, reason);
}

/** Sockets open, in all and by client address: each counts from its upgrade until it has closed. */
class OpenCounts {
  private readonly byAddress = new Map<string, number>();
  total = 0;

  from(address: string): number {
    return this.byAddress.get(address) ?? 0;
  }

  add(address: string): void {
    this.total++;
    this.byAddress.set(address, this.from(address) + 1);
  }

  remove(address: string): void {
    this.total--;
    const left = this.from(address) - 1;
    if (left > 0) this.byAddress.set(address, left);
    else this.byAddress.delete(address);
  }
}

/**
 * Logs a refused origin at `warn` with the setting that would admit it, each origin once:
 * the first page a newcomer embeds the widget in tells them what to set. Bounded, so that
 * a flood of made-up origins cannot flood the log.
 */
function refusedOriginLog(logger: Logger, limits: Pick<Limits, 'allowedOrigins'>): (origin: string | undefined) => void {
  const warned = new Set<string | undefined>();
  return (origin) => {
    const shown = origin?.slice(0, 200);
    if (warned.has(shown)) return;
    if (warned.size >= ORIGINS_WARNED) {
      logger.debug({ origin: shown }, 'refused a WebSocket from an origin not allowed');
      return;
    }
    warned.add(shown);
    if (shown === undefined) {
      logger.warn({ setting: 'ALLOW_NO_ORIGIN=true' }, 'refused a WebSocket without an Origin (a script, not a browser page); ALLOW_NO_ORIGIN=true admits such clients');
      return;
    }
    const admissible = /^https?:\/\/[^/\s]+$/.test(shown);
    const setting = `ALLOWED_ORIGINS=${admissible ? [...limits.allowedOrigins, shown].join(',') : '*'}`;
    logger.warn(
      { origin: shown, setting },
      `refused a WebSocket from a page on ${shown}: the site is not in ALLOWED_ORIGINS; to let its pages use the service, set ${setting}`
        + (warned.size === ORIGINS_WARNED ? ` (further refused origins are logged at debug level only)` : ''),
    );
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
