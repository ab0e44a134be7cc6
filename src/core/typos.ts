/**
 * Typo tolerance, restricted to the corpus's own words: a question word the corpus does
 * not have is read as the corpus words one slip away.
 */
import { termOf } from './analyzer';
import type { SentenceIndex } from './search-index';

/**
 * Longest term whose swaps of neighbouring letters are tried: each of its n - 1 swaps is
 * stemmed, and stemming is quadratic in word length. Typos in longer words are left to
 * the word-tree walk alone.
 */
export const MAX_SWAPPED_LENGTH = 24;

/**
 * Corpus terms one slip from `term` (an insertion, deletion, substitution, or swap of two
 * neighbouring letters; two slips for words of eight letters or more). The corpus's words
 * within one more Levenshtein edit are the candidates (a walk of the word tree, whatever
 * the size of the corpus); each is then checked with transpositions counted as one slip,
 * which Levenshtein distance counts as two ("Lavorv" -> "Lavrov").
 *
 * The corpus's words are stems, and a swap can change how a word stems: "factroy" keeps
 * its "y" where "factory" stems to "factori", three edits apart. So each swap of two
 * neighbouring letters is also stemmed and looked up as a word (for terms up to
 * {@link MAX_SWAPPED_LENGTH} letters).
 */
export function corrected(index: SentenceIndex, term: string): string[] {
  if (term.length < 4 || /\d/.test(term)) return [];
  const slips = term.length >= 8 ? 2 : 1;
  const near = index.wordsNear(term, slips + 1).filter((candidate) => candidate !== term && damerau(candidate, term) <= slips);
  return [...new Set([...near, ...swapped(index, term)])]
    // The commonest first: the likelier meant, and the one a corrected question shows.
    .sort((a, b) => index.frequency(b) - index.frequency(a) || (a < b ? -1 : 1));
}

/** The corpus words that a swap of two neighbouring letters of `term` stems to. */
function swapped(index: SentenceIndex, term: string): string[] {
  if (term.length > MAX_SWAPPED_LENGTH) return [];
  const found: string[] = [];
  for (let i = 0; i + 1 < term.length; i++) {
    if (term[i] === term[i + 1]) continue;
    const swap = termOf(`${term.slice(0, i)}${term[i + 1]}${term[i]}${term.slice(i + 2)}`);
    if (swap !== null && swap !== term && index.isWord(swap)) found.push(swap);
  }
  return found;
}

/** Optimal-string-alignment distance: Levenshtein with adjacent transpositions. */
export function damerau(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    const up = d[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] ?? 0, ((d[i - 2] as number[])[j - 2] ?? 0) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] ?? 0;
}
