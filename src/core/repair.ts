/**
 * Repair of U+FFFD REPLACEMENT CHARACTER, which marks a character lost when a text went
 * through a wrong encoding before it reached the corpus (the seed article has one where
 * a dash was: "four Kuril islands � Iturup"). Readers must never see it.
 *
 * Each U+FFFD is replaced by exactly one UTF-16 code unit, so the repaired text has the
 * same length as the file's text and every offset means the same in both.
 *
 *   word � word   -> word — word   (a spaced dash: the usual loss in news copy)
 *   word�s        -> word’s        (a typographic apostrophe inside a word)
 *   anything else -> a space       (a lost quote mark or symbol: nothing is invented)
 */

const REPLACEMENT_CHARACTER = /\uFFFD/g;

export interface Repair {
  readonly text: string;
  /** How many characters were replaced. */
  readonly replaced: number;
}

export function repairReplacementCharacters(text: string): Repair {
  let replaced = 0;
  const repaired = text.replace(REPLACEMENT_CHARACTER, (_match: string, offset: number) => {
    replaced++;
    const before = text.charAt(offset - 1);
    const after = text.charAt(offset + 1);
    if (isSpaceOrEdge(before) && isSpaceOrEdge(after)) return '\u2014';
    if (/\p{L}/u.test(before) && /\p{L}/u.test(after)) return '\u2019';
    return ' ';
  });
  return { text: repaired, replaced };
}

function isSpaceOrEdge(char: string): boolean {
  return char === '' || /\s/.test(char);
}
