/**
 * "Which judge ...?", "Which spokesperson ...?": a kind of person (WordNet's) asks for a
 * person, answered by the name the question's word titles, in any of the first passages.
 */
import { ask } from '../../src/core/answer';
import { rank } from '../../src/core/ranking';
import { oneArticleIndex } from '../helpers';

const index = oneArticleIndex(
  { id: 'ruling', title: 'Court blocks landfill expansion' },
  'Court blocks landfill expansion\n\nThe appeals court blocked the expansion of the Ridgeback landfill on Monday, in a ruling read by Chief Clerk Amina Osei. ' +
    'Judge Elena Marsh wrote the majority opinion, joined by two colleagues. ' +
    'The ruling was released by the court press officer Daniel Kwame on Tuesday. ' +
    'Lawyers for the county said they would appeal.',
);

describe('a kind of person asked with "which" or "what"', () => {
  it.each([
    ['Which judge wrote the majority opinion?', 'PERSON', 'Elena Marsh'],
    ['Which press officer released the ruling?', 'PERSON', 'Daniel Kwame'],
    ['Which clerk read the ruling?', 'PERSON', 'Amina Osei'],
  ])('%s asks for a %s: %s', (question, type, short) => {
    expect(rank(index, question, 3).wanted?.type).toBe(type);
    expect(ask(index, question).short?.text).toBe(short);
  });

  it('reads a kind of something else, or "what kind of" a person, as before', () => {
    expect(rank(index, 'Which landfill was blocked?', 3).wanted?.type).toBe('THING');
    expect(rank(index, 'What kind of judge is Marsh?', 3).wanted?.type).not.toBe('PERSON');
  });
});
