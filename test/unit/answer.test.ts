import { ask } from '../../src/core/answer';
import { CiteqaError } from '../../src/core/errors';
import { SEED_ID, seedIndexOnce } from '../helpers';

const index = seedIndexOnce();
const seed = index.corpus.document(SEED_ID)!;

/** The sentence number whose text contains `fragment`. */
function sentenceWith(fragment: string): number {
  const n = seed.sentences.findIndex((s) => seed.text.slice(s.start, s.end).includes(fragment));
  if (n < 0) throw new Error(`no sentence contains ${fragment}`);
  return n;
}

describe('ranking: question -> expected first sentence', () => {
  it.each<[string, string, string]>([
    // "last" and "lasted" share the stem; no other sentence speaks of duration.
    ['How long did the meeting last?', 'which lasted for about an hour', 'stemming joins last/lasted'],
    // "disputed" -> "disput" matches "dispute"; "islands" matches too.
    ['Which islands are disputed?', 'Iturup, Kunashir, Shikotan and Habomai', 'two content words in one sentence'],
    // The headline also says "peace treaty" and "Russia-Japan"; the body sentence holds the fact.
    ['Why have Russia and Japan never signed a peace treaty?', 'never signed a permanent WWII peace treaty', 'headline weighs less than the body'],
    // Only one sentence names both leaders and the year.
    ['What did Putin and Abe agree on in 2016?', 'joint economic activities', 'numbers are terms'],
    // "Lavrov's" folds to "lavrov"; "visit" and "terms" are in the invitation sentence.
    ["What about the terms of Lavrov's visit?", 'terms are being negotiated', 'possessive folded'],
    // A shouted question is the same question.
    ['WHO SENT A NEW YEAR MESSAGE', 'New Year message', 'case folded'],
  ])('%s', (question, fragment) => {
    const answer = ask(index, question);
    expect(answer.answered).toBe(true);
    expect(answer.passages[0]?.citation.sentence).toBe(sentenceWith(fragment));
  });
});

describe('ask', () => {
  it('declines a question none of whose content words the articles contain, naming them', () => {
    const answer = ask(index, 'What is the capital of France?');
    expect(answer).toEqual({
      question: 'What is the capital of France?',
      answered: false,
      passages: [],
      message: 'The articles don\'t say: they never mention "capital" or "France".',
    });
  });

  it('declines a question made only of stop words rather than matching them', () => {
    const answer = ask(index, 'What is it that they have been doing?');
    expect(answer.answered).toBe(false);
    expect(answer.passages).toEqual([]);
    expect(answer.message).toContain('no words that identify a topic');
  });

  it('returns at most `limit` passages, best first, with exact citations', () => {
    const answer = ask(index, 'peace treaty Russia Japan', { limit: 5 });
    expect(answer.passages).toHaveLength(5);
    const scores = answer.passages.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const { text, citation } of answer.passages) {
      expect(seed.text.slice(citation.start, citation.end)).toBe(text);
      expect(citation).toEqual({
        doc: SEED_ID,
        title: seed.title,
        source: 'Pakistan Point News / Sputnik',
        published: '2020-02-16',
        url: `/docs/${SEED_ID}#s${citation.sentence}`,
        sentence: citation.sentence,
        start: seed.sentences[citation.sentence]!.start,
        end: seed.sentences[citation.sentence]!.end,
      });
    }
  });

  it('defaults to three passages', () => {
    expect(ask(index, 'peace treaty').passages).toHaveLength(3);
  });

  it('never shows the replacement character', () => {
    const answer = ask(index, 'Iturup Kunashir Shikotan Habomai');
    expect(answer.passages[0]?.text).toContain('islands \u2014 Iturup');
  });

  it.each([
    ['an empty question', '', '"question" is empty'],
    ['a question over 1000 characters', 'x'.repeat(1001), 'longer than 1000 characters'],
  ])('rejects %s with bad_request', (_name, question, message) => {
    expect(thrown(() => ask(index, question))).toMatchObject({ code: 'bad_request', message: expect.stringContaining(message) });
  });

  it.each([0, 11, 2.5, Number.NaN])('rejects limit %p with bad_request', (limit) => {
    expect(thrown(() => ask(index, 'peace', { limit }))).toMatchObject({ code: 'bad_request', message: expect.stringContaining('"limit"') });
  });
});

function thrown(fn: () => unknown): CiteqaError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CiteqaError) return error;
    throw error;
  }
  throw new Error('expected a CiteqaError, but nothing was thrown');
}
