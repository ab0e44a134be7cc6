import { ask } from '../../src/core/answer';
import { buildCorpus } from '../../src/core/corpus';
import { buildIndex } from '../../src/core/search-index';
import { articleText, textFile } from '../helpers';

const index = buildIndex(
  buildCorpus([
    textFile(
      'call.md',
      articleText(
        { id: 'call', title: 'Minister speaks with the army chief' },
        'Minister speaks with the army chief\n\nThe minister urged the Sudanese Armed Forces (SAF) and the Rapid Support Forces (RSF) to end the fighting. ' +
          'She reaffirmed support for the civilian-led transitional government (CLTG) in Khartoum.',
      ),
    ),
  ]),
);

describe('"What does X stand for?"', () => {
  it.each([
    ['What does RSF stand for?', 'Rapid Support Forces'],
    ['What does SAF stand for?', 'Sudanese Armed Forces'],
    ['What is CLTG short for?', 'civilian-led transitional government'],
  ])('%s -> %s, the words that spell it out, as written', (question, expansion) => {
    const answer = ask(index, question);
    expect(answer.short?.text).toBe(expansion);
    const passage = answer.passages[answer.short!.passage]!;
    expect(passage.text.slice(answer.short!.start, answer.short!.end)).toBe(expansion);
  });
});
