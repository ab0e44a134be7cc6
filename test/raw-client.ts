/**
 * Raw TCP clients for the edge tests: what a hostile or broken peer does that a
 * well-behaved client library will not (stop reading, trickle a request, hold
 * connections), spoken byte by byte.
 */
import { EventEmitter } from 'node:events';
import { connect as tcpConnect, type Socket } from 'node:net';
import pino, { type Logger } from 'pino';

/** Connects to the loopback `port`, from `localAddress` if given (any of 127.0.0.0/8). */
export function openTcp(port: number, localAddress?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ port, host: '127.0.0.1', ...(localAddress ? { localAddress } : {}) });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves when `socket` has closed; rejects after `timeoutMs`. */
export function closedWithin(socket: Socket, timeoutMs: number): Promise<void> {
  if (socket.closed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the socket was still open after ${timeoutMs} ms`)), timeoutMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Everything `socket` receives until it closes. */
export function received(socket: Socket): () => string {
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  return () => text;
}

/** GET `path` on a new connection from `localAddress`; the whole response, or '' if the server closed the connection unanswered. */
export async function rawGet(port: number, path: string, localAddress?: string): Promise<string> {
  const socket = await openTcp(port, localAddress);
  const text = received(socket);
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  await closedWithin(socket, 5000);
  return text();
}

/**
 * Opens a WebSocket by hand: the handshake, then a socket that reads nothing more unless
 * told to. Resolves once the server has answered 101.
 */
export async function rawWebSocket(port: number, headers: Record<string, string> = {}): Promise<Socket> {
  const socket = await openTcp(port);
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.write(
    'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
      + `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`,
  );
  await new Promise<void>((resolve, reject) => {
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      socket.pause();
      if (head.startsWith('HTTP/1.1 101')) resolve();
      else reject(new Error(`the upgrade was refused: ${head.split('\r\n')[0]}`));
    };
    socket.on('data', onData);
  });
  return socket;
}

/** A masked text frame, as a client must send it. */
export function textFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const length = payload.length < 126 ? Buffer.from([0x80 | payload.length]) : Buffer.from([0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([0x81]), length, mask, masked]);
}

/** A logger whose JSON lines are kept, and waited for, by tests. */
export class LogCapture {
  readonly lines: Array<Record<string, unknown>> = [];
  private readonly events = new EventEmitter();
  readonly logger: Logger;

  constructor(level: pino.Level = 'debug') {
    this.logger = pino({ level }, {
      write: (line: string) => {
        const entry = JSON.parse(line) as Record<string, unknown>;
        this.lines.push(entry);
        this.events.emit('line', entry);
      },
    });
  }

  /** The lines at `level` (pino's number: 40 warn, 20 debug). */
  at(level: number): Array<Record<string, unknown>> {
    return this.lines.filter((line) => line.level === level);
  }

  /** Resolves with the first line (already written or to come) that `matches`. */
  waitFor(matches: (line: Record<string, unknown>) => boolean, timeoutMs = 10_000): Promise<Record<string, unknown>> {
    const found = this.lines.find(matches);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('line', onLine);
        reject(new Error(`no such log line within ${timeoutMs} ms`));
      }, timeoutMs);
      const onLine = (line: Record<string, unknown>) => {
        if (!matches(line)) return;
        clearTimeout(timer);
        this.events.off('line', onLine);
        resolve(line);
      };
      this.events.on('line', onLine);
    });
  }
}
