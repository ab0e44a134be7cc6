import { ask } from '../../src/core/answer';
import { buildCorpus } from '../../src/core/corpus';
import { datePhrases, MAX_DATES, publicationTerms, questionDateTerms, sentenceDateTerms } from '../../src/core/date-terms';
import { buildIndex } from '../../src/core/search-index';
import { articleText, oneArticleIndex, textFile } from '../helpers';

/** The month's term as the analyzer writes it, "may" dropped as a stop word. */
const monthTerm = (name: string) => (name === 'may' ? undefined : name);

describe('questionDateTerms', () => {
  it.each<[string, string[]]>([
    ['Who did Blinken speak with on April 26, 2023?', ['2023-04-26']],
    ['What was said on 26 April 2023?', ['2023-04-26']],
    ['What happened on the 26th of April?', ['--04-26']],
    ['What did they discuss in May 2024?', ['2024-05']],
    ['What was agreed on Sept. 5th, 2020?', ['2020-09-05']],
    ['What happened on 2023-04-26?', ['2023-04-26']],
    // A year is its own number term; a month alone, "today" or a weekday have no date without the article's.
    ['What happened in 2019?', []],
    ['What happened in December?', []],
    ['What did he say today, on Saturday?', []],
    // "may" and "march" in lower case are verbs.
    ['They may 2 march 3 times', []],
    // A misspelt month beside a day or a year is still a date; a name one slip from a month, alone, is not.
    ['What did he say in Febuary 2021?', ['2021-02']],
    ['What happened on Septmber 5?', ['--09-05']],
    ['What happened on 9 Feburary 2021?', ['2021-02-09']],
    ['What did Octavia say?', []],
    ['What did Junes say in 2021?', []],
  ])('%s -> %j', (question, terms) => {
    expect(questionDateTerms(question).map((t) => t.term)).toEqual(terms);
  });

  it('spans the whole phrase, as an alias', () => {
    const question = 'Who spoke on April 26, 2023?';
    const [term] = questionDateTerms(question);
    expect(term && question.slice(term.start, term.end)).toBe('April 26, 2023');
    expect(term?.alias).toBe(true);
  });

  it('reads at most MAX_DATES phrases, however long the text', () => {
    expect(datePhrases('April 1, 2020 and '.repeat(500))).toHaveLength(MAX_DATES);
  });
});

describe('sentenceDateTerms', () => {
  it('gives a date written in full every coarser form of it', () => {
    expect(sentenceDateTerms('They met on April 26, 2023.', '2024-01-01', monthTerm).sort()).toEqual(['--04-26', '2023', '2023-04', '2023-04-26', 'april', 'wednesday'].sort());
  });

  it('reads a relative date against the publication date', () => {
    expect(sentenceDateTerms('Blinken spoke today with the minister.', '2023-04-26', monthTerm)).toContain('2023-04-26');
    expect(sentenceDateTerms('They met yesterday.', '2023-03-01', monthTerm)).toContain('2023-02-28');
    // Published on a Sunday: "on Saturday" is the day before.
    expect(sentenceDateTerms('They met on Saturday.', '2020-02-16', monthTerm)).toContain('2020-02-15');
    // A day without its year: as written, and placed in the year before publication.
    expect(sentenceDateTerms('detained since October 25', '2021-11-04', monthTerm)).toEqual(expect.arrayContaining(['--10-25', '2021-10-25']));
  });

  it('gives nothing for a sentence without a date', () => {
    expect(sentenceDateTerms('The talks lasted an hour.', '2020-02-16', monthTerm)).toEqual([]);
  });
});

/** Two look-alike readouts on different dates: only their front matter tells them apart. */
const READOUTS = [
  ['call-2021', '2021-02-09', 'Mira Hollis'],
  ['call-2023', '2023-04-26', 'Tomas Brenner'],
] as const;

describe('an article date is part of what it says', () => {
  const index = buildIndex(
    buildCorpus(
      READOUTS.map(([id, published, minister]) =>
        textFile(
          `${id}.md`,
          articleText(
            { id, title: 'The Secretary’s Call With the Minister', published },
            `The Secretary’s Call With the Minister\n\nThe Secretary spoke today with Foreign Minister ${minister} about the harbour treaty. They agreed to meet again soon.`,
          ),
        ),
      ),
    ),
  );

  it.each([
    ['Who did the Secretary speak with on April 26, 2023?', 'call-2023', 'Tomas Brenner'],
    ['Who did the Secretary speak with on February 9, 2021?', 'call-2021', 'Mira Hollis'],
    ['Who did the Secretary speak with in April 2023?', 'call-2023', 'Tomas Brenner'],
    ['Who did the Secretary speak with in 2021?', 'call-2021', 'Mira Hollis'],
  ])('%s -> %s', (question, doc, minister) => {
    const answer = ask(index, question);
    expect(answer.answered).toBe(true);
    expect(answer.passages[0]?.citation.doc).toBe(doc);
    expect(answer.passages[0]?.text).toContain(minister);
  });

  it('picks the sentence by its words and the article by its date', () => {
    const answer = ask(index, 'What did the Secretary and the minister agree on April 26, 2023?');
    expect(answer.passages[0]?.citation.doc).toBe('call-2023');
    expect(answer.passages[0]?.text).toBe('They agreed to meet again soon.');
  });

  it('gives "today" as a short answer with the date it means', () => {
    const answer = ask(index, 'When did the Secretary speak with Tomas Brenner?');
    expect(answer.short).toMatchObject({ text: 'today', date: '2023-04-26' });
  });

  it('declines a year that neither article is of', () => {
    const answer = ask(index, 'Who did the Secretary speak with in 2019?');
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('2019');
  });

  it('declines a month that neither article is of', () => {
    expect(ask(index, 'Who did the Secretary speak with on January 10, 2023?').answered).toBe(false);
  });

  it('marks no words for a matched date, and keeps citations exact', () => {
    const answer = ask(index, 'Who did the Secretary speak with on April 26, 2023?', { limit: 5 });
    const document = index.corpus.document('call-2023');
    expect(answer.passages.some((p) => p.citation.sentence === 0)).toBe(true);
    for (const passage of answer.passages) {
      const doc = index.corpus.document(passage.citation.doc);
      expect(doc?.text.slice(passage.citation.start, passage.citation.end)).toBe(passage.text);
      // Only the question's own words are marked: "today" and the headline stand for the date, but do not say it.
      for (const [start, end] of passage.highlights) expect(passage.text.slice(start, end)).toMatch(/^(?:Secretary(?:’s)?|spoke)$/);
    }
    expect(document).toBeDefined();
  });
});

describe('publicationTerms', () => {
  it('gives every sentence the day and the month; the headline also the day of the year, the year, the month and the weekday', () => {
    expect(publicationTerms('2023-04-26', monthTerm)).toEqual({
      sentence: ['2023-04-26', '2023-04'],
      headline: ['2023-04-26', '--04-26', '2023-04', '2023', 'april', 'wednesday'],
    });
  });
});

describe('the weekday of a date', () => {
  it('is a term of a sentence that dates a day without naming it', () => {
    // 28 November 2022 was a Monday; the article is of Tuesday the 29th.
    expect(sentenceDateTerms('The flow crossed the road yesterday evening, November 28.', '2022-11-29', monthTerm)).toContain('monday');
    expect(sentenceDateTerms('The launch was scrubbed today.', '2024-06-01', monthTerm)).toContain('saturday');
    // No weekday for a day the calendar does not have.
    expect(sentenceDateTerms('It was due on February 31, 2023.', '2023-03-01', monthTerm).filter((t) => /day$/.test(t))).toEqual([]);
  });

  it('answers a question that names the weekday the article does not write', () => {
    const lava = oneArticleIndex(
      { id: 'lava', title: 'Eruption update', published: '2022-11-29' },
      'Eruption update\n\nThe largest lava flow crossed the Observatory Road yesterday evening, November 28. Gas emissions stayed high.',
    );
    const answer = ask(lava, 'Which road did the largest lava flow cross on Monday?');
    expect(answer.answered).toBe(true);
    expect(answer.passages[0]?.text).toContain('Observatory Road');
    expect(ask(lava, 'Which road did the largest lava flow cross on Friday?').answered).toBe(false);
  });
});
