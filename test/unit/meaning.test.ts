import { ask } from '../../src/core/answer';
import { buildCorpus } from '../../src/core/corpus';
import { MEANING_FLOOR, MEANING_LOOKUPS, MEANING_WORDS, meaningEvidence, type TopicWord } from '../../src/core/ranking';
import { buildIndex } from '../../src/core/search-index';
import type { Thesaurus } from '../../src/core/thesaurus';
import { articleText, sharedThesaurus, textFile } from '../helpers';

const LAVA = 'Eruption enters second week\n\nLava is still flowing. No houses near the lava are in danger, officials said. Scientists expect the eruption to last for weeks.';

function lavaIndex(thesaurus: Thesaurus) {
  return buildIndex(buildCorpus([textFile('lava.md', articleText({ id: 'lava', title: 'Eruption enters second week', published: '2022-11-29' }, LAVA))]), { thesaurus });
}

describe('words near in meaning', () => {
  it('a sentence saying the question in other words ("homes" and "houses", "threatened" and "in danger") comes first', () => {
    const first = (thesaurus: Thesaurus) => ask(lavaIndex(thesaurus), 'Are any homes threatened by the lava?', { limit: 3 }).passages[0]?.text;
    expect(first(sharedThesaurus())).toBe('No houses near the lava are in danger, officials said.');
    // Without word vectors, the shorter sentence naming the lava alone comes first.
    const { similarity: _, ...withoutVectors } = sharedThesaurus();
    expect(first(withoutVectors)).toBe('Lava is still flowing.');
  });
});

describe('the question words weighed by meaning', () => {
  // Cosines of a made-up table: "home" knows "house" (0.75) and "ballot" (0.4, below the floor).
  const cosines: Record<string, number> = { 'home house': 0.75, 'home ballot': 0.4, 'home government': 0.9 };
  const table = new Set(['home', 'house', 'ballot', 'lava', 'flowing', 'government', 'two', 'threaten', ...Array.from({ length: 14 }, (_, i) => `w${i}`)]);
  const similarity = (a: string, b: string) => (!table.has(a) || !table.has(b) ? undefined : a === b ? 1 : (cosines[`${a} ${b}`] ?? cosines[`${b} ${a}`] ?? 0));
  const index = lavaIndex({ ...sharedThesaurus(), similarity });
  const word = (text: string, terms: string[] = [text], proper = false): TopicWord => ({ text, start: 0, end: text.length, terms, proper });

  it('names, numbers and words without a vector count only where held; a word the corpus lacks weighs as the rarest, times its query weight', () => {
    const meaning = meaningEvidence(
      index,
      [word('Lava', ['lava'], true), word('two', ['2']), word('volcanoes', ['volcano']), word('flowing', ['flow']), word('home'), word('home')],
      new Map([
        ['lava', 2],
        ['2', 3],
        ['flow', 1],
      ]),
      new Map([
        ['home', 0.6],
        ['volcano', 1],
      ]),
    )!;
    const rarest = Math.log(1 + (index.corpus.sentenceCount + 0.5) / 0.5);
    // "home" is not in the article ("houses" is): its weight is the rarest term's. Words read
    // for their nearness come first (the heaviest first), then the ones held only: "volcanoes"
    // has no vector in this table, "Lava" is a name, "two" a number.
    expect(index.has('home')).toBe(false);
    expect(index.has('volcano')).toBe(false);
    expect(meaning.words).toEqual([
      { terms: ['home'], weight: expect.closeTo(0.6 * rarest, 9) },
      { terms: ['flow'], weight: 1 },
      { terms: ['lava'], weight: 2 },
      { terms: ['2'], weight: 3 },
      { terms: ['volcano'], weight: expect.closeTo(rarest, 9) },
    ]);
    expect(meaning.total).toBeCloseTo(1.6 * rarest + 6, 9);
    // Nearness is read for the first two only.
    expect(meaning.nearness('house')).toHaveLength(2);
  });

  it('a question of names and numbers alone counts them where held, and reads no nearness', () => {
    const meaning = meaningEvidence(index, [word('Lava', ['lava'], true), word('two', ['2'])], new Map([['lava', 1], ['2', 1]]), new Map())!;
    expect(meaning.words).toEqual([
      { terms: ['lava'], weight: 1 },
      { terms: ['2'], weight: 1 },
    ]);
    expect(meaning.nearness('lava')).toBeUndefined();
    expect(meaningEvidence(index, [], new Map(), new Map())).toBeUndefined();
  });

  it('nearness rises from 0 at the floor to 1 at a cosine of 1, a possessive read as its word', () => {
    const meaning = meaningEvidence(index, [word('home')], new Map([['home', 1]]), new Map([['home', 1]]))!;
    expect(meaning.words).toEqual([{ terms: ['home'], weight: 1 }]);
    expect(meaning.nearness('house')?.[0]).toBeCloseTo((0.75 - MEANING_FLOOR) / (1 - MEANING_FLOOR), 9);
    expect(meaning.nearness('ballot')).toBeUndefined();
    expect(meaning.nearness('castle')).toBeUndefined();
    expect(meaning.nearness("government's")?.[0]).toBeCloseTo((0.9 - MEANING_FLOOR) / (1 - MEANING_FLOOR), 9);
  });

  it(`weighs the ${MEANING_WORDS} heaviest words, and reads at most ${MEANING_LOOKUPS} distinct words of the candidates`, () => {
    const words = Array.from({ length: 14 }, (_, i) => word(`w${i}`));
    const weights = new Map(words.map((w, i) => [w.text, i === 0 ? 0.5 : 1 + i]));
    const meaning = meaningEvidence(index, words, weights, weights)!;
    expect(meaning.words).toHaveLength(MEANING_WORDS);
    // w0 (the lightest) and w1 (the next) are left out.
    expect(meaning.words.map((w) => w.terms[0])).toEqual(Array.from({ length: 12 }, (_, i) => `w${13 - i}`));
    for (let i = 0; i < MEANING_LOOKUPS; i++) meaning.nearness(`filler${i}`);
    // Past the budget a word is near none, even one the table puts at 1.
    expect(meaning.nearness('w13')).toBeUndefined();
  });
});
