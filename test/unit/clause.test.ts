import { ask, converse } from '../../src/core/answer';
import { withClauseWeight } from '../../src/core/ranking';
import { oneArticleIndex } from '../helpers';

// A readout: the lede names the call the question sets its time by; a later sentence says
// what was asked about it.
const READOUT = oneArticleIndex(
  { id: 'call', title: 'Minister speaks with Chilean counterpart' },
  "Foreign Minister Ana Ruiz spoke by phone today with Chile's Foreign Minister Pablo Soto. The ministers discussed the fishing accord. Ruiz pressed for continued talks on quotas before the season opens. She also thanked Chile for its help after the floods.",
);
const LEDE = 1;
const ANSWER = 3;

function placeOfAnswer(question: string): number {
  return ask(READOUT, question).passages.findIndex((p) => p.citation.sentence === ANSWER);
}

describe('the clause setting a question’s time or condition', () => {
  it('weighs less than the rest of the question (src/core/clause.json): the sentence that answers goes before the lede that tells of the clause’s event', () => {
    const question = 'What did Ruiz press for after speaking with Soto?';
    expect(ask(READOUT, question).passages[0]?.citation.sentence).toBe(ANSWER);
    expect(withClauseWeight(1, () => ask(READOUT, question)).passages[0]?.citation.sentence).toBe(LEDE);
    // With a pronoun in the clause it moves up, not yet first.
    const other = 'What did Ruiz press for when she phoned Soto?';
    expect(placeOfAnswer(other)).toBeLessThan(withClauseWeight(1, () => placeOfAnswer(other)));
  });

  it('weighs the same opening the question as closing it: "After speaking with Soto, what did Ruiz press for?"', () => {
    const opening = 'After speaking with Soto, what did Ruiz press for?';
    expect(ask(READOUT, opening).passages[0]?.citation.sentence).toBe(ANSWER);
    expect(withClauseWeight(1, () => ask(READOUT, opening)).passages[0]?.citation.sentence).toBe(LEDE);
  });

  it('declines alike whether the clause the articles never mention opens or closes the question, or follows another', () => {
    for (const question of ['Who pressed for talks after Soto resigned?', 'After Soto resigned, who pressed for talks?', 'After the call, who pressed for talks after Soto resigned?']) {
      const answer = ask(READOUT, question);
      expect(answer.answered).toBe(false);
      expect(answer.message).toMatch(/never mention "resigned"/);
    }
  });

  it('leaves a follow-up as it was: its clause may be all it adds to the terms it carries', () => {
    const { conversation } = converse(READOUT, 'What did Ruiz press for?');
    const followUp = 'What did he say after the floods?';
    const answer = ask(READOUT, followUp, { conversation });
    expect(answer.passages[0]?.citation.sentence).toBe(4);
    expect(withClauseWeight(1, () => ask(READOUT, followUp, { conversation }))).toEqual(answer);
  });

  it('leaves a question without such a clause as it was', () => {
    const question = 'What did Ruiz press for?';
    expect(withClauseWeight(1, () => ask(READOUT, question))).toEqual(ask(READOUT, question));
  });

  it('refuses a weight outside (0, 1], and restores the committed one after a run that throws', () => {
    expect(() => withClauseWeight(0, () => 1)).toThrow(/a clause weight must be a number in \(0, 1\]/);
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
