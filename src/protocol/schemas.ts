/**
 * JSON Schemas (draft-07, as AsyncAPI uses) of every WebSocket message, and of the HTTP
 * answer and error bodies, made with `z.toJSONSchema` from the zod schemas that define
 * the protocol. Served at /schemas/<Name>.json and embedded in the AsyncAPI document.
 *
 * Server messages are closed (additionalProperties: false) so that a field the server
 * adds without documenting it fails the tests that validate what it sends; clients must
 * still ignore fields they do not know, since later servers add them. Client messages are
 * open, as the server ignores fields it does not know.
 */
import type { $ZodType } from 'zod/v4/core';
import * as z from 'zod/mini';
import { askSchema, feedbackSchema, pingSchema, resetSchema, suggestSchema } from './client-messages';
import { protocolMeta } from './common';
import {
  answerMessageSchema,
  answerSchema,
  errorMessageSchema,
  feedbackDoneSchema,
  helloSchema,
  httpErrorSchema,
  pongSchema,
  resetDoneSchema,
  suggestionsSchema,
} from './server-messages';

export type Schema = Record<string, unknown>;

/** Names of the messages a client sends. */
export const CLIENT_MESSAGES = ['AskMessage', 'ResetMessage', 'PingMessage', 'SuggestMessage', 'FeedbackMessage'] as const;
/** Names of the messages a server sends over WebSocket. */
export const SERVER_MESSAGES = ['HelloMessage', 'AnswerMessage', 'ErrorMessage', 'ResetDoneMessage', 'PongMessage', 'SuggestionsMessage', 'FeedbackDoneMessage'] as const;

/**
 * Each schema with the side it describes: what a client sends is read as zod reads input
 * (open objects), what the server sends as zod's output (closed objects).
 */
const SOURCES: ReadonlyArray<readonly [string, $ZodType, 'input' | 'output']> = [
  ['AskMessage', askSchema, 'input'],
  ['ResetMessage', resetSchema, 'input'],
  ['PingMessage', pingSchema, 'input'],
  ['SuggestMessage', suggestSchema, 'input'],
  ['FeedbackMessage', feedbackSchema, 'input'],
  ['HelloMessage', helloSchema, 'output'],
  ['AnswerMessage', answerMessageSchema, 'output'],
  ['ErrorMessage', errorMessageSchema, 'output'],
  ['ResetDoneMessage', resetDoneSchema, 'output'],
  ['PongMessage', pongSchema, 'output'],
  ['SuggestionsMessage', suggestionsSchema, 'output'],
  ['FeedbackDoneMessage', feedbackDoneSchema, 'output'],
  ['Answer', answerSchema, 'output'],
  ['HttpError', httpErrorSchema, 'output'],
];

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/**
 * The definitions shared between schemas (`RequestId`, `Citation`...), and each schema
 * without them (its `$ref`s point to `#/definitions/<Name>`).
 */
function convert(): { readonly schemas: ReadonlyMap<string, Schema>; readonly definitions: Readonly<Record<string, Schema>> } {
  const schemas = new Map<string, Schema>();
  const definitions: Record<string, Schema> = Object.create(null);
  for (const [name, source, io] of SOURCES) {
    const { $schema: _version, definitions: used, ...schema } = z.toJSONSchema(source, { target: 'draft-07', io, metadata: protocolMeta }) as Schema;
    Object.assign(definitions, used as Record<string, Schema> | undefined);
    schemas.set(name, schema);
  }
  return { schemas, definitions };
}

const converted = convert();

/**
 * Every message and body, by name. A table without a prototype, so that a name from the
 * network (`__proto__`, `constructor`) finds nothing it did not put there.
 */
export const MESSAGE_SCHEMAS: Readonly<Record<string, Schema>> = Object.freeze(Object.assign(Object.create(null) as Record<string, Schema>, Object.fromEntries(converted.schemas)));

/** The shared definitions, for documents that embed every schema (AsyncAPI). */
export const SHARED_DEFINITIONS: Readonly<Record<string, Schema>> = Object.freeze(converted.definitions);

/** One message's schema as a standalone JSON Schema document (with the definitions it uses), or undefined when there is none by that name. */
export function standaloneSchema(name: string): Schema | undefined {
  const schema = converted.schemas.get(name);
  if (!schema) return undefined;
  return { $schema: DRAFT_07, $id: `/schemas/${name}.json`, ...schema, definitions: converted.definitions };
}
