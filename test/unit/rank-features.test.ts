import type { Term } from '../../src/core/analyzer';
import { acronymsOf, expansionBefore, meaningShare, proximity, rankFeatures, RANK_FEATURES, type MeaningEvidence, type QuestionEvidence } from '../../src/core/rank-features';
import { RANK_FEATURES as MODEL_FEATURES } from '../../src/core/rank-features';
import { ranker } from '../../src/core/ranker';

const words = (...terms: string[]): Term[] => terms.map((term, i) => ({ term, start: i * 10, end: i * 10 + term.length, alias: false }));

describe('ranking features', () => {
  it('proximity: matched terms over the smallest window holding them all', () => {
    const query = new Map([
      ['super', 1],
      ['bowl', 1],
      ['50', 1],
    ]);
    expect(proximity(words('the', 'super', 'bowl', '50', 'was'), query)).toBe(1);
    expect(proximity(words('super', 'x', 'x', 'bowl', 'x', '50'), query)).toBeCloseTo(3 / 6);
    // The tightest of several windows counts.
    expect(proximity(words('super', 'x', 'x', 'x', 'bowl', '50', 'super'), query)).toBe(1);
    expect(proximity(words('bowl'), query)).toBe(1);
    expect(proximity(words('none'), query)).toBe(0);
  });

  it('finds acronyms and the expansion written before them', () => {
    expect(acronymsOf('What does AFC stand for?')).toEqual(['AFC']);
    expect(acronymsOf('What is a Bowl?')).toEqual([]);
    expect(expansionBefore('the American Football Conference (AFC) champion', 'AFC')).toBe('American Football Conference');
    expect(expansionBefore('the Food and Drug Administration (FDA) said', 'FDA')).toBe('Food and Drug Administration');
    expect(expansionBefore('the team (AFC) won', 'AFC')).toBeUndefined();
    // A hyphenated word may give a letter for each of its parts, or one for the whole.
    expect(expansionBefore('support for the civilian-led transitional government (CLTG) and', 'CLTG')).toBe('civilian-led transitional government');
    expect(expansionBefore('the Mercedes-Benz Superdome (MS) stands', 'MS')).toBe('Mercedes-Benz Superdome');
    expect(expansionBefore('a well-known fact (WKX)', 'WKX')).toBeUndefined();
    expect(expansionBefore('no acronym here', 'AFC')).toBeUndefined();
  });

  it('phrases and numbers matched as units count for the sentence that holds them', () => {
    const question: QuestionEvidence = {
      termWeights: new Map([
        ['super', 2],
        ['bowl', 2],
        ['50', 3],
      ]),
      totalWeight: 7,
      pairs: new Set(['super bowl', 'bowl 50']),
      numbers: ['50'],
      names: [],
      expansions: [],
      acronyms: [],
    };
    const base = { score: 5, bestScore: 5, place: 0, bestCoverage: 1, neighbourTerms: [], articleTerms: ['super', 'bowl', '50'], bestArticleCoverage: 1, text: '', headline: false, previous: 0, next: 0, refersBack: false, typeFit: 0, strictType: false };
    const unit = rankFeatures(question, { ...base, matched: new Set(['super', 'bowl', '50']), terms: words('super', 'bowl', '50') });
    const apart = rankFeatures(question, { ...base, matched: new Set(['super', 'bowl', '50']), terms: words('50', 'x', 'super', 'x', 'bowl') });
    const value = (row: number[], name: (typeof RANK_FEATURES)[number]) => row[RANK_FEATURES.indexOf(name)];
    expect(value(unit, 'phrases')).toBe(1);
    expect(value(apart, 'phrases')).toBe(0);
    expect(value(unit, 'numbers')).toBe(1);
    expect(value(unit, 'coverage')).toBe(1);
    expect(value(unit, 'proximity')).toBe(1);
    expect(value(apart, 'proximity')).toBeCloseTo(3 / 5);
  });

  it("the question's names count apart from their weight, in the sentence and in its article", () => {
    // "How much rain fell on Mocuba?": in a small corpus "Mocuba" is no rarer than "days".
    const question: QuestionEvidence = {
      termWeights: new Map([
        ['rain', 1],
        ['mocuba', 1],
        ['day', 1],
      ]),
      totalWeight: 3,
      pairs: new Set(),
      numbers: [],
      names: [['mocuba']],
      expansions: [],
      acronyms: [],
    };
    const base = { score: 5, bestScore: 5, place: 0, bestCoverage: 1, neighbourTerms: [], bestArticleCoverage: 1, text: '', headline: false, previous: 0, next: 0, refersBack: false, typeFit: 0, strictType: false };
    const named = rankFeatures(question, { ...base, matched: new Set(['rain', 'mocuba']), articleTerms: ['rain', 'mocuba'], terms: words('mocuba', 'rain') });
    const unnamed = rankFeatures(question, { ...base, matched: new Set(['rain', 'day']), articleTerms: ['rain', 'day', 'mocuba'], terms: words('day', 'rain') });
    const elsewhere = rankFeatures(question, { ...base, matched: new Set(['rain', 'day']), articleTerms: ['rain', 'day'], terms: words('day', 'rain') });
    const value = (row: number[], name: (typeof RANK_FEATURES)[number]) => row[RANK_FEATURES.indexOf(name)];
    expect([value(named, 'names'), value(named, 'namesArticle')]).toEqual([1, 1]);
    expect([value(unnamed, 'names'), value(unnamed, 'namesArticle')]).toEqual([0, 1]);
    expect([value(elsewhere, 'names'), value(elsewhere, 'namesArticle')]).toEqual([0, 0]);
    expect(value(named, 'coverage')).toBe(value(unnamed, 'coverage'));
  });

  it('the committed ranker is a model of exactly these features', () => {
    expect(ranker().features).toEqual([...MODEL_FEATURES]);
    expect(ranker().weights.every(Number.isFinite)).toBe(true);
  });
  it('meaning: a question word held counts whole, one said in a word near in meaning by its nearness', () => {
    // "homes" (weight 3) and "threatened" (weight 1); the sentence's words near them, 0 to 1.
    const near: Record<string, number[]> = { houses: [0.7, 0], property: [0.2, 0], risk: [0, 0.4], danger: [0, 0.9] };
    const asked: string[] = [];
    const meaning: MeaningEvidence = {
      words: [
        { terms: ['home'], weight: 3 },
        { terms: ['threaten'], weight: 1 },
      ],
      total: 4,
      nearness(word) {
        asked.push(word);
        const row = near[word];
        return row && Float64Array.from(row);
      },
    };
    expect(meaningShare(meaning, new Set(['home', 'threaten']), 'Homes are threatened.')).toBe(1);
    // Held words need no nearness.
    expect(asked).toEqual([]);
    expect(meaningShare(meaning, new Set(), 'No property is at risk.')).toBeCloseTo((3 * 0.2 + 1 * 0.4) / 4);
    // The nearest word counts, and a word held counts whole.
    expect(meaningShare(meaning, new Set(['threaten']), 'Houses and property are threatened.')).toBeCloseTo((3 * 0.7 + 1) / 4);
    // A capitalized word inside the sentence is a name, not read; its first word is read in lower case.
    asked.length = 0;
    expect(meaningShare(meaning, new Set(), 'Houses near Danger Bay.')).toBeCloseTo((3 * 0.7) / 4);
    expect(asked).toEqual(['houses', 'near']);
    expect(meaningShare(meaning, new Set(), 'Nothing here.')).toBe(0);
    expect(meaningShare({ ...meaning, words: [], total: 0 }, new Set(), 'Houses.')).toBe(0);
  });

  it('meaning is 0 for every candidate of a question without word vectors', () => {
    const question: QuestionEvidence = { termWeights: new Map([['home', 1]]), totalWeight: 1, pairs: new Set(), numbers: [], names: [], expansions: [], acronyms: [] };
    const row = rankFeatures(question, { score: 1, bestScore: 1, place: 0, bestCoverage: 1, neighbourTerms: [], articleTerms: [], bestArticleCoverage: 1, text: 'Houses burned.', headline: false, previous: 0, next: 0, refersBack: false, typeFit: 0, strictType: false, matched: new Set(), terms: words('house', 'burn') });
    expect(row[RANK_FEATURES.indexOf('meaning')]).toBe(0);
  });
});
