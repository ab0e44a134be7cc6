/**
 * Property tests of the one parser of client frames: whatever arrives, it returns a typed
 * message that matches the published schema, or a bad_request that echoes little.
 */
import fc from 'fast-check';
import { parseClientMessage } from '../../src/protocol/parse';
import { schemaErrors } from '../schemas';

const CLIENT_SCHEMA: Record<string, string> = { ask: 'AskMessage', reset: 'ResetMessage', ping: 'PingMessage', suggest: 'SuggestMessage', feedback: 'FeedbackMessage' };

/** Valid asks, then mutated: fields dropped, retyped, or set to odd values. */
const validAsk = fc.record({
  type: fc.constant('ask'),
  id: fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.integer()), { nil: undefined }),
  question: fc.string({ minLength: 1, maxLength: 50 }).filter((q) => q.trim() !== ''),
  limit: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
});
const oddValue = fc.oneof(fc.constant(null), fc.boolean(), fc.double(), fc.string({ maxLength: 5 }), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 1 }), fc.constant('x'.repeat(2000)));
const mutatedAsk = fc
  .tuple(validAsk, fc.constantFrom('type', 'id', 'question', 'limit', '__proto__', 'constructor', 'extra'), oddValue, fc.boolean())
  .map(([ask, key, value, drop]) => {
    const copy: Record<string, unknown> = JSON.parse(JSON.stringify(ask));
    if (drop) delete copy[key];
    else Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
    return JSON.stringify(copy);
  });
const frames = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.json({ maxDepth: 4 }),
  mutatedAsk,
  validAsk.map((ask) => JSON.stringify(ask)),
);

describe('parseClientMessage, for any frame', () => {
  it('never throws, and returns a message its schema accepts or a short bad_request', () => {
    fc.assert(
      fc.property(frames, (frame) => {
        const result = parseClientMessage(frame);
        if (result.ok) {
          const schema = CLIENT_SCHEMA[result.message.type];
          expect(schema).toBeDefined();
          expect(schemaErrors(schema!, result.message)).toBe('');
        } else {
          expect(result.error.code).toBe('bad_request');
          expect(result.error.type).toBe('error');
          // A reply never echoes more than it must: the message stays short whatever came in.
          expect(result.error.message.length).toBeLessThan(400);
          expect(result.error.id === null || typeof result.error.id === 'string' || typeof result.error.id === 'number').toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every valid ask, with the question trimmed and the id echoed verbatim', () => {
    fc.assert(
      fc.property(validAsk, (ask) => {
        const result = parseClientMessage(JSON.stringify(ask));
        expect(result).toEqual({
          ok: true,
          message: { type: 'ask', question: ask.question.trim(), ...(ask.id === undefined ? {} : { id: ask.id }), ...(ask.limit === undefined ? {} : { limit: ask.limit }) },
        });
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['a duplicate key (the last one counts, as in JSON.parse)', '{"type":"ask","question":"first","question":"second"}', { ok: true, message: { type: 'ask', question: 'second' } }],
    ['a huge number id', '{"type":"ask","id":123456789012345678901234567890,"question":"q"}', { ok: true, message: { type: 'ask', id: 1.2345678901234568e29, question: 'q' } }],
    ['a "constructor" key', '{"type":"ask","question":"q","constructor":{"prototype":{"polluted":true}}}', { ok: true, message: { type: 'ask', question: 'q' } }],
  ])('handles %s deliberately', (_name, frame, expected) => {
    expect(parseClientMessage(frame)).toEqual(expected);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
