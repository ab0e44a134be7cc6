import { parseClientMessage } from '../../src/protocol/parse';
import { schemaErrors } from '../schemas';

describe('message schemas', () => {
  it('reject a server message with a field they do not document', () => {
    expect(schemaErrors('PongMessage', { type: 'pong', id: null })).toBe('');
    expect(schemaErrors('PongMessage', { type: 'pong', id: null, extra: 1 })).toContain('must NOT have additional properties');
    expect(schemaErrors('HelloMessage', { type: 'hello', protocol: 1, documents: 1, sentences: 16 })).toContain("must have required property 'capabilities'");
  });

  // The client schemas and the parser must agree on what is a valid message.
  it.each([
    ['{"type":"ask","question":"Who?"}', 'AskMessage'],
    ['{"type":"ask","id":"a","question":"Who?","limit":10}', 'AskMessage'],
    ['{"type":"ask","id":7,"question":"Who?","extra":true}', 'AskMessage'],
    ['{"type":"ask","question":""}', 'AskMessage'],
    ['{"type":"ask","question":"Who?","limit":11}', 'AskMessage'],
    ['{"type":"ask","question":"Who?","limit":1.5}', 'AskMessage'],
    ['{"type":"ask","question":5}', 'AskMessage'],
    ['{"type":"ask","id":{},"question":"Who?"}', 'AskMessage'],
    [`{"type":"ask","id":"${'i'.repeat(257)}","question":"Who?"}`, 'AskMessage'],
    ['{"type":"reset"}', 'ResetMessage'],
    ['{"type":"reset","id":true}', 'ResetMessage'],
    ['{"type":"ping","id":"p"}', 'PingMessage'],
    ['{"type":"suggest","prefix":"pea"}', 'SuggestMessage'],
    ['{"type":"suggest"}', 'SuggestMessage'],
    ['{"type":"feedback","rating":"down","question":"Who?","doc":"d","sentence":3}', 'FeedbackMessage'],
    ['{"type":"feedback","rating":"maybe","question":"Who?"}', 'FeedbackMessage'],
  ])('%s: the parser accepts it exactly when %s does', (frame, schema) => {
    expect(parseClientMessage(frame).ok).toBe(schemaErrors(schema, JSON.parse(frame)) === '');
  });
});
