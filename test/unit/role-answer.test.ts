import { ask, converse } from '../../src/core/answer';
import { roleAsked } from '../../src/core/question';
import { oneArticleIndex } from '../helpers';

const index = oneArticleIndex(
  { id: 'talks', title: 'Ministers meet on the border dispute' },
  'Ministers meet on the border dispute\n\nForeign Minister Amina Osei met Prime Minister David Mensah in Accra on Monday. ' +
    'The two discussed the border dispute and a report on trade. ' +
    'The report was published by the trade office last year. ' +
    // Sentences holding the words a title question only asks with, "hold" and "held".
    'The unions hold talks on Monday, and Osei will hold a rally on Friday. ' +
    'A vote held by Osei in March was lost.',
);

describe('"What title does X hold?"', () => {
  it.each([
    ['What position does Amina Osei hold?', 'Foreign Minister'],
    ['What titles does Osei hold?', 'Foreign Minister'],
    ["What is Mensah's title?", 'Prime Minister'],
    ['What is the title of David Mensah?', 'Prime Minister'],
    ['What office is held by David Mensah?', 'Prime Minister'],
  ])('%s -> %s: the title written before the name, though the article never writes "title" or "hold"', (question, role) => {
    const answer = ask(index, question);
    expect(answer.answered).toBe(true);
    expect(answer.short?.text).toBe(role);
    const passage = answer.passages[answer.short!.passage]!;
    expect(passage.text.slice(answer.short!.start, answer.short!.end)).toBe(role);
  });

  it('follows up on the person asked about before ("What position does she hold?")', () => {
    const first = converse(index, 'Who is Amina Osei?');
    const answer = ask(index, 'What position does she hold?', { conversation: first.conversation });
    expect(answer.short?.text).toBe('Foreign Minister');
  });

  it.each(['What is her title?', 'What job did she have in March?'])('after "Who is Amina Osei?", %s asks for her title', (question) => {
    const first = converse(index, 'Who is Amina Osei?');
    expect(ask(index, question, { conversation: first.conversation }).short?.text).toBe('Foreign Minister');
  });

  it('keeps a time the question sets in the search ("in March")', () => {
    const answer = ask(index, 'What post did Osei hold in March?');
    expect(answer.short?.text).toBe('Foreign Minister');
  });

  it.each(['What is the title of her report?', 'What is the position of her party?', 'What is the title of it?'])(
    'after "Who is Amina Osei?", %s asks for no title she holds',
    (question) => {
      const first = converse(index, 'Who is Amina Osei?');
      expect(ask(index, question, { conversation: first.conversation }).short?.text).not.toBe('Foreign Minister');
    },
  );

  it.each(['What is the title of the report by Osei?', "What is the title of Osei's report?", 'What is the position of Osei on the dispute?'])(
    '%s asks for no title Osei holds',
    (question) => {
      expect(ask(index, question).short?.text).not.toBe('Foreign Minister');
    },
  );

  it('keeps the word when no person is named: the title of a report is not a role', () => {
    const answer = ask(index, 'What is the title of the report?');
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('"title"');
  });
});

describe('roleAsked', () => {
  it.each([
    ['What titles does Burhan hold?', ['titles', 'hold']],
    ['which position has the new prime minister held?', ['position', 'held']],
    ['What is Burhan’s title?', ['title']],
    ["What was Kenneth Swezey's job?", ['job']],
    ['What is the title of Abdel Fattah al-Burhan?', ['title']],
    ['What was the post held by Hamdok?', ['post', 'held']],
    ['What office is held by Hamdok?', ['office', 'held']],
    ['What post did Hamdok hold before the coup?', ['post', 'hold']],
    ['What was her job in 2021?', ['job']],
  ])('%s: %j say what is wanted', (question, words) => {
    expect(roleAsked(question)?.map(([s, e]) => question.slice(s, e))).toEqual(words);
  });

  it.each([
    'What title did the band give its album?',
    'What is one issue that adds to the complexity of a pharmacist’s job?',
    'Who holds the title?',
    'What role did Burhan play in the talks?',
    "What is the title of Mensah's report?",
    'What is the title of the report by Osei?',
    'What is the position of Hamdok on the transition?',
    "What were Musk's posts?",
    // One word of 190 letters would be a name, but no title question is that long.
    `What is the title of ${'A'.repeat(190)}?`,
    'What is the title of her book?',
    'What is the title of it?',
  ])('%s asks for no title held', (question) => {
    expect(roleAsked(question)).toBeUndefined();
  });
});
