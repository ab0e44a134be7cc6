import { MAX_ID_LENGTH, parseClientMessage } from '../../src/protocol/parse';

describe('parseClientMessage', () => {
  it('accepts an ask with every field, trimming the question', () => {
    expect(parseClientMessage('{"type":"ask","id":"q1","question":"  How long?  ","limit":5}')).toEqual({
      ok: true,
      message: { type: 'ask', id: 'q1', question: 'How long?', limit: 5 },
    });
  });

  it('accepts an ask with only a question, and numeric ids', () => {
    expect(parseClientMessage('{"type":"ask","question":"Who?"}')).toEqual({ ok: true, message: { type: 'ask', question: 'Who?' } });
    expect(parseClientMessage('{"type":"ask","id":7,"question":"Who?"}')).toEqual({ ok: true, message: { type: 'ask', id: 7, question: 'Who?' } });
  });

  it('accepts a ping, with or without an id', () => {
    expect(parseClientMessage('{"type":"ping"}')).toEqual({ ok: true, message: { type: 'ping' } });
    expect(parseClientMessage('{"type":"ping","id":5}')).toEqual({ ok: true, message: { type: 'ping', id: 5 } });
  });

  it('accepts a reset, with or without an id', () => {
    expect(parseClientMessage('{"type":"reset"}')).toEqual({ ok: true, message: { type: 'reset' } });
    expect(parseClientMessage('{"type":"reset","id":"r1"}')).toEqual({ ok: true, message: { type: 'reset', id: 'r1' } });
  });

  it('ignores unknown fields, for forward compatibility', () => {
    expect(parseClientMessage('{"type":"ask","question":"Who?","lang":"en"}')).toEqual({ ok: true, message: { type: 'ask', question: 'Who?' } });
  });

  it('keeps a "__proto__" key from touching any prototype', () => {
    const result = parseClientMessage('{"type":"ask","question":"Who?","__proto__":{"limit":99}}');
    expect(result).toEqual({ ok: true, message: { type: 'ask', question: 'Who?' } });
    expect(({} as Record<string, unknown>).limit).toBeUndefined();
  });

  // Every bad shape: the reply code, the id echoed (when it could be read), and what the message must say.
  it.each<[string, string, string | number | null, string]>([
    ['not JSON', 'not json', null, 'the message is not valid JSON'],
    ['empty frame', '', null, 'the message is not valid JSON'],
    ['a JSON string', '"ask"', null, 'must be a JSON object, not a string'],
    ['a JSON number', '42', null, 'must be a JSON object, not a number'],
    ['null', 'null', null, 'must be a JSON object, not null'],
    ['an array', '[{"type":"ask"}]', null, 'must be a JSON object, not an array'],
    ['no type', '{"id":"a","question":"Who?"}', 'a', 'missing "type" (expected "ask", "reset", "ping", "suggest" or "feedback")'],
    ['type not a string', '{"id":"a","type":1}', 'a', '"type" must be a string'],
    ['unknown type', '{"id":"a","type":"answer"}', 'a', 'unknown message type "answer" (expected "ask", "reset", "ping", "suggest" or "feedback")'],
    ['a very long unknown type is not echoed whole', `{"type":"${'x'.repeat(5000)}"}`, null, `unknown message type "${'x'.repeat(40)}…"`],
    ['no question', '{"type":"ask","id":"a"}', 'a', 'missing "question"'],
    ['question not a string', '{"type":"ask","id":"a","question":5}', 'a', '"question" must be a string'],
    ['empty question', '{"type":"ask","id":"a","question":""}', 'a', '"question" is empty'],
    ['blank question', '{"type":"ask","id":"a","question":" \\n\\t "}', 'a', '"question" is empty'],
    ['question too long', `{"type":"ask","id":"a","question":"${'a'.repeat(1001)}"}`, 'a', '"question" is longer than 1000 characters'],
    ['limit zero', '{"type":"ask","id":"a","question":"Who?","limit":0}', 'a', '"limit" must be from 1 to 10'],
    ['limit too big', '{"type":"ask","id":"a","question":"Who?","limit":11}', 'a', '"limit" must be from 1 to 10'],
    ['limit fractional', '{"type":"ask","id":"a","question":"Who?","limit":2.5}', 'a', '"limit" must be a whole number'],
    ['limit a string', '{"type":"ask","id":"a","question":"Who?","limit":"3"}', 'a', '"limit" must be a number'],
    ['two bad fields', '{"type":"ask","id":"a","question":"","limit":0}', 'a', '"question" is empty; "limit" must be from 1 to 10'],
    ['id an object', '{"type":"ask","id":{"x":1},"question":"Who?"}', null, '"id" must be a string'],
    ['id a boolean', '{"type":"ask","id":true,"question":"Who?"}', null, '"id" must be a string'],
    ['id too long', `{"type":"ask","id":"${'i'.repeat(MAX_ID_LENGTH + 1)}","question":"Who?"}`, null, `at most ${MAX_ID_LENGTH} characters`],
    ['id an overflowing number', '{"type":"ask","id":1e400,"question":"Who?"}', null, 'or a finite number'],
    ['numeric id echoed', '{"type":"nope","id":12}', 12, 'unknown message type'],
    ['suggest without a prefix', '{"type":"suggest","id":"s"}', 's', 'missing "prefix"'],
    ['suggest with a long prefix', `{"type":"suggest","prefix":"${'p'.repeat(201)}"}`, null, '"prefix" is longer than 200 characters'],
    ['feedback with a bad rating', '{"type":"feedback","rating":"meh","question":"x"}', null, '"rating" must be "up" or "down"'],
    ['feedback without a question', '{"type":"feedback","rating":"up"}', null, 'missing "question"'],
    ['feedback with a negative sentence', '{"type":"feedback","rating":"up","question":"x","sentence":-1}', null, '"sentence" must not be negative'],
  ])('%s -> bad_request', (_name, frame, id, message) => {
    const result = parseClientMessage(frame);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual({ type: 'error', id, code: 'bad_request', message: expect.stringContaining(message) });
  });

  it('survives deeply nested JSON', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(parseClientMessage(deep)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
