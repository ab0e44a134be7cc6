import { ask } from '../../src/core/answer';
import { buildCorpus } from '../../src/core/corpus';
import { RANK_FEATURES } from '../../src/core/rank-features';
import { rankCandidates, RERANK_DEPTH } from '../../src/core/ranking';
import { buildIndex } from '../../src/core/search-index';
import { articleText, textFile } from '../helpers';

// The answer ("She was born in Harbourton, ...") sits after the sentence naming its subject,
// and holds only "born" of the question: sixty short sentences saying "was born" score
// higher on that word alone, so the retriever's best RERANK_DEPTH leave it out.
const NAMES = ['Tom', 'Jan', 'Lee', 'Max', 'Sam', 'Kim', 'Ali', 'Ben', 'Eva', 'Ian'];
const files = [
  textFile(
    'quill.md',
    articleText(
      { id: 'quill', title: 'A painter of the coast' },
      'A painter of the coast\n\nCritics admire the light of her work. Ada Quill is a painter whose seascapes hang in galleries across the country. She was born in Harbourton, a small fishing town on the northern coast, in the spring of the year the war ended. Her first show opened in a converted boathouse.',
    ),
  ),
];
for (let i = 0; i < 60; i++) files.push(textFile(`f${i}.md`, articleText({ id: `f${i}`, title: `Notes ${i}` }, `Notes ${i}\n\n${NAMES[i % 10]} ${i} was born early. The family moved away later.`)));
const index = buildIndex(buildCorpus(files));
const BM25 = RANK_FEATURES.indexOf('bm25');

describe('neighbours of the best matches as candidates', () => {
  it('ranks the sentence after the best match when it holds some of the question, though the retriever left it out', () => {
    expect(files.length - 1).toBeGreaterThan(RERANK_DEPTH);
    const candidates = rankCandidates(index, 'Where was Ada Quill born?');
    const answer = candidates.find((c) => c.ref.document.id === 'quill' && c.ref.sentence === 3);
    // Not retrieved: it has no retrieval score, and comes after every retrieved sentence.
    expect(answer).toBeDefined();
    expect(answer!.features[BM25]).toBe(0);
    expect(candidates.indexOf(answer!)).toBeGreaterThanOrEqual(RERANK_DEPTH);
    expect([...answer!.matchedTerms]).toContain('born');

    const passages = ask(index, 'Where was Ada Quill born?').passages.map((p) => `${p.citation.doc}#${p.citation.sentence}`);
    expect(passages.slice(0, 3)).toContain('quill#3');
  });

  it('leaves out a neighbour holding none of the question\'s terms', () => {
    const candidates = rankCandidates(index, 'Where was Ada Quill born?');
    expect(candidates[0]?.ref.document.id).toBe('quill');
    expect(candidates[0]?.ref.sentence).toBe(2);
    // "Critics admire the light of her work." stands before the best match, but holds nothing of the question.
    expect(candidates.some((c) => c.ref.document.id === 'quill' && c.ref.sentence === 1)).toBe(false);
  });
});
