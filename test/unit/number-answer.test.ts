/**
 * Short answers to "how many" and "how much": the figure with the words that say how exact
 * it is, and money written with a currency sign.
 */
import { ask } from '../../src/core/answer';
import { oneArticleIndex } from '../helpers';

const index = oneArticleIndex(
  { id: 'results', title: 'Harlow Foods reports a record quarter' },
  'Harlow Foods reports a record quarter\n\nHarlow Foods employs roughly 9,800 people at its four plants. ' +
    'The company said up to 40 stores would open next year. ' +
    'Rovers paid £18 million for the striker in January. ' +
    'Storms could leave rural homes without power for up to five days. ' +
    'The plant in Tema produced 120 tonnes of cocoa.',
);

describe('numbers, as the passage gives them', () => {
  it.each([
    ['How many people does Harlow Foods employ?', 'roughly 9,800'],
    ['How many stores will open next year?', 'up to 40'],
    ['How much did Rovers pay for the striker?', '£18 million'],
    ['How long could rural homes be without power?', 'up to five days'],
    ['How many tonnes of cocoa did the plant in Tema produce?', '120'],
  ])('%s -> %s', (question, expected) => {
    expect(ask(index, question).short?.text).toBe(expected);
  });
});
