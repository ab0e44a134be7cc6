/**
 * SQuAD's official scoring of a short answer (the v1.1 evaluation script), so that figures
 * compare with published ones: both texts are normalized (lower-case, ASCII punctuation
 * removed, the articles a/an/the removed, white space collapsed), exact match compares
 * them whole, F1 compares their tokens as multisets; each takes the best over the gold
 * answers.
 */

/** Python's `string.punctuation`: ASCII only, so "café—bar" keeps its dash. */
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
/** Python's `\b(a|an|the)\b` on a str: word characters are Unicode letters, digits and "_". */
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;
/** Python's `str.split()` separators: white space and the information separators. */
const SPACES = /[\s\x1c-\x1f]+/;

/** The official `normalize_answer`. */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(PUNCTUATION, '')
    .replace(ARTICLES, ' ')
    .split(SPACES)
    .filter((token) => token !== '')
    .join(' ');
}

function tokens(text: string): string[] {
  const normalized = normalizeAnswer(text);
  return normalized === '' ? [] : normalized.split(' ');
}

/** 1 when the normalized texts are equal, else 0. */
export function exactMatch(prediction: string, gold: string): number {
  return normalizeAnswer(prediction) === normalizeAnswer(gold) ? 1 : 0;
}

/** Token F1; 0 when no token is shared (so also when either normalizes to nothing). */
export function f1(prediction: string, gold: string): number {
  const predicted = tokens(prediction);
  const wanted = tokens(gold);
  const left = new Map<string, number>();
  for (const token of wanted) left.set(token, (left.get(token) ?? 0) + 1);
  let same = 0;
  for (const token of predicted) {
    const count = left.get(token) ?? 0;
    if (count > 0) {
      left.set(token, count - 1);
      same++;
    }
  }
  if (same === 0) return 0;
  const precision = same / predicted.length;
  const recall = same / wanted.length;
  return (2 * precision * recall) / (precision + recall);
}

/** The best of `score` over the gold answers; 0 when there are none. */
export function bestOver(golds: readonly string[], prediction: string, score: (prediction: string, gold: string) => number): number {
  return golds.reduce((best, gold) => Math.max(best, score(prediction, gold)), 0);
}
