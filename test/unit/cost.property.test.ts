/**
 * The cost property: no message a client can send (a frame of at most MAX_FRAME_BYTES)
 * makes the core do more than a bounded amount of work, on the bundled corpus and on a
 * larger synthetic one. Inputs are adversarial Unicode: characters NFKC expands,
 * combining marks, lone and paired surrogates, direction marks, invisible characters,
 * very long words and many short ones. Work is what the core's meter counts (cost.ts),
 * never time.
 */
import path from 'node:path';
import fc from 'fast-check';
import { ask, converse, type Conversation } from '../../src/core/answer';
import { syntheticArticles } from '../../src/bench/synthetic';
import { buildCorpus } from '../../src/core/corpus';
import { MAX_CONVERSATION_TERMS, MAX_NORMALIZED_LENGTH, MAX_TAGGED_LENGTH, MAX_WORD_LENGTH, measureWork, type Work } from '../../src/core/cost';
import { CiteqaError } from '../../src/core/errors';
import { MAX_NAME_LOOKUPS, MAX_SURNAME_SCAN, MAX_WORDS_CORRECTED, MAX_WORDS_LOOKED_UP, MEANING_LOOKUPS, MEANING_WORDS, RERANK_DEPTH } from '../../src/core/ranking';
import { MAX_QUESTION_LENGTH } from '../../src/core/request';
import { DEFAULT_BUDGET } from '../../src/core/retrieval';
import { buildIndex, MAX_PREFIX_WALK, type SentenceIndex } from '../../src/core/search-index';
import { completions, MAX_PREFIX_LENGTH } from '../../src/core/suggestions';
import { readCorpusDir } from '../../src/node/corpus-dir';
import { wordnetThesaurus } from '../../src/node/wordnet';
import { MAX_FRAME_BYTES } from '../../src/server/ws';

jest.setTimeout(120_000);

const BUNDLED_CORPUS = path.join(__dirname, '..', '..', 'corpus');

const expanding = fc.oneof(
  fc.constantFrom('\uFDFA', '\uFDFB', '\uFB03', '\u2474', '\u00BD', '\u2160', '\u1E9B\u0323', '\u0390', '\uFF21'),
  fc.integer({ min: 0x3300, max: 0x33ff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c)),
);
const combining = fc.integer({ min: 0x0300, max: 0x036f }).map((c) => String.fromCharCode(c));
const surrogates = fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D\uDE00', '\uD801\uDC00', '\uD835\uDC00');
const directional = fc.constantFrom('\u200E', '\u200F', '\u202A', '\u202B', '\u202E', '\u2066', '\u2069', '\u061C', 'שלום', 'مرحبا');
const invisible = fc.constantFrom('\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u034F', '\uFE0F');
const punctuation = fc.constantFrom(' ', ' ', ' ', '.', ',', "'", '’', '-', '?', '\n', 'U.S.', '3.5', '10,000', '75th');
const words = fc.constantFrom('Lavrov', 'Motegi', 'treaty', 'meeting', 'islands', 'Munich', 'Lavorv', 'pact', 'talks', 'they', 'it', 'who', 'how long', 'when', 'where', 'seventy-fifth', 'held', 'Putin');
const shortWords = fc.stringMatching(/^[a-z]{1,8}$/);
const longWord = fc
  .tuple(fc.constantFrom('a', 'ba', 'ing', 'ational', '\uFDFA', 'e\u0301', 'x\u200D', '\u3300'), fc.integer({ min: 1, max: 3000 }))
  .map(([piece, n]) => piece.repeat(n));
const anything = fc.string({ unit: 'binary', maxLength: 20 });

const piece = fc.oneof(expanding, combining, surrogates, directional, invisible, punctuation, words, shortWords, longWord, anything);

/** A string whose UTF-8 is at most MAX_FRAME_BYTES (the largest a frame may carry). */
const message = fc.oneof(
  fc.array(piece, { maxLength: 40 }),
  fc.array(fc.oneof(words, shortWords, punctuation), { minLength: 100, maxLength: 600 }),
  fc.array(fc.oneof(expanding, invisible, combining), { minLength: 100, maxLength: 2000 }),
).map((pieces) => fitFrame(pieces.join('')));

function fitFrame(text: string): string {
  let out = text;
  while (Buffer.byteLength(out) > MAX_FRAME_BYTES) out = out.slice(0, Math.floor(out.length * 0.9));
  return out;
}

interface Corpus {
  readonly name: string;
  readonly index: SentenceIndex;
  /** A conversation to follow up on. */
  readonly conversation: Conversation;
  /** The longest sentence, in characters: what analyzing one of the corpus's sentences may cost. */
  readonly longestSentence: number;
}

function prepare(name: string, index: SentenceIndex, question: string): Corpus {
  let longestSentence = 0;
  for (const document of index.corpus.documents) for (const span of document.sentences) longestSentence = Math.max(longestSentence, span.end - span.start);
  return { name, index, conversation: converse(index, question).conversation, longestSentence };
}

/** Thesaurus lookups of one word, at most: an unknown word's commonest senses then its rarer ones, a known word's commonest. */
const SYNONYM_LOOKUPS = 3;
/** Passes over a question's words that normalize them: words, tagged tokens, the checks before synonyms and before typos. */
const QUESTION_PASSES = 4;
/**
 * Characters of the synonyms of one lookup that are analyzed (two senses of WordNet, a few
 * words each; with `either`, the rarer senses' words whose commonest sense they are: at most
 * 664 characters, "break"'s, of every WordNet lemma of eight senses or more): generous.
 */
const SYNONYM_TEXT = 2000;

/**
 * The work one message may do, step by step, from the bounds in cost.ts, ranking.ts and
 * retrieval.ts, whatever it says. Each pass over the question reads it and writes its
 * normal form (at most three times its NFKC length: NFKD splits a Hangul syllable in
 * three); the corpus's side is the sentences reranked and their neighbours, each
 * analyzed once, read and written.
 */
function bounds(corpus: Corpus) {
  const budget = DEFAULT_BUDGET;
  const question = QUESTION_PASSES * (MAX_QUESTION_LENGTH + 3 * MAX_NORMALIZED_LENGTH);
  const sentences = 3 * RERANK_DEPTH * 2 * corpus.longestSentence;
  const synonyms = SYNONYM_LOOKUPS * MAX_WORDS_LOOKED_UP * SYNONYM_TEXT;
  return {
    normalize: question + sentences + synonyms,
    stem: question + sentences + synonyms,
    fuzzyCalls: MAX_WORDS_CORRECTED,
    synonymCalls: SYNONYM_LOOKUPS * MAX_WORDS_LOOKED_UP,
    tag: MAX_TAGGED_LENGTH,
    searchTerms: MAX_QUESTION_LENGTH + MAX_CONVERSATION_TERMS,
    scored: budget.selectiveSentences + budget.championTerms * budget.championsPerTerm,
    walked: MAX_PREFIX_WALK,
  };
}

function expectBounded(corpus: Corpus, work: Work): void {
  const bound = bounds(corpus);
  expect(work.stem.largest).toBeLessThanOrEqual(MAX_WORD_LENGTH);
  expect(work.stem.total).toBeLessThanOrEqual(bound.stem);
  expect(work.normalize.total).toBeLessThanOrEqual(bound.normalize);
  expect(work.fuzzy.calls).toBeLessThanOrEqual(bound.fuzzyCalls);
  expect(work.fuzzy.largest).toBeLessThanOrEqual(MAX_WORD_LENGTH);
  expect(work.synonyms.calls).toBeLessThanOrEqual(bound.synonymCalls);
  expect(work.synonyms.largest).toBeLessThanOrEqual(MAX_WORD_LENGTH);
  expect(work.tag.total).toBeLessThanOrEqual(bound.tag);
  expect(work.search.calls).toBeLessThanOrEqual(1);
  expect(work.names.calls).toBeLessThanOrEqual(MAX_NAME_LOOKUPS);
  expect(work.names.largest).toBeLessThanOrEqual(MAX_SURNAME_SCAN);
  expect(work.search.largest).toBeLessThanOrEqual(bound.searchTerms);
  expect(work.score.total).toBeLessThanOrEqual(bound.scored);
  expect(work.complete.total).toBeLessThanOrEqual(bound.walked);
  expect(work.meaning.calls).toBeLessThanOrEqual(MEANING_LOOKUPS);
  expect(work.meaning.largest).toBeLessThanOrEqual(MEANING_WORDS);
}

/** Runs one message through the core, counting its work; a refusal is a `bad_request`. */
function measured(run: () => unknown): Work {
  const { work } = measureWork(() => {
    try {
      run();
    } catch (error) {
      if (!(error instanceof CiteqaError) || error.code !== 'bad_request') throw error;
    }
  });
  return work;
}

const corpora: Corpus[] = [];
beforeAll(async () => {
  const thesaurus = wordnetThesaurus();
  const bundled = buildIndex(buildCorpus((await readCorpusDir(BUNDLED_CORPUS)).files), { thesaurus });
  corpora.push(prepare('bundled', bundled, 'What did Putin and Abe agree on in 2016?'));
  const synthetic = buildIndex(buildCorpus(syntheticArticles(150, 7)), { thesaurus });
  corpora.push(prepare('synthetic', synthetic, 'Who signed the trade agreement?'));
});

describe('the meter', () => {
  it('counts the products of word vectors an ordinary question makes, so that the bound on them is read', () => {
    const { index } = corpora.find((c) => c.name === 'bundled')!;
    const work = measured(() => ask(index, 'Which islands are disputed between the two countries?'));
    expect(work.meaning.calls).toBeGreaterThan(0);
    expect(work.meaning.largest).toBeGreaterThan(0);
  });
});

describe.each(['bundled', 'synthetic'])('on the %s corpus, any message of at most MAX_FRAME_BYTES', (name) => {
  const corpus = () => corpora.find((c) => c.name === name)!;
  const numRuns = name === 'bundled' ? 150 : 60;

  it('asked as a question does bounded work', () => {
    fc.assert(
      fc.property(message, (text) => {
        const { index } = corpus();
        expectBounded(corpus(), measured(() => ask(index, text)));
        expectBounded(corpus(), measured(() => ask(index, text.slice(0, MAX_QUESTION_LENGTH))));
      }),
      { numRuns },
    );
  });

  it('asked as a follow-up does bounded work and carries a bounded conversation on', () => {
    fc.assert(
      fc.property(message, (text) => {
        const { index, conversation } = corpus();
        const question = `What did they say about ${text}`.slice(0, MAX_QUESTION_LENGTH);
        let next: Conversation | undefined;
        expectBounded(corpus(), measured(() => (next = converse(index, question, { conversation }).conversation)));
        if (next) expect(next.terms.size).toBeLessThanOrEqual(MAX_CONVERSATION_TERMS);
      }),
      { numRuns },
    );
  });

  it('sent as a prefix to complete does bounded work', () => {
    fc.assert(
      fc.property(message, (text) => {
        const { index } = corpus();
        expectBounded(corpus(), measured(() => completions(index, text)));
        expectBounded(corpus(), measured(() => completions(index, text.slice(0, MAX_PREFIX_LENGTH))));
        expectBounded(corpus(), measured(() => completions(index, `peace ${text.slice(0, MAX_PREFIX_LENGTH - 6)}`)));
      }),
      { numRuns },
    );
  });
});
