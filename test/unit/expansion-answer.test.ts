import { ask } from '../../src/core/answer';
import { oneArticleIndex } from '../helpers';

const index = oneArticleIndex(
  { id: 'call', title: 'Minister speaks with the army chief' },
  'Minister speaks with the army chief\n\nThe minister urged the Sudanese Armed Forces (SAF) and the Rapid Support Forces (RSF) to end the fighting. ' +
    'She reaffirmed support for the civilian-led transitional government (CLTG) in Khartoum. ' +
    'The Scottish National Party (SNP) sent an observer. The observer (NPO) is from the National Peace Office (NPO).',
);

describe('"What does X stand for?"', () => {
  it.each([
    ['What does RSF stand for?', 'Rapid Support Forces'],
    ['What does SAF stand for?', 'Sudanese Armed Forces'],
    ['What is CLTG short for?', 'civilian-led transitional government'],
    // The acronym asked about, not another one of the question's.
    ['What does SAF stand for in the RSF war?', 'Sudanese Armed Forces'],
    ['What does the RSF, which fights the SAF, stand for?', 'Rapid Support Forces'],
    // A later "(NPO)" spells it out where the first does not.
    ['What does NPO stand for?', 'National Peace Office'],
  ])('%s -> %s, the words that spell it out, as written', (question, expansion) => {
    const answer = ask(index, question);
    expect(answer.short?.text).toBe(expansion);
    const passage = answer.passages[answer.short!.passage]!;
    expect(passage.text.slice(answer.short!.start, answer.short!.end)).toBe(expansion);
  });
});

it('asks no expansion of a question that merely says "stand for"', () => {
  expect(ask(index, 'Who will stand for the SNP in Glasgow?').short?.text).not.toBe('Scottish National Party');
});
