/**
 * Every step of analysis bounded before it runs: long words, NFKC's expansions, invisible
 * characters and long conversations, on the bundled corpus. Work is asserted as counted by
 * the core's meter (cost.ts), never as time.
 */
import path from 'node:path';
import { normalizeWord, termOf } from '../../src/core/analyzer';
import { ask, converse, type Conversation } from '../../src/core/answer';
import { buildCorpus } from '../../src/core/corpus';
import { MAX_CONVERSATION_TERMS, MAX_NORMALIZED_LENGTH, MAX_TAGGED_LENGTH, MAX_WORD_LENGTH, measureWork, type Work } from '../../src/core/cost';
import { CiteqaError } from '../../src/core/errors';
import { MAX_WORDS_CORRECTED } from '../../src/core/ranking';
import { checkAskRequest, MAX_QUESTION_LENGTH } from '../../src/core/request';
import { buildIndex, MAX_PREFIX_WALK, type SentenceIndex } from '../../src/core/search-index';
import { completions, MAX_PREFIX_LENGTH } from '../../src/core/suggestions';
import { readCorpusDir } from '../../src/node/corpus-dir';
import { wordnetThesaurus } from '../../src/node/wordnet';
import { articleText, textFile } from '../helpers';

const BUNDLED_CORPUS = path.join(__dirname, '..', '..', 'corpus');
/** U+FDFA: one character that NFKC makes 18. */
const EXPANDING = '\uFDFA';

let index: SentenceIndex;
beforeAll(async () => {
  const listing = await readCorpusDir(BUNDLED_CORPUS);
  index = buildIndex(buildCorpus(listing.files), { thesaurus: wordnetThesaurus() });
});

function refusal(run: () => unknown): CiteqaError {
  try {
    run();
  } catch (error) {
    if (error instanceof CiteqaError) return error;
    throw error;
  }
  throw new Error('not refused');
}

/** Every passage is the exact slice of its document that its citation names. */
function expectExactCitations(idx: SentenceIndex, answer: ReturnType<typeof ask>): void {
  for (const passage of answer.passages) {
    const document = idx.corpus.document(passage.citation.doc)!;
    expect(document.text.slice(passage.citation.start, passage.citation.end)).toBe(passage.text);
    for (const [start, end] of passage.highlights) {
      expect(start).toBeLessThan(end);
      expect(end).toBeLessThanOrEqual(passage.text.length);
    }
  }
}

describe('invisible characters', () => {
  const invisible = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u202e'];

  it.each(invisible.map((c) => [`U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`, c]))('vanish from a word\'s normal form (%s)', (_, c) => {
    expect(normalizeWord(`Lav${c}rov`)).toBe('lavrov');
  });

  it('regression: "Lav\\u200drov" is answered like "Lavrov", not declined', () => {
    const plain = ask(index, 'Who is Lavrov?');
    const joined = ask(index, 'Who is Lav\u200drov?');
    expect(plain.answered).toBe(true);
    expect(joined.answered).toBe(true);
    expect(joined.passages.map((p) => p.citation)).toEqual(plain.passages.map((p) => p.citation));
    expectExactCitations(index, joined);
  });

  it('inside an article\'s words, keep citations and highlights exact', () => {
    const body = 'Headline\n\nThe foreign minister Sergey Lav\u00adrov met his coun\u200bterpart in Munich.';
    const idx = buildIndex(buildCorpus([textFile('a.md', articleText({}, body))]));
    const answer = ask(idx, 'Where did Lavrov meet his counterpart?');
    expect(answer.answered).toBe(true);
    expectExactCitations(idx, answer);
    const passage = answer.passages[0]!;
    const marked = passage.highlights.map(([s, e]) => passage.text.slice(s, e));
    expect(marked).toEqual(expect.arrayContaining(['Lav\u00adrov', 'coun\u200bterpart']));
    // Shown without them: "Lavrov", as a correction or a completion.
    expect(idx.surface('lavrov')).toBe('Lavrov');
  });
});

describe('long words', () => {
  it(`are stemmed up to ${MAX_WORD_LENGTH} characters, and past that are their own term`, () => {
    const long = `${'ba'.repeat((MAX_WORD_LENGTH - 4) / 2)}king`;
    expect(long).toHaveLength(MAX_WORD_LENGTH);
    expect(termOf(long)).toBe(long.slice(0, -3));
    const longer = `b${long}`;
    const { result, work } = measureWork(() => termOf(longer));
    expect(result).toBe(longer);
    expect(work.stem.calls).toBe(0);
  });

  it('are never stemmed, corrected for typos nor looked up in the thesaurus', () => {
    for (const question of [`Who is ${'Lavorv'.repeat(20)}?`, `${EXPANDING.repeat(100)}?`, 'a'.repeat(MAX_QUESTION_LENGTH)]) {
      const { result, work } = measureWork(() => ask(index, question));
      expect(result.answered).toBe(false);
      expect(work.stem.largest).toBeLessThanOrEqual(MAX_WORD_LENGTH);
      expect(work.fuzzy.largest).toBeLessThanOrEqual(MAX_WORD_LENGTH);
      expect(work.synonyms.largest).toBeLessThanOrEqual(MAX_WORD_LENGTH);
    }
  });

  it('a typo in a word of ordinary length is still corrected', () => {
    const { result, work } = measureWork(() => ask(index, 'Who is Lavorv?'));
    expect(result.interpreted).toBe('Who is Lavrov?');
    expect(work.fuzzy.calls).toBe(1);
  });

  it('are quoted by their beginning when a question is declined', () => {
    const answer = ask(index, `What about ${'zq'.repeat(400)}?`);
    expect(answer.answered).toBe(false);
    expect(answer.message).toBe(`The articles don't say: they never mention "${'zq'.repeat(MAX_WORD_LENGTH / 2)}…".`);
  });
});

describe('a question that NFKC expands', () => {
  it(`is refused with bad_request past ${MAX_NORMALIZED_LENGTH} characters once normalized, before any analysis`, () => {
    const question = EXPANDING.repeat(999);
    expect(question.length).toBeLessThanOrEqual(MAX_QUESTION_LENGTH);
    const { result: error, work } = measureWork(() => refusal(() => ask(index, question)));
    expect(error.code).toBe('bad_request');
    expect(error.message).toBe(`"question" is longer than ${MAX_NORMALIZED_LENGTH} characters once normalized (NFKC expands some characters, such as U+FDFA, many times)`);
    expect(Object.values(work).every((step) => step.calls === 0)).toBe(true);
  });

  it('is accepted up to the bound', () => {
    const fits = EXPANDING.repeat(Math.floor(MAX_NORMALIZED_LENGTH / EXPANDING.normalize('NFKC').length));
    expect(checkAskRequest(fits).question).toBe(fits);
    expect(ask(index, fits).answered).toBe(false);
  });
});

describe('a long question', () => {
  it(`is tagged in its first ${MAX_TAGGED_LENGTH} characters, and its words past them still count`, () => {
    const question = `${'please '.repeat(60)}how long did the meeting between Motegi and Lavrov last?`;
    expect(question.length).toBeGreaterThan(MAX_TAGGED_LENGTH);
    const { result, work } = measureWork(() => ask(index, question));
    expect(work.tag.total).toBeLessThanOrEqual(MAX_TAGGED_LENGTH);
    expect(result.answered).toBe(true);
    expect(result.passages[0]?.text).toBe(ask(index, 'How long did the meeting between Motegi and Lavrov last?').passages[0]?.text);
  });
});

describe('completions', () => {
  it('of a prefix that NFKC expands past the bound, or longer than the protocol allows, are none and cost nothing', () => {
    for (const prefix of [EXPANDING.repeat(199), `peace ${'t'.repeat(MAX_PREFIX_LENGTH)}`]) {
      const { result, work } = measureWork(() => completions(index, prefix));
      expect(result).toEqual([]);
      expect(Object.values(work).every((step) => step.calls === 0)).toBe(true);
    }
  });

  it('of a last word past the word bound are none, without a walk of the word tree', () => {
    const { result, work } = measureWork(() => completions(index, `peace ${'t'.repeat(MAX_WORD_LENGTH + 1)}`));
    expect(result).toEqual([]);
    expect(work.complete.calls).toBe(0);
    expect(work.stem.largest).toBeLessThanOrEqual(MAX_WORD_LENGTH);
  });

  it(`walk at most ${MAX_PREFIX_WALK} words of the word tree, however many share the prefix`, () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const many = Array.from({ length: MAX_PREFIX_WALK + 500 }, (_, i) => `qqq${letters[i % 26]}${letters[Math.floor(i / 26) % 26]}${letters[Math.floor(i / 676) % 26]}`);
    const idx = buildIndex(buildCorpus([textFile('a.md', articleText({}, `Headline\n\nThe words are ${many.join(' ')}.`))]));
    const { result, work } = measureWork(() => completions(idx, 'the qqq'));
    expect(result).toHaveLength(5);
    expect(work.complete.total).toBe(MAX_PREFIX_WALK);
  });

  it('of an ordinary prefix still come', () => {
    expect(completions(index, 'peace tre')).toContain('peace treaty');
  });
});

describe('conversations', () => {
  const searched = (work: Work) => work.search.total + work.score.total + work.normalize.total + work.stem.total + work.fuzzy.total + work.synonyms.total;

  it(`regression: 600 follow-ups with fresh words carry at most ${MAX_CONVERSATION_TERMS} terms, and the last cost no more than the first`, () => {
    let conversation: Conversation = converse(index, 'What did Putin and Abe agree on in 2016?').conversation;
    const costs: number[] = [];
    const sizes: number[] = [];
    for (let i = 0; i < 600; i++) {
      // A word the corpus lacks and an anaphor: a follow-up, which carries the terms before it on.
      const word = `zq${i.toString(36)}x`;
      const { result, work } = measureWork(() => converse(index, `What did they say about ${word} and ${word}s?`, { conversation }));
      conversation = result.conversation;
      sizes.push(conversation.terms.size);
      costs.push(work.search.total);
      expect(searched(work)).toBeLessThan(10_000);
    }
    expect(Math.max(...sizes)).toBe(MAX_CONVERSATION_TERMS);
    // Terms asked for in a retrieval: as many for the 600th follow-up as for the 50th.
    expect(Math.max(...costs.slice(-50))).toBeLessThanOrEqual(Math.max(...costs.slice(0, 50)));
    // The newest terms are the ones kept.
    expect([...conversation.terms.keys()]).toContain(termOf(normalizeWord(`zq${(599).toString(36)}x`)));
  });

  it('a follow-up still reads the question before it', () => {
    const first = converse(index, 'What did Putin and Abe agree on in 2016?');
    const next = converse(index, 'Where would they do that?', { conversation: first.conversation });
    expect(next.answer.answered).toBe(true);
    expect(next.answer.passages[0]?.text).toContain('joint economic activities');
  });

  it('a conversation made elsewhere with more terms is read by its last ones only', () => {
    const terms = new Map(Array.from({ length: 5000 }, (_, i) => [`zq${i}`, 1] as const));
    const { result, work } = measureWork(() => converse(index, 'And what did they say?', { conversation: { question: 'many', terms, words: ['many'] } }));
    expect(result.conversation.terms.size).toBeLessThanOrEqual(MAX_CONVERSATION_TERMS);
    expect(work.fuzzy.calls).toBeLessThanOrEqual(MAX_WORDS_CORRECTED);
  });
});
