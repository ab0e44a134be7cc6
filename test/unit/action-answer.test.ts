import { ask } from '../../src/core/answer';
import { ACTION_ASKED } from '../../src/core/question';
import { oneArticleIndex } from '../helpers';

const index = oneArticleIndex(
  { id: 'call', title: 'Secretary speaks with President Mensah' },
  'Secretary speaks with President Mensah\n\nSecretary of State Jane Okafor spoke today with President David Mensah. ' +
    'The Secretary urged President Mensah to immediately release all political figures detained since October 25, and to restore the cabinet. ' +
    'She also asked the army to return to its barracks. ' +
    'The Secretary welcomed the release of two journalists.',
);

describe('"What did X ask Y to do?": an action, given by an infinitive', () => {
  it.each([
    'What did Blinken urge Burhan to do with the detainees?',
    'What are Moscow and Tokyo trying to do?',
    'What did the Secretary ask the army to do after the coup?',
  ])('asks for an action: %s', (question) => {
    expect(ACTION_ASKED.test(question)).toBe(true);
  });

  it.each(['What did the Secretary welcome?', 'What is to be done in Accra?', 'What does the bill have to do with taxes?'])('asks for none: %s', (question) => {
    expect(ACTION_ASKED.test(question)).toBe(false);
  });

  it.each([
    ['What did the Secretary urge President Mensah to do about the detainees?', 'immediately release all political figures detained since October 25'],
    ['What did the Secretary ask the army to do?', 'return to its barracks'],
  ])('%s -> %s: the infinitive after the verb that asks, up to the clause\'s punctuation', (question, action) => {
    const answer = ask(index, question);
    expect(answer.answered).toBe(true);
    expect(answer.short?.text).toBe(action);
  });

  it('answers "What did X welcome?" with what follows the verb, as before', () => {
    expect(ask(index, 'What did the Secretary welcome?').short?.text).toBe('the release of two journalists');
  });
});
