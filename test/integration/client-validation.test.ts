/**
 * The client against servers that do not follow the protocol, or refuse it: every frame is
 * checked, a hello of another version and a refused origin stop it for good, and it
 * reports each status it passes through.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { CiteqaClient, type CiteqaClientError, type ClientStatus, type SocketFactory } from '../../src/client';
import { rejection } from '../client-errors';
import { ORIGIN_NOT_ALLOWED_CLOSE_CODE, ORIGIN_NOT_ALLOWED_CLOSE_REASON, PROTOCOL_VERSION } from '../../src/protocol/messages';

const HELLO = { type: 'hello', protocol: PROTOCOL_VERSION, documents: 1, sentences: 2, capabilities: ['ask'] };

interface Scripted {
  readonly url: string;
  /** Sockets the server has accepted, in order. */
  readonly sockets: WebSocket[];
  /** Resolves with the code of the close of the server's `n`th socket (0-based). */
  closed(n: number): Promise<number>;
  close(): Promise<void>;
}

/** A server that runs `onConnection` for each socket, and `onMessage` for each frame a client sends. */
async function scriptedServer(onConnection: (ws: WebSocket) => void, onMessage: (ws: WebSocket, message: { type: string; id: string }) => void = () => undefined): Promise<Scripted> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http, path: '/ws' });
  const sockets: WebSocket[] = [];
  const closes: Array<Promise<number>> = [];
  wss.on('connection', (ws) => {
    sockets.push(ws);
    closes.push(new Promise((resolve) => ws.on('close', (code) => resolve(code))));
    ws.on('message', (data) => onMessage(ws, JSON.parse(String(data)) as { type: string; id: string }));
    onConnection(ws);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    sockets,
    closed: async (n) => {
      while (closes[n] === undefined) await new Promise((resolve) => wss.once('connection', resolve));
      return closes[n]!;
    },
    close: () =>
      new Promise((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        http.close(() => resolve());
      }),
  };
}

/** A socket factory that counts the sockets the client makes: each one is a connection attempt. */
function countingSockets(): { factory: SocketFactory; made: () => number } {
  let made = 0;
  return {
    factory: (url) => {
      made++;
      return new WebSocket(url);
    },
    made: () => made,
  };
}

function sendJson(ws: WebSocket, message: unknown): void {
  ws.send(JSON.stringify(message));
}

/** The client's `onStatus` and `onError` calls, and promises for the next error and for a status. */
function observer() {
  const statuses: ClientStatus[] = [];
  const errors: CiteqaClientError[] = [];
  const waiting = new Map<ClientStatus, () => void>();
  let notify: (() => void) | undefined;
  return {
    statuses,
    errors,
    status: (status: ClientStatus) => new Promise<void>((resolve) => waiting.set(status, resolve)),
    options: {
      onStatus: (status: ClientStatus) => {
        statuses.push(status);
        waiting.get(status)?.();
      },
      onError: (error: CiteqaClientError) => {
        errors.push(error);
        notify?.();
      },
    },
    nextError: () => new Promise<void>((resolve) => (notify = resolve)),
  };
}

const servers: Scripted[] = [];
const clients: CiteqaClient[] = [];
afterEach(async () => {
  jest.useRealTimers();
  for (const client of clients.splice(0)) client.close();
  for (const server of servers.splice(0)) await server.close();
});

async function serve(onConnection: (ws: WebSocket) => void, onMessage?: (ws: WebSocket, message: { type: string; id: string }) => void): Promise<Scripted> {
  const server = await scriptedServer(onConnection, onMessage);
  servers.push(server);
  return server;
}

/** Timers the test advances by hand, so that a reconnection the client schedules would run at once; sockets keep real I/O. */
function handTimers(): void {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'hrtime', 'performance', 'Date'] });
}

describe('statuses', () => {
  it('reports connecting at the start, then open', async () => {
    const server = await serve((ws) => sendJson(ws, HELLO));
    const seen = observer();
    const client = await CiteqaClient.connect(server.url, seen.options);
    clients.push(client);
    expect(seen.statuses).toEqual(['connecting', 'open']);
    expect(client.connectionStatus).toBe('open');
    expect(client.hello).toEqual(HELLO);
  });

  it('reports connecting at once from CiteqaClient.open, before any socket event', async () => {
    const server = await serve((ws) => sendJson(ws, HELLO));
    const seen = observer();
    const client = CiteqaClient.open(server.url, seen.options);
    clients.push(client);
    expect(seen.statuses).toEqual(['connecting']);
    expect(client.connectionStatus).toBe('connecting');
  });
});

describe('frames that do not follow the protocol', () => {
  it('reject the request they answer with protocol_error, and the connection stays usable', async () => {
    let asks = 0;
    const server = await serve(
      (ws) => sendJson(ws, HELLO),
      (ws, message) => {
        asks++;
        if (asks === 1) sendJson(ws, { type: 'answer', id: message.id, question: 'q', answered: true }); // no passages
        else sendJson(ws, { type: 'answer', id: message.id, question: 'q', answered: false, passages: [] });
      },
    );
    const client = await CiteqaClient.connect(server.url);
    clients.push(client);
    const error = await rejection(client.ask('first'));
    expect(error).toMatchObject({ code: 'protocol_error' });
    expect(error.message).toContain('passages');
    expect(await client.ask('second')).toEqual({ id: expect.any(String), question: 'q', answered: false, passages: [] });
    expect(client.connectionStatus).toBe('open');
  });

  it.each<[string, string]>([
    ['not JSON', 'hello?'],
    ['a JSON array', '[1,2]'],
    ['an object without a type', '{"id":"x"}'],
    ['an error without a code, for no request', '{"type":"error","id":null,"message":"?"}'],
  ])('%s, answering no request, goes to onError as protocol_error', async (_name, frame) => {
    const server = await serve((ws) => sendJson(ws, HELLO));
    const seen = observer();
    const client = await CiteqaClient.connect(server.url, seen.options);
    clients.push(client);
    const reported = seen.nextError();
    server.sockets[0]!.send(frame);
    await reported;
    expect(seen.errors).toEqual([expect.objectContaining({ code: 'protocol_error' })]);
    expect(client.connectionStatus).toBe('open');
  });

  it('a reply of the wrong type rejects with protocol_error', async () => {
    const server = await serve(
      (ws) => sendJson(ws, HELLO),
      (ws, message) => sendJson(ws, { type: 'pong', id: message.id }),
    );
    const client = await CiteqaClient.connect(server.url);
    clients.push(client);
    expect(await rejection(client.ask('why a pong?'))).toMatchObject({ code: 'protocol_error', message: 'expected a reply of type "answer", got "pong"' });
  });

  it('message types and fields of a later server are ignored, not errors', async () => {
    const server = await serve(
      (ws) => sendJson(ws, { ...HELLO, capabilities: ['ask', 'teleport'], region: 'eu' }),
      (ws, message) => {
        sendJson(ws, { type: 'notice', text: 'maintenance at noon' });
        sendJson(ws, { type: 'error', id: message.id, code: 'overloaded', message: 'later', severity: 2 });
      },
    );
    const seen = observer();
    const client = await CiteqaClient.connect(server.url, seen.options);
    clients.push(client);
    expect(client.hello).toEqual({ ...HELLO, capabilities: ['ask', 'teleport'] });
    expect(await rejection(client.ask('busy?'))).toMatchObject({ code: 'overloaded', message: 'later' });
    expect(seen.errors).toEqual([]);
  });

  it.each<[string, string]>([
    ['not JSON', 'HTTP/1.1 200 OK'],
    ['an object without a type', '{"id":"x"}'],
  ])('%s before any hello fails connect with protocol_error, naming what came', async (_name, frame) => {
    const server = await serve((ws) => ws.send(frame));
    const error = await rejection(CiteqaClient.connect(server.url));
    expect(error).toMatchObject({ code: 'protocol_error' });
    expect(error.message).toMatch(/^the server at ws:\/\/127\.0\.0\.1:\d+\/ws sent a (frame that is not JSON|message without a "type")$/);
    expect(await server.closed(0)).toBe(1000);
  });

  it('a server that never says hello fails connect with protocol_error after helloTimeoutMs, not never', async () => {
    const server = await serve(() => undefined);
    const error = await rejection(CiteqaClient.connect(server.url, { helloTimeoutMs: 200 }));
    expect(error).toMatchObject({ code: 'protocol_error', message: `the server at ${server.url} sent no hello within 200 ms of connecting: is it a citeqa server?` });
    expect(await server.closed(0)).toBe(1000);
  });

  it('the ask timeout is not the hello timeout', async () => {
    const server = await serve((ws) => setTimeout(() => sendJson(ws, HELLO), 300));
    const client = await CiteqaClient.connect(server.url, { timeoutMs: 100 });
    clients.push(client);
    expect(client.connectionStatus).toBe('open');
  });

  it.each<[string, (ws: WebSocket) => void]>([
    ['gets no hello', () => undefined],
    ['gets a frame that is not a hello first', (ws) => ws.send('{"id":"x"}')],
  ])('a reconnection that %s reports it, is closed, and is tried again', async (_name, second) => {
    let connections = 0;
    const server = await serve((ws) => {
      connections++;
      if (connections === 2) second(ws);
      else sendJson(ws, HELLO);
      if (connections === 1) setTimeout(() => ws.terminate(), 10);
    });
    const seen = observer();
    const client = await CiteqaClient.connect(server.url, { ...seen.options, helloTimeoutMs: 200, reconnect: { initialDelayMs: 1, maxDelayMs: 1 } });
    clients.push(client);
    expect(await server.closed(1)).toBe(1000);
    while (connections < 3 || client.connectionStatus !== 'open') await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.errors).toEqual([expect.objectContaining({ code: 'protocol_error' })]);
  });

  it('a hello that does not follow the protocol fails the connection with protocol_error', async () => {
    const server = await serve((ws) => sendJson(ws, { type: 'hello', protocol: PROTOCOL_VERSION, documents: 1 }));
    expect(await rejection(CiteqaClient.connect(server.url))).toMatchObject({ code: 'protocol_error' });
  });
});

describe('a hello of another protocol version', () => {
  const HELLO_2 = { type: 'hello', protocol: PROTOCOL_VERSION + 1, documents: 1, sentences: 2, capabilities: ['ask'], features: {} };

  it('fails connect with unsupported_protocol, naming both versions', async () => {
    const server = await serve((ws) => sendJson(ws, HELLO_2));
    const error = await rejection(CiteqaClient.connect(server.url));
    expect(error).toMatchObject({ code: 'unsupported_protocol' });
    expect(error.message).toBe(`the server at ${server.url} speaks protocol ${PROTOCOL_VERSION + 1}; this client speaks protocol ${PROTOCOL_VERSION}`);
    expect(await server.closed(0)).toBe(1000);
  });

  it('closes, does not reconnect, and fails what is pending and what comes later', async () => {
    handTimers();
    const server = await serve((ws) => sendJson(ws, HELLO_2));
    const sockets = countingSockets();
    const seen = observer();
    const client = CiteqaClient.open(server.url, { ...seen.options, socket: sockets.factory, reconnect: { initialDelayMs: 1, maxDelayMs: 1 } });
    clients.push(client);
    const pending = client.ask('anyone?');
    const reported = seen.nextError();
    expect(await rejection(pending)).toMatchObject({ code: 'unsupported_protocol' });
    await reported;
    expect(seen.errors).toEqual([expect.objectContaining({ code: 'unsupported_protocol' })]);
    expect(await server.closed(0)).toBe(1000);
    jest.advanceTimersByTime(60_000);
    expect(sockets.made()).toBe(1);
    expect(seen.statuses).toEqual(['connecting', 'closed']);
    expect(await rejection(client.ask('again?'))).toMatchObject({ code: 'unsupported_protocol' });
  });
});

describe('a refused origin (close 4003)', () => {
  const refuse = (ws: WebSocket) => ws.close(ORIGIN_NOT_ALLOWED_CLOSE_CODE, ORIGIN_NOT_ALLOWED_CLOSE_REASON);

  it('fails connect with origin_not_allowed rather than unreachable', async () => {
    const server = await serve(refuse);
    const seen = observer();
    const error = await rejection(CiteqaClient.connect(server.url, seen.options));
    expect(error).toMatchObject({ code: 'origin_not_allowed' });
    expect(error.message).toContain('ALLOWED_ORIGINS');
    expect(seen.statuses).toEqual(['connecting', 'refused']);
  });

  it('sets refused, does not reconnect, and fails what is pending and what comes later', async () => {
    handTimers();
    const server = await serve(refuse);
    const sockets = countingSockets();
    const seen = observer();
    const client = CiteqaClient.open(server.url, { ...seen.options, socket: sockets.factory, reconnect: { initialDelayMs: 1, maxDelayMs: 1 } });
    clients.push(client);
    const reported = seen.nextError();
    expect(await rejection(client.ask('may I?'))).toMatchObject({ code: 'origin_not_allowed' });
    await reported;
    expect(seen.errors).toEqual([expect.objectContaining({ code: 'origin_not_allowed' })]);
    jest.advanceTimersByTime(60_000);
    expect(sockets.made()).toBe(1);
    expect(seen.statuses).toEqual(['connecting', 'refused']);
    expect(client.connectionStatus).toBe('refused');
    expect(await rejection(client.suggest('pea'))).toMatchObject({ code: 'origin_not_allowed' });
    client.close();
    expect(client.connectionStatus).toBe('refused');
  });

  it('after a hello too: the pending ask rejects with origin_not_allowed', async () => {
    const server = await serve((ws) => sendJson(ws, HELLO), refuse);
    const seen = observer();
    const client = await CiteqaClient.connect(server.url, seen.options);
    clients.push(client);
    expect(await rejection(client.ask('and now?'))).toMatchObject({ code: 'origin_not_allowed' });
    expect(seen.statuses).toEqual(['connecting', 'open', 'refused']);
  });

  it('any other close still reconnects', async () => {
    let connections = 0;
    const server = await serve((ws) => {
      connections++;
      if (connections === 1) ws.close(1001, 'going away');
      else sendJson(ws, HELLO);
    });
    const seen = observer();
    const opened = seen.status('open');
    const client = CiteqaClient.open(server.url, { ...seen.options, reconnect: { initialDelayMs: 1, maxDelayMs: 1 } });
    clients.push(client);
    await opened;
    expect(seen.statuses).toEqual(['connecting', 'reconnecting', 'open']);
    expect(connections).toBe(2);
  });
});
