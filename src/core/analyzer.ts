/**
 * Text analysis shared by indexing and querying, so that a question's words and a
 * sentence's words meet in the same form. Every term keeps the offsets of the words it
 * came from, so matches can be highlighted in the passage.
 *
 *   "Lavrov's talks on WWII"
 *     words:  Lavrov's(0-8) talks(9-14) on(15-17) WWII(18-22)
 *     normalize (NFKC, lower case, no diacritics, no possessive, no dots)
 *     words:  lavrov talks on wwii
 *     terms:  lavrov  talk  ww2(alias)          ("on" is a stop word; "wwii" alone is a
 *                                                 lexicon phrase, so its alias is added)
 *
 * Numbers written in words become digits ("four" -> 4, "seventy-fifth" -> 75th); hyphenated
 * words are read part by part ("Russia-Japan" -> russia, japan). Invisible characters
 * (zero-width spaces and joiners, soft hyphens, direction marks) inside a word are part
 * of it and vanish from its normal form ("Lav\u200drov" -> lavrov), while its offsets
 * still count them.
 *
 * The work is bounded whatever the text (see cost.ts): a word is normalized in time
 * linear in its length, and one longer than MAX_WORD_LENGTH once normalized is its own
 * term, not stemmed (Porter2 is quadratic in a word's length) nor remembered.
 */
import { eng as englishStopWords } from 'stopword';
import stem from 'wink-porter2-stemmer';
import { countWork, MAX_WORD_LENGTH } from './cost';
import { Lexicon, type LexiconWord } from './lexicon';
import { Memo } from './memo';
import { readNumberWords } from './numbers';

/**
 * Question and function words that the `stopword` package's English list leaves out but
 * that carry no topic in a question ("When did...", "Why does..."). Without them a
 * question would match sentences on its interrogative alone.
 */
const QUESTION_WORDS = [
  'when', 'why', 'whom', 'whose', 'does', 'doing', 'done', 'will', 'shall', 'may', 'tell',
  'yes', 'no', 'not', 'its', 'us', 'am', 'ever', 'anything', 'something', 'thing', 'things',
  'please', 'know', 'say', 'says', 'mention', 'mentioned', 'mentions', 'happen', 'happened', 'happens',
  'occur', 'occurred', 'occurs',
] as const;

const STOP_WORDS: ReadonlySet<string> = new Set([...englishStopWords, ...QUESTION_WORDS]);

/**
 * A word: an initialism with dots ("U.S."), letters (with marks, inner invisible
 * characters and inner apostrophes), or a number (with inner separators, as in 3.5 or
 * 10,000) optionally followed by letters (75th). Hyphens split words.
 */
const WORD = /(?:\p{L}\.){2,}|\p{L}(?:[\p{L}\p{M}\p{N}]|\p{DI}+(?=[\p{L}\p{M}\p{N}]))*(?:['’]\p{L}(?:[\p{L}\p{M}\p{N}]|\p{DI}+(?=[\p{L}\p{M}\p{N}]))*)*|\p{N}+(?:[.,]\p{N}+)*\p{L}*/gu;

/**
 * What a normal form drops: combining marks (diacritics, once NFKD has separated them) and
 * default-ignorable characters, which are invisible (U+200B-U+200F, U+2060, U+FEFF, the
 * soft hyphen U+00AD, bidirectional controls, variation selectors).
 */
const DROPPED = /[\p{M}\p{DI}]/gu;

export interface Word extends LexiconWord {
  /** Offsets of the word in the analyzed text (UTF-16 code units). */
  readonly start: number;
  readonly end: number;
}

export interface Term {
  readonly term: string;
  /** Offsets of the words the term comes from. */
  readonly start: number;
  readonly end: number;
  /** True for a lexicon alias (a canonical name the words also stand for). */
  readonly alias: boolean;
}

/** Splits text into words with offsets. Punctuation and spaces are dropped. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    const start = match.index;
    out.push({ raw, normalized: normalizeWord(raw), start, end: start + raw.length });
  }
  return out;
}

/**
 * Lower-cases, applies NFKC, removes diacritics, invisible characters, the English
 * possessive and the dots of an initialism, and folds the typographic apostrophe:
 * "Lavrov’s", "LAVROV'S", "Lávrov" and "Lav\u00adrov" all become "lavrov", "U.S."
 * becomes "us". Linear in the word's length; a normal form longer than
 * {@link MAX_WORD_LENGTH} or of a longer word is not remembered (NFKC may make
 * it 18 times the word).
 */
export function normalizeWord(word: string): string {
  if (word.length > MAX_WORD_LENGTH) return normalizeUncached(word);
  return normalized.get(word, () => normalizeUncached(word), (form) => form.length <= MAX_WORD_LENGTH);
}

function normalizeUncached(word: string): string {
  const out = word
    .normalize('NFKC')
    .normalize('NFKD')
    .replace(DROPPED, '')
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/'s$/, '')
    .replace(/(\d),(?=\d)/g, '$1')
    .replace(/\.(?!\d)|(?<!\d)\./g, '');
  countWork('normalize', word.length + out.length);
  return out;
}

/** `text` without its invisible characters: how a word is shown ("Lav\u00adrov" as "Lavrov"). */
export function visibleText(text: string): string {
  return text.replace(/\p{DI}/gu, '');
}

export function isStopWord(normalized: string): boolean {
  return STOP_WORDS.has(normalized);
}

/**
 * The index term for one normalized word, or `null` when it carries no content (a stop
 * word, or a single letter). A word longer than {@link MAX_WORD_LENGTH} is its own term:
 * stemming it would cost the square of its length.
 */
export function termOf(normalizedWord: string): string | null {
  if (normalizedWord.length > MAX_WORD_LENGTH) return normalizedWord;
  return terms.get(normalizedWord, () => termUncached(normalizedWord));
}

function termUncached(normalizedWord: string): string | null {
  if (normalizedWord.length < 2 && !/\p{N}/u.test(normalizedWord)) return null;
  if (isStopWord(normalizedWord)) return null;
  if (/\p{N}/u.test(normalizedWord)) return normalizedWord;
  countWork('stem', normalizedWord.length);
  return stem(normalizedWord);
}

/**
 * Words recur: their normal forms and terms are remembered (pure functions of the word),
 * at most WORDS_REMEMBERED of each, which bounds them on a large, varied corpus. No other
 * memory of words holds more.
 */
export const WORDS_REMEMBERED = 200_000;
const normalized = new Memo<string>(WORDS_REMEMBERED);
const terms = new Memo<string | null>(WORDS_REMEMBERED);

/** The index term of a dictionary form ("send" for "sent"), for irregular inflections. */
export function lemmaTerm(lemma: string): string | null {
  return termOf(normalizeWord(lemma));
}

/** Analyzes text into content terms with a lexicon of aliases. */
export class Analyzer {
  constructor(readonly lexicon: Lexicon) {}

  /**
   * The content terms of `text`, in order, with repeats: word terms (stemmed, stop words
   * dropped, numbers as digits) and alias terms from the lexicon.
   */
  terms(text: string): Term[] {
    const list = words(text);
    // Capitals tell names from words only in mixed-case text. In a question written all in
    // capitals ("US" may be the pronoun) initialism rules do not apply; in one written all
    // in lower case ("who did putin invite to moscow") names are read as names.
    const hasLowerCase = /\p{Ll}/u.test(text);
    const hasUpperCase = /\p{Lu}/u.test(text);
    const asName = (word: string) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
    const lexiconWords = hasLowerCase && hasUpperCase ? list : list.map((w) => ({ ...w, raw: asName(w.raw) }));
    const out: Term[] = [];
    const normalized = list.map((w) => w.normalized);

    for (let i = 0; i < list.length; ) {
      const alias = this.lexicon.match(lexiconWords, i);
      if (alias) {
        const first = list[i];
        const last = list[i + alias.length - 1];
        if (first && last) for (const term of alias.terms) out.push({ term, start: first.start, end: last.end, alias: true });
      }
      const number = readNumberWords(normalized.slice(i, i + 5));
      const word = list[i];
      if (!word) break;
      if (number) {
        const last = list[i + number.length - 1] ?? word;
        out.push({ term: number.term, start: word.start, end: last.end, alias: false });
        i += number.length;
        continue;
      }
      const term = termOf(word.normalized);
      if (term !== null) out.push({ term, start: word.start, end: word.end, alias: false });
      i++;
    }
    return out;
  }

  /** Just the word terms (no aliases), as strings: what the `text` field indexes. */
  wordTerms(text: string): string[] {
    return this.terms(text).filter((t) => !t.alias).map((t) => t.term);
  }

  /** Just the alias terms, as strings: what the `aliases` field indexes. */
  aliasTerms(text: string): string[] {
    return this.terms(text).filter((t) => t.alias).map((t) => t.term);
  }
}
