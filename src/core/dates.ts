/**
 * Relative dates resolved against an article's publication date: "on Saturday" in an
 * article dated Sunday 16 February 2020 is 2020-02-15; "in December" is 2019-12, but
 * "will open in December" is 2020-12.
 */
import type { Tense } from './tense';

/** Weekday names, Sunday first (as Date.getUTCDay counts). */
export const WEEKDAYS: readonly string[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** Month names, January first. */
export const MONTHS: readonly string[] = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/**
 * Abbreviations of month names as news writes them ("Feb. 3", "Sept. 5"), with the month's
 * index; "may" is its own name.
 */
export const MONTH_ABBREVIATIONS: ReadonlyMap<string, number> = new Map([
  ['jan', 0],
  ['feb', 1],
  ['mar', 2],
  ['apr', 3],
  ['jun', 5],
  ['jul', 6],
  ['aug', 7],
  ['sep', 8],
  ['sept', 8],
  ['oct', 9],
  ['nov', 10],
  ['dec', 11],
]);
const DAY_MS = 86_400_000;
/** Words that name a day by its distance from publication: a readout's "spoke today" is its date. */
export const RELATIVE_DAYS: ReadonlyMap<string, number> = new Map([
  ['today', 0],
  ['tonight', 0],
  ['yesterday', -1],
  ['tomorrow', 1],
]);

/**
 * The calendar date or month that `phrase` names, read relative to `published`
 * (`YYYY-MM-DD`) on the side of it that `tense` says (see tense.ts): a weekday is the
 * nearest such day before publication (`past`, the default: news mostly reports what
 * happened) or after it (`future`); a month without a year is the nearest such month up
 * to publication, or from publication on ("in May" in an article of 20 May is this May
 * either way), with a day of the month compared too; "today", "yesterday", "tomorrow"
 * are counted from publication whatever the tense. `YYYY-MM-DD` or `YYYY-MM`, or
 * undefined when the phrase names neither.
 */
export function resolveDate(phrase: string, published: string, tense: Tense = 'past'): string | undefined {
  const words = phrase.toLowerCase().match(/[a-z]+|\d+/g) ?? [];
  const [year, month, day] = published.split('-').map(Number) as [number, number, number];
  const base = Date.UTC(year, month - 1, day);

  const relative = words.map((w) => RELATIVE_DAYS.get(w)).find((days) => days !== undefined);
  if (relative !== undefined) return new Date(base + relative * DAY_MS).toISOString().slice(0, 10);

  const weekday = words.map((w) => WEEKDAYS.indexOf(w)).find((i) => i >= 0);
  if (weekday !== undefined) {
    const publishedWeekday = new Date(base).getUTCDay();
    const days = tense === 'future' ? (weekday - publishedWeekday + 7) % 7 || 7 : -((publishedWeekday - weekday + 7) % 7 || 7);
    return new Date(base + days * DAY_MS).toISOString().slice(0, 10);
  }
  const monthIndex = words.map((w) => MONTHS.findIndex((m) => m === w || (w.length >= 3 && m.startsWith(w)))).find((i) => i >= 0);
  if (monthIndex !== undefined) {
    const explicitYear = words.find((w) => /^(?:1[89]|20)\d\d$/.test(w));
    const dayOfMonth = words.find((w) => /^\d{1,2}$/.test(w) && Number(w) >= 1 && Number(w) <= 31);
    // Month and day as one number, so that 20 May < 3 June and a bare month is its whole month.
    const named = (monthIndex + 1) * 100 + (dayOfMonth ? Number(dayOfMonth) : 0);
    const current = month * 100 + (dayOfMonth ? day : 0);
    const resolvedYear = explicitYear ? Number(explicitYear) : tense === 'future' ? (named >= current ? year : year + 1) : named <= current ? year : year - 1;
    const ym = `${resolvedYear}-${String(monthIndex + 1).padStart(2, '0')}`;
    return dayOfMonth ? `${ym}-${dayOfMonth.padStart(2, '0')}` : ym;
  }
  return undefined;
}
