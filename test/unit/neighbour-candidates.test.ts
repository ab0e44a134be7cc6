import { ask } from '../../src/core/answer';
import { buildCorpus } from '../../src/core/corpus';
import { RANK_FEATURES } from '../../src/core/rank-features';
import { rankCandidates, RERANK_DEPTH } from '../../src/core/ranking';
import { buildIndex } from '../../src/core/search-index';
import { articleText, textFile } from '../helpers';

// Each answer sits beside the sentence naming its subject and holds one word of the
// question ("born", "met"): sixty short sentences holding that word score higher on it
// alone, so the retriever's best RERANK_DEPTH leave the answer out.
const NAMES = ['Tom', 'Jan', 'Lee', 'Max', 'Sam', 'Kim', 'Ali', 'Ben', 'Eva', 'Ian'];
const files = [
  textFile(
    'quill.md',
    articleText(
      { id: 'quill', title: 'A painter of the coast' },
      'A painter of the coast\n\nCritics admire the light of her work. Ada Quill is a painter whose seascapes hang in galleries across the country. The painter was born in Harbourton, a small fishing town on the northern coast, in the spring of the year the war ended. Her first show opened in a converted boathouse.',
    ),
  ),
  textFile(
    'hale.md',
    articleText(
      { id: 'hale', title: 'Sculptor Rob Hale dies' },
      'Sculptor Rob Hale dies\n\nRob Hale was a sculptor of bronze horses. The two artists met at a crowded summer fair held each year on the old harbour front of Harbourton in 1990, and married a year later. His horses stand in parks in six countries.',
    ),
  ),
];
for (let i = 0; i < 60; i++) files.push(textFile(`f${i}.md`, articleText({ id: `f${i}`, title: `Notes ${i}` }, `Notes ${i}\n\n${NAMES[i % 10]} ${i} was born early and met friends. The family moved away later.`)));
const index = buildIndex(buildCorpus(files));
const BM25 = RANK_FEATURES.indexOf('bm25');
const at = (question: string, doc: string, sentence: number) => {
  const candidates = rankCandidates(index, question);
  return { candidates, candidate: candidates.find((c) => c.ref.document.id === doc && c.ref.sentence === sentence) };
};

describe('neighbours of the best matches as candidates', () => {
  it('ranks the sentence after the best match when it holds a word of the question, though the retriever left it out', () => {
    expect(files.length - 2).toBeGreaterThan(RERANK_DEPTH);
    const { candidates, candidate } = at('Where was Ada Quill born?', 'quill', 3);
    // Not retrieved: it has no retrieval score, and comes after every retrieved sentence.
    expect(candidate).toBeDefined();
    expect(candidate!.features[BM25]).toBe(0);
    expect(candidates.indexOf(candidate!)).toBeGreaterThanOrEqual(RERANK_DEPTH);
    expect([...candidate!.matchedTerms]).toContain('born');

    const passages = ask(index, 'Where was Ada Quill born?').passages.map((p) => `${p.citation.doc}#${p.citation.sentence}`);
    expect(passages.slice(0, 3)).toContain('quill#3');
  });

  it('reads a neighbour\'s terms as the retriever does: "met" holds the question\'s "meet"', () => {
    const { candidate } = at('When did Rob Hale meet his wife?', 'hale', 2);
    expect(candidate).toBeDefined();
    expect(candidate!.features[BM25]).toBe(0);
    expect([...candidate!.matchedTerms]).toContain('meet');
  });

  it('leaves out a neighbour holding none of the question\'s words', () => {
    const { candidates } = at('Where was Ada Quill born?', 'quill', 1);
    expect(candidates[0]?.ref.document.id).toBe('quill');
    expect(candidates[0]?.ref.sentence).toBe(2);
    // "Critics admire the light of her work." stands before the best match, but holds nothing of the question.
    expect(candidates.some((c) => c.ref.document.id === 'quill' && c.ref.sentence === 1)).toBe(false);
  });
});
