/**
 * One answering path: questions over HTTP and WebSocket, and suggestions, go through the
 * same answerer, turns, address budgets, metrics and logs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { workerAnswerer, type Answerer } from '../../src/server/answerer';
import type { Limits } from '../../src/server/config';
import { createService, type Service } from '../../src/server/service';
import { articleText, seedIndexOnce, silentLogger } from '../helpers';
import { schemaErrors } from '../schemas';
import { connect, type TestSocket } from '../ws-client';

const index = seedIndexOnce();

/**
 * A stand-in answerer: notes what it is asked in `calls`, declines every question and
 * completes every prefix with "<prefix>!", reporting `workMs` of work each time.
 */
function recordingAnswerer(calls: string[], workMs = 1): Answerer {
  return {
    converse: async (question) => {
      calls.push(`ask ${question}`);
      return { answer: { question, answered: false, passages: [], message: "The articles don't say." }, conversation: { question, terms: new Map(), words: [] }, workMs };
    },
    suggest: async (prefix) => {
      calls.push(`suggest ${prefix}`);
      return { suggestions: [`${prefix}!`], workMs };
    },
    close: async () => undefined,
  };
}

/** A logger whose JSON lines are kept in `lines`. */
function capturingLogger(lines: Array<Record<string, unknown>>) {
  return pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
}

describe('one answering path', () => {
  let service: Service | undefined;
  let address: AddressInfo;
  const sockets: TestSocket[] = [];
  const base = () => `http://127.0.0.1:${address.port}`;

  async function start(options: { answerer?: Answerer; limits?: Partial<Limits>; logger?: pino.Logger }): Promise<void> {
    service = createService({ index, logger: options.logger ?? silentLogger, ...(options.answerer ? { answerer: options.answerer } : {}), ...(options.limits ? { limits: options.limits } : {}) });
    address = await service.listen(0, '127.0.0.1');
  }

  async function open(headers?: Record<string, string>): Promise<TestSocket> {
    const socket = await connect(`ws://127.0.0.1:${address.port}/ws`, undefined, headers);
    sockets.push(socket);
    expect(await socket.next()).toMatchObject({ type: 'hello' });
    return socket;
  }

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.ws.terminate();
    await service?.close();
    service = undefined;
  });

  // Where the answering budget is not what is tested, there is none: a cold process's
  // first questions may take long enough to spend it.
  it('counts HTTP questions in /metrics by transport, beside WebSocket ones', async () => {
    await start({ limits: { answerMsPerIp: 0 } });
    expect((await fetch(`${base()}/api/ask?q=${encodeURIComponent('How long did the meeting last?')}`)).status).toBe(200);
    const post = await fetch(`${base()}/api/ask`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ question: 'What is the capital of France?' }) });
    expect(post.status).toBe(200);
    expect((await fetch(`${base()}/?q=${encodeURIComponent('Who is Sergey Lavrov?')}`)).status).toBe(200);
    const socket = await open();
    socket.sendJson({ type: 'ask', id: 1, question: 'How long did the meeting last?' });
    expect(await socket.next()).toMatchObject({ type: 'answer', id: 1, answered: true });

    const metrics = await (await fetch(`${base()}/metrics`)).text();
    expect(metrics).toContain('citeqa_questions_total{outcome="answered",transport="http"} 2');
    expect(metrics).toContain('citeqa_questions_total{outcome="declined",transport="http"} 1');
    expect(metrics).toContain('citeqa_questions_total{outcome="answered",transport="ws"} 1');
    expect(metrics).toContain('citeqa_answer_seconds_count 4');
  });

  it('logs HTTP questions as WebSocket ones: the text only with LOG_QUESTIONS', async () => {
    const lines: Array<Record<string, unknown>> = [];
    await start({ logger: capturingLogger(lines), limits: { logQuestions: true, answerMsPerIp: 0 } });
    await fetch(`${base()}/api/ask?q=${encodeURIComponent('How long did the meeting last?')}`);
    const socket = await open();
    socket.sendJson({ type: 'ask', id: 1, question: 'What is the capital of France?' });
    await socket.next();
    const questions = lines.filter((line) => line.msg === 'question');
    expect(questions).toEqual([
      expect.objectContaining({ transport: 'http', outcome: 'answered', question: 'How long did the meeting last?', request: expect.any(String), ms: expect.any(Number), workMs: expect.any(Number) }),
      expect.objectContaining({ transport: 'ws', outcome: 'declined', question: 'What is the capital of France?' }),
    ]);
    await service?.close();

    lines.length = 0;
    await start({ logger: capturingLogger(lines), limits: { answerMsPerIp: 0 } });
    await fetch(`${base()}/api/ask?q=${encodeURIComponent('How long did the meeting last?')}`);
    const logged = lines.filter((line) => line.msg === 'question');
    expect(logged).toEqual([expect.objectContaining({ transport: 'http', outcome: 'answered' })]);
    expect(logged[0]).not.toHaveProperty('question');
  });

  it('answers HTTP questions and WebSocket suggestions with the configured answerer', async () => {
    const calls: string[] = [];
    await start({ answerer: recordingAnswerer(calls) });
    const got = await (await fetch(`${base()}/api/ask?q=${encodeURIComponent('How long did the meeting last?')}`)).json();
    // The stand-in declines what the served index would answer: the answer is the stand-in's.
    expect(got).toMatchObject({ question: 'How long did the meeting last?', answered: false });
    await fetch(`${base()}/api/ask`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ question: 'second' }) });
    expect(await (await fetch(`${base()}/?q=third`)).text()).toContain('No answer');
    const socket = await open();
    socket.sendJson({ type: 'suggest', id: 's', prefix: 'peace tre' });
    expect(await socket.next()).toEqual({ type: 'suggestions', id: 's', suggestions: ['peace tre!'] });
    expect(calls).toEqual(['ask How long did the meeting last?', 'ask second', 'ask third', 'suggest peace tre']);
  });

  it('answers HTTP questions and suggestions in the answer worker when there is one', async () => {
    // The worker loads a corpus the service's own index does not hold: only it knows tulips.
    const dir = await mkdtemp(path.join(tmpdir(), 'citeqa-path-'));
    try {
      await writeFile(path.join(dir, 'tulips.md'), articleText({ id: 'tulips' }, 'Headline\n\nThe farmers grow tulips in Holland.'));
      await start({ answerer: await workerAnswerer({ corpusDir: dir }), limits: { answerMsPerIp: 0 } });
      expect(index.corpus.document('tulips')).toBeUndefined();
      const res = await fetch(`${base()}/api/ask?q=${encodeURIComponent('Who grows tulips?')}`);
      const body = await res.json();
      expect(body).toMatchObject({ answered: true, passages: [expect.objectContaining({ text: 'The farmers grow tulips in Holland.' })] });
      expect(schemaErrors('Answer', body)).toBe('');
      const socket = await open();
      socket.sendJson({ type: 'suggest', id: 's', prefix: 'tuli' });
      expect(await socket.next()).toEqual({ type: 'suggestions', id: 's', suggestions: ['tulips'] });
    } finally {
      await service?.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses suggestions while the address's budget is spent, over whichever transport it was spent", async () => {
    const calls: string[] = [];
    // Every piece of work reports 30 ms; an address may use 1 ms a second (2 ms saved up).
    await start({ answerer: recordingAnswerer(calls, 30), limits: { answerMsPerIp: 1, trustProxy: 1 } });
    const spender = { 'X-Forwarded-For': '198.51.100.7' };
    expect((await fetch(`${base()}/api/ask?q=first`, { headers: spender })).status).toBe(200);
    const socket = await open(spender);
    socket.sendJson({ type: 'suggest', id: 's', prefix: 'peace tre' });
    const refused = await socket.next();
    expect(refused).toMatchObject({ type: 'error', id: 's', code: 'rate_limited', message: expect.stringContaining('used their share of the service') });
    expect(refused.retryAfterMs).toBeGreaterThan(20_000);
    // Another address is answered.
    const other = await open({ 'X-Forwarded-For': '203.0.113.9' });
    other.sendJson({ type: 'suggest', id: 't', prefix: 'peace tre' });
    expect(await other.next()).toEqual({ type: 'suggestions', id: 't', suggestions: ['peace tre!'] });
    expect(calls).toEqual(['ask first', 'suggest peace tre']);
    const metrics = await (await fetch(`${base()}/metrics`)).text();
    expect(metrics).toContain('citeqa_rate_limited_total 1');
  });

  it('refuses a question before it runs when its address cannot pay what its questions are seen to cost', async () => {
    const calls: string[] = [];
    // Each question reports 4 ms of work; an address may use 2 ms a second (4 ms saved up),
    // so the budget takes two seconds to refill: far longer than the requests take.
    await start({ answerer: recordingAnswerer(calls, 4), limits: { answerMsPerIp: 2, trustProxy: 1 } });
    const from = { 'X-Forwarded-For': '198.51.100.7' };
    expect((await fetch(`${base()}/api/ask?q=first`, { headers: from })).status).toBe(200);
    // Hardly anything is left: the address is not in debt, but its next question is
    // expected to cost more than that, so it is refused without being run.
    const refused = await fetch(`${base()}/api/ask?q=second`, { headers: from });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: 'rate_limited', retryAfterMs: expect.any(Number) });
    expect(calls).toEqual(['ask first']);
  });

  it("answers a calm reader's suggestion in its own turn while another address floods questions", async () => {
    const calls: string[] = [];
    let floodStarted!: () => void;
    const started = new Promise<void>((resolve) => (floodStarted = resolve));
    // Each question takes 20 ms; suggestions are recorded and answered at once.
    const slow: Answerer = {
      ...recordingAnswerer(calls),
      converse: async (question) => {
        calls.push(`ask ${question}`);
        floodStarted();
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { answer: { question, answered: false, passages: [], message: "The articles don't say." }, conversation: { question, terms: new Map(), words: [] }, workMs: 1 };
      },
    };
    await start({ answerer: slow });
    const flood = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const socket = await connect(`ws://127.0.0.1:${address.port}/ws`, undefined, undefined, '127.0.0.2');
        sockets.push(socket);
        await socket.next();
        return socket;
      }),
    );
    flood.forEach((socket, i) => {
      socket.sendJson({ type: 'ask', id: 1, question: `flood ${i}a` });
      socket.sendJson({ type: 'ask', id: 2, question: `flood ${i}b` });
    });
    await started;
    const reader = await open();
    // Flood questions may finish while the reader connects: count from when it asks.
    const before = calls.length;
    reader.sendJson({ type: 'suggest', id: 's', prefix: 'peace tre' });
    expect(await reader.next(10_000)).toEqual({ type: 'suggestions', id: 's', suggestions: ['peace tre!'] });
    // Behind the question running when it came and at most one more of the flood's, not 40.
    expect(calls.indexOf('suggest peace tre') - before).toBeLessThan(3);
    for (const socket of flood) {
      expect(await socket.next(10_000)).toMatchObject({ type: 'answer', id: 1 });
      expect(await socket.next(10_000)).toMatchObject({ type: 'answer', id: 2 });
    }
    expect(calls).toHaveLength(41);
  });
});
