import { Analyzer, normalizeWord, termOf, words } from '../../src/core/analyzer';
import { parseAliases } from '../../src/core/corpus-aliases';
import { builtInAliases, createLexicon, Lexicon } from '../../src/core/lexicon';
import { fixtureAliases } from '../helpers';

const analyzer = new Analyzer(new Lexicon(builtInAliases(normalizeWord)));
const terms = (text: string) => analyzer.terms(text).map((t) => (t.alias ? `${t.term}*` : t.term));
/** With the test corpus's own aliases file, which knows its subject's places and history. */
const shipped = parseAliases(fixtureAliases().bytes);
const corpusAnalyzer = new Analyzer(createLexicon(normalizeWord, shipped.ok ? shipped.aliases : []));
const corpusTerms = (text: string) => corpusAnalyzer.terms(text).map((t) => (t.alias ? `${t.term}*` : t.term));

describe('analyzer', () => {
  it('splits words with offsets, dropping punctuation; hyphens split words', () => {
    const text = 'Lavrov’s talks (75th) cost $3.5 billion, 10,000 ships; Russia-Japan U.S.';
    expect(words(text).map((w) => [w.raw, text.slice(w.start, w.end)])).toEqual(
      ['Lavrov’s', 'talks', '75th', 'cost', '3.5', 'billion', '10,000', 'ships', 'Russia', 'Japan', 'U.S.'].map((w) => [w, w]),
    );
  });

  it('folds case, diacritics, possessives, full-width forms and initialism dots', () => {
    expect(['Lavrov', "LAVROV'S", 'Lavrov’s', 'Lávrov', 'Ｌａｖｒｏｖ'].map(normalizeWord)).toEqual(Array(5).fill('lavrov'));
    expect(normalizeWord('U.S.')).toBe('us');
    expect(normalizeWord('10,000')).toBe('10000');
    expect(normalizeWord('3.5')).toBe('3.5');
  });

  it('stems inflections to the same term', () => {
    expect(terms('negotiations negotiated islands island')).toEqual(['negoti', 'negoti', 'island', 'island']);
  });

  it('drops stop words and question words', () => {
    expect(terms('What is the name of the hotel, and when did he go?')).toEqual(['name', 'hotel', 'go']);
    expect(termOf('a')).toBeNull();
  });

  it('reads numbers in words and digits alike', () => {
    expect(terms('four islands; 4 islands')).toEqual(['4', 'island', '4', 'island']);
    expect(terms('the seventy-fifth anniversary; the 75th anniversary')).toEqual(['75th', 'anniversari', '75th', 'anniversari']);
  });

  it('gives every way of writing the Second World War one alias', () => {
    for (const text of ['World War II', 'the Second World War', 'WWII', 'World War Two', 'WW2']) {
      expect(terms(text)).toContain('ww2*');
    }
  });

  it("links the Japanese and Russian names of the disputed islands through the corpus's aliases only", () => {
    expect(corpusTerms('Etorofu')).toEqual(expect.arrayContaining(['iturup*', 'kuril*']));
    expect(corpusTerms('the Northern Territories')).toEqual(expect.arrayContaining(['kuril*']));
    expect(corpusTerms('the southern Kurils')).toEqual(expect.arrayContaining(['kuril*']));
    expect(terms('Etorofu')).toEqual(['etorofu']);
  });

  it('links countries, demonyms, capitals and historical names', () => {
    expect(terms('Japanese').sort()).toEqual(['japan*', 'japanes']);
    expect(terms('Moscow').sort()).toEqual(['moscow', 'russia*']);
    // "Washington D.C." as news writes it, without its initialism.
    expect(terms('Washington offered help')).toEqual(expect.arrayContaining(['washington', 'united-states*']));
    expect(corpusTerms('the Soviet victory')).toEqual(expect.arrayContaining(['ussr*', 'russia*']));
    expect(corpusTerms('the USSR')).toEqual(expect.arrayContaining(['ussr*']));
  });

  it('links titles and their abbreviations', () => {
    expect(terms("Japan's premier")).toEqual(expect.arrayContaining(['prime-minister*']));
    expect(terms('the Prime Minister')).toEqual(expect.arrayContaining(['prime-minister*']));
    expect(terms('the PM said')).toEqual(expect.arrayContaining(['prime-minister*']));
  });

  it('reads capitals-only initialisms only where capitals mean something', () => {
    expect(terms('U.S. officials')).toEqual(expect.arrayContaining(['united-states*']));
    expect(terms('tell us more')).not.toEqual(expect.arrayContaining(['united-states*']));
    // A shouted question: "US" may be the pronoun.
    expect(terms('TELL US ABOUT THE TALKS')).not.toEqual(expect.arrayContaining(['united-states*']));
  });

  it('keeps the offsets of the words a term comes from', () => {
    const text = 'after the Second World War';
    const alias = analyzer.terms(text).find((t) => t.term === 'ww2');
    expect(alias && text.slice(alias.start, alias.end)).toBe('Second World War');
  });
});
