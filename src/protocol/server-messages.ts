/**
 * The messages a server sends, as zod schemas: the one definition from which their
 * TypeScript types (messages.ts), their JSON Schemas (schemas.ts) and the client's check
 * of every frame it receives (read-server.ts) all come.
 *
 * Parsing with these schemas drops fields they do not name, as clients must tolerate
 * fields added by later servers; the JSON Schemas made from them are closed
 * (`additionalProperties: false`), so that a field the server sends without documenting
 * it fails the tests.
 */
import * as z from 'zod/mini';
import { WIRE_ERROR_CODES } from '../core/errors';
import type { MAX_LIMIT } from '../core/request';
import { annotate, CAPABILITIES, PROTOCOL_VERSION, replyIdSchema } from './common';

/**
 * Most passages in one answer. Written out rather than imported, because the module that
 * defines it pulls the full zod into the browser bundle; the type says it is the same.
 */
const MOST_PASSAGES: typeof MAX_LIMIT = 10;

const count = () => z.int().check(z.nonnegative());
const offset = () => annotate(count(), { description: 'UTF-16 code units into the document text served by GET /api/docs/:id' });

const citationSchema = annotate(
  z.object({
    doc: annotate(z.string(), { description: 'Document id' }),
    title: z.string(),
    source: z.string(),
    published: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
    url: annotate(z.string(), { description: 'The service page of the document at this sentence: /docs/<id>#s<sentence>' }),
    sentence: annotate(count(), { description: '0-based sentence number in the document' }),
    start: offset(),
    end: offset(),
  }),
  { id: 'Citation', description: 'Where a passage comes from, precise enough for anyone to check it' },
);

const contextSentenceSchema = annotate(
  z.object({ text: z.string(), sentence: z.int().check(z.minimum(1)), start: offset(), end: offset() }),
  { id: 'ContextSentence', description: 'A neighbouring sentence (the headline, sentence 0, is never context)' },
);

const passageSchema = annotate(
  z.object({
    text: annotate(z.string(), { description: 'The sentence exactly as in the document: text.slice(citation.start, citation.end)' }),
    score: annotate(z.number(), { description: 'Relevance; comparable within one answer only' }),
    citation: citationSchema,
    highlights: annotate(z.array(z.tuple([count(), count()])), { description: '[start, end] offsets within text of the words that matched' }),
    context: z.object({ before: z.optional(contextSentenceSchema), after: z.optional(contextSentenceSchema) }),
  }),
  { id: 'Passage' },
);

const shortAnswerSchema = annotate(
  z.object({
    text: z.string(),
    passage: annotate(count(), { description: 'Index into passages' }),
    start: annotate(count(), { description: "Offset within that passage's text" }),
    end: count(),
    date: z.optional(annotate(z.string().check(z.regex(/^\d{4}-\d{2}(-\d{2})?$/)), { description: 'For a relative date, the date it means' })),
  }),
  { id: 'ShortAnswer', description: 'The exact span of a passage that answers a factoid question' },
);

const answerShape = {
  question: annotate(z.string(), { description: 'The question as asked, trimmed' }),
  interpreted: z.optional(annotate(z.string(), { description: 'The question as read, when that differs (typos corrected, a follow-up made explicit)' })),
  answered: annotate(z.boolean(), { description: 'False when the articles do not answer the question' }),
  short: z.optional(shortAnswerSchema),
  passages: annotate(z.array(passageSchema).check(z.maxLength(MOST_PASSAGES)), { description: 'Best first' }),
  message: z.optional(annotate(z.string(), { description: 'Why the question was not answered; only when answered is false' })),
};

/** The answer body of GET and POST /api/ask, and the body of an `answer` message. */
export const answerSchema = annotate(z.object(answerShape), { title: 'answer body of GET and POST /api/ask' });

export const helloSchema = annotate(
  z.object({
    type: z.literal('hello'),
    protocol: z.literal(PROTOCOL_VERSION),
    documents: count(),
    sentences: count(),
    capabilities: annotate(z.array(z.string()), { description: `Features this server supports; today: ${CAPABILITIES.join(', ')}` }),
  }),
  { title: 'hello (server to client, once on connect)' },
);

export const answerMessageSchema = annotate(z.object({ type: z.literal('answer'), id: replyIdSchema, ...answerShape }), {
  title: 'answer (server to client)',
});

export const errorMessageSchema = annotate(
  z.object({
    type: z.literal('error'),
    id: replyIdSchema,
    code: annotate(z.string(), { description: `${WIRE_ERROR_CODES.join(', ')} today; clients must accept codes they do not know` }),
    message: z.string(),
    retryAfterMs: z.optional(annotate(count(), { description: 'With rate_limited: when to send again' })),
  }),
  { title: 'error (server to client)' },
);

/** A reply that only says a request of `type` was done: `{"type", "id"}`. */
function acknowledgement<T extends string>(type: T, title: string) {
  return annotate(z.object({ type: z.literal(type), id: replyIdSchema }), { title });
}

export const resetDoneSchema = acknowledgement('reset', 'reset (server to client): the conversation was reset');
export const pongSchema = acknowledgement('pong', 'pong (server to client)');
export const feedbackDoneSchema = acknowledgement('feedback', 'feedback (server to client): the feedback was counted');

export const suggestionsSchema = annotate(
  z.object({ type: z.literal('suggestions'), id: replyIdSchema, suggestions: z.array(z.string()) }),
  { title: 'suggestions (server to client)' },
);

/** The error body of the HTTP API. */
export const httpErrorSchema = annotate(
  z.object({ code: z.string(), message: z.string(), retryAfterMs: z.optional(count()) }),
  { title: 'error body of the HTTP API' },
);

/** Each server message's schema, by its `type`. */
export const SERVER_MESSAGE_SCHEMAS = {
  hello: helloSchema,
  answer: answerMessageSchema,
  error: errorMessageSchema,
  reset: resetDoneSchema,
  pong: pongSchema,
  suggestions: suggestionsSchema,
  feedback: feedbackDoneSchema,
} as const;
