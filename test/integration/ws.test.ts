import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { createService, type Service } from '../../src/server/service';
import { MAX_FRAME_BYTES } from '../../src/server/ws';
import { corpusSize, SEED_ID, seedIndexOnce, silentLogger } from '../helpers';
import { connect, type TestSocket } from '../ws-client';

const index = seedIndexOnce();
const seedText = index.corpus.document(SEED_ID)!.text;

describe('WebSocket protocol v1', () => {
  let service: Service;
  let address: AddressInfo;
  const sockets: TestSocket[] = [];

  async function open(): Promise<TestSocket> {
    const socket = await connect(`ws://127.0.0.1:${address.port}/ws`);
    sockets.push(socket);
    return socket;
  }

  /** A socket past its hello. */
  async function ready(): Promise<TestSocket> {
    const socket = await open();
    expect(await socket.next()).toMatchObject({ type: 'hello' });
    return socket;
  }

  beforeEach(async () => {
    service = createService({ index, logger: silentLogger });
    address = await service.listen(0, '127.0.0.1');
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.ws.terminate();
    await service.close();
  });

  it('says hello on connect with the protocol version and corpus size', async () => {
    const socket = await open();
    expect(await socket.next()).toEqual({
      type: 'hello',
      protocol: 1,
      ...corpusSize(),
      capabilities: ['ask', 'reset', 'ping', 'suggest', 'feedback', 'follow-up', 'short', 'highlights', 'context', 'interpreted'],
    });
  });

  it('answers an ask about the meeting length with the right sentence first, echoing the id', async () => {
    const socket = await ready();
    socket.sendJson({ type: 'ask', id: 'q1', question: 'How long did the meeting last?', limit: 3 });
    const answer = await socket.next();
    expect(answer).toMatchObject({ type: 'answer', id: 'q1', question: 'How long did the meeting last?', answered: true });
    const passages = answer.passages as Array<{ text: string; citation: { url: string; sentence: number } }>;
    expect(passages.length).toBeLessThanOrEqual(3);
    expect(passages[0]?.text).toMatch(/which lasted for about an hour\.$/);
    expect(passages[0]?.citation).toMatchObject({ doc: SEED_ID, sentence: 2, url: `/docs/${SEED_ID}#s2`, published: '2020-02-16' });
  });

  it('gives citations whose offsets slice the served document text to exactly the passage', async () => {
    const socket = await ready();
    const res = await fetch(`http://127.0.0.1:${address.port}/api/docs/${SEED_ID}`);
    const served = ((await res.json()) as { text: string }).text;
    expect(served).toBe(seedText);
    for (const question of ['Who has sovereignty over the islands?', 'Putin Abe 2016', 'peace treaty']) {
      socket.sendJson({ type: 'ask', question, limit: 10 });
      const answer = await socket.next();
      const passages = answer.passages as Array<{ text: string; citation: { start: number; end: number } }>;
      expect(passages.length).toBeGreaterThan(0);
      for (const { text, citation } of passages) expect(served.slice(citation.start, citation.end)).toBe(text);
    }
  });

  it('declines "What is the capital of France?"', async () => {
    const socket = await ready();
    socket.sendJson({ type: 'ask', id: 2, question: 'What is the capital of France?' });
    expect(await socket.next()).toMatchObject({ type: 'answer', id: 2, answered: false, passages: [], message: expect.stringContaining("The articles don't say") });
  });

  it('replies with id null to an ask without an id', async () => {
    const socket = await ready();
    socket.sendJson({ type: 'ask', question: 'Lavrov' });
    expect(await socket.next()).toMatchObject({ type: 'answer', id: null, answered: true });
  });

  it('answers "not json" with bad_request and keeps the socket working', async () => {
    const socket = await ready();
    socket.ws.send('not json');
    expect(await socket.next()).toEqual({ type: 'error', id: null, code: 'bad_request', message: 'the message is not valid JSON' });
    socket.sendJson({ type: 'ask', id: 'after', question: 'How long did the meeting last?' });
    expect(await socket.next()).toMatchObject({ type: 'answer', id: 'after', answered: true });
  });

  it('answers a bad ask with bad_request carrying its id', async () => {
    const socket = await ready();
    socket.sendJson({ type: 'ask', id: 'q9', question: '', limit: 50 });
    expect(await socket.next()).toEqual({
      type: 'error',
      id: 'q9',
      code: 'bad_request',
      message: '"question" is empty; "limit" must be from 1 to 10',
    });
  });

  it('answers a binary frame with bad_request and keeps the socket', async () => {
    const socket = await ready();
    socket.ws.send(Buffer.from('{"type":"ask","question":"x"}'), { binary: true });
    expect(await socket.next()).toMatchObject({ type: 'error', id: null, code: 'bad_request', message: expect.stringContaining('binary frames') });
    socket.sendJson({ type: 'ask', question: 'Lavrov' });
    expect(await socket.next()).toMatchObject({ type: 'answer' });
  });

  it(`closes with 1009 a frame over ${MAX_FRAME_BYTES} bytes, and other sockets carry on`, async () => {
    const big = await ready();
    const other = await ready();
    big.ws.send(JSON.stringify({ type: 'ask', question: 'x'.repeat(MAX_FRAME_BYTES) }));
    expect(await big.closed()).toBe(1009);
    other.sendJson({ type: 'ask', id: 'o', question: 'Lavrov' });
    expect(await other.next()).toMatchObject({ type: 'answer', id: 'o' });
  });

  it('closes with 1007 a text frame that is not UTF-8, and other sockets carry on', async () => {
    const bad = await ready();
    const other = await ready();
    bad.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await bad.closed()).toBe(1007);
    other.sendJson({ type: 'ask', id: 'o', question: 'Lavrov' });
    expect(await other.next()).toMatchObject({ type: 'answer', id: 'o' });
  });

  it('answers several questions sent without waiting, in order, each with its id', async () => {
    const socket = await ready();
    const ids = ['a', 'b', 'c', 'd'];
    for (const id of ids) socket.sendJson({ type: 'ask', id, question: 'peace treaty' });
    const replies = await Promise.all(ids.map(() => socket.next()));
    expect(replies.map((r) => r.id)).toEqual(ids);
  });

  it('reads a follow-up in the light of the previous question, until reset', async () => {
    const socket = await ready();
    socket.sendJson({ type: 'ask', id: 1, question: 'What did Putin and Abe agree on in 2016?' });
    expect(await socket.next()).toMatchObject({ id: 1, answered: true });
    socket.sendJson({ type: 'ask', id: 2, question: 'Where would they do that?' });
    const followUp = await socket.next();
    expect(followUp).toMatchObject({
      id: 2,
      answered: true,
      interpreted: expect.stringContaining('What did Putin and Abe agree on in 2016?'),
      short: { text: 'southern Kuril Islands', passage: 0 },
    });
    expect((followUp.passages as Array<{ text: string }>)[0]?.text).toContain('joint economic activities');

    socket.sendJson({ type: 'reset', id: 'r' });
    expect(await socket.next()).toEqual({ type: 'reset', id: 'r' });
    socket.sendJson({ type: 'ask', id: 3, question: 'Where would they do that?' });
    expect(await socket.next()).toMatchObject({ id: 3, answered: false });
  });

  it('keeps each connection\'s conversation to itself', async () => {
    const first = await ready();
    const second = await ready();
    first.sendJson({ type: 'ask', question: 'What did Putin and Abe agree on in 2016?' });
    await first.next();
    second.sendJson({ type: 'ask', question: 'Where would they do that?' });
    expect(await second.next()).toMatchObject({ answered: false });
  });

  it('answers a ping with a pong carrying its id', async () => {
    const socket = await ready();
    socket.sendJson({ type: 'ping', id: 'p1' });
    expect(await socket.next()).toEqual({ type: 'pong', id: 'p1' });
    socket.sendJson({ type: 'ping' });
    expect(await socket.next()).toEqual({ type: 'pong', id: null });
  });

  it('refuses an id that belongs to a question not answered yet, and answers the first', async () => {
    const socket = await ready();
    // Both frames arrive before the first question's turn comes.
    socket.ws.send(JSON.stringify({ type: 'ask', id: 'same', question: 'peace treaty' }));
    socket.ws.send(JSON.stringify({ type: 'ask', id: 'same', question: 'Lavrov' }));
    const replies = [await socket.next(), await socket.next()];
    expect(replies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'error', id: 'same', code: 'bad_request', message: expect.stringContaining('not answered yet') }),
        expect.objectContaining({ type: 'answer', id: 'same', question: 'peace treaty' }),
      ]),
    );
    // Once answered, the id is free again.
    socket.sendJson({ type: 'ask', id: 'same', question: 'Lavrov' });
    expect(await socket.next()).toMatchObject({ type: 'answer', id: 'same', question: 'Lavrov' });
  });

  it('completes a question being typed from the articles\' words', async () => {
    const socket = await ready();
    socket.sendJson({ type: 'suggest', id: 's1', prefix: 'peace tre' });
    expect(await socket.next()).toEqual({ type: 'suggestions', id: 's1', suggestions: ['peace treaty'] });
    socket.sendJson({ type: 'suggest', id: 's2', prefix: 'Lav' });
    expect(await socket.next()).toEqual({ type: 'suggestions', id: 's2', suggestions: ['Lavrov'] });
    socket.sendJson({ type: 'suggest', id: 's3', prefix: 'peace ' });
    expect(await socket.next()).toEqual({ type: 'suggestions', id: 's3', suggestions: [] });
    // One or two letters would walk much of the vocabulary: nothing before the third.
    socket.sendJson({ type: 'suggest', id: 's4', prefix: 'peace t' });
    expect(await socket.next()).toEqual({ type: 'suggestions', id: 's4', suggestions: [] });
  });

  it('counts feedback by rating, and says so', async () => {
    const socket = await ready();
    socket.sendJson({ type: 'feedback', id: 'f1', rating: 'up', question: 'How long did the meeting last?', doc: SEED_ID, sentence: 2 });
    expect(await socket.next()).toEqual({ type: 'feedback', id: 'f1' });
    socket.sendJson({ type: 'feedback', rating: 'sideways', question: 'x' });
    expect(await socket.next()).toMatchObject({ type: 'error', code: 'bad_request', message: '"rating" must be "up" or "down"' });
    const metrics = await (await fetch(`http://127.0.0.1:${address.port}/metrics`)).text();
    expect(metrics).toContain('citeqa_feedback_total{rating="up"} 1');
  });

  it('refuses an upgrade on another path with 404', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${address.port}/elsewhere`);
    const status = await new Promise<number | undefined>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.on('error', () => resolve(undefined));
    });
    ws.terminate();
    expect(status).toBe(404);
  });

  it('answers the questions in flight before closing with 1001 on shutdown', async () => {
    const socket = await ready();
    // 15 asks and a ping: within the default burst of the rate limit.
    for (let i = 0; i < 15; i++) socket.sendJson({ type: 'ask', id: i, question: 'peace treaty' });
    // The ping is answered at once, ahead of the questions: once its pong is back, the
    // server has every ask, and some may be answered already.
    socket.sendJson({ type: 'ping', id: 'all sent' });
    const answers = [];
    for (let reply = await socket.next(); reply.type !== 'pong'; reply = await socket.next()) answers.push(reply);
    expect(answers.length).toBeLessThan(15);
    const closing = service.close();
    while (answers.length < 15) answers.push(await socket.next());
    expect(answers.map((a) => [a.type, a.id])).toEqual(Array.from({ length: 15 }, (_, i) => ['answer', i]));
    expect(await socket.closed()).toBe(1001);
    await closing;
    service = createService({ index, logger: silentLogger }); // afterEach closes this one
  });

  it('refuses new connections once shutting down', async () => {
    const socket = await ready();
    socket.sendJson({ type: 'ask', question: 'peace treaty' });
    const closing = service.close();
    const refused = await new Promise<number | undefined>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${address.port}/ws`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.on('open', () => resolve(101));
      ws.on('error', () => resolve(undefined));
    });
    expect(refused).not.toBe(101);
    await closing;
    service = createService({ index, logger: silentLogger });
  });

  it('closes open sockets with 1001 when the service shuts down', async () => {
    const socket = await ready();
    const closing = socket.closed();
    await service.close();
    expect(await closing).toBe(1001);
    service = createService({ index, logger: silentLogger }); // afterEach closes this one
  });
});
