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
import type { Answer } from '../core/answer';
import type { CorpusDocument } from '../core/corpus';
import { CiteqaError } from '../core/errors';
import { checkAskRequest, MAX_LIMIT } from '../core/request';
import { suggestedQuestions } from '../core/suggestions';
import type { SentenceIndex } from '../core/search-index';
import { asyncApiDocument, asyncApiYaml } from '../protocol/asyncapi';
import { MESSAGE_SCHEMAS, standaloneSchema } from '../protocol/schemas';
import { inProcessAnswerer } from './answerer';
import { Answering, type Caller, type Refusal } from './answering';
import { DEFAULT_LIMITS, type Limits } from './config';
import { HTTP_STATUS, toClientError } from './errors';
import { createMetrics, type Metrics } from './metrics';
import { PACKAGE_ROOT, PACKAGE_VERSION } from '../node/package-info';
import { AddressBudgets } from './rate-limit';
import { chatPage, documentPage, homePage, notFoundPage } from './pages';
import type { IndexHolder } from './index-holder';
import { FairScheduler } from './scheduler';

/** Where the build puts the browser bundle (dist/public, from src and dist alike). */
const PUBLIC_DIR = path.join(PACKAGE_ROOT, 'dist', 'public');

export interface AppOptions {
  /** The index answered from; replaced whole when the corpus is reloaded. */
  readonly indexes: IndexHolder;
  /** How many questions one client address may ask over HTTP, and which proxies to believe. */
  readonly limits?: Pick<Limits, 'ratePerSecond' | 'rateBurst' | 'trustProxy' | 'answerMsPerIp'> & Partial<Pick<Limits, 'logQuestions'>>;
  /**
   * The answering path (turns, budgets, answerer, metrics, logs), shared with the
   * WebSocket endpoint; default: one of the app's own, answering in this thread.
   */
  readonly answering?: Answering;
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
  answering = new Answering({
    answerer: inProcessAnswerer(indexes),
    indexes,
    budgets: new AddressBudgets(limits.answerMsPerIp),
    scheduler: new FairScheduler(),
    metrics,
    logger,
    limits: { logQuestions: limits.logQuestions ?? false },
  }),
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
  // ...and by the answering time their address has used (see ANSWER_MS_PER_IP): refused
  // on arrival while it cannot pay for a question, and again when its turn comes.
  const refuse = (res: express.Response, { code, message, retryAfterMs }: Refusal) => {
    if (retryAfterMs !== undefined) res.set('Retry-After', String(Math.ceil(retryAfterMs / 1000)));
    res.status(HTTP_STATUS[code]).json({ code, message, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  };
  const answeringBudget: express.RequestHandler = (req, res, next) => {
    const refusal = answering.refusal(req.ip ?? 'unknown', 'ask');
    if (refusal) refuse(res, refusal);
    else next();
  };
  let requests = 0;
  const callerOf = (req: express.Request): Caller => ({
    address: req.ip ?? 'unknown',
    transport: 'http',
    request: `h${(++requests).toString(36)}`,
    // A client gone while its question waited gets no work done for it.
    gone: () => req.socket.destroyed,
  });
  /** The answer, on the service's one answering path; else what the client is told instead. */
  const answerFor = async (req: express.Request, question: string, limit: number): Promise<{ answer: Answer } | { refusal: Refusal } | undefined> => {
    const outcome = await answering.ask(callerOf(req), question, { limit });
    if (outcome.kind === 'gone') return undefined;
    if (outcome.kind === 'done') return { answer: outcome.value.answer };
    return { refusal: outcome.error };
  };
  // Shutting down: a question not begun is refused rather than started.
  app.use('/api/ask', (_req, res, next) => {
    if (ready()) return next();
    res.set('Retry-After', '1');
    res.status(HTTP_STATUS.shutting_down).json({ code: 'shutting_down', message: 'the service is shutting down: ask again shortly' });
  });
  app.use('/api/ask', questionLimit, answeringBudget);
  app.get('/', (req, res, next) => (typeof req.query.q === 'string' ? questionLimit(req, res, () => answeringBudget(req, res, next)) : next()));

  app.get('/api/ask', async (req, res) => {
    const question = singleParam(req, 'q', 'the question');
    const limit = parseLimit(singleParam(req, 'limit', 'the number of passages'));
    if (question === undefined || question.trim() === '') {
      throw new CiteqaError('bad_request', 'missing question: add ?q=your+question to the URL');
    }
    const request = checkAskRequest(question, limit);
    const result = await answerFor(req, request.question, request.limit);
    if (result && 'answer' in result) res.json(result.answer);
    else if (result) refuse(res, result.refusal);
  });

  // The same, for questions that are long or hold anything: {"question": "...", "limit": 3}.
  app.post('/api/ask', express.json({ limit: MAX_BODY }), async (req, res) => {
    // An empty body has no type to read (req.is gives null): say what is missing.
    if (req.get('transfer-encoding') === undefined && Number(req.get('content-length') ?? 0) === 0) {
      throw new CiteqaError('bad_request', 'the body is empty: send {"question": "..."} with Content-Type: application/json');
    }
    if (!req.is('application/json')) {
      throw new CiteqaError('bad_request', 'send the question as JSON: Content-Type: application/json, body {"question": "..."}');
    }
    const body: unknown = req.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new CiteqaError('bad_request', 'the body must be a JSON object: {"question": "...", "limit": 3}');
    }
    const { question, limit } = body as { question?: unknown; limit?: unknown };
    const request = checkAskRequest(question, limit);
    const result = await answerFor(req, request.question, request.limit);
    if (result && 'answer' in result) res.json(result.answer);
    else if (result) refuse(res, result.refusal);
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
    // Own names only: "__proto__" or "constructor" must not find Object.prototype's.
    const schema = name === undefined || !Object.hasOwn(MESSAGE_SCHEMAS, name) ? undefined : standaloneSchema(name);
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
    let result: { answer: Answer } | { refusal: Refusal } | undefined;
    try {
      const request = checkAskRequest(question);
      result = await answerFor(req, request.question, request.limit);
    } catch (error) {
      result = { refusal: toClientError(error, logger, { path: req.path }) };
    }
    if (!result) return;
    if ('answer' in result) {
      res.type('html').send(homePage(current().corpus, question, { answer: result.answer }));
      return;
    }
    const { code, message, retryAfterMs } = result.refusal;
    if (retryAfterMs !== undefined) res.set('Retry-After', String(Math.ceil(retryAfterMs / 1000)));
    res.status(HTTP_STATUS[code]).type('html').send(homePage(current().corpus, question, { error: message }));
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
        ? { code: status === 413 ? ('too_large' as const) : ('bad_request' as const), message: bodyErrorMessage(error) }
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
  if (type === 'entity.parse.failed') return isJson((error as { body?: unknown }).body) ? 'the body must be a JSON object: {"question": "...", "limit": 3}' : 'the body is not valid JSON';
  if (type === 'entity.too.large') return `the body is larger than ${MAX_BODY}`;
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return 'the body must be UTF-8 JSON';
  return 'the request is malformed';
}

/** Whether a body that express's strict parser refused is JSON all the same (`null`, `"text"`, `3`): valid, but not an object. */
function isJson(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
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
