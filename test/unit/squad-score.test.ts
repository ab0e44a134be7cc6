/**
 * SQuAD's official scoring (evaluate-v1.1.py), case by case. Each expected figure was worked
 * out by hand from the script's `normalize_answer`, `exact_match_score` and `f1_score`.
 */
import { bestOver, exactMatch, f1, normalizeAnswer } from '../../src/eval/squad-score';

describe('normalizeAnswer', () => {
  it.each([
    ['The Denver Broncos!', 'denver broncos'],
    // Punctuation is removed, not replaced by a space: "Levi's" becomes one token.
    ["Levi's Stadium", 'levis stadium'],
    ['U.S.', 'us'],
    ['1,000', '1000'],
    ['well-known', 'wellknown'],
    // Articles only as whole words, anywhere, and white space collapsed after.
    ['an apple a day, the  end', 'apple day end'],
    ['banana theory anthem', 'banana theory anthem'],
    // Python's \b is Unicode-aware: the "a" of "éa" is inside a word and stays.
    ['éa a', 'éa'],
    // string.punctuation is ASCII: a typographic dash or quote stays.
    ['1914–1918 “war”', '1914–1918 “war”'],
    ['  \t\n ', ''],
  ])('%j -> %j', (text, normalized) => {
    expect(normalizeAnswer(text)).toBe(normalized);
  });
});

describe('exactMatch', () => {
  it('compares normalized texts whole', () => {
    expect(exactMatch('the Denver Broncos', 'Denver Broncos')).toBe(1);
    expect(exactMatch('Denver Broncos.', 'denver broncos')).toBe(1);
    expect(exactMatch('Broncos', 'Denver Broncos')).toBe(0);
  });

  it('counts two texts that normalize to nothing as equal (as the script does)', () => {
    expect(exactMatch('the', 'a')).toBe(1);
  });
});

describe('f1', () => {
  it('is 1 for the same tokens, 0 for none shared', () => {
    expect(f1('The Denver Broncos', 'denver broncos')).toBe(1);
    expect(f1('Santa Clara, California', "Levi's Stadium")).toBe(0);
  });

  it('is the harmonic mean of token precision and recall', () => {
    // prediction [in, santa, clara], gold [santa, clara, california]: 2 shared, P = R = 2/3.
    expect(f1('in Santa Clara', 'Santa Clara, California')).toBeCloseTo(2 / 3, 10);
    // prediction [denver, broncos, defeated, carolina, panthers], gold [denver, broncos]: P = 2/5, R = 1.
    expect(f1('The Denver Broncos defeated the Carolina Panthers', 'Denver Broncos')).toBeCloseTo((2 * 0.4 * 1) / 1.4, 10);
  });

  it('counts repeated tokens as a multiset', () => {
    // prediction [cat, cat], gold [cat]: 1 shared, P = 1/2, R = 1.
    expect(f1('the cat cat', 'cat')).toBeCloseTo(2 / 3, 10);
  });

  it('is 0 when either side normalizes to nothing, even both (the script returns 0 with no shared token)', () => {
    expect(f1('', 'Denver')).toBe(0);
    expect(f1('the', 'a')).toBe(0);
  });
});

describe('bestOver', () => {
  it('takes the best over the gold answers, 0 for none', () => {
    const golds = ['Santa Clara, California', "Levi's Stadium", "Levi's Stadium in the San Francisco Bay Area at Santa Clara, California."];
    expect(bestOver(golds, "Levi's Stadium", exactMatch)).toBe(1);
    expect(bestOver(golds, 'Santa Clara', f1)).toBeCloseTo(0.8, 10);
    expect(bestOver([], 'anything', f1)).toBe(0);
  });
});
