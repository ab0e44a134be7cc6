import { ask } from '../../src/core/answer';
import { buildCorpus } from '../../src/core/corpus';
import { resolveDate } from '../../src/core/dates';
import { buildIndex } from '../../src/core/search-index';
import { tenseAt, type Tense } from '../../src/core/tense';
import { articleText, textFile } from '../helpers';

describe('resolveDate', () => {
  it.each<[string, string, Tense | undefined, string | undefined]>([
    ['on Saturday', '2020-02-16', undefined, '2020-02-15'], // published on a Sunday
    ['Sunday', '2020-02-16', undefined, '2020-02-09'], // the same weekday means the week before
    ['on Monday', '2020-02-16', undefined, '2020-02-10'],
    ['on Monday', '2020-02-16', 'future', '2020-02-17'],
    ['Sunday', '2020-02-16', 'future', '2020-02-23'], // the same weekday ahead is next week's
    ['In December', '2020-02-16', undefined, '2019-12'], // a later month than publication: last year
    ['in February', '2020-02-16', undefined, '2020-02'],
    ['In December 2016', '2020-02-16', undefined, '2016-12'],
    ['16th February, 2020', '2020-02-16', undefined, '2020-02-16'],
    ['Feb. 3', '2020-02-16', undefined, '2020-02-03'],
    ['about an hour', '2020-02-16', undefined, undefined],
    // regression: "goes on sale in June" in an article of 20 May 2024 is June 2024, not 2023.
    ['in June', '2024-05-20', 'future', '2024-06'],
    ['in June', '2024-05-20', 'past', '2023-06'],
    ['in April', '2024-05-20', 'future', '2025-04'],
    ['in April', '2024-05-20', 'past', '2024-04'],
    ['in May', '2024-05-20', 'future', '2024-05'], // the month of publication, either way
    ['in May', '2024-05-20', 'past', '2024-05'],
    ['on May 3', '2024-05-20', 'future', '2025-05-03'], // the day has passed
    ['on May 25', '2024-05-20', 'future', '2024-05-25'],
    ['on May 25', '2024-05-20', 'past', '2023-05-25'],
    ['in June 2023', '2024-05-20', 'future', '2023-06'], // a year given is kept
    ['in January', '2024-12-30', 'future', '2025-01'], // across the turn of the year
    ['in December', '2024-01-02', 'past', '2023-12'],
    // A day counted from publication, whatever the tense ("spoke today" in a readout is its date).
    ['today', '2021-02-09', undefined, '2021-02-09'],
    ['yesterday', '2021-03-01', 'future', '2021-02-28'],
    ['tomorrow', '2024-12-31', undefined, '2025-01-01'],
  ])('%s (published %s, %s) -> %s', (phrase, published, tense, expected) => {
    expect(resolveDate(phrase, published, tense)).toBe(expected);
  });
});

describe('tenseAt', () => {
  /** The tense of the sentence's verb governing `phrase`, the whole text being one sentence. */
  function tenseOf(sentence: string, phrase = 'June'): Tense | undefined {
    const start = sentence.lastIndexOf(phrase);
    if (start < 0) throw new Error(`no ${phrase} in ${sentence}`);
    return tenseAt(sentence, { start: 0, end: sentence.length }, { start, end: start + phrase.length });
  }

  it.each<[string, Tense | undefined]>([
    ['The S1 will go on sale in June.', 'future'],
    ["It'll open in June.", 'future'],
    ['The S1 goes on sale in June.', 'future'], // the present of a scheduled event
    ['Sales begin in June, the company said.', 'future'],
    ['The S1 is expected to go on sale in June.', 'future'],
    ['The phone is due in June.', 'future'],
    ['The company said it would ship the phone in June.', 'future'],
    ['In June, the company will open a plant.', 'future'], // the verb after the phrase
    ['The S1 was launched in June.', 'past'],
    ['Samsung launched the S1 in June.', 'past'],
    ['The company said sales began in June.', 'past'],
    ['The S1 has been on sale since June.', 'past'],
    ['The S1 is selling well since June.', 'past'], // "since" looks back whatever the verb
    ['Prices will stay where they were last June.', 'past'],
    ['Prices were lower than they will be next June.', 'future'],
    ['Opening in June.', undefined],
    // regression: the hyphen of a name is not the end of the clause.
    ['Heiko Maas met Jean-Yves Le Drian in Geneva in June to prepare a new round of talks.', 'past'],
    ['Samsung, which makes the S1, launched it in June.', 'past'],
  ])('%s -> %s', (sentence, tense) => {
    expect(tenseOf(sentence)).toBe(tense);
  });

  it('reads each clause on its own', () => {
    const sentence = 'The plant opened in May and will close in December.';
    expect(tenseOf(sentence, 'May')).toBe('past');
    expect(tenseOf(sentence, 'December')).toBe('future');
  });

  it('reads only the given sentence of a text', () => {
    const text = 'The S1 was shown in March. It goes on sale in June.';
    const second = { start: text.indexOf('It'), end: text.length };
    const at = text.indexOf('June');
    expect(tenseAt(text, second, { start: at, end: at + 4 })).toBe('future');
  });
});

describe('ask resolves a month without a year towards the side its verb points to', () => {
  const index = buildIndex(
    buildCorpus([
      textFile(
        's1.md',
        articleText(
          { id: 's1', title: 'Sunbeam shows the S1 phone', published: '2024-05-20' },
          'Sunbeam shows the S1 phone\n\nThe Sunbeam S1 phone was first shown in March. The S1 goes on sale in June, the company said.',
        ),
      ),
    ]),
  );

  it.each([
    ['When does the S1 go on sale?', 'June', '2024-06'],
    ['When was the S1 first shown?', 'March', '2024-03'],
  ])('%s -> %s, %s', (question, text, date) => {
    const answer = ask(index, question);
    expect(answer.short).toMatchObject({ text: expect.stringContaining(text), date });
  });
});

describe('tenseAt in a long sentence', () => {
  it('reads the clause around the phrase, however long the sentence', () => {
    const filler = 'and the officials, ministers, aides and reporters, '.repeat(2000);
    const text = `Samsung launched the S1 in June ${filler}while the S2 will arrive in June.`;
    const first = text.indexOf('June');
    const last = text.lastIndexOf('June');
    const sentence = { start: 0, end: text.length };
    expect(tenseAt(text, sentence, { start: first, end: first + 4 })).toBe('past');
    expect(tenseAt(text, sentence, { start: last, end: last + 4 })).toBe('future');
  });
});
