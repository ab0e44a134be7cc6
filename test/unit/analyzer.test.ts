import { contentTerms, termOf, tokenize } from '../../src/core/analyzer';

describe('analyzer', () => {
  it('tokenizes words and numbers, dropping punctuation', () => {
    expect(tokenize('Lavrov’s talks (75th) cost $3.5 billion, 10,000 ships!')).toEqual([
      'Lavrov’s', 'talks', '75th', 'cost', '3.5', 'billion', '10,000', 'ships',
    ]);
  });

  it('folds case, diacritics, possessives and full-width forms to one term', () => {
    expect(new Set(['Lavrov', "LAVROV'S", 'Lavrov’s', 'Lávrov', 'Ｌａｖｒｏｖ'].flatMap(contentTerms))).toEqual(new Set(['lavrov']));
  });

  it('stems inflections to the same term', () => {
    expect(contentTerms('negotiations negotiated')).toEqual(['negoti', 'negoti']);
    expect(contentTerms('islands island')).toEqual(['island', 'island']);
  });

  it('drops stop words and question words', () => {
    expect(contentTerms('What is the name of the minister, and when did he go?')).toEqual(['name', 'minist', 'go']);
  });

  it('indexes a hyphenated compound and each of its parts', () => {
    expect(contentTerms('Russia-Japan')).toEqual(['russia-japan', 'russia', 'japan']);
  });

  it('keeps numbers and ordinals as written', () => {
    expect(contentTerms('In 2016, the 75th anniversary; 10,000 people')).toEqual(['2016', '75th', 'anniversari', '10000', 'peopl']);
  });

  it('has no term for a single letter or a stop word', () => {
    expect(termOf('a')).toBeNull();
    expect(termOf('The')).toBeNull();
  });
});
