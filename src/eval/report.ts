/**
 * Reading a question file and printing the benchmark's figures.
 */
import { readFileSync } from 'node:fs';
import { evalItemSchema, shortMatches, type EvalItem, type EvalReport } from './evaluate';

/** Reads a JSON-lines question file; throws an Error naming the file and line of a bad item. */
export function readEvalFile(file: string): EvalItem[] {
  const items: EvalItem[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let data: unknown;
      try {
        data = JSON.parse(line);
      } catch {
        throw new Error(`${file}:${i + 1}: not a JSON object`);
      }
      const parsed = evalItemSchema.safeParse(data);
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
      items.push(parsed.data);
    });
  return items;
}

/** The figures, one per line; with `verbose`, a line per question first. */
export function formatReport(report: EvalReport, verbose: boolean): string {
  const lines: string[] = [];
  if (verbose) {
    for (const r of report.results) {
      const mark = r.item.unanswerable ? (r.answer.answered ? 'ANSWERED' : 'declined') : r.rank === 1 ? 'hit' : `rank ${r.rank}`;
      const short = r.item.answer === undefined ? '' : `${shortMatches(r.item.answer, r.answer) ? 'short ok' : 'short WRONG'} [${r.answer.short?.text ?? '-'}]`;
      lines.push(`${r.item.id}\t${mark}\t${short}\t${r.item.question}\t${r.answer.passages[0]?.text.slice(0, 70) ?? ''}`);
    }
  }
  const f = (x: number) => x.toFixed(3);
  lines.push(
    `questions: ${report.answerable} answerable, ${report.unanswerable} unanswerable`,
    `hit@1 ${f(report.hitAt1)}  recall@3 ${f(report.recallAt3)}  MRR ${f(report.mrr)}`,
    `declined unanswerable: ${report.declined}/${report.unanswerable}  wrongly declined answerable: ${report.wronglyDeclined}/${report.answerable}`,
    `short answers right: ${f(report.shortAccuracy)} of ${report.withShort}`,
  );
  return `${lines.join('\n')}\n`;
}
