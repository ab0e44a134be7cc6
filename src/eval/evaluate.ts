/**
 * The answer-quality benchmark's scoring: each answer judged against its question's gold
 * (see questions.ts), then the figures over all of them. The same scoring serves citeqa's
 * answers and a baseline's, which has only passages: no short answers, never declining.
 */
import { bestOver, exactMatch, f1 } from './squad-score';
import type { EvalItem, Gold } from './questions';

/** What scoring reads of an answer; citeqa's `Answer` is one. */
export interface JudgedAnswer {
  readonly answered: boolean;
  readonly passages: ReadonlyArray<{ readonly text: string; readonly citation: { readonly doc: string; readonly start: number; readonly end: number } }>;
  readonly short?: { readonly text: string; readonly passage: number; readonly start: number; readonly end: number };
}

/** What a system under test can do, which decides the figures it gets. */
export interface SystemKind {
  /** It gives short answers: EM and F1 are measured. */
  readonly shortAnswers: boolean;
  /** It may decline: declined questions are counted. */
  readonly declines: boolean;
}

export interface ItemResult {
  readonly item: EvalItem;
  readonly answer: JudgedAnswer;
  /** 1-based rank of the first right passage; 0 when none is right or the question was declined. */
  readonly rank: number;
  /** SQuAD exact match and F1 of the short answer (0 or 1, and 0 to 1); 0 without a right-shaped short answer. */
  readonly exact: number;
  readonly f1: number;
}

export interface EvalReport {
  /** Questions the articles answer. */
  readonly answerable: number;
  readonly impossible: number;
  /** Share of answerable questions whose first passage is right (declined counts as wrong). */
  readonly hitAt1: number;
  /** Share of answerable questions with a right passage among the first three. */
  readonly recallAt3: number;
  /** Mean reciprocal rank of the first right passage (0 for none). */
  readonly mrr: number;
  /** Answerable questions with gold short answers: what EM and F1 are over. */
  readonly withShort: number;
  /** SQuAD exact match and F1, as percentages (the benchmark's convention), over `withShort`. */
  readonly exactMatch?: number;
  readonly f1?: number;
  /** Answerable questions answered with a short answer. */
  readonly shortAnswers?: number;
  /** Answerable questions declined (wrong). */
  readonly answerableDeclined?: number;
  /** Impossible questions declined (right). */
  readonly impossibleDeclined?: number;
  readonly results: readonly ItemResult[];
}

/** Scores `answers[i]` for `items[i]`; answers should hold three passages when they can. */
export function evaluate(items: readonly EvalItem[], answers: readonly JudgedAnswer[], kind: SystemKind): EvalReport {
  if (answers.length !== items.length) throw new RangeError(`${answers.length} answers for ${items.length} questions`);
  const results = items.map((item, i): ItemResult => {
    const answer = answers[i]!;
    const short = shortText(answer);
    return {
      item,
      answer,
      rank: answer.answered ? rankOfGold(item.gold, answer) : 0,
      exact: short === undefined ? 0 : bestOver(item.answers, short, exactMatch),
      f1: short === undefined ? 0 : bestOver(item.answers, short, f1),
    };
  });
  const answerable = results.filter((r) => !r.item.impossible);
  const impossible = results.filter((r) => r.item.impossible);
  const withShort = answerable.filter((r) => r.item.answers.length > 0);
  const share = (n: number, of: number) => (of === 0 ? 0 : n / of);
  const sum = (rs: readonly ItemResult[], f: (r: ItemResult) => number) => rs.reduce((total, r) => total + f(r), 0);
  return {
    answerable: answerable.length,
    impossible: impossible.length,
    hitAt1: share(answerable.filter((r) => r.rank === 1).length, answerable.length),
    recallAt3: share(answerable.filter((r) => r.rank >= 1 && r.rank <= 3).length, answerable.length),
    mrr: share(sum(answerable, (r) => (r.rank > 0 ? 1 / r.rank : 0)), answerable.length),
    withShort: withShort.length,
    ...(kind.shortAnswers
      ? {
          exactMatch: 100 * share(sum(withShort, (r) => r.exact), withShort.length),
          f1: 100 * share(sum(withShort, (r) => r.f1), withShort.length),
          shortAnswers: answerable.filter((r) => shortText(r.answer) !== undefined).length,
        }
      : {}),
    ...(kind.declines
      ? {
          answerableDeclined: answerable.filter((r) => !r.answer.answered).length,
          impossibleDeclined: impossible.filter((r) => !r.answer.answered).length,
        }
      : {}),
    results,
  };
}

/** The short answer's text, when the question was answered and it is exactly a span of its passage. */
function shortText(answer: JudgedAnswer): string | undefined {
  const { short } = answer;
  if (!answer.answered || !short) return undefined;
  return answer.passages[short.passage]?.text.slice(short.start, short.end) === short.text ? short.text : undefined;
}

function rankOfGold(gold: Gold, answer: JudgedAnswer): number {
  if (gold.kind === 'span') {
    const { doc, spans } = gold;
    return answer.passages.findIndex(({ citation: c }) => c.doc === doc && spans.some((s) => c.start <= s.start && s.end <= c.end)) + 1;
  }
  const expected = gold.texts.map(squash);
  return answer.passages.findIndex((p) => expected.some((e) => squash(p.text).includes(e))) + 1;
}

function squash(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
