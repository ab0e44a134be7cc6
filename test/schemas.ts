import Ajv, { type ValidateFunction } from 'ajv';
import { MESSAGE_SCHEMAS, type SERVER_MESSAGES, standaloneSchema } from '../src/protocol/schemas';
import type { SERVER_MESSAGE_SCHEMAS } from '../src/protocol/server-messages';

const ajv = new Ajv({ strict: true, allErrors: true });
const validators = new Map<string, ValidateFunction>();
for (const name of Object.keys(MESSAGE_SCHEMAS)) validators.set(name, ajv.compile(standaloneSchema(name) as object));

/** The JSON Schema of each server message, by its `type`: the compiler checks every type is here. */
export const SERVER_SCHEMA_BY_TYPE: Readonly<Record<keyof typeof SERVER_MESSAGE_SCHEMAS, (typeof SERVER_MESSAGES)[number]>> = {
  hello: 'HelloMessage',
  answer: 'AnswerMessage',
  error: 'ErrorMessage',
  reset: 'ResetDoneMessage',
  pong: 'PongMessage',
  suggestions: 'SuggestionsMessage',
  feedback: 'FeedbackDoneMessage',
};

/** The schema errors of `value` against schema `name`, as text; empty when valid. */
export function schemaErrors(name: string, value: unknown): string {
  const validate = validators.get(name);
  if (!validate) return `no schema ${name}`;
  return validate(value) ? '' : ajv.errorsText(validate.errors, { dataVar: name });
}

/** Throws when a server message does not validate against the schema of its type. */
export function assertServerMessage(message: Record<string, unknown>): void {
  const name = (SERVER_SCHEMA_BY_TYPE as Readonly<Record<string, string>>)[String(message.type)];
  const errors = name ? schemaErrors(name, message) : `no schema for server message type ${String(message.type)}`;
  if (errors) throw new Error(`server message ${JSON.stringify(message).slice(0, 300)} does not match its schema: ${errors}`);
}
