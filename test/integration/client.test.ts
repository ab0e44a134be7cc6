import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CiteqaClient, CiteqaClientError } from '../../src/client';
import { rejection } from '../client-errors';
import { createService, type Service } from '../../src/server/service';
import { corpusSize, seedIndexOnce, silentLogger } from '../helpers';

const index = seedIndexOnce();

/** A stand-in server speaking the protocol, whose behaviour a test decides. */
async function fakeServer(onAsk: (ws: WebSocket, message: { id: string; question: string }) => void): Promise<{ url: string; close(): Promise<void> }> {
  const http: Server = createServer();
  const wss = new WebSocketServer({ server: http, path: '/ws' });
  wss.on('connection', (ws) => {
    ws.send(JSON.stringify({ type: 'hello', protocol: 1, documents: 0, sentences: 0, capabilities: ['ask'] }));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; id: string; question: string };
      if (message.type === 'ask') onAsk(ws, message);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        http.close(() => resolve());
      }),
  };
}

const answerFor = (id: string, question: string) => JSON.stringify({ type: 'answer', id, question, answered: false, passages: [], message: 'fake' });

describe('CiteqaClient against the real service', () => {
  let service: Service;
  let port: number;
  const clients: CiteqaClient[] = [];
  const connect = async (options = {}) => {
    const client = await CiteqaClient.connect(`ws://127.0.0.1:${port}/ws`, options);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    service = createService({ index, logger: silentLogger });
    port = (await service.listen(0, '127.0.0.1')).port;
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await service.close();
  });

  it('connects, reads hello, and asks', async () => {
    const client = await connect();
    expect(client.hello).toMatchObject({ protocol: 1, ...corpusSize() });
    const answer = await client.ask('How long did the meeting last?', { limit: 2 });
    expect(answer).toMatchObject({ answered: true, short: { text: 'about an hour' } });
    expect(answer.passages).toHaveLength(2);
    expect(await client.ping()).toBeGreaterThanOrEqual(0);
  });

  it('answers concurrent asks, each with its own answer', async () => {
    const client = await connect();
    const questions = ['How long did the meeting last?', 'Which islands are disputed?', 'Who sent a New Year message?', 'What is the capital of France?'];
    const answers = await Promise.all(questions.map((q) => client.ask(q)));
    expect(answers.map((a) => a.question)).toEqual(questions);
    expect(answers.map((a) => a.answered)).toEqual([true, true, true, false]);
  });

  it('rejects with the server\'s error code', async () => {
    const client = await connect();
    const error = await rejection(client.ask('peace', { limit: 50 }));
    expect(error).toMatchObject({ code: 'bad_request', message: '"limit" must be from 1 to 10' });
  });

  it('keeps the conversation for follow-ups, and resets it', async () => {
    const client = await connect();
    await client.ask('What did Putin and Abe agree on in 2016?');
    expect((await client.ask('Where would they do that?')).answered).toBe(true);
    await client.reset();
    expect((await client.ask('Where would they do that?')).answered).toBe(false);
  });

  it('reconnects after a server restart and answers the pending ask once', async () => {
    const statuses: string[] = [];
    let reconnecting!: () => void;
    const lost = new Promise<void>((resolve) => (reconnecting = resolve));
    const onStatus = (status: string) => {
      statuses.push(status);
      if (status === 'reconnecting') reconnecting();
    };
    const client = await connect({ reconnect: { initialDelayMs: 20, maxDelayMs: 100 }, onStatus });
    await service.close(); // the server goes away (1001)
    await lost;
    const pending = client.ask('How long did the meeting last?', { timeoutMs: 5000 });
    service = createService({ index, logger: silentLogger });
    await service.listen(port, '127.0.0.1');
    const answer = await pending;
    expect(answer).toMatchObject({ answered: true, question: 'How long did the meeting last?' });
    expect(statuses).toEqual(expect.arrayContaining(['reconnecting', 'open']));
    // And the connection keeps working.
    expect((await client.ask('Lavrov')).answered).toBe(true);
  });

  it('fails what is pending with "closed" when closed', async () => {
    const client = await connect();
    const pending = client.ask('peace treaty');
    client.close();
    expect(await rejection(pending)).toMatchObject({ code: 'closed' });
    expect(await rejection(client.ask('again'))).toMatchObject({ code: 'closed' });
  });
});

describe('CiteqaClient against a stand-in server', () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  const clients: CiteqaClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    for (const server of servers.splice(0)) await server.close();
  });

  it('matches answers that come back in another order to their questions', async () => {
    const held: Array<{ ws: WebSocket; id: string; question: string }> = [];
    const server = await fakeServer((ws, m) => {
      held.push({ ws, ...m });
      if (held.length === 3) for (const h of held.reverse()) h.ws.send(answerFor(h.id, h.question));
    });
    servers.push(server);
    const client = await CiteqaClient.connect(server.url);
    clients.push(client);
    const answers = await Promise.all(['first', 'second', 'third'].map((q) => client.ask(q)));
    expect(answers.map((a) => a.question)).toEqual(['first', 'second', 'third']);
  });

  it('passes on rate_limited with the time to wait', async () => {
    const server = await fakeServer((ws, m) =>
      ws.send(JSON.stringify({ type: 'error', id: m.id, code: 'rate_limited', message: 'too many messages: send again in 250 ms', retryAfterMs: 250 })),
    );
    servers.push(server);
    const client = await CiteqaClient.connect(server.url);
    clients.push(client);
    const error = await rejection(client.ask('again?'));
    expect(error).toBeInstanceOf(CiteqaClientError);
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 250, message: 'too many messages: send again in 250 ms' });
  });

  it('times out an ask that gets no answer', async () => {
    const server = await fakeServer(() => undefined);
    servers.push(server);
    const client = await CiteqaClient.connect(server.url);
    clients.push(client);
    expect(await rejection(client.ask('anyone?', { timeoutMs: 50 }))).toMatchObject({ code: 'timeout' });
  });

  it('aborts an ask, and ignores its answer if it comes later', async () => {
    let answerLater: (() => void) | undefined;
    let asked!: () => void;
    const received = new Promise<void>((resolve) => (asked = resolve));
    const server = await fakeServer((ws, m) => {
      answerLater = () => ws.send(answerFor(m.id, m.question));
      asked();
    });
    servers.push(server);
    const client = await CiteqaClient.connect(server.url);
    clients.push(client);
    const controller = new AbortController();
    const pending = client.ask('slow one', { signal: controller.signal });
    await received;
    controller.abort();
    expect(await rejection(pending)).toMatchObject({ code: 'aborted' });
    answerLater?.();
    expect(await rejection(client.ask('x', { signal: controller.signal }))).toMatchObject({ code: 'aborted' });
  });

  it('reports an unreachable server', async () => {
    const server = await fakeServer(() => undefined);
    const url = server.url;
    await server.close();
    expect(await rejection(CiteqaClient.connect(url, { reconnect: false }))).toMatchObject({ code: 'unreachable' });
  });
});

describe('CiteqaClient.open', () => {
  it('keeps trying until the server comes, then sends what was asked meanwhile, once', async () => {
    // Before the server comes, something on its port that hangs up on every connection:
    // each attempt of the client's shows there.
    let attempts = 0;
    let tried!: () => void;
    const triedThrice = new Promise<void>((resolve) => (tried = resolve));
    const refuser = createNetServer((socket) => {
      socket.destroy();
      if (++attempts === 3) tried();
    });
    await new Promise<void>((resolve) => refuser.listen(0, '127.0.0.1', resolve));
    const { port } = refuser.address() as AddressInfo;
    const client = CiteqaClient.open(`ws://127.0.0.1:${port}/ws`, { reconnect: { initialDelayMs: 20, maxDelayMs: 100 } });
    const pending = client.ask('How long did the meeting last?', { timeoutMs: 5000 });
    await triedThrice;
    expect(client.connectionStatus).toBe('reconnecting');
    await new Promise((resolve) => refuser.close(resolve));
    const later = createService({ index, logger: silentLogger });
    await later.listen(port, '127.0.0.1');
    try {
      expect(await pending).toMatchObject({ answered: true, short: { text: 'about an hour' } });
    } finally {
      client.close();
      await later.close();
    }
  });
});
