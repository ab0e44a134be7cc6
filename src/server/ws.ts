/**
 * The WebSocket side of the service (protocol version 1, see src/protocol/messages.ts),
 * on the HTTP server's `upgrade` event at `/ws`.
 *
 * A bad frame gets an `error` reply and the socket stays open; invalid UTF-8 and frames
 * over the size cap are closed by `ws` itself (1007, 1009).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { SentenceIndex } from '../core/search-index';
import { CAPABILITIES, PROTOCOL_VERSION, type ServerMessage } from '../protocol/messages';
import type { Metrics } from './metrics';
import { Session } from './session';

/** The endpoint's path. */
export const WS_PATH = '/ws';

/**
 * Largest frame accepted, in bytes. A question is at most 1,000 characters (4 KB of
 * UTF-8); larger frames are not questions.
 */
export const MAX_FRAME_BYTES = 16 * 1024;

export interface WsOptions {
  readonly index: SentenceIndex;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export interface WsEndpoint {
  readonly wss: WebSocketServer;
  /** Closes every socket with 1001 (going away) and stops accepting new ones. */
  close(): Promise<void>;
}

export function attachWebSocket(server: Server, { index, logger, metrics }: WsOptions): WsEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const hello: ServerMessage = {
    type: 'hello',
    protocol: PROTOCOL_VERSION,
    documents: index.corpus.documents.length,
    sentences: index.corpus.sentenceCount,
    capabilities: [...CAPABILITIES],
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', (error) => logger.debug({ err: error }, 'socket error during upgrade'));
    if (pathOf(req) !== WS_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', onUpgrade);

  wss.on('connection', (ws: WebSocket) => {
    const session = new Session(index, logger, metrics, (message) => send(ws, message));
    send(ws, hello);
    ws.on('error', (error) => logger.debug({ err: error }, 'websocket closed on a protocol error'));
    ws.on('close', () => session.close());
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) session.receiveBinary();
      else session.receive(rawText(data));
    });
  });

  return {
    wss,
    close: () =>
      new Promise<void>((resolve) => {
        server.off('upgrade', onUpgrade);
        for (const client of wss.clients) client.close(1001, 'server shutting down');
        wss.close(() => resolve());
      }),
  };
}

function send(ws: WebSocket, message: ServerMessage): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
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
