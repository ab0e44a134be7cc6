import { ask } from '../../src/core/answer';
import { asksAuthor, authorLine } from '../../src/core/ranking';
import { buildCorpus } from '../../src/core/corpus';
import { buildIndex } from '../../src/core/search-index';
import { articleText, sharedThesaurus, textFile } from '../helpers';

/** Two press-office articles (a readout with a line saying whose it is, a statement signed at its end) and a report with neither. */
const index = buildIndex(
  buildCorpus([
    textFile(
      'readout.md',
      articleText(
        { id: 'readout', title: "Secretary Okafor's Call with President Mensah", published: '2024-03-04' },
        "Secretary Okafor's Call with President Mensah\n\nThe following is attributable to Spokesperson Lena Ortiz:\n\n" +
          'Secretary of State Jane Okafor spoke today with President David Mensah about the harbour dispute. ' +
          'The Secretary urged both sides to reopen the harbour talks. ' +
          'Ambassador Li Wei issued a statement condemning the attack on the harbour.',
      ),
    ),
    textFile(
      'statement.md',
      articleText(
        { id: 'statement', title: 'Pausing Grants to the Port Authority', published: '2024-03-05' },
        'Pausing Grants to the Port Authority\n\nThe government is pausing certain grants to the port authority. ' +
          'Food assistance will continue.\n\nJane Okafor, Secretary of State',
      ),
    ),
    textFile(
      'report.md',
      articleText(
        { id: 'report', title: 'Ferry strike ends', published: '2024-03-06' },
        'Ferry strike ends\n\nThe ferry strike ended on Monday after the union signed an agreement. ' +
          'Union leader Tomas Brenner said the crews would return on Tuesday.',
      ),
    ),
  ]),
  { thesaurus: sharedThesaurus() },
);
const document = (id: string) => index.corpus.document(id)!;
const sentence = (id: string, n: number) => {
  const span = document(id).sentences[n]!;
  return document(id).text.slice(span.start, span.end);
};

describe('whose a statement is', () => {
  it.each([
    'Who signed the statement pausing grants to the port authority?',
    'Which spokesperson put out the readout of the call with Mensah?',
    'Who issued the statement?',
    'Who is the readout attributable to?',
  ])('asks who put a statement out: %s', (question) => {
    expect(asksAuthor(question)).toBe(true);
  });

  it.each(['Who released the detainees?', 'Who signed the agreement?', 'What did the statement say about food assistance?'])('asks nothing of the kind: %s', (question) => {
    expect(asksAuthor(question)).toBe(false);
  });

  it('finds the line naming whose it is, before the text or closing it, and none in a report', () => {
    expect(sentence('readout', authorLine(index, document('readout'))!)).toBe('The following is attributable to Spokesperson Lena Ortiz:');
    expect(sentence('statement', authorLine(index, document('statement'))!)).toBe('Jane Okafor, Secretary of State');
    // Its last sentence names a person, but says more than a name and a title.
    expect(authorLine(index, document('report'))).toBeUndefined();
  });

  it.each([
    ['Who signed the statement pausing grants to the port authority?', 'statement', 'Jane Okafor'],
    ['Which spokesperson put out the readout of the call with Mensah?', 'readout', 'Lena Ortiz'],
  ])('%s -> %s, the line saying whose it is first and the passage matched second', (question, id, author) => {
    const answer = ask(index, question);
    expect(answer.answered).toBe(true);
    expect(answer.passages[0]!.citation.doc).toBe(id);
    expect(answer.passages[0]!.text).toBe(sentence(id, authorLine(index, document(id))!));
    expect(answer.passages[1]!.citation.doc).toBe(id);
    expect(answer.short?.text).toBe(author);
  });

  it('answers from a passage that tells of a statement and who put it out, not from the line saying whose the article is', () => {
    const answer = ask(index, 'Who issued a statement condemning the attack on the harbour?');
    expect(answer.passages[0]!.text).toBe('Ambassador Li Wei issued a statement condemning the attack on the harbour.');
    expect(answer.short?.text).toBe('Li Wei');
  });

  it('leaves a question about what a statement says, and an article without such a line, as ranked', () => {
    expect(ask(index, 'What did the statement say about food assistance?').passages[0]!.text).toBe('Food assistance will continue.');
    expect(ask(index, 'Who signed the agreement to end the ferry strike?').passages[0]!.citation.doc).toBe('report');
  });
});
