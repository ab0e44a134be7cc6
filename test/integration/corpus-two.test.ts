/**
 * Two articles that share vocabulary (foreign ministers, meetings, talks): answers must
 * come from the right one, and what one article says about its people must not leak into
 * the other.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ask } from '../../src/core/answer';
import { buildCorpus } from '../../src/core/corpus';
import { documentEntities } from '../../src/core/entities';
import { buildIndex } from '../../src/core/search-index';
import { wordnetThesaurus } from '../../src/node/wordnet';
import { SEED_ID } from '../helpers';

const dir = path.join(__dirname, '..', 'fixtures', 'corpus-two');
const index = buildIndex(
  buildCorpus(readdirSync(dir).map((name) => ({ name, bytes: readFileSync(path.join(dir, name)) }))),
  { thesaurus: wordnetThesaurus() },
);

function top(question: string) {
  const answer = ask(index, question);
  return { answer, doc: answer.passages[0]?.citation.doc, text: answer.passages[0]?.text ?? '' };
}

describe('a corpus of two articles', () => {
  it('answers each question from the article it is about', () => {
    expect(top('How long did Motegi and Lavrov meet?')).toMatchObject({ doc: SEED_ID, answer: { short: { text: 'about an hour' } } });
    expect(top('How long did Maas and Le Drian talk?')).toMatchObject({ doc: 'test-trade-talks', answer: { short: { text: 'two hours' } } });
    expect(top('Where did Maas meet Le Drian?')).toMatchObject({ doc: 'test-trade-talks', answer: { short: { text: 'Geneva' } } });
  });

  it('keeps a role to the person it names in its own article', () => {
    // "The German foreign minister said..." is Maas, not Motegi.
    const germany = index.corpus.document('test-trade-talks')!;
    const seed = index.corpus.document(SEED_ID)!;
    expect(index.entities(germany).people.map((p) => p.surname).sort()).toEqual(['drian', 'maas']);
    const roleSentence = germany.sentences.findIndex((s) => germany.text.slice(s.start, s.end).startsWith('The German foreign minister'));
    const maas = index.entities(germany).people.find((p) => p.surname === 'maas')!;
    const recognized = documentEntities(germany, index.analyzer);
    expect(recognized.sentenceAliases(roleSentence)).toContain(maas.term);
    expect(recognized.sentenceAliases(roleSentence)).not.toContain('motegi');
    expect(top('Who agreed on a common position on steel tariffs?').answer.short?.text).toBe('German foreign minister');
    expect(index.entities(seed).people.map((p) => p.surname)).not.toContain('maas');
  });

  it('resolves relative dates against each article\'s own date', () => {
    expect(top('When did Maas meet Le Drian?').answer.short).toMatchObject({ text: 'Wednesday', date: '2021-03-03' });
    expect(top('When did Motegi meet Lavrov?').answer.short).toMatchObject({ text: 'Saturday', date: '2020-02-15' });
  });

  it('still declines what neither article covers', () => {
    expect(top('Who is the mayor of Geneva?').answer.answered).toBe(false);
  });
});
