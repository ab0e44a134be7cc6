/**
 * The AsyncAPI 3.0 document of the WebSocket API. Its payloads are the JSON Schemas of
 * schemas.ts, made from the protocol's zod schemas, which the tests validate server
 * messages against. Served at /asyncapi.yaml and /asyncapi.json.
 */
import { stringify } from 'yaml';
import { CLIENT_MESSAGES, MESSAGE_SCHEMAS, SERVER_MESSAGES, SHARED_DEFINITIONS } from './schemas';

type Json = Record<string, unknown>;

/** Replaces `#/definitions/X` with `#/components/schemas/X` throughout a schema. */
function relocate(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relocate);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        key === '$ref' && typeof inner === 'string' ? inner.replace('#/definitions/', '#/components/schemas/') : relocate(inner),
      ]),
    );
  }
  return value;
}

const messageKey = (name: string) => name.charAt(0).toLowerCase() + name.slice(1).replace(/Message$/, '');

const DESCRIPTION = `Ask questions about the news articles of this service and get the sentences that answer
them, each with a citation that can be checked against the article text.

One JSON object per text frame. The server sends \`hello\` once on connect. Each \`ask\`
gets one reply, \`answer\` or \`error\`, carrying the ask's \`id\`; a client may send several
asks without waiting, and must match replies by \`id\` (an \`id\` still waiting for its
answer may not be reused). Clients must ignore message types, fields and error codes they
do not know.

Error codes: \`bad_request\` (fix the request; the socket stays open), \`rate_limited\`
(send again after \`retryAfterMs\`), \`internal\` (retry later).

Close codes: 1001 the server is going away (reconnect later), 1007 a text frame that is
not UTF-8, 1009 a frame over 16 KiB, 4003 the page's origin is not allowed (reason
\`origin not allowed\`; do not reconnect: the server's ALLOWED_ORIGINS must admit it
first).`;

export function asyncApiDocument(version: string): Json {
  const schemas: Json = relocate({ ...SHARED_DEFINITIONS, ...MESSAGE_SCHEMAS }) as Json;
  const messages: Json = {};
  for (const name of [...CLIENT_MESSAGES, ...SERVER_MESSAGES]) {
    const schema = MESSAGE_SCHEMAS[name] as { title?: string };
    messages[messageKey(name)] = {
      name: messageKey(name),
      title: schema.title,
      contentType: 'application/json',
      payload: { $ref: `#/components/schemas/${name}` },
      ...(name === 'HelloMessage' ? {} : { correlationId: { $ref: '#/components/correlationIds/requestId' } }),
    };
  }
  const channelMessage = (name: string) => ({ $ref: `#/channels/questions/messages/${messageKey(name)}` });
  const channel = { $ref: '#/channels/questions' };
  const requestReply = (request: string, replies: readonly string[], summary: string) => ({
    action: 'send',
    channel,
    summary,
    messages: [channelMessage(request)],
    reply: { channel, messages: replies.map(channelMessage) },
  });

  return {
    asyncapi: '3.0.0',
    info: { title: 'citeqa', version, description: DESCRIPTION },
    defaultContentType: 'application/json',
    servers: {
      local: { host: 'localhost:3000', protocol: 'ws', pathname: '/ws', description: 'The service run with npm start' },
    },
    channels: {
      questions: {
        address: '/ws',
        title: 'Questions and answers',
        messages: Object.fromEntries(Object.keys(messages).map((key) => [key, { $ref: `#/components/messages/${key}` }])),
      },
    },
    operations: {
      ask: requestReply('AskMessage', ['AnswerMessage', 'ErrorMessage'], 'Ask a question; the reply carries the same id'),
      reset: requestReply('ResetMessage', ['ResetDoneMessage', 'ErrorMessage'], 'Forget the conversation, so the next question is not a follow-up'),
      ping: requestReply('PingMessage', ['PongMessage', 'ErrorMessage'], 'Check the connection (browsers cannot send protocol pings)'),
      suggest: requestReply('SuggestMessage', ['SuggestionsMessage', 'ErrorMessage'], 'Completions of the question being typed'),
      feedback: requestReply('FeedbackMessage', ['FeedbackDoneMessage', 'ErrorMessage'], "A reader's thumbs up or down on an answer; counted, nothing about the reader kept"),
      hello: { action: 'receive', channel, summary: 'Sent once on connect', messages: [channelMessage('HelloMessage')] },
      error: { action: 'receive', channel, summary: 'A frame that could not be read at all', messages: [channelMessage('ErrorMessage')] },
    },
    components: {
      schemas,
      messages,
      correlationIds: { requestId: { description: "The request's id, echoed in its reply", location: '$message.payload#/id' } },
    },
  };
}

export function asyncApiYaml(version: string): string {
  return stringify(asyncApiDocument(version), { aliasDuplicateObjects: false, lineWidth: 0 });
}
