/**
 * Relative dates resolved against an article's publication date: "on Saturday" in an
 * article dated Sunday 16 February 2020 is 2020-02-15; "in December" is 2019-12.
 */

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * The calendar date or month that `phrase` names, read as news copy reads it relative to
 * `published` (`YYYY-MM-DD`): a weekday is the last such day before publication, a month
 * without a year the last such month up to publication. `YYYY-MM-DD` or `YYYY-MM`, or
 * undefined when the phrase names neither.
 */
export function resolveDate(phrase: string, published: string): string | undefined {
  const words = phrase.toLowerCase().match(/[a-z]+|\d+/g) ?? [];
  const [year, month, day] = published.split('-').map(Number) as [number, number, number];
  const base = Date.UTC(year, month - 1, day);

  const weekday = words.map((w) => WEEKDAYS.indexOf(w)).find((i) => i >= 0);
  if (weekday !== undefined) {
    const publishedWeekday = new Date(base).getUTCDay();
    const back = (publishedWeekday - weekday + 7) % 7 || 7;
    return new Date(base - back * 86_400_000).toISOString().slice(0, 10);
  }
  const monthIndex = words.map((w) => MONTHS.findIndex((m) => m === w || (w.length >= 3 && m.startsWith(w)))).find((i) => i >= 0);
  if (monthIndex !== undefined) {
    const explicitYear = words.find((w) => /^(?:1[89]|20)\d\d$/.test(w));
    const dayOfMonth = words.find((w) => /^\d{1,2}$/.test(w) && Number(w) >= 1 && Number(w) <= 31);
    const resolvedYear = explicitYear ? Number(explicitYear) : monthIndex + 1 <= month ? year : year - 1;
    const ym = `${resolvedYear}-${String(monthIndex + 1).padStart(2, '0')}`;
    return dayOfMonth ? `${ym}-${dayOfMonth.padStart(2, '0')}` : ym;
  }
  return undefined;
}
