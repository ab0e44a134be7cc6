/**
 * What keeps ranking cheap may not change a single answer:
 * - the typed-span search is spared for candidates whose score bound cannot reach the
 *   passages returned (ranking.ts): the best candidates are the same, with the same
 *   scores, as when every candidate is searched, on the bundled corpus's questions and
 *   on the SQuAD sample's;
 * - the features' shortcuts (rank-features.ts) give exactly what their plain definitions
 *   give (the learned model in ranker.json was fitted on those values).
 */
import path from 'node:path';
import fc from 'fast-check';
import type { Term } from '../../src/core/analyzer';
import { meaningShare, proximity, rankFeatures, RANK_FEATURES, withTypeFit, type CandidateEvidence, type QuestionEvidence } from '../../src/core/rank-features';
import { bestCandidates, type ScoredCandidate } from '../../src/core/ranking';
import type { SentenceIndex } from '../../src/core/search-index';
import { readEvalFile } from '../../src/eval/questions';
import { loadIndex } from '../../src/node/load-index';

const ROOT = path.join(__dirname, '..', '..');

function questionsOf(...files: string[]): string[] {
  return files.flatMap((file) => readEvalFile(path.join(ROOT, file)).map((item) => item.question));
}

const row = (c: ScoredCandidate) => [c.document.id, c.sentence, c.score, c.fits, c.coverage, [...c.matchedTerms]];

describe.each([
  ['the bundled corpus', 'corpus', questionsOf('test/fixtures/eval/dev.jsonl', 'test/fixtures/eval/extra.jsonl', 'test/fixtures/eval/extra2.jsonl')],
  ['the SQuAD sample', 'test/fixtures/squad/corpus', questionsOf('test/fixtures/squad/questions.jsonl')],
])('score bounds on %s', (_name, dir, questions) => {
  let index: SentenceIndex;
  beforeAll(async () => {
    index = (await loadIndex({ corpusDir: path.join(ROOT, dir) })).index;
  }, 60_000);

  it('the best candidates are those of every candidate scored, in the same order and with the same scores', () => {
    expect(questions.length).toBeGreaterThan(50);
    for (const question of questions) {
      const all = bestCandidates(index, question, Infinity).map(row);
      for (const top of [3, 10]) expect([question, bestCandidates(index, question, top).map(row)]).toEqual([question, all.slice(0, top)]);
    }
  });
});

/** The features as first defined, without shortcuts: what the shortcuts must reproduce. */
function plainFeatures(question: QuestionEvidence, c: CandidateEvidence): number[] {
  const share = (terms: Iterable<string>) => {
    if (question.totalWeight === 0) return 0;
    let sum = 0;
    for (const term of new Set(terms)) sum += question.termWeights.get(term) ?? 0;
    return sum / question.totalWeight;
  };
  const words = c.terms.filter((t) => !t.alias);
  const ofBest = (value: number) => (c.bestScore > 0 ? value / c.bestScore : 0);
  const coverage = share(c.matched);
  const articleCoverage = share(c.articleTerms);
  const articleSet = new Set(c.articleTerms);
  const sentenceSet = new Set(c.terms.map((t) => t.term));
  const numbers = question.numbers.length === 0 ? 0 : question.numbers.filter((n) => sentenceSet.has(n)).length / question.numbers.length;
  const numbersArticle = question.numbers.length === 0 ? 0 : question.numbers.filter((n) => articleSet.has(n)).length / question.numbers.length;
  const holdsName = (held: (t: string) => boolean) => (question.names.length === 0 ? 0 : question.names.filter((name) => name.some(held)).length / question.names.length);
  const typeFit = Math.min(1.5, c.typeFit);
  const found = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) {
    const pair = `${words[i]!.term} ${words[i + 1]!.term}`;
    if (question.pairs.has(pair)) found.add(pair);
  }
  const acronym =
    question.acronyms.length === 0
      ? 0
      : question.acronyms.some((a) => c.text.includes(`(${a})`)) || question.expansions.some((terms) => terms.length > 0 && terms.every((t) => sentenceSet.has(t)))
        ? 1
        : 0;
  const values: Record<(typeof RANK_FEATURES)[number], number> = {
    bm25: ofBest(c.score),
    bm25Rank: 1 / (1 + c.place),
    coverage,
    coverageShare: c.bestCoverage > 0 ? coverage / c.bestCoverage : 0,
    windowCoverage: share([...c.matched, ...c.neighbourTerms]),
    missing: (1 - coverage) * question.totalWeight,
    articleCoverage,
    topArticle: articleCoverage >= c.bestArticleCoverage - 1e-9 ? 1 : 0,
    phrases: question.pairs.size === 0 ? 0 : found.size / question.pairs.size,
    numbers,
    numbersArticle,
    names: holdsName((t) => c.matched.has(t)),
    namesArticle: holdsName((t) => c.articleTerms.includes(t)),
    proximity: proximity(words, question.termWeights),
    previous: ofBest(c.previous),
    next: ofBest(c.next),
    refersBack: c.refersBack ? ofBest(c.previous) : 0,
    typeFit,
    typedCoverage: (c.bestCoverage > 0 ? coverage / c.bestCoverage : 0) * Math.min(1, typeFit),
    strictTypeFit: c.strictType ? typeFit : 0,
    neighbourType: typeFit * ofBest(Math.max(c.previous, c.next)),
    acronym,
    headline: c.headline ? 1 : 0,
    length: Math.log1p(words.length),
    // Computed from the question's words and the sentence's text alone (tested in rank-features.test.ts).
    meaning: question.meaning ? meaningShare(question.meaning, c.matched, c.text) : 0,
  };
  return RANK_FEATURES.map((name) => values[name]);
}

describe('feature shortcuts', () => {
  // Few terms, so that they meet; one holds a space (a normal form may), one is a number.
  const term = fc.constantFrom('super', 'bowl', '50', 'team', 'won', 'a b', 'b', 'x');
  const terms = fc.array(term, { maxLength: 24 });
  const weight = fc.double({ min: 0.01, max: 10, noNaN: true });
  const score = fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 50, noNaN: true }));
  const evidence = fc.record({
    weights: fc.array(fc.tuple(term, weight), { maxLength: 8 }),
    questionTerms: terms,
    numbers: fc.subarray(['50', 'x']),
    names: fc.array(fc.array(term, { minLength: 1, maxLength: 2 }), { maxLength: 3 }),
    acronyms: fc.subarray(['AFC', 'NFL']),
    expansions: fc.array(fc.array(term, { maxLength: 3 }), { maxLength: 2 }),
    sentence: fc.array(fc.tuple(term, fc.boolean()), { maxLength: 30 }),
    matched: terms,
    neighbours: terms,
    article: terms,
    text: fc.constantFrom('', 'the American Football Conference (AFC) won', 'no acronym'),
    score,
    bestScore: score,
    place: fc.nat(49),
    bestCoverage: fc.double({ min: 0, max: 1, noNaN: true }),
    bestArticleCoverage: fc.double({ min: 0, max: 1, noNaN: true }),
    previous: score,
    next: score,
    refersBack: fc.boolean(),
    headline: fc.boolean(),
    typeFit: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 3, noNaN: true })),
    strictType: fc.boolean(),
  });

  it('rankFeatures gives exactly the plain definitions', () => {
    fc.assert(
      fc.property(evidence, (e) => {
        const termWeights = new Map(e.weights);
        const pairs = new Set(e.questionTerms.slice(1).map((t, i) => `${e.questionTerms[i]} ${t}`));
        const question: QuestionEvidence = {
          termWeights,
          totalWeight: [...termWeights.values()].reduce((a, b) => a + b, 0),
          pairs,
          numbers: e.numbers,
          names: e.names,
          expansions: e.expansions,
          acronyms: e.acronyms,
        };
        const candidate: CandidateEvidence = {
          score: e.score,
          bestScore: e.bestScore,
          place: e.place,
          matched: new Set(e.matched),
          bestCoverage: e.bestCoverage,
          neighbourTerms: e.neighbours,
          articleTerms: e.article,
          bestArticleCoverage: e.bestArticleCoverage,
          terms: e.sentence.map(([t, alias], i): Term => ({ term: t, start: i * 4, end: i * 4 + 3, alias })),
          text: e.text,
          headline: e.headline,
          previous: e.previous,
          next: e.next,
          refersBack: e.refersBack,
          typeFit: e.typeFit,
          strictType: e.strictType,
        };
        const plain = plainFeatures(question, candidate);
        expect(rankFeatures(question, candidate)).toEqual(plain);
        // A fit set afterwards is the fit given at first.
        expect(withTypeFit(rankFeatures(question, { ...candidate, typeFit: 0 }), e.typeFit, e.strictType)).toEqual(plain);
      }),
      { numRuns: 2000, seed: 13 },
    );
  });
});
