import { WebSocket, type RawData } from 'ws';
import { assertServerMessage } from './schemas';

/** A test client that queues every message the server sends, parsed. */
export interface TestSocket {
  readonly ws: WebSocket;
  /** The next message, waiting up to `timeoutMs`. */
  next(timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the close code when the server closes the socket. */
  closed(timeoutMs?: number): Promise<number>;
  sendJson(message: unknown): void;
}

export async function connect(url: string, origin?: string, headers?: Record<string, string>, localAddress?: string): Promise<TestSocket> {
  const ws = new WebSocket(url, { ...(origin === undefined ? {} : { origin }), ...(headers ? { headers } : {}), ...(localAddress ? { localAddress } : {}) });
  // A message that does not match its schema is queued as the error that makes next() fail.
  const queue: Array<Record<string, unknown> | Error> = [];
  const waiters: Array<(message: Record<string, unknown> | Error) => void> = [];
  let closeCode: number | undefined;
  const closeWaiters: Array<(code: number) => void> = [];

  ws.on('message', (data: RawData) => {
    let message: Record<string, unknown> | Error = JSON.parse(String(data)) as Record<string, unknown>;
    // Every message a server sends in the tests must match the published schemas.
    try {
      assertServerMessage(message);
    } catch (error) {
      message = error as Error;
    }
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  });
  ws.on('close', (code) => {
    closeCode = code;
    for (const waiter of closeWaiters.splice(0)) waiter(code);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });

  return {
    ws,
    next: async (timeoutMs = 5000) => {
      const message = queue.shift() ?? (await waitFor(waiters, timeoutMs, 'no message'));
      if (message instanceof Error) throw message;
      return message;
    },
    closed: (timeoutMs = 5000) =>
      closeCode !== undefined ? Promise.resolve(closeCode) : waitFor(closeWaiters, timeoutMs, 'not closed'),
    sendJson: (message) => ws.send(JSON.stringify(message)),
  };
}

/** Registers a waiter in `waiters` that fails with `what` after `timeoutMs`. */
function waitFor<T>(waiters: Array<(value: T) => void>, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const waiter = (value: T): void => {
      clearTimeout(timer);
      resolve(value);
    };
    const timer = setTimeout(() => {
      waiters.splice(waiters.indexOf(waiter), 1);
      reject(new Error(`${what} within ${timeoutMs} ms`));
    }, timeoutMs);
    waiters.push(waiter);
  });
}
