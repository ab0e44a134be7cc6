/**
 * The zod schemas are the protocol's one definition: the JSON Schemas are made from them,
 * they agree with those on every message, and what the service sends passes both.
 */
import { converse } from '../../src/core/answer';
import { MAX_LIMIT, MAX_QUESTION_LENGTH } from '../../src/core/request';
import { CLIENT_MESSAGE_SCHEMAS, MAX_PREFIX_LENGTH } from '../../src/protocol/client-messages';
import { MAX_ID_LENGTH, PROTOCOL_VERSION } from '../../src/protocol/common';
import { CLIENT_MESSAGES, MESSAGE_SCHEMAS, SERVER_MESSAGES, SHARED_DEFINITIONS, standaloneSchema } from '../../src/protocol/schemas';
import { answerMessageSchema, SERVER_MESSAGE_SCHEMAS } from '../../src/protocol/server-messages';
import { seedIndexOnce } from '../helpers';
import { schemaErrors, SERVER_SCHEMA_BY_TYPE } from '../schemas';

const index = seedIndexOnce();

describe('the schema table', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', ''])('has no schema named %j', (name) => {
    expect(standaloneSchema(name)).toBeUndefined();
    expect(Object.hasOwn(MESSAGE_SCHEMAS, name)).toBe(false);
    expect(MESSAGE_SCHEMAS[name]).toBeUndefined();
  });

  it('names every message of both directions, and the HTTP bodies', () => {
    expect(Object.keys(MESSAGE_SCHEMAS).sort()).toEqual([...CLIENT_MESSAGES, ...SERVER_MESSAGES, 'Answer', 'HttpError'].sort());
    expect(Object.keys(SERVER_MESSAGE_SCHEMAS).length).toBe(SERVER_MESSAGES.length);
    expect(Object.keys(CLIENT_MESSAGE_SCHEMAS).length).toBe(CLIENT_MESSAGES.length);
  });

  it('serves each schema as a draft-07 document carrying the definitions its references need', () => {
    for (const name of Object.keys(MESSAGE_SCHEMAS)) {
      const schema = standaloneSchema(name)!;
      expect(schema).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', $id: `/schemas/${name}.json` });
      for (const ref of JSON.stringify(schema).matchAll(/"\$ref":"#\/definitions\/(\w+)"/g)) expect(SHARED_DEFINITIONS).toHaveProperty([ref[1]!]);
    }
  });
});

describe('the JSON Schemas, made from the zod schemas', () => {
  it('carry the limits the zod schemas check', () => {
    expect(MESSAGE_SCHEMAS.HelloMessage).toMatchObject({ properties: { protocol: { const: PROTOCOL_VERSION } } });
    expect(MESSAGE_SCHEMAS.AnswerMessage).toMatchObject({ properties: { passages: { maxItems: MAX_LIMIT } } });
    expect(MESSAGE_SCHEMAS.AskMessage).toMatchObject({
      properties: { question: { minLength: 1, maxLength: MAX_QUESTION_LENGTH }, limit: { minimum: 1, maximum: MAX_LIMIT, default: 3 } },
      required: ['type', 'question'],
    });
    expect(MESSAGE_SCHEMAS.SuggestMessage).toMatchObject({ properties: { prefix: { maxLength: MAX_PREFIX_LENGTH } } });
    expect(SHARED_DEFINITIONS.RequestId).toMatchObject({ anyOf: [{ type: 'string', maxLength: MAX_ID_LENGTH }, { type: 'number' }] });
  });

  it('close the server messages and leave the client messages open', () => {
    for (const name of [...SERVER_MESSAGES, 'Answer', 'HttpError']) expect(MESSAGE_SCHEMAS[name]).toHaveProperty('additionalProperties', false);
    for (const name of CLIENT_MESSAGES) expect(MESSAGE_SCHEMAS[name]).not.toHaveProperty('additionalProperties');
  });

  it('let a client read a field of a later server (dropped) that the published schema refuses', () => {
    const later = { type: 'pong', id: 'p', region: 'eu' };
    expect(SERVER_MESSAGE_SCHEMAS.pong.safeParse(later)).toEqual({ success: true, data: { type: 'pong', id: 'p' } });
    expect(schemaErrors('PongMessage', later)).toContain('must NOT have additional properties');
  });

  // zod drops unknown fields where the closed JSON Schemas refuse them; on everything else they agree.
  it.each<[string, boolean, Record<string, unknown>]>([
    ['a hello', true, { type: 'hello', protocol: 1, documents: 1, sentences: 16, capabilities: ['ask', 'tomorrow'] }],
    ['a hello of another version', false, { type: 'hello', protocol: 2, documents: 1, sentences: 16, capabilities: [] }],
    ['a hello without capabilities', false, { type: 'hello', protocol: 1, documents: 1, sentences: 16 }],
    ['a hello with negative documents', false, { type: 'hello', protocol: 1, documents: -1, sentences: 16, capabilities: [] }],
    ['an error with a code of tomorrow', true, { type: 'error', id: 'a', code: 'overloaded', message: 'later' }],
    ['an error without a message', false, { type: 'error', id: null, code: 'internal' }],
    ['an error with a fractional wait', false, { type: 'error', id: 7, code: 'rate_limited', message: 'wait', retryAfterMs: 2.5 }],
    ['a pong', true, { type: 'pong', id: null }],
    ['a pong without an id', false, { type: 'pong' }],
    ['a pong with an object id', false, { type: 'pong', id: {} }],
    ['suggestions', true, { type: 'suggestions', id: 's', suggestions: ['peace treaty'] }],
    ['suggestions that are not strings', false, { type: 'suggestions', id: 's', suggestions: [1] }],
    ['an answer without passages', false, { type: 'answer', id: 'q', question: 'Who?', answered: false }],
    ['an answer with a passage lacking its citation', false, { type: 'answer', id: 'q', question: 'Who?', answered: true, passages: [{ text: 'x', score: 1, highlights: [], context: {} }] }],
  ])('%s: valid is %s for zod and the JSON Schema alike', (_name, valid, message) => {
    const type = message.type as keyof typeof SERVER_MESSAGE_SCHEMAS;
    expect(SERVER_MESSAGE_SCHEMAS[type].safeParse(message).success).toBe(valid);
    expect(schemaErrors(SERVER_SCHEMA_BY_TYPE[type], message) === '').toBe(valid);
  });

  it('pass every answer the core makes, whole', () => {
    let conversation;
    for (const question of ['How long did the meeting last?', 'Who did Motegi meet?', 'Where would they do that?', 'What is the price of tea in Peru?']) {
      const result = converse(index, question, { limit: MAX_LIMIT, conversation });
      conversation = result.conversation;
      const message = { type: 'answer', id: 'q', ...result.answer };
      expect(schemaErrors('AnswerMessage', message)).toBe('');
      const parsed = answerMessageSchema.safeParse(message);
      expect(parsed.success && parsed.data).toEqual(message);
    }
  });
});
