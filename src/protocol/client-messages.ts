/**
 * The messages a client sends, as zod schemas: the one definition from which their
 * TypeScript types (messages.ts), their JSON Schemas (schemas.ts) and the server's parser
 * (parse.ts) all come. The error messages are the ones a client reads in `bad_request`.
 *
 * Fields these schemas do not name are ignored, for forward compatibility: their JSON
 * Schemas are open, and parsing drops such fields.
 */
import * as z from 'zod/mini';
import { DEFAULT_LIMIT, limitSchema, MAX_QUESTION_LENGTH, questionSchema } from '../core/request';
import { annotate, requestIdSchema } from './common';

/** Longest prefix completed by `suggest`. */
export const MAX_PREFIX_LENGTH = 200;
/** Longest document id in `feedback`: longer ones name no document. */
export const MAX_FEEDBACK_DOC_LENGTH = 128;

const id = () => z.optional(requestIdSchema);
const question = () => annotate(questionSchema.clone(), { description: `1 to ${MAX_QUESTION_LENGTH} characters after trimming` });

export const askSchema = annotate(
  z.object({
    type: z.literal('ask'),
    id: id(),
    question: question(),
    limit: annotate(z.optional(limitSchema), { default: DEFAULT_LIMIT, description: 'Most passages to return' }),
  }),
  { title: 'ask (client to server)' },
);

export const resetSchema = annotate(z.object({ type: z.literal('reset'), id: id() }), { title: 'reset (client to server): forget the conversation' });

export const pingSchema = annotate(z.object({ type: z.literal('ping'), id: id() }), { title: 'ping (client to server)' });

export const suggestSchema = annotate(
  z.object({
    type: z.literal('suggest'),
    id: id(),
    prefix: z
      .string({ error: (issue) => (issue.input === undefined ? 'missing "prefix"' : '"prefix" must be a string') })
      .check(z.maxLength(MAX_PREFIX_LENGTH, `"prefix" is longer than ${MAX_PREFIX_LENGTH} characters`)),
  }),
  { title: 'suggest (client to server): completions of the question being typed' },
);

export const feedbackSchema = annotate(
  z.object({
    type: z.literal('feedback'),
    id: id(),
    rating: z.enum(['up', 'down'], { error: '"rating" must be "up" or "down"' }),
    question: questionSchema,
    doc: z.optional(
      z.string({ error: '"doc" must be a string' }).check(z.maxLength(MAX_FEEDBACK_DOC_LENGTH, `"doc" is longer than ${MAX_FEEDBACK_DOC_LENGTH} characters`)),
    ),
    sentence: z.optional(
      z.number({ error: '"sentence" must be a number' }).check(z.int('"sentence" must be a whole number'), z.nonnegative('"sentence" must not be negative')),
    ),
  }),
  { title: "feedback (client to server): a reader's thumbs up or down on an answer" },
);

/** Each client message's schema, by its `type`. */
export const CLIENT_MESSAGE_SCHEMAS = {
  ask: askSchema,
  reset: resetSchema,
  ping: pingSchema,
  suggest: suggestSchema,
  feedback: feedbackSchema,
} as const;
