/**
 * Text analysis shared by indexing and querying, so that a question's words and a
 * sentence's words meet in the same form.
 *
 *   "Lavrov's talks"  -> tokenize -> ["Lavrov's", "talks"]
 *                     -> normalize (NFKC, lower case, no diacritics, no possessive)
 *                     -> ["lavrov", "talks"] -> drop stop words -> stem -> ["lavrov", "talk"]
 */
import { eng as englishStopWords } from 'stopword';
import stem from 'wink-porter2-stemmer';

/**
 * Question and function words that the `stopword` package's English list leaves out but
 * that carry no topic in a question ("When did...", "Why does..."). Without them a
 * question would match sentences on its interrogative alone.
 */
const QUESTION_WORDS = [
  'when', 'why', 'whom', 'whose', 'does', 'doing', 'done', 'will', 'shall', 'may', 'tell',
  'yes', 'no', 'not', 'its', 'us', 'am', 'ever', 'anything', 'something', 'thing', 'things',
  'please', 'know', 'say', 'says',
] as const;

const STOP_WORDS: ReadonlySet<string> = new Set([...englishStopWords, ...QUESTION_WORDS]);

/**
 * A word: letters (with marks, inner apostrophes and hyphens), or a number (with inner
 * separators, as in 3.5 or 10,000), optionally followed by letters (75th, 2nd).
 */
const TOKEN = /\p{L}[\p{L}\p{M}\p{N}]*(?:['’\-]\p{L}[\p{L}\p{M}\p{N}]*)*|\p{N}+(?:[.,]\p{N}+)*\p{L}*/gu;

/** Splits text into raw word tokens, in order. Punctuation and spaces are dropped. */
export function tokenize(text: string): string[] {
  return text.normalize('NFKC').match(TOKEN) ?? [];
}

/**
 * Lower-cases, removes diacritics and the English possessive, and folds the typographic
 * apostrophe, so "Lavrov’s", "LAVROV'S" and "Lávrov" all become "lavrov".
 */
export function normalizeWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/'s$/, '')
    .replace(/,/g, '');
}

export function isStopWord(normalized: string): boolean {
  return STOP_WORDS.has(normalized);
}

/**
 * The index term for one token, or `null` when the token carries no content (a stop word
 * or a one-letter word).
 */
export function termOf(token: string): string | null {
  const word = normalizeWord(token);
  if (word.length < 2 && !/\p{N}/u.test(word)) return null;
  if (isStopWord(word)) return null;
  return /\p{N}/u.test(word) ? word : stem(word);
}

/**
 * The index terms of one token: its own term, and for a hyphenated compound the terms of
 * its parts too, so "Russia-Japan" is found by "Russia" and by "Japan".
 */
export function termsOfToken(token: string): string[] {
  const parts = token.includes('-') ? [token, ...token.split('-')] : [token];
  const terms: string[] = [];
  for (const part of parts) {
    const term = termOf(part);
    if (term !== null && !terms.includes(term)) terms.push(term);
  }
  return terms;
}

/** Every content term of a text, in order, with repeats. */
export function contentTerms(text: string): string[] {
  return tokenize(text).flatMap(termsOfToken);
}
