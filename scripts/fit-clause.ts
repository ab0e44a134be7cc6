/**
 * Fits the weight of the words of the clause that sets a question's time or condition
 * ("What did Blinken press Armenia to keep up when he phoned Pashinyan in March?") and
 * writes src/core/clause.json: `npm run fit:clause`.
 *
 * News readers name the event they ask about in such a clause, and a news article names
 * it in its lede, not in the sentence that answers: the clause's words point to the lede.
 * The weight is fitted on question sets of that kind (the news-style fixtures and the
 * bundled article's questions), each on its own corpus, not on SQuAD, whose questions
 * were written looking at the answer's sentence and copy their clause from it.
 *
 * Each weight of a grid is scored by how right its answers are: the reciprocal rank of the
 * first right passage for a question the articles answer (0 when declined), 1 for
 * declining one they do not (0 for answering it). Cross-validated by set (every set is its
 * own articles): the weight that scores best on the other sets is scored on the one left
 * out, and those held-out scores are printed beside the weight 1 (no clause weighting).
 * Then the weight that scores best on every set is written. Ties go to the larger weight,
 * the smaller change. Deterministic.
 *
 *   npm run fit:clause [-- --set NAME=CORPUS_DIR:QUESTIONS[,QUESTIONS...] ... --dry-run]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { conditionSpans } from '../src/core/question';
import { withClauseWeight } from '../src/core/ranking';
import type { SentenceIndex } from '../src/core/search-index';
import { evalAnswer } from '../src/eval/answering';
import { evaluate } from '../src/eval/evaluate';
import { readEvalFile, type EvalItem } from '../src/eval/questions';
import { loadIndex } from '../src/node/load-index';

const ROOT = path.join(__dirname, '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
/** The question sets fitted on, by default: the news-style fixtures and the bundled article's. */
const DEFAULT_SETS = [
  `news=${path.join(FIXTURES, 'news', 'corpus')}:${path.join(FIXTURES, 'news', 'questions.jsonl')}`,
  `news-b=${path.join(FIXTURES, 'news-b', 'corpus')}:${path.join(FIXTURES, 'news-b', 'questions.jsonl')}`,
  `news-c=${path.join(FIXTURES, 'news-c', 'corpus')}:${path.join(FIXTURES, 'news-c', 'questions.jsonl')}`,
  `bundled=${path.join(FIXTURES, 'corpus')}:${['dev', 'extra', 'extra2'].map((name) => path.join(FIXTURES, 'eval', `${name}.jsonl`)).join(',')}`,
];
/** The weights tried, from none of the clause's weight to all of it. */
const GRID = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

const options = new Command('fit-clause')
  .description('fits the weight of the words of a question\'s time or condition clause, cross-validated by question set, and writes src/core/clause.json')
  .option('--set <name=corpus:questions>', 'a question set: its name, its corpus directory, its question files (comma-separated); repeat for more', (value: string, sets: string[]) => [...sets, value], [] as string[])
  .option('--out <file>', 'where to write the weight', path.join(ROOT, 'src', 'core', 'clause.json'))
  .option('--dry-run', 'print the figures without writing the weight')
  .parse()
  .opts<{ set: string[]; out: string; dryRun?: boolean }>();

interface QuestionSet {
  readonly name: string;
  readonly index: SentenceIndex;
  readonly items: readonly EvalItem[];
}

function parseSet(value: string): { name: string; corpus: string; questions: string[] } {
  const match = /^([^=]+)=([^:]+):(.+)$/.exec(value);
  if (!match) throw new Error(`--set ${value}: expected NAME=CORPUS_DIR:QUESTIONS[,QUESTIONS...]`);
  return { name: match[1]!, corpus: match[2]!, questions: match[3]!.split(',') };
}

/** How right each answer to `set` is at `weight` (see above). */
function questionScores(set: QuestionSet, weight: number): number[] {
  const answers = withClauseWeight(weight, () => set.items.map((item) => evalAnswer(set.index, item.question)));
  const report = evaluate(set.items, answers, { shortAnswers: true, declines: true });
  return report.results.map((result) => (result.item.impossible ? (result.answer.answered ? 0 : 1) : result.rank > 0 ? 1 / result.rank : 0));
}

/** The weight of the grid scoring best over `rows` (a set's scores by weight), ties to the larger. */
function best(rows: ReadonlyArray<readonly number[]>): number {
  let at = GRID.length - 1;
  const total = (i: number) => rows.reduce((sum, row) => sum + row[i]!, 0);
  for (let i = GRID.length - 1; i >= 0; i--) if (total(i) > total(at) + 1e-9) at = i;
  return GRID[at]!;
}

async function main(): Promise<void> {
  const sets: QuestionSet[] = [];
  for (const { name, corpus, questions } of (options.set.length > 0 ? options.set : DEFAULT_SETS).map(parseSet)) {
    sets.push({ name, index: (await loadIndex({ corpusDir: corpus })).index, items: questions.flatMap((file) => readEvalFile(file)) });
  }
  if (sets.length < 2) throw new Error('at least two question sets are needed: each is scored with the weight the others choose');
  const byQuestion = sets.map((set) => GRID.map((weight) => questionScores(set, weight)));
  const scores = byQuestion.map((rows) => rows.map((row) => row.reduce((a, b) => a + b, 0)));
  // What the fit rests on: the questions with such a clause, and those whose score moves.
  const withClause = sets.reduce((n, set) => n + set.items.filter((item) => conditionSpans(item.question.trim()).length > 0).length, 0);
  const moved = byQuestion.flatMap((rows, s) => sets[s]!.items.filter((_, q) => rows.some((row) => row[q] !== rows[0]![q])).map((item) => item.id));
  const count = (set: QuestionSet) => set.items.length;
  console.log(`score (reciprocal rank, or 1 for a right refusal) by weight, over ${sets.reduce((n, s) => n + count(s), 0)} questions in ${sets.length} sets:`);
  console.log(`  ${'set'.padEnd(10)}${GRID.map((w) => w.toFixed(1).padStart(7)).join('')}`);
  sets.forEach((set, s) => console.log(`  ${set.name.padEnd(10)}${scores[s]!.map((v) => v.toFixed(1).padStart(7)).join('')}`));

  console.log('\ncross-validated by set (the weight fitted on the others, scored on the one left out):');
  let heldOut = 0;
  let unweighted = 0;
  sets.forEach((set, s) => {
    const weight = best(scores.filter((_, other) => other !== s));
    const at = GRID.indexOf(weight);
    heldOut += scores[s]![at]!;
    unweighted += scores[s]![GRID.length - 1]!;
    console.log(`  ${set.name.padEnd(10)} weight ${weight.toFixed(1)}: ${scores[s]![at]!.toFixed(1)} of ${count(set)} (weight 1: ${scores[s]![GRID.length - 1]!.toFixed(1)})`);
  });
  console.log(`  all held out: ${heldOut.toFixed(1)}, against ${unweighted.toFixed(1)} with weight 1`);
  console.log(`\n${withClause} questions have such a clause; ${moved.length} score otherwise at some weight: ${moved.join(', ')}`);

  const weight = best(scores);
  console.log(`\nfitted on every set: weight ${weight}`);
  if (options.dryRun) return;
  writeFileSync(options.out, `${JSON.stringify({ weight }, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), options.out)}`);
  // The ranker's features are computed with the committed weight.
  console.log('the ranker is fitted with this weight: run `npm run train` again, then this again, until the weight holds');
}

main().catch((error: unknown) => {
  process.stderr.write(`fit-clause: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
