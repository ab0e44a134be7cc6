/**
 * Numbers written in words, read as digits, so "four islands" and "4 islands", "the
 * seventy-fifth anniversary" and "the 75th anniversary" meet. Covers 0 to 999, which is
 * what news writes in words.
 */

const UNITS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINAL_UNITS = [
  'zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth',
];
const ORDINAL_TENS = ['', '', 'twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'];

const CARDINAL = new Map<string, number>();
const ORDINAL = new Map<string, number>();
UNITS.forEach((word, n) => CARDINAL.set(word, n));
ORDINAL_UNITS.forEach((word, n) => ORDINAL.set(word, n));
TENS.forEach((word, n) => word && CARDINAL.set(word, n * 10));
ORDINAL_TENS.forEach((word, n) => word && ORDINAL.set(word, n * 10));

/** "1st", "2nd", "3rd", "4th", "11th", "21st"... */
export function ordinalSuffix(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

export interface NumberReading {
  /** How many words the number takes. */
  readonly length: number;
  /** The number as a term: "4" for a cardinal, "4th" for an ordinal. */
  readonly term: string;
}

/**
 * Reads a number written in words at the start of `words` (lower case, one word each,
 * hyphenated compounds split: "seventy", "fifth"). Returns undefined when there is none.
 *
 *   ["four", "islands"]             -> { length: 1, term: "4" }
 *   ["seventy", "fifth", "year"]    -> { length: 2, term: "75th" }
 *   ["two", "hundred", "and", "one"] -> { length: 4, term: "201" }
 */
export function readNumberWords(words: readonly string[]): NumberReading | undefined {
  let value = 0;
  let used = 0;
  let ordinal = false;
  let hundreds = 0;

  const unitOrTens = (at: number): { value: number; length: number; ordinal: boolean } | undefined => {
    const first = words[at];
    if (first === undefined) return undefined;
    const tens = CARDINAL.get(first);
    if (tens !== undefined && tens >= 20 && tens % 10 === 0) {
      const next = words[at + 1];
      const unit = next === undefined ? undefined : (CARDINAL.get(next) ?? ORDINAL.get(next));
      if (next !== undefined && unit !== undefined && unit >= 1 && unit <= 9) {
        return { value: tens + unit, length: 2, ordinal: ORDINAL.has(next) };
      }
      return { value: tens, length: 1, ordinal: false };
    }
    if (CARDINAL.has(first)) return { value: CARDINAL.get(first) ?? 0, length: 1, ordinal: false };
    if (ORDINAL.has(first)) return { value: ORDINAL.get(first) ?? 0, length: 1, ordinal: true };
    return undefined;
  };

  const head = unitOrTens(0);
  if (!head) return undefined;
  value = head.value;
  used = head.length;
  ordinal = head.ordinal;
  if (!ordinal && (words[used] === 'hundred' || words[used] === 'hundredth') && value >= 1 && value <= 9) {
    ordinal = words[used] === 'hundredth';
    hundreds = value * 100;
    value = 0;
    used++;
    if (!ordinal) {
      const andAt = words[used] === 'and' ? used + 1 : used;
      const tail = unitOrTens(andAt);
      if (tail) {
        value = tail.value;
        ordinal = tail.ordinal;
        used = andAt + tail.length;
      }
    }
  }
  const total = hundreds + value;
  return { length: used, term: ordinal ? ordinalSuffix(total) : String(total) };
}
