/**
 * The HTTP side of the service (express): the JSON API, the HTML pages and the health check.
 *
 *   GET /widget.js         the chat widget, for any page to embed
 *   GET /healthz           200 {"status":"ok", documents, sentences}: the process is alive
 *   GET /readyz            200 when ready for traffic, 503 while shutting down
 *   GET /metrics           Prometheus metrics
 *   GET /api/ask?q=&limit= the answer object (as over WebSocket, without "type" and "id")
 *   POST /api/ask          the same, from a JSON body {"question", "limit"}
 *   GET /api/suggestions   {"questions": [...]}: questions to offer someone who has not asked yet
 *   GET /api/docs          {"documents": [{id, title, source, published, url?, sentences}]}
 *   GET /api/docs/:id      one document with its full "text"
 *   GET /asyncapi.yaml     the WebSocket API as AsyncAPI 3.0 (also /asyncapi.json)
 *   GET /schemas           the JSON Schemas of every message, each at /schemas/<Name>.json
 *   GET /docs/:id          the article as a page, sentence N at #sN
 *   GET /                  a page to ask a question (?q=...)
 *
 * Errors are JSON `{"code", "message"}` under /api, HTML pages elsewhere.
 */
import path from 'node:path';
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { ask } from '../core/answer';
import type { CorpusDocument } from '../core/corpus';
import { CiteqaError } from '../core/errors';
import { checkAskRequest, MAX_LIMIT } from '../core/request';
import { suggestedQuestions } from '../core/suggestions';
import type { SentenceIndex } from '../core/search-index';
import { asyncApiDocument, asyncApiYaml } from '../protocol/asyncapi';
import { MESSAGE_SCHEMAS, standaloneSchema } from '../protocol/schemas';
import { DEFAULT_LIMITS, type Limits } from './config';
import { HTTP_STATUS, toClientError } from './errors';
import { createMetrics, type Metrics } from './metrics';
import { PACKAGE_ROOT, PACKAGE_VERSION } from '../node/package-info';
import { AddressBudgets } from './rate-limit';
import { chatPage, documentPage, homePage, notFoundPage } from './pages';
import type { IndexHolder } from './index-holder';
import { FairScheduler, type Scheduler } from './scheduler';

/** Where the build puts the browser bundle (dist/public, from src and dist alike). */
const PUBLIC_DIR = path.join(PACKAGE_ROOT, 'dist', 'public');

export interface AppOptions {
  /** The index answered from; replaced whole when the corpus is reloaded. */
  readonly indexes: IndexHolder;
  /** How many questions one client address may ask over HTTP, and which proxies to believe. */
  readonly limits?: Pick<Limits, 'ratePerSecond' | 'rateBurst' | 'trustProxy' | 'answerMsPerIp'>;
  /** Answering time per client address, shared with the WebSocket endpoint. */
  readonly budgets?: AddressBudgets;
  /** Turns between client addresses, shared with the WebSocket endpoint. */
  readonly scheduler?: Scheduler;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  /** Whether the service is ready for traffic (index loaded, not shutting down). */
  readonly ready?: () => boolean;
}

export function createApp({
  indexes,
  logger,
  metrics = createMetrics(),
  ready = () => true,
  limits = DEFAULT_LIMITS,
  budgets = new AddressBudgets(limits.answerMsPerIp),
  scheduler = new FairScheduler(),
}: AppOptions): express.Express {
  // Each request reads the index once, at its start: it is answered from one index only.
  const current = () => indexes.index;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // No upgrade-insecure-requests: the service is often reached over plain HTTP (locally, or
  // behind a proxy that terminates TLS), where upgrading the form's request would break it.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));

  // The chat widget, embedded by other sites with a script tag: loadable from any origin.
  app.get('/widget.js', (_req, res, next) => {
    res.set('Cross-Origin-Resource-Policy', 'cross-origin');
    res.sendFile(path.join(PUBLIC_DIR, 'widget.js'), { maxAge: '5m', immutable: false }, (error) => {
      if (!error) return;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        next(new CiteqaError('internal', 'the widget is not built: run npm run build'));
      } else next(error);
    });
  });

  // The read-only API is public data: any page may read it (the widget on a news site does).
  app.use('/api', (req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      res.set('Access-Control-Allow-Methods', 'GET, POST').set('Access-Control-Allow-Headers', 'Content-Type').set('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  });

  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.get('/healthz', (_req, res) => {
    const { corpus } = current();
    res.json({ status: 'ok', documents: corpus.documents.length, sentences: corpus.sentenceCount });
  });

  // Ready for traffic: the index is loaded and the service is not shutting down.
  app.get('/readyz', (_req, res) => {
    res.status(ready() ? 200 : 503).json({ status: ready() ? 'ready' : 'shutting down' });
  });

  // Questions over HTTP are rate-limited per client address, as WebSocket messages are per
  // connection (the address from X-Forwarded-For only behind TRUST_PROXY proxies).
  app.set('trust proxy', limits.trustProxy);
  const questionLimit = rateLimit({
    windowMs: 1000,
    limit: Math.max(limits.rateBurst, limits.ratePerSecond),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res) => {
      metrics.rateLimited.inc();
      const retryAfterMs = Math.max(0, ((req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime?.getTime() ?? Date.now() + 1000) - Date.now());
      res.status(429).json({ code: 'rate_limited', message: `too many questions: ask again in ${retryAfterMs} ms`, retryAfterMs });
    },
  });
  // ...and by the answering time their address has used (see ANSWER_MS_PER_IP). A question
  // is answered in its address's turn (see scheduler.ts), and charged the time it took.
  const refuseSpent = (res: express.Response, wait: number) => {
    metrics.rateLimited.inc();
    res.set('Retry-After', String(Math.ceil(wait / 1000)));
    res.status(429).json({ code: 'rate_limited', message: `questions from your address have used their share of the service: ask again in ${wait} ms`, retryAfterMs: wait });
  };
  const answeringBudget: express.RequestHandler = (req, res, next) => {
    const wait = budgets.wait(req.ip ?? 'unknown');
    if (wait > 0) refuseSpent(res, wait);
    else next();
  };
  /** Runs `work` in the client's turn; refuses it if the address's budget ran out meanwhile. */
  const inTurn = async <T>(req: express.Request, res: express.Response, work: () => T): Promise<{ done: T } | undefined> => {
    const address = req.ip ?? 'unknown';
    const outcome = await scheduler.run(address, async (): Promise<{ wait: number } | { done: T } | { gone: true }> => {
      // A client gone while its question waited gets no work done for it.
      if (req.socket.destroyed) return { gone: true };
      const wait = budgets.wait(address);
      if (wait > 0) return { wait };
      const started = performance.now();
      try {
        return { done: work() };
      } finally {
        budgets.charge(address, performance.now() - started);
      }
    });
    if ('gone' in outcome) return undefined;
    if ('wait' in outcome) {
      refuseSpent(res, outcome.wait);
      return undefined;
    }
    return outcome;
  };
  app.use('/api/ask', questionLimit, answeringBudget);
  app.get('/', (req, res, next) => (typeof req.query.q === 'string' ? questionLimit(req, res, () => answeringBudget(req, res, next)) : next()));

  app.get('/api/ask', async (req, res) => {
    const question = singleParam(req, 'q', 'the question');
    const limit = parseLimit(singleParam(req, 'limit', 'the number of passages'));
    if (question === undefined || question.trim() === '') {
      throw new CiteqaError('bad_request', 'missing question: add ?q=your+question to the URL');
    }
    const answered = await inTurn(req, res, () => ask(current(), question, limit === undefined ? {} : { limit }));
    if (answered) res.json(answered.done);
  });

  // The same, for questions that are long or hold anything: {"question": "...", "limit": 3}.
  app.post('/api/ask', express.json({ limit: MAX_BODY }), async (req, res) => {
    if (!req.is('application/json')) {
      throw new CiteqaError('bad_request', 'send the question as JSON: Content-Type: application/json, body {"question": "..."}');
    }
    const body: unknown = req.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new CiteqaError('bad_request', 'the body must be a JSON object: {"question": "...", "limit": 3}');
    }
    const { question, limit } = body as { question?: unknown; limit?: unknown };
    const request = checkAskRequest(question, limit);
    const answered = await inTurn(req, res, () => ask(current(), request.question, { limit: request.limit }));
    if (answered) res.json(answered.done);
  });

  // The protocol, described for machines: AsyncAPI 3.0 and JSON Schemas of every message.
  const asyncApi = asyncApiDocument(PACKAGE_VERSION);
  const asyncApiText = asyncApiYaml(PACKAGE_VERSION);
  app.get('/asyncapi.yaml', (_req, res) => {
    res.type('application/yaml').send(asyncApiText);
  });
  app.get('/asyncapi.json', (_req, res) => {
    res.json(asyncApi);
  });
  app.get('/schemas', (_req, res) => {
    res.json({ schemas: Object.keys(MESSAGE_SCHEMAS).map((name) => ({ name, url: `/schemas/${name}.json` })) });
  });
  app.get('/schemas/:file', (req, res) => {
    const name = /^(\w+)\.json$/.exec(req.params.file)?.[1];
    const schema = name === undefined ? undefined : standaloneSchema(name);
    if (!schema) throw new CiteqaError('not_found', `no schema "${req.params.file}"; GET /schemas lists them`);
    res.type('application/schema+json').send(JSON.stringify(schema, null, 2));
  });

  const suggestionsOf = new WeakMap<SentenceIndex, string[]>();
  app.get('/api/suggestions', (_req, res) => {
    const index = current();
    let questions = suggestionsOf.get(index);
    if (!questions) suggestionsOf.set(index, (questions = suggestedQuestions(index)));
    res.json({ questions });
  });

  app.get('/api/docs', (_req, res) => {
    res.json({ documents: current().corpus.documents.map(summary) });
  });

  app.get('/api/docs/:id', (req, res) => {
    const doc = documentOr404(req.params.id);
    res.json({ ...summary(doc), text: doc.text });
  });

  app.get('/docs/:id', (req, res) => {
    const doc = current().corpus.document(req.params.id);
    if (!doc) {
      res.status(404).type('html').send(notFoundPage(`There is no article with the id "${req.params.id}".`));
      return;
    }
    res.type('html').send(documentPage(doc));
  });

  app.get('/', async (req, res) => {
    const question = typeof req.query.q === 'string' ? req.query.q : '';
    if (question.trim() === '') {
      res.type('html').send(chatPage(current().corpus));
      return;
    }
    try {
      const answered = await inTurn(req, res, () => ask(current(), question));
      if (answered) res.type('html').send(homePage(current().corpus, question, { answer: answered.done }));
    } catch (error) {
      const { code, message } = toClientError(error, logger, { path: req.path });
      res.status(HTTP_STATUS[code]).type('html').send(homePage(current().corpus, question, { error: message }));
    }
  });

  app.use(['/api', '/schemas'], (req, _res) => {
    throw new CiteqaError('not_found', `no API endpoint ${req.method} ${req.baseUrl}${req.path === '/' ? '' : req.path}`);
  });
  app.use((req, res) => {
    res.status(404).type('html').send(notFoundPage(`There is no page at ${req.path}.`));
  });

  const onError: ErrorRequestHandler = (error: unknown, req: Request, res: Response, _next) => {
    // Body-parser style errors carry a status; everything else is ours or a bug.
    const status = (error as { status?: unknown }).status;
    const client =
      typeof status === 'number' && status >= 400 && status < 500 && !(error instanceof CiteqaError)
        ? { code: 'bad_request' as const, message: bodyErrorMessage(error) }
        : toClientError(error, logger, { method: req.method, path: req.path });
    if (res.headersSent) return;
    res.status(HTTP_STATUS[client.code]).json(client);
  };
  app.use(onError);

  function documentOr404(id: string): CorpusDocument {
    const doc = current().corpus.document(id);
    if (!doc) throw new CiteqaError('not_found', `no document with id "${id}"`);
    return doc;
  }
  return app;
}

/** Largest JSON body accepted: a question is at most 1,000 characters. */
const MAX_BODY = '16kb';

/** What went wrong reading a request body, without echoing it. */
function bodyErrorMessage(error: unknown): string {
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.parse.failed') return 'the body is not valid JSON';
  if (type === 'entity.too.large') return `the body is larger than ${MAX_BODY}`;
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return 'the body must be UTF-8 JSON';
  return 'the request is malformed';
}

function summary(doc: CorpusDocument) {
  return {
    id: doc.id,
    title: doc.title,
    source: doc.source,
    published: doc.published,
    ...(doc.url === undefined ? {} : { url: doc.url }),
    sentences: doc.sentences.length,
  };
}

/** A query parameter given at most once, as text. */
function singleParam(req: Request, name: string, what: string): string | undefined {
  const value: unknown = req.query[name];
  if (value === undefined || typeof value === 'string') return value;
  throw new CiteqaError('bad_request', `give "${name}" (${what}) once`);
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,2}$/.test(value)) throw new CiteqaError('bad_request', `"limit" must be a whole number from 1 to ${MAX_LIMIT}`);
  return Number(value);
}
