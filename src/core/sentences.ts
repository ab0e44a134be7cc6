/**
 * Sentence splitting with exact offsets: for every span, `text.slice(start, end)` is the
 * sentence, without surrounding white space.
 *
 * Candidate boundaries come from ICU's sentence rules (`Intl.Segmenter`), which already
 * handle decimals ("3.5"), closing quotes and brackets after a full stop, and lower-case
 * continuations ("the U.S. on Monday"). What ICU gets wrong in news text is repaired here:
 *
 *   1. Hard-wrapped lines: ICU ends a sentence at every line break. Single line breaks
 *      are read as spaces (same length, so offsets hold); a blank line still ends a
 *      paragraph and so a sentence.
 *   2. Abbreviations: ICU breaks after "Mr." or "Feb." when a capital or digit follows.
 *      Such a break is undone when the segment ends with an abbreviation that cannot end
 *      a sentence here (see {@link isFalseBoundary}).
 *   3. Run-on text with no punctuation is cut at white space every
 *      {@link MAX_SENTENCE_LENGTH} characters, so a passage stays readable.
 */

/** A sentence's place in its document text: `[start, end)` in UTF-16 code units. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Longest passage returned as one sentence. Longer runs are cut at white space; real
 * sentences in news text stay far below it.
 */
export const MAX_SENTENCE_LENGTH = 1000;

/** Titles and honorifics: never the last word of a sentence in news text. */
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'maj',
  'capt', 'cmdr', 'adm', 'sgt', 'cpl', 'pvt', 'rev', 'fr', 'st', 'mt', 'ft', 'hon', 'pres',
  'supt', 'insp', 'det', 'messrs', 'mme', 'mlle', 'sr', 'jr', 'no', 'nos', 'vol', 'art',
  'fig', 'pp', 'approx', 'est', 'vs', 'v', 'cf', 'ca',
]);

/** Abbreviated months: not a sentence end when a day or year follows ("Feb. 16"). */
const MONTHS = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/**
 * Words that start a new sentence after an initialism ("in the U.S. The talks...").
 * After "U.S." or "U.N." any other capitalised word continues the sentence
 * ("the U.S. President", "the U.N. Security Council").
 */
const SENTENCE_STARTERS = new Set([
  'a', 'an', 'and', 'as', 'at', 'but', 'for', 'he', 'her', 'his', 'however', 'i', 'if',
  'in', 'it', 'its', 'meanwhile', 'on', 'our', 'she', 'so', 'that', 'the', 'their', 'there',
  'these', 'they', 'this', 'those', 'we', 'what', 'when', 'while', 'yet', 'you',
]);

/**
 * What continues a sentence when it follows a break: a closing mark, or an operator before
 * a number or a bracket ("(p − 1)! + 1"). Not a Markdown mark: "*The Guardian* reported",
 * "* a bullet", "> a quotation" start sentences.
 */
const CONTINUATIONS = /^(?:[)\]},;:%]|[+=×÷−<>]\s*[\p{N}(])/u;

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Characters after a break read to find the next word (white space, quotes, the word). */
const LOOKAHEAD = 80;

/** Splits `text` into sentence spans, in order. */
export function splitSentences(text: string): Span[] {
  const source = unwrapLines(text);
  const spans: Span[] = [];
  let pendingStart: number | undefined;
  for (const { index, segment } of icuSegments(source)) {
    const start = pendingStart ?? index;
    const end = index + segment.length;
    // Only the next word matters after a break: look at a short window, not the whole rest.
    const after = source.slice(end, end + LOOKAHEAD).trimStart();
    if (!PARAGRAPH_END.test(segment) && isFalseBoundary(source.slice(start, end).trimEnd(), after)) {
      pendingStart = start;
      continue;
    }
    pendingStart = undefined;
    spans.push(...cutLongRuns(text, trimSpan(text, start, end)));
  }
  if (pendingStart !== undefined) spans.push(...cutLongRuns(text, trimSpan(text, pendingStart, source.length)));
  return spans.filter((span) => span.end > span.start);
}

/**
 * Window of text handed to ICU at once. V8's segmenter slows down more than linearly on
 * long strings (measured: 93 KB in 0.1 s, 186 KB in 8 s), so text is segmented a window at
 * a time; the last segment of a window may be cut short by the window's end, so the next
 * window starts at that segment. The window is far longer than a sentence may be.
 */
const ICU_WINDOW = 8 * MAX_SENTENCE_LENGTH;

/** ICU's sentence segments of `source`, with offsets into it. */
function* icuSegments(source: string): Generator<{ index: number; segment: string }> {
  let from = 0;
  while (from < source.length) {
    const to = Math.min(source.length, from + ICU_WINDOW);
    const segments = [...segmenter.segment(source.slice(from, to))];
    const complete = to === source.length || segments.length === 1 ? segments : segments.slice(0, -1);
    for (const { index, segment } of complete) yield { index: from + index, segment };
    const last = complete.at(-1);
    from = last ? from + last.index + last.segment.length : to;
  }
}

const LINE_BREAKS = /((?:\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))+)|\r\n|\r|\n/g;
const PARAGRAPH_END = /(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)\s*$/;

/** Replaces each line break that is not part of a blank line by spaces of equal length. */
function unwrapLines(text: string): string {
  return text.replace(LINE_BREAKS, (match: string, paragraph: string | undefined) =>
    paragraph === undefined ? ' '.repeat(match.length) : match,
  );
}

/**
 * Whether ICU's break between `before` (trimmed on the right) and `after` (trimmed on the
 * left) falls inside a sentence.
 */
function isFalseBoundary(before: string, after: string): boolean {
  if (after.length === 0) return false;
  // No sentence starts with an operator or a closing mark: "(p − 1)! + 1 is divisible".
  if (CONTINUATIONS.test(after)) return true;
  if (!before.endsWith('.')) return false;
  const lastWord = /(\S+)$/.exec(before)?.[1] ?? '';
  const word = lastWord.replace(/^[("'“‘[]+/, '');
  const bare = word.slice(0, -1).toLowerCase();
  const nextWord = /^[("'“‘[]*([\p{L}\p{N}]+)/u.exec(after)?.[1] ?? '';

  if (TITLES.has(bare)) return true;
  if (MONTHS.has(bare)) return /^\p{N}/u.test(nextWord);
  // An initial inside a name ("John F. Kennedy") or an initialism ("U.S.", "U.N.") before
  // a capitalised word that does not usually start a sentence ("the U.S. President").
  if (/^\p{Lu}\.$|^(?:\p{L}\.){2,}$/u.test(word)) {
    // Another initial follows an initial ("A. A. Milne", "J. R. R. Tolkien"), even one that
    // is also a word ("A.", "I."); not an initialism ("in the U.S. A. Smith chaired it").
    if (word.length === 2 && /^\p{Lu}\.(?:\s|$)/u.test(after)) return true;
    // A citation: a number, an initialism, a number ("268 U.S. 510"); not a time ("at 11
    // p.m. 7-Eleven stores") nor a sentence after one ("in the U.S. 3M said").
    if (/^\p{N}/u.test(nextWord) && /\p{N}\s+(?:\p{L}\.){2,}$/u.test(before) && !/^[ap]\.m\.$/i.test(word)) return true;
    return /^\p{Lu}/u.test(nextWord) && !SENTENCE_STARTERS.has(nextWord.toLowerCase());
  }
  return false;
}

function trimSpan(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text.charAt(s))) s++;
  while (e > s && /\s/.test(text.charAt(e - 1))) e--;
  return { start: s, end: e };
}

/**
 * Cuts a span longer than {@link MAX_SENTENCE_LENGTH} at the last white space before the
 * limit (or at the limit itself when a run has none).
 */
function cutLongRuns(text: string, span: Span): Span[] {
  const spans: Span[] = [];
  let { start } = span;
  while (span.end - start > MAX_SENTENCE_LENGTH) {
    const window = text.slice(start, start + MAX_SENTENCE_LENGTH + 1);
    const cut = window.search(/\s\S*$/);
    const end = cut > 0 ? start + cut : start + MAX_SENTENCE_LENGTH;
    spans.push(trimSpan(text, start, end));
    start = trimSpan(text, end, span.end).start;
  }
  spans.push({ start, end: span.end });
  return spans;
}
