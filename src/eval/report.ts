/**
 * Printing a benchmark run: a table of each measure for citeqa beside its baselines
 * (Markdown, so that it pastes into a README), the figures as JSON, and the misses.
 */
import type { EvalReport, ItemResult } from './evaluate';
import type { EvalItem } from './questions';
import type { EvalRun, SystemReport } from './run';

/** A measure a system does not have (a baseline gives no short answers, never declines). */
const NONE = '-';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
const fixed = (digits: number) => (x: number | undefined) => (x === undefined ? NONE : x.toFixed(digits));
const of = (total: number) => (n: number | undefined) => (n === undefined ? NONE : `${n} of ${total}`);

/** The rows of the table: a name and how to show the measure from a report. */
function rows(first: EvalReport): ReadonlyArray<readonly [string, (s: SystemReport) => string]> {
  return [
    ['hit@1', (s) => fixed(3)(s.report.hitAt1)],
    ['recall@3', (s) => fixed(3)(s.report.recallAt3)],
    ['MRR', (s) => fixed(3)(s.report.mrr)],
    ['exact match (SQuAD EM)', (s) => fixed(1)(s.report.exactMatch)],
    ['F1 (SQuAD)', (s) => fixed(1)(s.report.f1)],
    ['answered with a short answer', (s) => of(first.answerable)(s.report.shortAnswers)],
    ['answerable declined', (s) => of(first.answerable)(s.report.answerableDeclined)],
    ['impossible declined', (s) => of(first.impossible)(s.report.impossibleDeclined)],
    ['ms a question (one thread)', (s) => s.msPerQuestion.toFixed(1)],
  ];
}

/** What was asked, then the table: measure | citeqa | each baseline. */
export function formatTable(run: EvalRun): string {
  const first = run.systems[0]?.report;
  if (!first) return '';
  const head = ['measure', ...run.systems.map((s) => s.label)];
  const body = rows(first).map(([name, show]) => [name, ...run.systems.map(show)]);
  const widths = head.map((_, c) => Math.max(...[head, ...body].map((row) => row[c]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`;
  return [
    `${plural(first.answerable + first.impossible, 'question')} (${first.answerable} answerable, ${first.impossible} impossible; EM and F1 over the ${first.withShort} with short answers), ${plural(run.documents, 'article')}, ${plural(run.sentences, 'sentence')}; answered in ${run.seconds.toFixed(1)} s`,
    '',
    line(head),
    `|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...body.map(line),
    '',
  ].join('\n');
}

/** The figures as one JSON object: per system, each measure (absent where the system has none). */
export function formatJson(run: EvalRun): string {
  const first = run.systems[0]?.report;
  const systems = Object.fromEntries(
    run.systems.map(({ system, label, report, msPerQuestion }) => {
      const { results: _results, answerable: _a, impossible: _i, withShort: _w, ...figures } = report;
      return [system, { label, ...figures, msPerQuestion }];
    }),
  );
  return `${JSON.stringify({ questions: (first?.answerable ?? 0) + (first?.impossible ?? 0), answerable: first?.answerable ?? 0, impossible: first?.impossible ?? 0, withShort: first?.withShort ?? 0, documents: run.documents, sentences: run.sentences, seconds: run.seconds, systems })}\n`;
}

/**
 * citeqa's misses, a line each: an answerable question whose first passage is not right
 * (with the rank of the first right one, or "declined", or "missed"), an impossible one
 * answered. Tab-separated: id, what went wrong, where it came from, the question, the gold
 * answer, the short answer, the first passage, and the first baseline's rank when one ran.
 */
export function formatMisses(run: EvalRun): string {
  const [citeqa, baseline] = run.systems;
  if (!citeqa) return '';
  const lines: string[] = [];
  citeqa.report.results.forEach((r, i) => {
    const mark = missMark(r);
    if (mark === undefined) return;
    const other = baseline?.report.results[i];
    const cells = [
      r.item.id,
      mark,
      r.item.where,
      r.item.question,
      `gold: ${goldText(r.item)}`,
      `short: ${r.answer.short?.text ?? NONE}`,
      `first: ${oneLine(r.answer.passages[0]?.text ?? NONE, 100)}`,
      ...(other && baseline ? [`${baseline.label}: ${other.rank === 0 ? 'missed' : `rank ${other.rank}`}`] : []),
    ];
    lines.push(cells.join('\t'));
  });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n\n`;
}

function missMark(r: ItemResult): string | undefined {
  if (r.item.impossible) return r.answer.answered ? 'ANSWERED' : undefined;
  if (r.rank === 1) return undefined;
  if (!r.answer.answered) return 'declined';
  return r.rank === 0 ? 'missed' : `rank ${r.rank}`;
}

function goldText(item: EvalItem): string {
  if (item.answers.length > 0) return [...new Set(item.answers)].join(' | ');
  if (item.gold.kind === 'text') return item.gold.texts.join(' | ');
  return NONE;
}

function oneLine(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
