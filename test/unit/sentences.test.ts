import { MAX_SENTENCE_LENGTH, splitSentences } from '../../src/core/sentences';

function sentences(text: string): string[] {
  return splitSentences(text).map(({ start, end }) => text.slice(start, end));
}

describe('splitSentences', () => {
  it.each<[string, string, string[]]>([
    ['titles do not end sentences (ICU splits after them)', 'Mr. Smith met Dr. Jones and Mrs. Lee. They talked.', ['Mr. Smith met Dr. Jones and Mrs. Lee.', 'They talked.']],
    ['an initialism before a name continues the sentence', 'The U.S. President spoke. Then he left.', ['The U.S. President spoke.', 'Then he left.']],
    ['an initialism at the end of a sentence ends it', 'He lives in the U.S. The talks went on.', ['He lives in the U.S.', 'The talks went on.']],
    ['an initialism before a lower-case word continues', 'Officials in the U.S. said so. Fine.', ['Officials in the U.S. said so.', 'Fine.']],
    ['an abbreviated month before a day', 'The talks began on Feb. 16 in Munich. They ended.', ['The talks began on Feb. 16 in Munich.', 'They ended.']],
    ['a middle initial', 'John F. Kennedy was president. He died in 1963.', ['John F. Kennedy was president.', 'He died in 1963.']],
    ['initials that are also words', 'The author A. A. Milne wrote it. I. M. Pei built it.', ['The author A. A. Milne wrote it.', 'I. M. Pei built it.']],
    ['a number after an initialism', 'The case is Pierce v. Society of Sisters, 268 U.S. 510 (1925). It stands.', ['The case is Pierce v. Society of Sisters, 268 U.S. 510 (1925).', 'It stands.']],
    ['Markdown emphasis and bullets start sentences', 'The minister resigned. *The Guardian* reported it. Key points:\n* The deal closes in May.\n* Shares rose.', ['The minister resigned.', '*The Guardian* reported it.', 'Key points:\n* The deal closes in May.', '* Shares rose.']],
    ['a number after an initialism that ends a sentence', 'Sales fell in the U.S. 3M said demand would recover. It ended at 11 p.m. 7-Eleven stayed open.', ['Sales fell in the U.S.', '3M said demand would recover.', 'It ended at 11 p.m.', '7-Eleven stayed open.']],
    ['an initial after an initialism', 'It was held in the U.S. A. Smith chaired it.', ['It was held in the U.S.', 'A. Smith chaired it.']],
    ['an operator after an exclamation mark', 'It is prime if (p − 1)! + 1 is divisible by p. Next.', ['It is prime if (p − 1)! + 1 is divisible by p.', 'Next.']],
    ['decimals and amounts', 'Trade grew 3.5 percent to $1.2 billion. Then it fell.', ['Trade grew 3.5 percent to $1.2 billion.', 'Then it fell.']],
    [
      'a quotation spanning several sentences keeps its closing quote with the last one',
      '"I came. I saw. I left," he said. Then he went home.',
      ['"I came.', 'I saw.', 'I left," he said.', 'Then he went home.'],
    ],
    ['a quoted sentence ending in a full stop', 'He said: "We agree." The others did not.', ['He said: "We agree."', 'The others did not.']],
    ['brackets inside a sentence', 'I believe that the phase [of negotiations] is changing. Next.', ['I believe that the phase [of negotiations] is changing.', 'Next.']],
    ['a sentence in parentheses', '(He declined to comment.) The talks went on.', ['(He declined to comment.)', 'The talks went on.']],
    [
      'an agency dateline with an abbreviated month',
      'WASHINGTON, Feb. 3 (Reuters) - The U.S. said on Monday it would act. Officials agreed.',
      ['WASHINGTON, Feb. 3 (Reuters) - The U.S. said on Monday it would act.', 'Officials agreed.'],
    ],
    [
      'a dateline with a source and date in brackets',
      'TOKYO (Sputnik - 16th February, 2020) Japan said it was ready. Russia agreed.',
      ['TOKYO (Sputnik - 16th February, 2020) Japan said it was ready.', 'Russia agreed.'],
    ],
    ['question and exclamation marks', 'Will they sign? Nobody knows! Talks go on.', ['Will they sign?', 'Nobody knows!', 'Talks go on.']],
    ['hard-wrapped lines join; a blank line ends a paragraph', 'The meeting\nlasted an hour\n\nA new paragraph.', ['The meeting\nlasted an hour', 'A new paragraph.']],
    ['a headline without a full stop', 'Ministers Meet In Munich\n\nThe talks lasted an hour.', ['Ministers Meet In Munich', 'The talks lasted an hour.']],
    ['Windows line ends', 'One sentence.\r\nAnother one.\r\n\r\nA third.', ['One sentence.', 'Another one.', 'A third.']],
    ['"No." before a number', 'He was ranked No. 1 in the world. Then he retired.', ['He was ranked No. 1 in the world.', 'Then he retired.']],
    ['white space only', ' \n\n  \t', []],
    ['empty text', '', []],
  ])('%s', (_name, text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  it('gives spans whose slices are the sentences, trimmed, in order and not overlapping', () => {
    const text = '  "Hi. Bye," he said.\n\n(See above.) Mr. X left the U.S. on Feb. 3.  ';
    const spans = splitSentences(text);
    let previousEnd = 0;
    for (const { start, end } of spans) {
      expect(start).toBeGreaterThanOrEqual(previousEnd);
      expect(text.slice(start, end)).toBe(text.slice(start, end).trim());
      previousEnd = end;
    }
    expect(sentences(text)).toEqual(['"Hi.', 'Bye," he said.', '(See above.)', 'Mr. X left the U.S. on Feb. 3.']);
  });

  it(`cuts a run with no sentence end at white space, at most ${MAX_SENTENCE_LENGTH} characters a piece`, () => {
    const words = Array.from({ length: 500 }, (_, i) => `word${i}`);
    const text = words.join(' ');
    const pieces = sentences(text);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(MAX_SENTENCE_LENGTH);
    expect(pieces.join(' ')).toBe(text);
  });

  it('segments a long text window by window without losing or splitting a sentence', () => {
    const parts = Array.from({ length: 3000 }, (_, i) => `Mr. Lee met Dr. Kim on Feb. ${(i % 28) + 1} in the U.S. Capitol, talk ${i}.`);
    expect(sentences(parts.join(' '))).toEqual(parts);
    expect(sentences(parts.join('\n\n'))).toEqual(parts);
  });

  it('cuts a run with no white space at the limit', () => {
    const text = 'x'.repeat(MAX_SENTENCE_LENGTH * 2 + 10);
    expect(sentences(text).map((s) => s.length)).toEqual([MAX_SENTENCE_LENGTH, MAX_SENTENCE_LENGTH, 10]);
  });
});
