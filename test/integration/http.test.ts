import request from 'supertest';
import { createApp } from '../../src/server/app';
import { corpusSize, SEED_ID, seedIndexOnce, silentLogger } from '../helpers';
import { schemaErrors } from '../schemas';

const index = seedIndexOnce();
// Many requests a second from one address: a rate limit of its own, out of the way (it is tested below).
const app = createApp({ indexes: { index }, logger: silentLogger, limits: { ratePerSecond: 10_000, rateBurst: 10_000, trustProxy: 0, answerMsPerIp: 0 } });
const seed = index.corpus.document(SEED_ID)!;
const size = corpusSize();

describe('HTTP API', () => {
  it('GET /healthz is 200 with the corpus size', async () => {
    const res = await request(app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok', ...size });
  });

  it('GET /readyz is 200 when ready, 503 when not', async () => {
    expect((await request(app).get('/readyz').expect(200)).body).toEqual({ status: 'ready' });
    const draining = createApp({ indexes: { index }, logger: silentLogger, ready: () => false });
    expect((await request(draining).get('/readyz').expect(503)).body).toEqual({ status: 'shutting down' });
  });

  it('GET /metrics serves Prometheus metrics', async () => {
    const res = await request(app).get('/metrics').expect(200).expect('Content-Type', /text\/plain/);
    expect(res.text).toContain('# TYPE citeqa_questions_total counter');
    expect(res.text).toContain('# TYPE citeqa_answer_seconds histogram');
  });

  it('GET /api/ask answers with the meeting-length sentence first', async () => {
    const res = await request(app).get('/api/ask').query({ q: 'How long did the meeting last?', limit: '2' }).expect(200);
    expect(res.body).toMatchObject({ question: 'How long did the meeting last?', answered: true });
    expect(res.body.type).toBeUndefined();
    expect(res.body.passages).toHaveLength(2);
    expect(res.body.passages[0].text).toMatch(/which lasted for about an hour\.$/);
    expect(schemaErrors('Answer', res.body)).toBe('');
  });

  it('GET /api/ask citations slice the served document text to exactly the passage', async () => {
    const answer = (await request(app).get('/api/ask').query({ q: 'Kuril islands peace treaty', limit: '10' }).expect(200)).body;
    const doc = (await request(app).get(`/api/docs/${SEED_ID}`).expect(200)).body;
    expect(answer.passages.length).toBeGreaterThan(3);
    for (const { text, citation } of answer.passages) {
      expect(doc.text.slice(citation.start, citation.end)).toBe(text);
    }
  });

  it('GET /api/ask declines what the articles do not cover', async () => {
    const res = await request(app).get('/api/ask').query({ q: 'What is the capital of France?' }).expect(200);
    expect(res.body).toMatchObject({ answered: false, message: expect.stringContaining("The articles don't say") });
    expect(schemaErrors('Answer', res.body)).toBe('');
  });

  it.each([
    ['no q', {}, 'missing question'],
    ['an empty q', { q: '' }, 'missing question'],
    ['a blank q', { q: '   ' }, 'missing question'],
    ['q twice', 'q=a&q=b', 'give "q" (the question) once'],
    ['a limit that is not a number', { q: 'peace', limit: 'many' }, '"limit" must be a whole number from 1 to 10'],
    ['a limit out of range', { q: 'peace', limit: '11' }, '"limit" must be from 1 to 10'],
    ['a question that is too long', { q: 'a'.repeat(1001) }, 'longer than 1000 characters'],
  ])('GET /api/ask with %s is a 400 JSON error', async (_name, query, message) => {
    const res = await request(app).get('/api/ask').query(query).expect(400).expect('Content-Type', /json/);
    expect(res.body).toEqual({ code: 'bad_request', message: expect.stringContaining(message) });
    expect(schemaErrors('HttpError', res.body)).toBe('');
  });

  it('POST /api/ask answers a JSON body like GET /api/ask', async () => {
    const question = 'How long did the meeting last?';
    const posted = await request(app).post('/api/ask').send({ question, limit: 2 }).expect(200);
    const got = await request(app).get('/api/ask').query({ q: question, limit: '2' }).expect(200);
    expect(posted.body).toEqual(got.body);
  });

  it.each<[string, string | object, string, string]>([
    ['a body that is not JSON', '{"question":', 'application/json', 'the body is not valid JSON'],
    ['a JSON array', '[]', 'application/json', 'the body must be a JSON object'],
    ['JSON null', 'null', 'application/json', 'the body must be a JSON object'],
    ['a JSON string', '"peace"', 'application/json', 'the body must be a JSON object'],
    ['an empty body', '', 'application/json', 'the body is empty'],
    ['no question', '{}', 'application/json', 'missing "question"'],
    ['an empty question', '{"question":"  "}', 'application/json', '"question" is empty'],
    ['a bad limit', '{"question":"peace","limit":0}', 'application/json', '"limit" must be from 1 to 10'],
    ['a form instead of JSON', 'question=peace', 'application/x-www-form-urlencoded', 'send the question as JSON'],
  ])('POST /api/ask with %s is a 400 JSON error', async (_name, body, type, message) => {
    const res = await request(app).post('/api/ask').set('Content-Type', type).send(body as string).expect(400);
    expect(res.body).toEqual({ code: 'bad_request', message: expect.stringContaining(message) });
  });

  it('POST /api/ask with a body over 16 KiB is a 413 too_large JSON error', async () => {
    const res = await request(app).post('/api/ask').set('Content-Type', 'application/json').send(JSON.stringify({ question: 'x'.repeat(20_000) })).expect(413);
    expect(res.body).toEqual({ code: 'too_large', message: 'the body is larger than 16kb' });
  });

  it('GET /api/docs lists the documents', async () => {
    const res = await request(app).get('/api/docs').expect(200);
    expect(res.body).toEqual({
      documents: [{ id: SEED_ID, title: seed.title, source: 'Pakistan Point News / Sputnik', published: '2020-02-16', sentences: size.sentences }],
    });
  });

  it('GET /api/docs/:id returns the document with its text', async () => {
    const res = await request(app).get(`/api/docs/${SEED_ID}`).expect(200);
    expect(res.body).toMatchObject({ id: SEED_ID, title: seed.title, sentences: size.sentences, text: seed.text });
    expect(res.body.text).not.toContain('\uFFFD');
  });

  it('GET /api/docs/:id with an unknown id is a 404 JSON error', async () => {
    const res = await request(app).get('/api/docs/no-such-doc').expect(404);
    expect(res.body).toEqual({ code: 'not_found', message: 'no document with id "no-such-doc"' });
  });

  it('an unknown API path is a 404 JSON error', async () => {
    const res = await request(app).get('/api/nothing').expect(404);
    expect(res.body).toEqual({ code: 'not_found', message: 'no API endpoint GET /api/nothing' });
  });
});

describe('the protocol, described for machines', () => {
  it('GET /asyncapi.yaml serves an AsyncAPI 3.0 document that parses without errors', async () => {
    const res = await request(app).get('/asyncapi.yaml').expect(200).expect('Content-Type', /yaml/);
    const { Parser } = await import('@asyncapi/parser');
    const { document, diagnostics } = await new Parser().parse(res.text);
    expect(diagnostics.filter((d) => d.severity === 0)).toEqual([]);
    expect(document?.info().title()).toBe('citeqa');
    expect(document?.operations().all().map((o) => o.id()).sort()).toEqual(['ask', 'error', 'feedback', 'hello', 'ping', 'reset', 'suggest']);
  });

  it('GET /asyncapi.json is the same document', async () => {
    const yaml = (await request(app).get('/asyncapi.yaml')).text;
    const json = (await request(app).get('/asyncapi.json').expect(200)).body;
    expect(json).toEqual((await import('yaml')).parse(yaml));
  });

  it('GET /schemas lists every schema, each served as a JSON Schema', async () => {
    const { schemas } = (await request(app).get('/schemas').expect(200)).body as { schemas: Array<{ name: string; url: string }> };
    expect(schemas.map((s) => s.name)).toEqual(expect.arrayContaining(['AskMessage', 'AnswerMessage', 'ErrorMessage', 'HelloMessage', 'Answer']));
    for (const { name, url } of schemas) {
      const res = await request(app).get(url).expect(200).expect('Content-Type', /schema\+json/);
      expect(JSON.parse(res.text)).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', $id: `/schemas/${name}.json` });
    }
    await request(app).get('/schemas/Nope.json').expect(404);
  });
});

describe('HTML pages', () => {
  it('GET /docs/:id shows every sentence at its own anchor', async () => {
    const res = await request(app).get(`/docs/${SEED_ID}`).expect(200).expect('Content-Type', /html/);
    for (let n = 0; n < seed.sentences.length; n++) expect(res.text).toContain(`id="s${n}"`);
    expect(res.text).toContain('<span class="sentence" id="s2">&quot;I held a meeting with Russian Foreign Minister Sergey Lavrov, which lasted for about an hour.</span>');
    expect(res.text).not.toContain('\uFFFD');
  });

  it('GET /docs/:id with an unknown id is a 404 page', async () => {
    const res = await request(app).get('/docs/<script>').expect(404).expect('Content-Type', /html/);
    expect(res.text).toContain('There is no article with the id &quot;&lt;script&gt;&quot;');
  });

  it('GET / is the chat page (the widget, with the plain form for no script) and lists the articles', async () => {
    const res = await request(app).get('/').expect(200).expect('Content-Type', /html/);
    expect(res.text).toContain('<script src="/widget.js" data-mode="page"');
    expect(res.text).toContain('<noscript><form method="get" action="/"');
    expect(res.text).toContain(`href="/docs/${SEED_ID}"`);
  });

  it('GET /widget.js serves the bundle to any origin, with caching', async () => {
    const res = await request(app).get('/widget.js').expect(200).expect('Content-Type', /javascript/);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers.etag).toBeDefined();
    expect(res.text).toContain('citeqa-chat');
  });

  it('GET /api/suggestions offers questions drawn from the corpus', async () => {
    const res = await request(app).get('/api/suggestions').expect(200);
    expect(res.body.questions).toEqual(expect.arrayContaining(['Who is Toshimitsu Motegi?']));
  });

  it('GET /?q= shows the cited answer', async () => {
    const res = await request(app).get('/').query({ q: 'How long did the meeting last?' }).expect(200);
    expect(res.text).toContain('<p class="short"><strong>about an hour</strong></p>');
    expect(res.text).toContain('I held a <mark>meeting</mark> with Russian Foreign Minister Sergey Lavrov, which <mark>lasted</mark> for about an hour.</blockquote>');
    expect(res.text).toContain(`href="/docs/${SEED_ID}#s2" target="_blank" rel="noopener noreferrer"`);
  });

  it('GET /?q= inserts the question as text, never as HTML', async () => {
    const attack = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    const res = await request(app).get('/').query({ q: attack }).expect(200);
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('GET /?q= with a question that is too long shows the error', async () => {
    const res = await request(app).get('/').query({ q: 'a'.repeat(1001) }).expect(400);
    expect(res.text).toContain('longer than 1000 characters');
  });

  it('sends a Content-Security-Policy that allows no inline or foreign script', async () => {
    const res = await request(app).get('/').expect(200);
    const directives = String(res.headers['content-security-policy']).split(';');
    expect(directives).toEqual(expect.arrayContaining(["default-src 'self'", "script-src 'self'", "script-src-attr 'none'"]));
    expect(directives).not.toContain('upgrade-insecure-requests');
  });
});

describe('rate limit', () => {
  // The limit counts a fixed one-second window: the clock and the store's interval are
  // held still, so that the four requests fall in one window however slowly they are made.
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout'] }));
  afterEach(() => jest.useRealTimers());

  it('answers a client that asks too fast over HTTP with 429 rate_limited, and the others normally', async () => {
    const limited = createApp({ indexes: { index }, logger: silentLogger, limits: { ratePerSecond: 2, rateBurst: 3, trustProxy: 1, answerMsPerIp: 0 } });
    const from = (address: string) => request(limited).get('/api/ask').query({ q: 'Lavrov' }).set('X-Forwarded-For', address);
    for (let i = 0; i < 3; i++) await from('203.0.113.1').expect(200);
    const refused = await from('203.0.113.1').expect(429);
    expect(refused.body).toEqual({ code: 'rate_limited', message: expect.stringMatching(/^too many questions: ask again in \d+ ms$/), retryAfterMs: expect.any(Number) });
    expect(schemaErrors('HttpError', refused.body)).toBe('');
    await from('198.51.100.9').expect(200); // another client
    await request(limited).get('/api/docs').set('X-Forwarded-For', '203.0.113.1').expect(200); // not a question
  });
});

describe('answering budget', () => {
  it('refuses an address that has used its answering time with 429 and Retry-After, and no other', async () => {
    // Each question's retrieval takes at least 30 ms; an address may use 1 ms a second.
    const slowRetrieve: typeof index.retriever.retrieve = (...args) => {
      const until = performance.now() + 30;
      while (performance.now() < until);
      return index.retriever.retrieve(...args);
    };
    const slow = { ...index, retriever: { frequency: index.retriever.frequency.bind(index.retriever), retrieve: slowRetrieve } };
    const app = createApp({ indexes: { index: slow }, logger: silentLogger, limits: { ratePerSecond: 100, rateBurst: 100, trustProxy: 1, answerMsPerIp: 1 } });
    const from = (address: string) => request(app).get('/api/ask').query({ q: 'Lavrov' }).set('X-Forwarded-For', address);
    await from('203.0.113.1').expect(200);
    const refused = await from('203.0.113.1').expect(429);
    expect(refused.body).toEqual({
      code: 'rate_limited',
      message: expect.stringMatching(/^questions from your address have used their share of the service: ask again in \d+ ms$/),
      retryAfterMs: expect.any(Number),
    });
    expect(refused.body.retryAfterMs).toBeGreaterThan(20_000);
    expect(Number(refused.headers['retry-after'])).toBe(Math.ceil(refused.body.retryAfterMs / 1000));
    expect(schemaErrors('HttpError', refused.body)).toBe('');
    await request(app).post('/api/ask').send({ question: 'Lavrov' }).set('X-Forwarded-For', '203.0.113.1').expect(429);
    await from('198.51.100.9').expect(200);
  });
});

describe('failures', () => {
  it('answer an unexpected error with a bare internal error: no stack, no path', async () => {
    const broken = { ...index, retriever: { frequency: () => 1, retrieve: () => { throw new Error('boom at /work/secret/path.ts:12'); } } };
    const logged: unknown[] = [];
    const logger = { ...silentLogger, error: (...args: unknown[]) => logged.push(args) } as unknown as typeof silentLogger;
    const res = await request(createApp({ indexes: { index: broken }, logger })).get('/api/ask').query({ q: 'peace treaty' }).expect(500);
    expect(res.body).toEqual({ code: 'internal', message: 'the server failed to answer; try again later' });
    expect(JSON.stringify(res.body)).not.toMatch(/boom|secret|\.ts|at /);
    expect(logged).toHaveLength(1); // the details go to the log, for the operator
  });
});
