/**
 * The edge against peers that misbehave on purpose or by accident: readers that stop
 * reading, clients that trickle requests or hold connections, pages from sites not
 * allowed, names from the network that are Object.prototype's, feedback repeated, and a
 * shutdown while questions wait.
 */
import { createConnection, type AddressInfo, type Socket } from 'node:net';
import request from 'supertest';
import { WebSocket } from 'ws';
import type { Answerer } from '../../src/server/answerer';
import { createApp } from '../../src/server/app';
import type { Limits } from '../../src/server/config';
import { createService, type Service } from '../../src/server/service';
import { MAX_FEEDBACK_PER_CONNECTION } from '../../src/server/session';
import { ORIGIN_NOT_ALLOWED, SHUTDOWN_CLOSE_MS, SHUTDOWN_GRACE_MS } from '../../src/server/ws';
import { SEED_ID, seedIndexOnce, silentLogger } from '../helpers';
import { closedWithin, LogCapture, openTcp, rawGet, rawWebSocket, received, textFrame } from '../raw-client';
import { connect, type TestSocket } from '../ws-client';

const index = seedIndexOnce();
const WARN = 40;

/** An answerer that declines every question after `ms`. */
function slowAnswerer(ms: number): Answerer {
  return {
    converse: async (question: string) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return { answer: { question, answered: false, passages: [], message: "The articles don't say." }, conversation: { question, terms: new Map(), words: [] }, workMs: 1 };
    },
    close: async () => undefined,
  };
}

describe('the edge against misbehaving peers', () => {
  let service: Service | undefined;
  let port = 0;
  const sockets: Array<Socket | WebSocket> = [];
  const testSockets: TestSocket[] = [];

  async function start(limits: Partial<Limits>, options: { logger?: LogCapture; answerer?: Answerer } = {}): Promise<Service> {
    service = createService({ index, logger: options.logger?.logger ?? silentLogger, limits, ...(options.answerer ? { answerer: options.answerer } : {}) });
    port = ((await service.listen(0, '127.0.0.1')) as AddressInfo).port;
    return service;
  }

  async function open(): Promise<TestSocket> {
    const socket = await connect(`ws://127.0.0.1:${port}/ws`);
    testSockets.push(socket);
    expect(await socket.next()).toMatchObject({ type: 'hello' });
    return socket;
  }

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket instanceof WebSocket ? socket.terminate() : socket.destroy();
    for (const socket of testSockets.splice(0)) socket.ws.terminate();
    await service?.close();
    service = undefined;
  });

  describe('a reader that stops reading', () => {
    it('is closed with 1008 once its replies pile up, and terminated within CLOSE_TIMEOUT_MS when the close cannot go out', async () => {
      const log = new LogCapture();
      const closeTimeoutMs = 300;
      await start({ maxBufferedBytes: 1024, ratePerSecond: 10_000, rateBurst: 10_000, answerMsPerIp: 0, closeTimeoutMs }, { logger: log });
      // A client that does the handshake itself and then never reads a byte.
      const reader = await rawWebSocket(port);
      sockets.push(reader);
      const [serverSide] = [...service!.ws.wss.clients];
      const gone = new Promise<number>((resolve) => serverSide!.once('close', () => resolve(performance.now())));
      // Some 16 MB of answers: more than the loopback socket buffers hold.
      for (let i = 0; i < 2000; i++) reader.write(textFrame(JSON.stringify({ type: 'ask', id: i, question: 'peace treaty Kuril islands Russia Japan', limit: 10 })));
      await log.waitFor((line) => line.msg === 'closing a socket that stopped reading its replies', 60_000);
      const closing = performance.now();
      // The close frame waits behind megabytes the reader will never take: without a bound
      // the socket would be held for `ws`'s 30 s.
      const closed = await gone;
      expect(closed - closing).toBeLessThan(closeTimeoutMs + 1500);
      expect(service!.ws.wss.clients.size).toBe(0);
    }, 90_000);
  });

  describe('HTTP connections', () => {
    it('closes a refused upgrade within CLOSE_TIMEOUT_MS even if the peer keeps its side open', async () => {
      await start({ closeTimeoutMs: 300 });
      const socket = createConnection({ port, host: '127.0.0.1', allowHalfOpen: true });
      sockets.push(socket);
      const text = received(socket);
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write('GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
      await new Promise((resolve) => socket.once('end', resolve));
      const ended = performance.now();
      // Our side stays open; writing finds out when the server has let go of its own.
      const poke = setInterval(() => socket.writable && socket.write('x'), 50);
      try {
        await closedWithin(socket, 5000);
      } finally {
        clearInterval(poke);
      }
      expect(performance.now() - ended).toBeLessThan(300 + 1500);
      expect(text()).toMatch(/^HTTP\/1\.1 404 /);
    });

    it('caps the connections one address holds, closing more at once, and counts them down as they close', async () => {
      await start({ maxHttpConnectionsPerIp: 3 });
      const held = await Promise.all([0, 1, 2].map(() => openTcp(port, '127.0.0.3')));
      sockets.push(...held);
      // The fourth from the same address is closed without a byte.
      const fourth = await openTcp(port, '127.0.0.3');
      sockets.push(fourth);
      const fourthText = received(fourth);
      await closedWithin(fourth, 5000);
      expect(fourthText()).toBe('');
      // Another address is served; so is a request on a connection held.
      expect(await rawGet(port, '/healthz', '127.0.0.4')).toMatch(/^HTTP\/1\.1 200 /);
      const heldText = received(held[0]!);
      held[0]!.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      await closedWithin(held[0]!, 5000);
      expect(heldText()).toMatch(/^HTTP\/1\.1 200 /);
      // One closed: the address may open one more (its close reaches the server soon after).
      const deadline = Date.now() + 5000;
      let again = '';
      while (again === '' && Date.now() < deadline) again = await rawGet(port, '/healthz', '127.0.0.3');
      expect(again).toMatch(/^HTTP\/1\.1 200 /);
    });

    it('does not count connections upgraded to WebSockets (MAX_CONNECTIONS_PER_IP caps those)', async () => {
      await start({ maxHttpConnectionsPerIp: 2, maxConnectionsPerIp: 10 });
      for (let i = 0; i < 4; i++) await open();
      expect(await rawGet(port, '/healthz')).toMatch(/^HTTP\/1\.1 200 /);
    });

    it('closes a connection trickling its headers (slowloris) within HEADERS_TIMEOUT_MS', async () => {
      await start({ headersTimeoutMs: 500, requestTimeoutMs: 1000 });
      const socket = await openTcp(port);
      sockets.push(socket);
      const text = received(socket);
      const started = performance.now();
      socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      const trickle = setInterval(() => socket.writable && socket.write('X-Slow: a\r\n'), 50);
      try {
        await closedWithin(socket, 5000);
      } finally {
        clearInterval(trickle);
      }
      // The timeout, plus at most one check interval (as long as the timeout here).
      expect(performance.now() - started).toBeLessThan(500 + 500 + 1000);
      expect(text()).toMatch(/^HTTP\/1\.1 408 /);
    });

    it('closes a connection trickling its body within REQUEST_TIMEOUT_MS', async () => {
      await start({ headersTimeoutMs: 500, requestTimeoutMs: 1000 });
      const socket = await openTcp(port);
      sockets.push(socket);
      const text = received(socket);
      const started = performance.now();
      socket.write('POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"question":"');
      const trickle = setInterval(() => socket.writable && socket.write('a'), 50);
      try {
        await closedWithin(socket, 5000);
      } finally {
        clearInterval(trickle);
      }
      expect(performance.now() - started).toBeLessThan(1000 + 1000 + 1000);
      expect(text()).toMatch(/^HTTP\/1\.1 408 /);
    });

    it('waits seconds, not a minute, for headers by default', async () => {
      const { server } = await start({});
      expect(server.headersTimeout).toBe(10_000);
      expect(server.requestTimeout).toBe(30_000);
      expect(server.keepAliveTimeout).toBe(5000);
    });
  });

  describe('a page from a site not allowed', () => {
    it('gets 4003 "origin not allowed" at once, no hello, and nothing it sends is read', async () => {
      await start({ allowedOrigins: ['https://news.example.com'] });
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { origin: 'https://evil.example' });
      sockets.push(ws);
      const messages: string[] = [];
      ws.on('message', (data) => messages.push(String(data)));
      ws.on('open', () => ws.send(JSON.stringify({ type: 'ask', id: 1, question: 'How long did the meeting last?' })));
      const [code, reason] = await new Promise<[number, string]>((resolve) => ws.on('close', (c, r) => resolve([c, r.toString()])));
      expect([code, reason]).toEqual([ORIGIN_NOT_ALLOWED.code, 'origin not allowed']);
      expect(messages).toEqual([]);
    });

    it('is logged at warn once per origin, with the setting that admits it', async () => {
      const log = new LogCapture('info');
      await start({ allowedOrigins: ['https://news.example.com'] }, { logger: log });
      const refusedFrom = (origin?: string) =>
        new Promise<number>((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, origin === undefined ? {} : { origin });
          ws.on('close', (code) => resolve(code));
          ws.on('error', () => undefined);
        });
      expect(await refusedFrom('https://blog.example.org')).toBe(4003);
      expect(await refusedFrom('https://blog.example.org')).toBe(4003);
      expect(await refusedFrom('null')).toBe(4003); // a page from a file or a sandboxed frame
      const warnings = log.at(WARN);
      expect(warnings).toEqual([
        expect.objectContaining({ origin: 'https://blog.example.org', setting: 'ALLOWED_ORIGINS=https://news.example.com,https://blog.example.org' }),
        expect.objectContaining({ origin: 'null', setting: 'ALLOWED_ORIGINS=*' }),
      ]);
      expect(warnings[0]!.msg).toContain('ALLOWED_ORIGINS=https://news.example.com,https://blog.example.org');
    });

    it('logs a flood of made-up origins boundedly', async () => {
      const log = new LogCapture('info');
      await start({ maxConnectionsPerIp: 1000 }, { logger: log });
      const refusedFrom = (origin: string) =>
        new Promise<number>((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { origin });
          ws.on('close', (code) => resolve(code));
          ws.on('error', () => undefined);
        });
      for (let i = 0; i < 150; i += 25) {
        const codes = await Promise.all(Array.from({ length: 25 }, (_, j) => refusedFrom(`https://site${i + j}.example`)));
        expect(codes.every((code) => code === 4003)).toBe(true);
      }
      expect(log.at(WARN)).toHaveLength(100);
      expect(log.at(WARN)[99]!.msg).toContain('further refused origins are logged at debug level only');
    });

    it('says without an Origin which setting admits scripts', async () => {
      const log = new LogCapture('info');
      await start({ allowNoOrigin: false }, { logger: log });
      const code = await new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
        ws.on('close', (c) => resolve(c));
      });
      expect(code).toBe(4003);
      expect(log.at(WARN)).toEqual([expect.objectContaining({ setting: 'ALLOW_NO_ORIGIN=true' })]);
    });
  });

  describe("Object.prototype's names from the network", () => {
    const app = createApp({ indexes: { index }, logger: silentLogger });
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

    it.each(names)('GET /schemas/%s.json is 404', async (name) => {
      const res = await request(app).get(`/schemas/${name}.json`).expect(404);
      expect(res.body).toMatchObject({ code: 'not_found' });
    });

    it.each(names)('GET /api/docs/%s and /docs/%s are 404', async (name) => {
      expect((await request(app).get(`/api/docs/${name}`).expect(404)).body).toMatchObject({ code: 'not_found' });
      await request(app).get(`/docs/${name}`).expect(404);
    });

    it.each(names)('a query parameter named %s is ignored', async (name) => {
      const res = await request(app).get(`/api/ask?q=${encodeURIComponent('How long did the meeting last?')}&${name}=1`).expect(200);
      expect(res.body).toMatchObject({ answered: true });
    });

    it('a question, a suggestion prefix and a feedback document made of those names are handled as words', async () => {
      await start({});
      const socket = await open();
      for (const name of names) {
        socket.sendJson({ type: 'ask', id: name, question: name });
        expect(await socket.next()).toMatchObject({ type: 'answer', id: name, answered: false });
        socket.sendJson({ type: 'suggest', id: name, prefix: name });
        expect(await socket.next()).toEqual({ type: 'suggestions', id: name, suggestions: [] });
        socket.sendJson({ type: 'feedback', id: name, rating: 'up', question: name, doc: name });
        expect(await socket.next()).toEqual({ type: 'feedback', id: name });
      }
    });
  });

  describe('feedback', () => {
    const metric = async (rating: string) => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return Number(new RegExp(`citeqa_feedback_total\\{rating="${rating}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    };

    it('counts one rating per answer on a connection, and refuses the rest', async () => {
      await start({});
      const socket = await open();
      const answer = { question: 'How long did the meeting last?', doc: SEED_ID, sentence: 2 };
      socket.sendJson({ type: 'feedback', id: 1, rating: 'up', ...answer });
      expect(await socket.next()).toEqual({ type: 'feedback', id: 1 });
      socket.sendJson({ type: 'feedback', id: 2, rating: 'up', ...answer });
      expect(await socket.next()).toEqual({ type: 'error', id: 2, code: 'bad_request', message: 'this answer was already rated on this connection: a rating counts once' });
      socket.sendJson({ type: 'feedback', id: 3, rating: 'down', ...answer });
      expect(await socket.next()).toMatchObject({ type: 'error', id: 3, code: 'bad_request' });
      // Another passage of the same question is another answer; another connection rates afresh.
      socket.sendJson({ type: 'feedback', id: 4, rating: 'down', ...answer, sentence: 3 });
      expect(await socket.next()).toEqual({ type: 'feedback', id: 4 });
      const other = await open();
      other.sendJson({ type: 'feedback', id: 5, rating: 'up', ...answer });
      expect(await other.next()).toEqual({ type: 'feedback', id: 5 });
      expect([await metric('up'), await metric('down')]).toEqual([2, 1]);
    });

    it(`counts at most ${MAX_FEEDBACK_PER_CONNECTION} ratings a connection`, async () => {
      await start({ ratePerSecond: 1000, rateBurst: 1000 });
      const socket = await open();
      for (let i = 0; i <= MAX_FEEDBACK_PER_CONNECTION; i++) socket.sendJson({ type: 'feedback', id: i, rating: 'up', question: `question ${i}` });
      const replies = [];
      for (let i = 0; i <= MAX_FEEDBACK_PER_CONNECTION; i++) replies.push(await socket.next());
      expect(replies.filter((reply) => reply.type === 'feedback')).toHaveLength(MAX_FEEDBACK_PER_CONNECTION);
      expect(replies.at(-1)).toEqual({
        type: 'error',
        id: MAX_FEEDBACK_PER_CONNECTION,
        code: 'bad_request',
        message: `this connection has rated ${MAX_FEEDBACK_PER_CONNECTION} answers, as many as one connection may`,
      });
      expect(await metric('up')).toBe(MAX_FEEDBACK_PER_CONNECTION);
    });
  });

  describe('shutdown', () => {
    it('refuses HTTP questions with 503 shutting_down once shutting down', async () => {
      const stopping = createApp({ indexes: { index }, logger: silentLogger, ready: () => false });
      const res = await request(stopping).get('/api/ask').query({ q: 'How long did the meeting last?' }).expect(503);
      expect(res.body).toEqual({ code: 'shutting_down', message: 'the service is shutting down: ask again shortly' });
      expect(res.headers['retry-after']).toBe('1');
      await request(stopping).post('/api/ask').send({ question: 'How long did the meeting last?' }).expect(503);
      await request(stopping).get('/healthz').expect(200);
    });

    it('answers for the grace, refuses what waits and what comes with shutting_down, and closes a socket that will not close', async () => {
      // 40 questions of 200 ms each: 8 s of work, more than the grace.
      await start({ ratePerSecond: 1000, rateBurst: 1000, answerMsPerIp: 0 }, { answerer: slowAnswerer(200) });
      const socket = await open();
      const stuck = await rawWebSocket(port); // reads nothing, so never completes a close
      sockets.push(stuck);
      for (let i = 0; i < 40; i++) socket.sendJson({ type: 'ask', id: i, question: `question ${i}` });
      expect(await socket.next()).toMatchObject({ type: 'answer', id: 0 }); // the flood is in flight
      const started = performance.now();
      const closing = service!.close();
      socket.sendJson({ type: 'ask', id: 'late', question: 'one more' });
      const replies: Array<Record<string, unknown>> = [];
      for (let i = 0; i < 40; i++) replies.push(await socket.next(10_000));
      expect(await socket.closed(10_000)).toBe(1001);
      await closing;
      const elapsed = performance.now() - started;
      expect(elapsed).toBeLessThan(SHUTDOWN_GRACE_MS + 2 * SHUTDOWN_CLOSE_MS + 1000);
      // Every question has one reply: answered, or refused with shutting_down.
      const ids = replies.map((reply) => reply.id);
      expect(new Set(ids)).toEqual(new Set([...Array.from({ length: 39 }, (_, i) => i + 1), 'late']));
      expect(replies.find((reply) => reply.id === 'late')).toEqual({ type: 'error', id: 'late', code: 'shutting_down', message: 'the service is shutting down: ask again shortly' });
      const answered = replies.filter((reply) => reply.type === 'answer');
      const refused = replies.filter((reply) => reply.type === 'error');
      expect(answered.length).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(1);
      expect(refused.every((reply) => reply.code === 'shutting_down')).toBe(true);
      // In order: the answers first, then the refusals of those that waited.
      const lastAnswered = Math.max(...answered.map((reply) => Number(reply.id)));
      expect(answered.map((reply) => reply.id)).toEqual(Array.from({ length: lastAnswered }, (_, i) => i + 1));
      service = undefined;
    }, 20_000);
  });
});
