/**
 * Dates as terms: what a text says of when, in one canonical form whatever way it is
 * written, so that "April 26, 2023", "26 April 2023", "2023-04-26" and "today" in an
 * article published that day all meet a question asking about "April 26, 2023".
 *
 *   YYYY-MM-DD   a day          "April 26, 2023"
 *   YYYY-MM      a month        "May 2024"
 *   --MM-DD      a day of the year, without its year (ISO 8601's form): "on April 26"
 *   YYYY         a year: the number term itself, so "in 2023" needs no recognizing
 *
 * An article's date is part of what it says: a readout that says "spoke today" says it
 * spoke on its publication date, and everything it reports is of that day. So the index
 * gives each sentence the terms of the dates it writes, explicit or relative ("today", "on
 * Saturday", "November 21"), read against the publication date (dates.ts), and the terms
 * of the article's own date (see {@link publicationTerms}). A text's date stands for every coarser
 * form of itself (a day is also its month, its year, its day of the year and its month's
 * name), since a reader may ask at any of them; a question's date asks at the precision it
 * is written with, so a question gives only its most precise form.
 *
 * Terms of the `aliases` field: they have no word of their own in the sentence, so they are
 * never highlighted, and a sentence's word offsets are untouched.
 *
 * Cost: two tests of the text (see MAY_HOLD_DATE), then for a text that may hold a date one
 * pass over its words (a scan that looks at most five words ahead), at most
 * {@link MAX_DATES} phrases: about a millisecond for a question of 2,000 characters.
 */
import type { Term } from './analyzer';
import { MONTH_ABBREVIATIONS, MONTHS, RELATIVE_DAYS, resolveDate, WEEKDAYS } from './dates';
import { damerau } from './typos';

const WEEKDAY_NAMES: ReadonlySet<string> = new Set(WEEKDAYS);
/**
 * Month names that are also common words ("may", "march"): a month only beside a day or a
 * year ("May 2024", "March 3"), never alone.
 */
const AMBIGUOUS_MONTHS = new Set([2, 4]);
/** Date phrases read in one text: a sentence holds a few; a question of 2,000 characters is bounded. */
export const MAX_DATES = 16;

/** A date phrase found in a text, with what it says (`year`, `month`, `day` when written). */
export interface DatePhrase {
  readonly start: number;
  readonly end: number;
  /**
   * explicit: a calendar date (some of year, month, day);
   * relative: a day counted from publication ("today", "yesterday");
   * weekday: a day of the week ("on Saturday"), the nearest before publication;
   * month: a month's name alone ("in December"), whose year publication gives.
   */
  readonly kind: 'explicit' | 'relative' | 'weekday' | 'month';
  readonly year?: number;
  /** 1 to 12. */
  readonly month?: number;
  readonly day?: number;
}

interface Word {
  readonly text: string;
  readonly lower: string;
  readonly start: number;
  readonly end: number;
}

/**
 * What a text holding a date holds: a month's name or abbreviation, a weekday, a relative
 * day, an ISO date; or a capitalized word beside a number (a misspelt month). Nine
 * sentences in ten of an encyclopaedia have none, and are passed over with these two
 * tests instead of a walk over their words.
 */
const MAY_HOLD_DATE =
  /(?<![\p{L}\p{N}])(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight|yesterday|tomorrow)(?!\p{L})|\p{N}{4}-\p{N}{2}-\p{N}{2}/iu;
const MAY_HOLD_MISSPELT_MONTH = /(?<![\p{L}\p{N}])\p{Lu}\p{Ll}{4,9}[ ,.]{1,3}\p{N}|\p{N}[ ,.]{1,3}(?:of )?\p{Lu}\p{Ll}{4,9}(?!\p{L})/u;

/** The date phrases of `text`, in order, at most {@link MAX_DATES}. */
export function datePhrases(text: string): DatePhrase[] {
  if (!MAY_HOLD_DATE.test(text) && !MAY_HOLD_MISSPELT_MONTH.test(text)) return [];
  const words: Word[] = [];
  for (const m of text.matchAll(/\p{L}+|\p{N}+/gu)) words.push({ text: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  const found: DatePhrase[] = [];
  const gap = (a: Word | undefined, b: Word | undefined) => (a && b ? text.slice(a.end, b.start) : undefined);
  // A separator within a date: spaces, a comma, an abbreviation's full stop ("Feb. 3").
  const joins = (a: Word | undefined, b: Word | undefined) => {
    const between = gap(a, b);
    return between !== undefined && between.length <= 3 && /^[ ,.]*$/.test(between) && between.length > 0;
  };
  const monthOf = (w: Word | undefined) => {
    if (!w || !/^\p{L}/u.test(w.text)) return undefined;
    const full = MONTHS.indexOf(w.lower);
    // "may" and "march" in lower case are a verb, not a month.
    if (full >= 0) return AMBIGUOUS_MONTHS.has(full) && !/^\p{Lu}/u.test(w.text) ? undefined : full;
    // An abbreviation counts only when written as one: capitalized, with its full stop or before a number.
    return /^\p{Lu}/u.test(w.text) ? MONTH_ABBREVIATIONS.get(w.lower) : undefined;
  };
  const dayOf = (w: Word | undefined) => (w && /^\d{1,2}$/.test(w.text) && Number(w.text) >= 1 && Number(w.text) <= 31 ? Number(w.text) : undefined);
  const yearOf = (w: Word | undefined) => (w && /^(?:1[5-9]|20|21)\d\d$/.test(w.text) ? Number(w.text) : undefined);
  // "26th": the suffix follows the number with nothing between.
  const ordinal = (i: number) => {
    const next = words[i + 1];
    return next && next.start === words[i]!.end && /^(?:st|nd|rd|th)$/.test(next.lower) ? 1 : 0;
  };

  for (let i = 0; i < words.length && found.length < MAX_DATES; i++) {
    const w = words[i]!;
    // A misspelt month ("Febuary 2021") is read as one only where a day or a year makes it a date.
    const month = monthOf(w) ?? (joins(w, words[i + 1]) && (dayOf(words[i + 1]) !== undefined || yearOf(words[i + 1]) !== undefined) ? misspeltMonth(w) : undefined);
    // YYYY-MM-DD
    if (yearOf(w) !== undefined && /^\d\d$/.test(words[i + 1]?.text ?? '') && /^\d\d$/.test(words[i + 2]?.text ?? '') && gap(w, words[i + 1]) === '-' && gap(words[i + 1], words[i + 2]) === '-') {
      const m = Number(words[i + 1]!.text);
      const d = Number(words[i + 2]!.text);
      if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
        found.push({ start: w.start, end: words[i + 2]!.end, kind: 'explicit', year: yearOf(w)!, month: m, day: d });
        i += 2;
        continue;
      }
    }
    if (month !== undefined) {
      // Month day[th][,] [year]: "April 26, 2023", "Feb. 3", "Sept. 5th"
      const day = joins(w, words[i + 1]) ? dayOf(words[i + 1]) : undefined;
      if (day !== undefined) {
        let last = i + 1 + ordinal(i + 1);
        const year = joins(words[last], words[last + 1]) ? yearOf(words[last + 1]) : undefined;
        if (year !== undefined) last += 1;
        found.push({ start: w.start, end: words[last]!.end, kind: 'explicit', month: month + 1, day, ...(year !== undefined ? { year } : {}) });
        i = last;
        continue;
      }
      // Month[,] year: "May 2024"
      const year = joins(w, words[i + 1]) ? yearOf(words[i + 1]) : undefined;
      if (year !== undefined) {
        found.push({ start: w.start, end: words[i + 1]!.end, kind: 'explicit', year, month: month + 1 });
        i += 1;
        continue;
      }
      if (MONTHS[month] === w.lower && !AMBIGUOUS_MONTHS.has(month)) found.push({ start: w.start, end: w.end, kind: 'month', month: month + 1 });
      continue;
    }
    // Day[th] [of] month [year]: "26 April 2023", "16th February, 2020"
    const day = dayOf(w);
    if (day !== undefined) {
      let at = i + 1 + ordinal(i);
      if (words[at]?.lower === 'of' && joins(words[at - 1], words[at])) at += 1;
      const named = joins(words[at - 1], words[at]) ? (monthOf(words[at]) ?? misspeltMonth(words[at])) : undefined;
      if (named !== undefined) {
        const year = joins(words[at], words[at + 1]) ? yearOf(words[at + 1]) : undefined;
        const last = year !== undefined ? at + 1 : at;
        found.push({ start: w.start, end: words[last]!.end, kind: 'explicit', month: named + 1, day, ...(year !== undefined ? { year } : {}) });
        i = last;
        continue;
      }
    }
    if (RELATIVE_DAYS.has(w.lower)) found.push({ start: w.start, end: w.end, kind: 'relative' });
    else if (WEEKDAY_NAMES.has(w.lower)) found.push({ start: w.start, end: w.end, kind: 'weekday' });
  }
  return found;
}

/**
 * The month a capitalized word of five letters or more is one slip from (a letter left
 * out, added, changed or two swapped: "Febuary", "Septmber"), as typos.ts reads a
 * question's other words; undefined for none. Cost: twelve comparisons of a word of at
 * most twelve letters.
 */
function misspeltMonth(w: Word | undefined): number | undefined {
  if (!w || w.lower.length < 5 || w.lower.length > 10 || !/^\p{Lu}\p{Ll}+$/u.test(w.text)) return undefined;
  const found = MONTHS.findIndex((name) => name.length >= 5 && damerau(w.lower, name) === 1);
  return found >= 0 ? found : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The terms a question's date phrase asks with: its most precise canonical form (see the
 * module's comment), or undefined for a phrase that only an article's date could place
 * ("today", "in December": the question's own date is unknown).
 */
export function questionDateTerm(phrase: DatePhrase): string | undefined {
  if (phrase.kind !== 'explicit' || phrase.month === undefined) return undefined;
  if (phrase.day === undefined) return phrase.year === undefined ? undefined : `${phrase.year}-${pad(phrase.month)}`;
  return phrase.year === undefined ? `--${pad(phrase.month)}-${pad(phrase.day)}` : `${phrase.year}-${pad(phrase.month)}-${pad(phrase.day)}`;
}

/**
 * The terms of a calendar date, `YYYY-MM-DD` or `YYYY-MM`: the date and every coarser form
 * of it, the term of its month's name and, for a day, of its weekday's ("yesterday" in an
 * article of Tuesday 29 November 2022 is Monday: "What happened on Monday?"); `monthTerm`
 * is how the analyzer writes a name, undefined for one it drops as a stop word, "may".
 */
export function calendarTerms(date: string, monthTerm: (name: string) => string | undefined): string[] {
  const [year, month, day] = date.split('-');
  if (!year || !month) return [];
  const name = monthTerm(MONTHS[Number(month) - 1] ?? '');
  const weekday = day ? weekdayOf(Number(year), Number(month), Number(day)) : undefined;
  const weekdayTerm = weekday === undefined ? undefined : monthTerm(WEEKDAYS[weekday]!);
  return [...(day ? [date, `--${month}-${day}`] : []), `${year}-${month}`, year, ...(name ? [name] : []), ...(weekdayTerm ? [weekdayTerm] : [])];
}

/** The day of the week (0: Sunday) of a date, undefined for one the calendar does not have ("February 31"). */
function weekdayOf(year: number, month: number, day: number): number | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date.getUTCDay() : undefined;
}

/**
 * The calendar date a phrase of a text means, read against the text's publication date
 * `published` (`YYYY-MM-DD`): `YYYY-MM-DD` or `YYYY-MM`. A relative day, a date without a
 * year, a weekday and a month alone are placed as resolveDate (dates.ts) places them, on
 * the past side of publication: news mostly reports what happened, and the terms of a date
 * a reader asks about are what matters here, not a verb's tense (which would cost a
 * tagging of each).
 */
export function phraseDate(phrase: DatePhrase, text: string, published: string): string | undefined {
  if (phrase.kind === 'explicit' && phrase.year !== undefined && phrase.month !== undefined) {
    return phrase.day === undefined ? `${phrase.year}-${pad(phrase.month)}` : `${phrase.year}-${pad(phrase.month)}-${pad(phrase.day)}`;
  }
  return resolveDate(text.slice(phrase.start, phrase.end), published);
}

/**
 * The date terms of one sentence of an article published on `published`: those of each date
 * it writes (a year-less day also as written, `--MM-DD`), each once.
 */
export function sentenceDateTerms(text: string, published: string, monthTerm: (name: string) => string | undefined): string[] {
  const out = new Set<string>();
  for (const phrase of datePhrases(text)) {
    const date = phraseDate(phrase, text, published);
    if (date) for (const term of calendarTerms(date, monthTerm)) out.add(term);
    const asWritten = questionDateTerm(phrase);
    if (asWritten) out.add(asWritten);
  }
  return [...out];
}

/**
 * The date terms a question asks with, as alias terms over their phrases ("April 26,
 * 2023" -> 2023-04-26 over those three words), so that the phrase's words are topic words
 * known through their date, and a date counts as one unit of the question.
 */
export function questionDateTerms(question: string): Term[] {
  return datePhrases(question).flatMap((phrase) => {
    const term = questionDateTerm(phrase);
    return term ? [{ term, start: phrase.start, end: phrase.end, alias: true }] : [];
  });
}

/** The terms of an article's publication date: those every sentence carries, and the headline's. */
export interface PublicationTerms {
  /** The day and its month (`YYYY-MM-DD`, `YYYY-MM`). */
  readonly sentence: readonly string[];
  /** Those, with the day of the year, the year and the month's name. */
  readonly headline: readonly string[];
}

/**
 * The terms of an article's publication date `published` (`YYYY-MM-DD`). Every sentence
 * is of its article's date, so each carries the day and the month, and the date picks the
 * sentences of its article as much as their words do ("What did they discuss on May 28,
 * 2024?", "... in May 2024?" in look-alike readouts). The year and the month's name are
 * words a text also writes for itself ("in 2016", "June"): in a corpus of one year they
 * would be in every sentence and weigh nothing where the text writes them, so only the
 * headline carries them and the weekday's name (the article holds them: its coverage counts
 * them), with the day of the year, which questions seldom ask without a year. Cost: two alias entries a
 * sentence (12 bytes of term vectors).
 */
export function publicationTerms(published: string, monthTerm: (name: string) => string | undefined): PublicationTerms {
  const headline = calendarTerms(published, monthTerm);
  return { sentence: headline.filter((term) => /^\d{4}-/.test(term)), headline };
}
