/**
 * The kind of time a date question asks for ("what year", "which month", "on what date",
 * "when did ...") and whether a passage gives one: a passage on the question's topic that
 * gives no time of that kind does not answer it.
 *
 * Only questions whose wording leaves no doubt are read. "When" is often answered by a
 * clause ("when the oxygen concentration is too high", "under intense light"), so a bare
 * "when" asks for nothing checkable; "when did / was / were / had" asks when a past event
 * happened, which a passage tells with a date, a year, or at least a word of time
 * ("after the war", "until 1904", "during the Roman Empire").
 */
import { MONTH_ABBREVIATIONS, MONTHS, RELATIVE_DAYS, WEEKDAYS } from './dates';
import type { Entity } from './nlp';

/**
 * - YEAR: what year, which year, in what year
 * - MONTH: what month, which month
 * - DAY: what date, which day (of the week), on what day
 * - CLOCK: what time, at what time (a time of day)
 * - EVENT: when did / was / were / had, how long ago (a past event)
 */
export type TimeAsked = 'YEAR' | 'MONTH' | 'DAY' | 'CLOCK' | 'EVENT';

/** Checked in order: the first that matches decides. */
const ASKED: ReadonlyArray<[TimeAsked, RegExp]> = [
  // Not "what year-end bonus", "which day-care centre".
  ['YEAR', /\b(?:what|which)\s+year(?![\w-])/i],
  ['MONTH', /\b(?:what|which)\s+month(?![\w-])/i],
  ['DAY', /\b(?:what|which)\s+(?:date|day)(?![\w-])/i],
  // "What time (of day)", not "what time of year", "what time period", "what time frame",
  // nor "which time" (which occasion).
  ['CLOCK', /\bwhat\s+time(?![\w-])(?!\s+(?:of\s+(?:the\s+)?(?:year|month|week)|periods?|frames?|zones?|spans?|scales?)\b)/i],
  ['EVENT', /^\s*when\s+(?:did|was|were|had)\b|^\s*how\s+long\s+ago\b/i],
];

/** The kind of time `question` asks for, when its wording says so plainly. */
export function timeAsked(question: string): TimeAsked | undefined {
  return ASKED.find(([, pattern]) => pattern.test(question))?.[0];
}

/**
 * Whether `question` asks about the past ("When did ...", "What year was ... founded"):
 * an article reporting a past event is dated by its publication, a future one ("will
 * resume") is not.
 */
export function askedInPast(question: string): boolean {
  return /\b(?:did|was|were|had)\b/i.test(question) && !/\b(?:will|shall|would|going\s+to)\b/i.test(question);
}

/** What each kind is called in a refusal ("the closest passages give no year"). */
export const TIME_NAMES: Readonly<Record<TimeAsked, string>> = {
  YEAR: 'year',
  MONTH: 'month',
  DAY: 'date or day',
  CLOCK: 'time of day',
  EVENT: 'date or time',
};

const MONTH_WORD = new RegExp(`(?<!\\p{L})(?:${MONTHS.join('|')})(?!\\p{L})`, 'iu');
/** A weekday, or a day named relative to the article ("today"): read against the article's date, it gives the month and year too. */
const DAY_WORD = new RegExp(`(?<!\\p{L})(?:${[...WEEKDAYS, ...RELATIVE_DAYS.keys()].join('|')})(?!\\p{L})`, 'iu');
/**
 * A year written as a number: four digits standing alone (not part of "1,230" or
 * "3.1416"), maybe a decade ("1990s"); three only after "c." ("c880") or "in" / "since"
 * ("in 880"), since a bare "300" is mostly a count ("hired 300 engineers"). Among the
 * "what year" questions of the public SQuAD set, every answer that is a number has four
 * digits.
 */
const YEAR_NUMBER = /(?<![\p{L}\p{Sc}\d,.])(?:c\.?\s?\d{3,4}|\d{4})s?(?![\p{L}\d])(?![,.]\d)|(?<!\p{L})(?:in|since)\s+\d{3}s?(?![\p{L}\d])(?![,.]\d)/iu;
/**
 * A year with its era ("44 BC", "410 AD", "13,000 BP"), in capitals: "25 bp" is basis
 * points; and "before present" counts in thousands ("50 BP" and "100 BP" are basis points too).
 */
const YEAR_ERA = /(?<![\p{L}\d])\d+\s*(?:BC|AD|BCE|CE)(?!\p{L})|(?<![\p{L}\d,.])(?:\d{1,3}(?:,\d{3})+|\d{4,})\s*BP(?!\p{L})/u;
/**
 * A century or a millennium, counted ("the 2nd century BCE", "the first millennium AD",
 * "the fifth century"): when, in a reference text, something happened long ago. It says
 * when, though not which year (a "what year" question is not answered by it).
 */
const CENTURY = /(?<![\p{L}\d])(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+(?:century|centuries|millennium|millennia)(?!\p{L})/iu;
/** Whether `text` names a century or a millennium by its count ("the 17th centuries" of "the 14th to 17th centuries"), which is a time, not a length of time. */
export function namesCentury(text: string): boolean {
  return CENTURY.test(text);
}
/** A year named relative to the article ("last year"). */
const YEAR_RELATIVE = /(?<!\p{L})(?:last|this|next|previous|following|same)\s+year(?!\p{L})/iu;

/** Month names and their short forms as a text writes them: "March", "MARCH", "Sept" ("may" and "mar" in lower case are words). */
const MONTH_NAMES = [...MONTHS, ...MONTH_ABBREVIATIONS.keys()].flatMap((m) => [m.charAt(0).toUpperCase() + m.slice(1), m.toUpperCase()]).join('|');
/** A month, written out or shortened ("Feb", "Sept."), with a day's number before or after it ("Feb 9", "1 July 1851", "the 5th of March"). */
const MONTH_DAY = new RegExp(
  String.raw`(?<![\p{L}\d])\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${MONTH_NAMES})(?!\p{L})|(?<!\p{L})(?:${MONTH_NAMES})\.?\s+\d{1,2}(?!\d)`,
  'u',
);
/** A date written in figures ("2026-03-13", "13/3/2026"). */
const NUMERIC_DATE = /(?<!\d)\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?!\d)/u;
/**
 * A day named by its feast ("Christmas", "Easter", "Independence Day", "New Year's Eve") or
 * relative to another ("the next day", "the same day"); not "one day", "a day-long strike"
 * nor "24 hours a day", which name none.
 */
const FEAST_DAY = /(?<!\p{L})(?:[Cc]hristmas|[Ee]aster)(?!\p{L})|(?<!\p{L})\p{Lu}[\p{L}\p{M}]*(?:['’]s)?\s+(?:Day|Eve)(?![\p{L}-])/u;
/** A day named by another ("the next day"), whose date is another event's and a day later. */
const RELATIVE_DAY = /(?<!\p{L})(?:next|following|same|previous|preceding)\s+day(?![\p{L}-])/u;
const NAMED_DAY = new RegExp(`${FEAST_DAY.source}|${RELATIVE_DAY.source}`, 'u');

/**
 * Whether a time expression names a day ("on what date", "which day"): a month with its
 * day's number, a weekday or a day relative to the article, a date in figures, a feast.
 * A year or a month alone ("in 2026", "later this year", "in March") does not say which
 * day. Every gold answer of the public set's date and day questions names one.
 */
function namesDay(text: string): boolean {
  return MONTH_DAY.test(text) || DAY_WORD.test(text) || NUMERIC_DATE.test(text) || NAMED_DAY.test(text);
}

/**
 * Whether running text names a day in figures: a month with its day's number ("March 5-6",
 * "the 5th of March", "Sept. 9"), which the recognizer may tag only in part ("March", "9").
 */
function namesDayInText(text: string): boolean {
  return MONTH_DAY.test(text) || NUMERIC_DATE.test(text);
}

/** Whether `text` holds a year (see YEAR_NUMBER, YEAR_ERA, YEAR_RELATIVE). */
function holdsYear(text: string): boolean {
  return YEAR_NUMBER.test(text) || YEAR_ERA.test(text) || YEAR_RELATIVE.test(text);
}

/** A year in a date, with its era if written after it ("1227", "1990s" of "the 1990s", "44 BC"). */
const YEAR_IN_DATE = /(?<![\p{L}\d,.])\d{1,4}\s?(?:BC|AD|BCE|CE)(?!\p{L})|(?<![\p{L}\d,.])\d{4}s?(?![\p{L}\d])(?![,.]\d)/gu;

/**
 * The year a date names, where a question asks only for the year: "1227" of "August
 * 1227", "2014" of "June 4, 2014". Undefined when the date names none or more than one
 * ("1939–45", "between 1642 and 1651"), or is nothing but its year.
 */
export function yearOf(date: string): { readonly start: number; readonly end: number } | undefined {
  if (/\d\s*[-–—]\s*\d/.test(date)) return undefined;
  const years = [...date.matchAll(YEAR_IN_DATE)];
  if (years.length !== 1) return undefined;
  const [year] = years;
  const start = year!.index;
  const end = start + year![0].length;
  return start === 0 && end === date.length ? undefined : { start, end };
}

/** A number that may be a year, which wink calls a CARDINAL ("In 1186, ..."); three digits only with "c." (see YEAR_NUMBER). */
const CARDINAL_YEAR = /^(?:c\.?\s?\d{3,4}|\d{4})$/i;
/** Whether a span is nothing but a year as written ("1227", "c1110"), which the recognizer may tag as a plain number or not at all. */
export function isBareYear(span: string): boolean {
  return CARDINAL_YEAR.test(span);
}

/** Words right before a three-digit CARDINAL that make it a year ("in 880"). */
const BEFORE_YEAR = /(?<!\p{L})(?:in|since)\s+$/iu;

/**
 * Words that place an event in time without a date ("after the end of the war", "until
 * the empire fell", "during the Roman Empire"): a passage holding one may answer "when
 * did", though not "what year".
 */
const TIME_WORD = /\b(?:after|before|during|until|till|since|when|whenever|while|following|once|prior\s+to|upon|ago|throughout|meanwhile|era|period|century|centuries|age|ages)\b/i;

/** Entity types that say when (a CARDINAL only when it reads as a year). */
const TIME_TYPES: ReadonlySet<Entity['type']> = new Set(['DATE', 'TIME', 'DURATION', 'EVENT']);

/**
 * Whether the sentence `[start, end)` of `text` gives a time of the kind asked: among its
 * entities that say when (`entities`), leaving out the question's own words (`matched`,
 * document offsets: "What year did X happen in 1990?" is not answered by its own 1990).
 * For EVENT and CLOCK, also a word of time ("since", "era", "century"), a year, a
 * century or a millennium the recognizer does not tag, and for EVENT being the sentence that opens an
 * article's body (`lede`), which happened on the article's date. Reading those years and
 * millennia (measured with `npm run eval`): public EM 35.25 -> 35.30, hit@1 as before;
 * the news and bundled sets as before. Loose as it is, this says whether a passage may
 * answer; {@link writesTimePlainly} says whether it writes the time in so many words.
 */
export function givesTime(
  asked: TimeAsked,
  text: string,
  start: number,
  end: number,
  entities: readonly Entity[],
  matched: ReadonlyArray<readonly [number, number]>,
  lede: boolean,
): boolean {
  const spans: string[] = [];
  for (const entity of entities) {
    if (entity.end <= start || entity.start >= end) continue;
    const value = text.slice(entity.start, entity.end);
    if (!TIME_TYPES.has(entity.type) && !(entity.type === 'CARDINAL' && cardinalYear(text, start, entity, value))) continue;
    if (matched.some(([s, e]) => s <= entity.start && entity.end <= e)) continue;
    spans.push(value);
  }
  switch (asked) {
    case 'YEAR':
      // A month or a day without its year is read against the article's date (dates.ts),
      // which gives the year; so is a year that the recognizer leaves out ("dated to c1110").
      return spans.some((s) => holdsYear(s) || MONTH_WORD.test(s) || DAY_WORD.test(s)) || holdsYear(withoutMatches(text, start, end, matched));
    case 'MONTH':
      return spans.some((s) => MONTH_WORD.test(s) || DAY_WORD.test(s));
    case 'DAY':
      return spans.some(namesDay) || namesDayInText(withoutMatches(text, start, end, matched));
    // "What time" asks for a time of day in news ("What time did the quake hit?"), but may
    // ask for an age in reference text ("What time did the river system develop?" - the
    // Miocene): a passage giving any time may answer, though not by the article's date alone.
    case 'CLOCK':
    {
      const rest = withoutMatches(text, start, end, matched);
      return spans.length > 0 || CLOCK_TIME.test(rest) || TIME_WORD.test(rest) || holdsYear(rest) || CENTURY.test(rest);
    }
    case 'EVENT':
    {
      // A year or a century the recognizer leaves out ("13,000 BP", "the 1540s", "the first millennium AD").
      const rest = withoutMatches(text, start, end, matched);
      return spans.length > 0 || lede || TIME_WORD.test(rest) || holdsYear(rest) || CENTURY.test(rest);
    }
  }
}

/**
 * Whether the sentence `[start, end)` of `text` writes a time of the kind asked in so many
 * words (arguments as for {@link givesTime}), of its own and not of another event:
 *
 * - for "when did", a year, a month, a day by its date, its weekday or as the article's
 *   ("today"), or a century or millennium; not a day relative to another event ("the
 *   next day");
 * - for "what time", a time of day by the clock ("4:55 p.m.", "noon") or a part of a
 *   named day ("Saturday morning", "last night"); not "night" or "overnight" alone;
 * - for "what year", "which month" and "on what day", what {@link givesTime} reads, less
 *   a day relative to another event.
 *
 * Never a duration ("for three hours"), a word of time ("since", "era"), the article's
 * date alone, a figure counting something ("searched 1200 homes"), nor a sum of money or a
 * share ("1500 dollars"), which givesTime may count.
 */
export function writesTimePlainly(
  asked: TimeAsked,
  text: string,
  start: number,
  end: number,
  entities: readonly Entity[],
  matched: ReadonlyArray<readonly [number, number]>,
): boolean {
  const blanked = [...matched, ...entities.filter((e) => e.type === 'MONEY' || e.type === 'PERCENT').map((e): readonly [number, number] => [e.start, e.end])];
  const rest = withoutMatches(text, start, end, blanked);
  if (asked === 'CLOCK') return PLAIN_CLOCK_TIME.test(rest);
  const spans: string[] = [];
  for (const entity of entities) {
    if (entity.end <= start || entity.start >= end || entity.type === 'DURATION') continue;
    const value = text.slice(entity.start, entity.end);
    if (!TIME_TYPES.has(entity.type) && !(entity.type === 'CARDINAL' && cardinalYear(text, start, entity, value) && !COUNT_AFTER.test(text.slice(entity.end, entity.end + 30)))) continue;
    if (blanked.some(([s, e]) => s <= entity.start && entity.end <= e)) continue;
    spans.push(value);
  }
  const namesOwnDay = (span: string) => MONTH_DAY.test(span) || DAY_WORD.test(span) || NUMERIC_DATE.test(span) || FEAST_DAY.test(span);
  switch (asked) {
    case 'YEAR':
      return spans.some((span) => holdsYear(span) || MONTH_WORD.test(span) || DAY_WORD.test(span)) || writesYear(rest);
    case 'MONTH':
      return spans.some((span) => MONTH_WORD.test(span) || DAY_WORD.test(span));
    case 'DAY':
      return spans.some(namesOwnDay) || namesDayInText(rest);
    case 'EVENT':
      return spans.some((span) => holdsYear(span) || MONTH_WORD.test(span) || namesOwnDay(span)) || writesYear(rest) || namesDayInText(rest) || CENTURY.test(rest);
  }
}

/**
 * A lower-case word after a figure that says it counts something ("1200 homes", "1,500 BP
 * sites"): any but a word that may follow a year ("in 1997 and 1998", "1997 when").
 */
const COUNT_AFTER = /^\s*(?!(?:and|or|to|in|on|at|by|for|when|while|after|before|until|with|as|the|a|an|of|from|during|through|which|that|is|was|were|had|has)(?!\p{L}))\p{Ll}/u;
/** A word before a four-digit figure that makes it a year, whatever follows ("in 1997 buried much of the town"). */
const YEAR_BEFORE = /(?<!\p{L})(?:in|since|by|until|till|from|of|during|between|before|after|around|circa|c\.|year)\s*$/iu;

/** Whether `text` writes a year that counts nothing (see COUNT_AFTER, YEAR_BEFORE). */
function writesYear(text: string): boolean {
  if (YEAR_RELATIVE.test(text)) return true;
  const counts = (m: RegExpMatchArray) => COUNT_AFTER.test(text.slice(m.index! + m[0].length, m.index! + m[0].length + 30));
  // A year with its era counts nothing, whatever comes before it ("1,500 BP sites").
  for (const m of text.matchAll(YEAR_ERAS)) if (!counts(m)) return true;
  for (const m of text.matchAll(YEAR_NUMBERS)) if (!counts(m) || YEAR_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) return true;
  return false;
}
const YEAR_NUMBERS = new RegExp(YEAR_NUMBER.source, `${YEAR_NUMBER.flags}g`);
const YEAR_ERAS = new RegExp(YEAR_ERA.source, `${YEAR_ERA.flags}g`);

/**
 * A time of day written plainly: by the clock ("4:55 p.m.", "0955 GMT", "8 am", "16:05",
 * not a race time "2:01:09"), noon or midnight, or a part of a named day ("Saturday
 * morning", "this afternoon", "last night").
 */
const PLAIN_CLOCK_TIME = new RegExp(
  String.raw`(?<![\p{L}\p{N}:])(?:\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\b\.?)|\d{1,2}:\d{2}(?!:\d)|\d{4}\s+(?:GMT|UTC)|\d{1,2}\s+o['’]clock|noon|midnight|midday)(?![\p{L}\p{N}])` +
    String.raw`|(?<!\p{L})(?:${[...WEEKDAYS, ...RELATIVE_DAYS.keys(), 'this', 'last', 'early', 'late'].join('|')})\s+(?:morning|afternoon|evening|night)(?!\p{L})`,
  'iu',
);

/** A time of day: "4:55 p.m.", "0955 GMT", "8 am", "noon", "Saturday morning". */
const CLOCK_TIME = /(?<![\p{L}\p{N}])(?:\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\b\.?)|\d{1,2}:\d{2}|\d{4}\s+(?:GMT|UTC)|\d{1,2}\s+o['’]clock|noon|midnight|midday|dawn|dusk|daybreak|morning|afternoon|evening|night|overnight)(?![\p{L}\p{N}])/iu;

/** Whether `span` gives a time of day (see CLOCK_TIME). */
export function isClockTime(span: string): boolean {
  return CLOCK_TIME.test(span);
}

/** Whether a CARDINAL reads as a year: four digits, "c880", or three digits after "in" / "since" ("In 880, ..."). */
function cardinalYear(text: string, start: number, entity: Entity, value: string): boolean {
  return CARDINAL_YEAR.test(value) || (/^\d{3}$/.test(value) && BEFORE_YEAR.test(text.slice(Math.max(start, entity.start - 8), entity.start)));
}

/** The sentence with the question's own words blanked out, in one pass. */
function withoutMatches(text: string, start: number, end: number, matched: ReadonlyArray<readonly [number, number]>): string {
  const inside = matched.filter(([s, e]) => s >= start && e <= end).sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = start;
  for (const [s, e] of inside) {
    if (e <= at) continue;
    const from = Math.max(s, at);
    parts.push(text.slice(at, from), ' '.repeat(e - from));
    at = e;
  }
  parts.push(text.slice(at, end));
  return parts.join('');
}
