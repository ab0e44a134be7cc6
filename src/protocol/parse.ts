/**
 * The one parser of client messages: raw frame text in, a typed message or a typed
 * `bad_request` error out. It never throws.
 */
import { z } from 'zod';
import { limitSchema, questionSchema } from '../core/request';
import type { AskMessage, ClientMessage, ErrorMessage, RequestId } from './messages';

/** Longest request id, in characters: ids are echoed in every reply. */
export const MAX_ID_LENGTH = 256;

export type ParseResult =
  | { readonly ok: true; readonly message: ClientMessage }
  | { readonly ok: false; readonly error: ErrorMessage };

const CLIENT_TYPES = ['ask', 'reset', 'ping', 'suggest', 'feedback'] as const;

/** Longest prefix completed by `suggest`. */
export const MAX_PREFIX_LENGTH = 200;

const ID_RULE = `"id" must be a string of at most ${MAX_ID_LENGTH} characters or a finite number`;
const idSchema = z.union([z.string().max(MAX_ID_LENGTH, ID_RULE), z.number().refine(Number.isFinite, ID_RULE)], { error: ID_RULE });

const askSchema = z.object({
  type: z.literal('ask'),
  id: idSchema.optional(),
  question: questionSchema,
  limit: limitSchema.optional(),
});

const resetSchema = z.object({ type: z.literal('reset'), id: idSchema.optional() });
const pingSchema = z.object({ type: z.literal('ping'), id: idSchema.optional() });
const suggestSchema = z.object({
  type: z.literal('suggest'),
  id: idSchema.optional(),
  prefix: z
    .string({ error: (issue) => (issue.input === undefined ? 'missing "prefix"' : '"prefix" must be a string') })
    .max(MAX_PREFIX_LENGTH, `"prefix" is longer than ${MAX_PREFIX_LENGTH} characters`),
});
const feedbackSchema = z.object({
  type: z.literal('feedback'),
  id: idSchema.optional(),
  rating: z.enum(['up', 'down'], { error: '"rating" must be "up" or "down"' }),
  question: questionSchema,
  doc: z.string({ error: '"doc" must be a string' }).max(128, '"doc" is longer than 128 characters').optional(),
  sentence: z.number({ error: '"sentence" must be a number' }).int('"sentence" must be a whole number').nonnegative('"sentence" must not be negative').optional(),
});

/** Parses the text of one frame. Unknown fields are ignored, for forward compatibility. */
export function parseClientMessage(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return failure(null, 'the message is not valid JSON');
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return failure(null, `the message must be a JSON object, not ${describe(data)}`);
  }
  const fields = data as Record<string, unknown>;

  let id: RequestId | null = null;
  if (Object.hasOwn(fields, 'id') && fields.id !== undefined) {
    const parsedId = idSchema.safeParse(fields.id);
    if (!parsedId.success) return failure(null, parsedId.error.issues[0]?.message ?? 'bad "id"');
    id = parsedId.data;
  }

  const type = Object.hasOwn(fields, 'type') ? fields.type : undefined;
  if (type === undefined) return failure(id, `missing "type" (expected ${expectedTypes()})`);
  if (typeof type !== 'string') return failure(id, `"type" must be a string (expected ${expectedTypes()})`);

  switch (type) {
    case 'ask': {
      const parsed = askSchema.safeParse(fields);
      if (!parsed.success) return failure(id, parsed.error.issues.map((issue) => issue.message).join('; '));
      return { ok: true, message: withoutUndefined(parsed.data) };
    }
    case 'suggest': {
      const parsed = suggestSchema.safeParse(fields);
      if (!parsed.success) return failure(id, parsed.error.issues.map((issue) => issue.message).join('; '));
      return { ok: true, message: { type: 'suggest', prefix: parsed.data.prefix, ...(id === null ? {} : { id }) } };
    }
    case 'feedback': {
      const parsed = feedbackSchema.safeParse(fields);
      if (!parsed.success) return failure(id, parsed.error.issues.map((issue) => issue.message).join('; '));
      const { rating, question, doc, sentence } = parsed.data;
      return {
        ok: true,
        message: { type: 'feedback', rating, question, ...(doc === undefined ? {} : { doc }), ...(sentence === undefined ? {} : { sentence }), ...(id === null ? {} : { id }) },
      };
    }
    case 'reset':
    case 'ping': {
      const parsed = (type === 'reset' ? resetSchema : pingSchema).safeParse(fields);
      if (!parsed.success) return failure(id, parsed.error.issues.map((issue) => issue.message).join('; '));
      return { ok: true, message: id === null ? { type } : { type, id } };
    }
    default:
      return failure(id, `unknown message type "${truncate(type, 40)}" (expected ${expectedTypes()})`);
  }
}

function withoutUndefined(message: z.infer<typeof askSchema>): AskMessage {
  const { id, limit, ...rest } = message;
  return { ...rest, ...(id === undefined ? {} : { id }), ...(limit === undefined ? {} : { limit }) };
}

function failure(id: RequestId | null, message: string): ParseResult {
  return { ok: false, error: { type: 'error', id, code: 'bad_request', message } };
}

function expectedTypes(): string {
  const quoted = CLIENT_TYPES.map((t) => `"${t}"`);
  return `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
