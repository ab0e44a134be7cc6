/**
 * The answer-quality benchmark: scores answers against a question file in which each
 * item names passage text a right answer must contain, or marks the question as one the
 * articles do not answer.
 */
import { z } from 'zod';
import type { Answer } from '../core/answer';

export const evalItemSchema = z.object({
  id: z.string(),
  question: z.string(),
  /** Text one of the passages must contain (any one of these, case- and space-insensitive). */
  expect: z.array(z.string()).min(1).optional(),
  /** The short answer, when the question has one. */
  answer: z.string().optional(),
  /** The articles do not answer this question: it must be declined. */
  unanswerable: z.boolean().optional(),
});

export type EvalItem = z.infer<typeof evalItemSchema>;

export interface ItemResult {
  readonly item: EvalItem;
  readonly answer: Answer;
  /** 1-based rank of the first passage holding an expected text; 0 when none does. */
  readonly rank: number;
}

export interface EvalReport {
  readonly answerable: number;
  readonly unanswerable: number;
  /** Share of answerable questions whose first passage is right (declined counts as wrong). */
  readonly hitAt1: number;
  /** Share of answerable questions with a right passage among the first three. */
  readonly recallAt3: number;
  /** Mean reciprocal rank of the first right passage. */
  readonly mrr: number;
  /** Unanswerable questions that were declined. */
  readonly declined: number;
  /** Answerable questions that were declined. */
  readonly wronglyDeclined: number;
  /** Items with an expected short answer. */
  readonly withShort: number;
  /** Share of those whose short answer matches (see {@link shortMatches}). */
  readonly shortAccuracy: number;
  readonly results: readonly ItemResult[];
}

/** Scores `answerOf` over `items`; `answerOf` must return at least three passages when it can. */
export function evaluate(items: readonly EvalItem[], answerOf: (question: string) => Answer): EvalReport {
  const results = items.map((item) => {
    const answer = answerOf(item.question);
    return { item, answer, rank: rankOfExpected(item, answer) };
  });
  const answerable = results.filter((r) => !r.item.unanswerable);
  const unanswerable = results.filter((r) => r.item.unanswerable);
  const withShort = answerable.filter((r) => r.item.answer !== undefined);
  const share = (n: number) => (answerable.length === 0 ? 0 : n / answerable.length);
  return {
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    hitAt1: share(answerable.filter((r) => r.rank === 1).length),
    recallAt3: share(answerable.filter((r) => r.rank >= 1 && r.rank <= 3).length),
    mrr: share(answerable.reduce((sum, r) => sum + (r.rank > 0 ? 1 / r.rank : 0), 0)),
    declined: unanswerable.filter((r) => !r.answer.answered).length,
    wronglyDeclined: answerable.filter((r) => !r.answer.answered).length,
    withShort: withShort.length,
    shortAccuracy: withShort.length === 0 ? 0 : withShort.filter((r) => shortMatches(r.item.answer ?? '', r.answer)).length / withShort.length,
    results,
  };
}

/**
 * A short answer is right when, case- and space-insensitively, it and the expected answer
 * contain one another and the shorter is at least half as long as the longer: "about an
 * hour" for "an hour" is right, the whole sentence for "Saturday" is not.
 */
export function shortMatches(expected: string, answer: Answer): boolean {
  if (!answer.answered || !answer.short) return false;
  // Only a span of its passage counts.
  const { short } = answer;
  if (answer.passages[short.passage]?.text.slice(short.start, short.end) !== short.text) return false;
  const got = squash(answer.short.text).replace(/^(?:the|a|an)\s+/, '');
  const want = squash(expected).replace(/^(?:the|a|an)\s+/, '');
  if (!got.includes(want) && !want.includes(got)) return false;
  return Math.min(got.length, want.length) * 2 >= Math.max(got.length, want.length);
}

function rankOfExpected(item: EvalItem, answer: Answer): number {
  if (!answer.answered || !item.expect) return 0;
  const expected = item.expect.map(squash);
  const index = answer.passages.findIndex((p) => expected.some((e) => squash(p.text).includes(e)));
  return index + 1;
}

function squash(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
