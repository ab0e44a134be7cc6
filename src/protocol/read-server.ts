/**
 * How a client reads a frame from the server: checked against the server messages'
 * schemas rather than trusted, so that a server of another version, or anything else at
 * the URL, is reported as such instead of surfacing later as a missing field.
 */
import { PROTOCOL_VERSION, type RequestId } from './common';
import type { ServerMessage } from './messages';
import { SERVER_MESSAGE_SCHEMAS } from './server-messages';

export type ServerFrame =
  | { readonly kind: 'message'; readonly message: ServerMessage }
  /** A message type this client does not know: later servers add them, and clients ignore them. */
  | { readonly kind: 'unknown'; readonly type: string }
  /** A `hello` of a protocol version this client does not speak. */
  | { readonly kind: 'other-version'; readonly protocol: unknown }
  /**
   * Not a message of this protocol. `type` and `id` are what the frame claims to be and
   * to answer, when they can be read; `problem` says what is wrong, for an error message.
   */
  | { readonly kind: 'invalid'; readonly type: string | undefined; readonly id: RequestId | null; readonly problem: string };

type ServerType = keyof typeof SERVER_MESSAGE_SCHEMAS;

/** Reads the text of one frame from the server. Never throws. */
export function readServerFrame(text: string): ServerFrame {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return invalid(undefined, null, 'a frame that is not JSON');
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return invalid(undefined, null, 'a frame that is not a JSON object');
  const fields = data as Record<string, unknown>;
  const type = Object.hasOwn(fields, 'type') && typeof fields.type === 'string' ? fields.type : undefined;
  const id = Object.hasOwn(fields, 'id') && (typeof fields.id === 'string' || typeof fields.id === 'number') ? fields.id : null;
  if (type === undefined) return invalid(undefined, id, 'a message without a "type"');
  if (!isServerType(type)) return { kind: 'unknown', type };
  if (type === 'hello' && fields.protocol !== PROTOCOL_VERSION) return { kind: 'other-version', protocol: fields.protocol };

  const parsed = SERVER_MESSAGE_SCHEMAS[type].safeParse(fields);
  if (parsed.success) return { kind: 'message', message: parsed.data };
  const problems = parsed.error.issues.slice(0, 3).map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  return invalid(type, id, `a "${type}" message that does not follow protocol ${PROTOCOL_VERSION} (${problems.join('; ')})`);
}

function isServerType(type: string): type is ServerType {
  return Object.hasOwn(SERVER_MESSAGE_SCHEMAS, type);
}

function invalid(type: string | undefined, id: RequestId | null, problem: string): ServerFrame {
  return { kind: 'invalid', type, id, problem };
}
