import { ask } from '../../src/core/answer';
import { withClauseWeight } from '../../src/core/ranking';
import { oneArticleIndex } from '../helpers';

// A readout: the lede names the call the question sets its time by; a later sentence says
// what was asked about it.
const READOUT = oneArticleIndex(
  { id: 'call', title: 'Minister speaks with Chilean counterpart' },
  "Foreign Minister Ana Ruiz spoke by phone today with Chile's Foreign Minister Pablo Soto. The ministers discussed the fishing accord. Ruiz pressed for continued talks on quotas before the season opens. She also thanked Chile for its help after the floods.",
);
const ANSWER = 3;

function placeOfAnswer(question: string): number {
  return ask(READOUT, question).passages.findIndex((p) => p.citation.sentence === ANSWER);
}

describe('the clause setting a question’s time or condition', () => {
  it('weighs less than the rest of the question (src/core/clause.json), lifting the sentence that answers above one that only tells of the clause’s event', () => {
    for (const question of ['What did Ruiz press for when she phoned Soto?', 'What did Ruiz press for when she spoke with Soto by phone?']) {
      const weighted = placeOfAnswer(question);
      const unweighted = withClauseWeight(1, () => placeOfAnswer(question));
      expect(weighted).toBeGreaterThanOrEqual(0);
      expect(weighted).toBeLessThan(unweighted);
    }
  });

  it('leaves a question without such a clause as it was', () => {
    const question = 'What did Ruiz press for?';
    expect(withClauseWeight(1, () => ask(READOUT, question))).toEqual(ask(READOUT, question));
  });

  it('refuses a weight outside (0, 1], and restores the committed one after a run that throws', () => {
    expect(() => withClauseWeight(0, () => 1)).toThrow(/must be a number in \(0, 1\]/);
    expect(() => withClauseWeight(1.5, () => 1)).toThrow(/must be a number in \(0, 1\]/);
    const before = ask(READOUT, 'What did Ruiz press for when she phoned Soto?');
    expect(() =>
      withClauseWeight(1, () => {
        throw new Error('inside');
      }),
    ).toThrow('inside');
    expect(ask(READOUT, 'What did Ruiz press for when she phoned Soto?')).toEqual(before);
  });
});
