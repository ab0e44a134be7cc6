/**
 * The one parser of client messages: raw frame text in, a typed message or a typed
 * `bad_request` error out. It never throws. The messages' schemas are in
 * client-messages.ts; this adds what a schema cannot say: which message the frame is,
 * and the request id to answer an invalid one with.
 */
import { CLIENT_MESSAGE_SCHEMAS } from './client-messages';
import { MAX_ID_LENGTH, requestIdSchema } from './common';
import type { ClientMessage, ErrorMessage, RequestId } from './messages';

export { MAX_ID_LENGTH } from './common';
export { MAX_PREFIX_LENGTH } from './client-messages';

export type ParseResult =
  | { readonly ok: true; readonly message: ClientMessage }
  | { readonly ok: false; readonly error: ErrorMessage };

type ClientType = keyof typeof CLIENT_MESSAGE_SCHEMAS;
const CLIENT_TYPES = Object.keys(CLIENT_MESSAGE_SCHEMAS) as readonly ClientType[];

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
    const parsedId = requestIdSchema.safeParse(fields.id);
    if (!parsedId.success) return failure(null, parsedId.error.issues[0]?.message ?? `bad "id" (at most ${MAX_ID_LENGTH} characters)`);
    id = parsedId.data;
  }

  const type = Object.hasOwn(fields, 'type') ? fields.type : undefined;
  if (type === undefined) return failure(id, `missing "type" (expected ${expectedTypes()})`);
  if (typeof type !== 'string') return failure(id, `"type" must be a string (expected ${expectedTypes()})`);
  if (!isClientType(type)) return failure(id, `unknown message type "${truncate(type, 40)}" (expected ${expectedTypes()})`);

  const parsed = CLIENT_MESSAGE_SCHEMAS[type].safeParse(fields);
  if (!parsed.success) return failure(id, parsed.error.issues.map((issue) => issue.message).join('; '));
  return { ok: true, message: parsed.data };
}

function isClientType(type: string): type is ClientType {
  return Object.hasOwn(CLIENT_MESSAGE_SCHEMAS, type);
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
