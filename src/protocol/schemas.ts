/**
 * JSON Schemas (draft-07, as AsyncAPI uses) of every WebSocket message, and of the HTTP
 * answer and error bodies. Served at /schemas/<Name>.json and embedded in the AsyncAPI
 * document. Tests validate every message the server sends against them, so they cannot
 * drift from messages.ts unnoticed.
 *
 * Server messages are closed (additionalProperties: false) so that a field the server
 * adds without documenting it fails the tests; clients must still ignore fields they do
 * not know, since later servers add them.
 */
import { MAX_LIMIT, MAX_QUESTION_LENGTH } from '../core/request';
import { CAPABILITIES, PROTOCOL_VERSION } from './messages';
import { MAX_ID_LENGTH, MAX_PREFIX_LENGTH } from './parse';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });

const RequestId: Schema = {
  description: `A client's request id, echoed verbatim in the reply: a string of at most ${MAX_ID_LENGTH} characters, or a finite number (prefer strings: large numbers lose precision).`,
  oneOf: [{ type: 'string', maxLength: MAX_ID_LENGTH }, { type: 'number' }],
};
const ReplyId: Schema = {
  description: "The request's id, or null when the request had none or its id could not be read.",
  oneOf: [ref('RequestId'), { type: 'null' }],
};
const offset: Schema = { type: 'integer', minimum: 0, description: 'UTF-16 code units into the document text served by GET /api/docs/:id' };

const Citation: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['doc', 'title', 'source', 'published', 'url', 'sentence', 'start', 'end'],
  properties: {
    doc: { type: 'string', description: 'Document id' },
    title: { type: 'string' },
    source: { type: 'string' },
    published: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    url: { type: 'string', description: 'The service page of the document at this sentence: /docs/<id>#s<sentence>' },
    sentence: { type: 'integer', minimum: 0, description: '0-based sentence number in the document' },
    start: offset,
    end: offset,
  },
};
const ContextSentence: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['text', 'sentence', 'start', 'end'],
  properties: { text: { type: 'string' }, sentence: { type: 'integer', minimum: 1 }, start: offset, end: offset },
};
const span: Schema = { type: 'array', items: { type: 'integer', minimum: 0 }, minItems: 2, maxItems: 2 };
const Passage: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['text', 'score', 'citation', 'highlights', 'context'],
  properties: {
    text: { type: 'string', description: 'The sentence exactly as in the document: text.slice(citation.start, citation.end)' },
    score: { type: 'number', description: 'Relevance; comparable within one answer only' },
    citation: ref('Citation'),
    highlights: { type: 'array', items: span, description: '[start, end] offsets within text of the words that matched' },
    context: {
      type: 'object',
      additionalProperties: false,
      properties: { before: ref('ContextSentence'), after: ref('ContextSentence') },
    },
  },
};
const ShortAnswer: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['text', 'passage', 'start', 'end'],
  properties: {
    text: { type: 'string' },
    passage: { type: 'integer', minimum: 0, description: 'Index into passages' },
    start: { type: 'integer', minimum: 0, description: "Offset within that passage's text" },
    end: { type: 'integer', minimum: 0 },
    date: { type: 'string', pattern: '^\\d{4}-\\d{2}(-\\d{2})?$', description: 'For a relative date, the date it means' },
  },
};
const answerProperties: Schema = {
  question: { type: 'string', description: 'The question as asked, trimmed' },
  interpreted: { type: 'string', description: 'The question as read, when that differs (typos corrected, a follow-up made explicit)' },
  answered: { type: 'boolean', description: 'False when the articles do not answer the question' },
  short: ref('ShortAnswer'),
  passages: { type: 'array', items: ref('Passage'), maxItems: MAX_LIMIT },
  message: { type: 'string', description: 'Why the question was not answered; only when answered is false' },
};

/** A reply that only says a request of `type` was done: `{"type", "id"}`. */
function acknowledgement(type: string, title: string): Schema {
  return { title, type: 'object', additionalProperties: false, required: ['type', 'id'], properties: { type: { const: type }, id: ref('ReplyId') } };
}

const definitions: Record<string, Schema> = { RequestId, ReplyId, Citation, ContextSentence, Passage, ShortAnswer };

/** Every message and body, by name. */
export const MESSAGE_SCHEMAS: Readonly<Record<string, Schema>> = {
  AskMessage: {
    title: 'ask (client to server)',
    type: 'object',
    required: ['type', 'question'],
    properties: {
      type: { const: 'ask' },
      id: ref('RequestId'),
      question: { type: 'string', minLength: 1, maxLength: MAX_QUESTION_LENGTH, description: `1 to ${MAX_QUESTION_LENGTH} characters after trimming` },
      limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 3, description: 'Most passages to return' },
    },
  },
  ResetMessage: {
    title: 'reset (client to server): forget the conversation',
    type: 'object',
    required: ['type'],
    properties: { type: { const: 'reset' }, id: ref('RequestId') },
  },
  PingMessage: {
    title: 'ping (client to server)',
    type: 'object',
    required: ['type'],
    properties: { type: { const: 'ping' }, id: ref('RequestId') },
  },
  SuggestMessage: {
    title: 'suggest (client to server): completions of the question being typed',
    type: 'object',
    required: ['type', 'prefix'],
    properties: { type: { const: 'suggest' }, id: ref('RequestId'), prefix: { type: 'string', maxLength: MAX_PREFIX_LENGTH } },
  },
  FeedbackMessage: {
    title: "feedback (client to server): a reader's thumbs up or down on an answer",
    type: 'object',
    required: ['type', 'rating', 'question'],
    properties: {
      type: { const: 'feedback' },
      id: ref('RequestId'),
      rating: { enum: ['up', 'down'] },
      question: { type: 'string', minLength: 1, maxLength: MAX_QUESTION_LENGTH },
      doc: { type: 'string', maxLength: 128 },
      sentence: { type: 'integer', minimum: 0 },
    },
  },
  HelloMessage: {
    title: 'hello (server to client, once on connect)',
    type: 'object',
    additionalProperties: false,
    required: ['type', 'protocol', 'documents', 'sentences', 'capabilities'],
    properties: {
      type: { const: 'hello' },
      protocol: { const: PROTOCOL_VERSION },
      documents: { type: 'integer', minimum: 0 },
      sentences: { type: 'integer', minimum: 0 },
      capabilities: { type: 'array', items: { type: 'string' }, description: `Features this server supports; today: ${CAPABILITIES.join(', ')}` },
    },
  },
  AnswerMessage: {
    title: 'answer (server to client)',
    type: 'object',
    additionalProperties: false,
    required: ['type', 'id', 'question', 'answered', 'passages'],
    properties: { type: { const: 'answer' }, id: ref('ReplyId'), ...answerProperties },
  },
  ErrorMessage: {
    title: 'error (server to client)',
    type: 'object',
    additionalProperties: false,
    required: ['type', 'id', 'code', 'message'],
    properties: {
      type: { const: 'error' },
      id: ref('ReplyId'),
      code: { type: 'string', description: 'bad_request, rate_limited or internal today; clients must accept codes they do not know' },
      message: { type: 'string' },
      retryAfterMs: { type: 'integer', minimum: 0, description: 'With rate_limited: when to send again' },
    },
  },
  ResetDoneMessage: acknowledgement('reset', 'reset (server to client): the conversation was reset'),
  PongMessage: acknowledgement('pong', 'pong (server to client)'),
  SuggestionsMessage: {
    title: 'suggestions (server to client)',
    type: 'object',
    additionalProperties: false,
    required: ['type', 'id', 'suggestions'],
    properties: { type: { const: 'suggestions' }, id: ref('ReplyId'), suggestions: { type: 'array', items: { type: 'string' } } },
  },
  FeedbackDoneMessage: acknowledgement('feedback', 'feedback (server to client): the feedback was counted'),
  Answer: {
    title: 'answer body of GET and POST /api/ask',
    type: 'object',
    additionalProperties: false,
    required: ['question', 'answered', 'passages'],
    properties: answerProperties,
  },
  HttpError: {
    title: 'error body of the HTTP API',
    type: 'object',
    additionalProperties: false,
    required: ['code', 'message'],
    properties: { code: { type: 'string' }, message: { type: 'string' }, retryAfterMs: { type: 'integer', minimum: 0 } },
  },
};

/** Names of the messages a server sends over WebSocket. */
export const SERVER_MESSAGES = ['HelloMessage', 'AnswerMessage', 'ErrorMessage', 'ResetDoneMessage', 'PongMessage', 'SuggestionsMessage', 'FeedbackDoneMessage'] as const;
/** Names of the messages a client sends. */
export const CLIENT_MESSAGES = ['AskMessage', 'ResetMessage', 'PingMessage', 'SuggestMessage', 'FeedbackMessage'] as const;

/** One message's schema as a standalone JSON Schema document (with the definitions it uses). */
export function standaloneSchema(name: string): Schema | undefined {
  const schema = MESSAGE_SCHEMAS[name];
  if (!schema) return undefined;
  return { $schema: 'http://json-schema.org/draft-07/schema#', $id: `/schemas/${name}.json`, ...schema, definitions };
}

/** The shared definitions, for documents that embed every schema (AsyncAPI). */
export const SHARED_DEFINITIONS: Readonly<Record<string, Schema>> = definitions;
