/**
 * `npm run eval -- FILE.jsonl`: prints the answer-quality figures for a question file.
 */
import { readFileSync } from 'node:fs';
import { ask } from '../core/answer';
import { buildIndex } from '../core/search-index';
import { loadCorpusDir } from '../node/corpus-dir';
import { wordnetThesaurus } from '../node/wordnet';
import { evalItemSchema, evaluate, shortMatches, type EvalItem } from './evaluate';
import { loadConfig } from '../server/config';

async function main(): Promise<void> {
  const [file, ...rest] = process.argv.slice(2);
  const verbose = rest.includes('--verbose');
  if (!file) {
    process.stderr.write('usage: npm run eval -- FILE.jsonl [--verbose]\n');
    process.exit(2);
  }
  const items = readItems(file);
  const { corpus } = await loadCorpusDir(loadConfig().corpusDir);
  const index = buildIndex(corpus, { thesaurus: wordnetThesaurus() });
  const report = evaluate(items, (question) => ask(index, question, { limit: 3 }));

  if (verbose) {
    for (const r of report.results) {
      const mark = r.item.unanswerable ? (r.answer.answered ? 'ANSWERED' : 'declined') : r.rank === 1 ? 'hit' : `rank ${r.rank}`;
      const short = r.item.answer === undefined ? '' : `${shortMatches(r.item.answer, r.answer) ? 'short ok' : 'short WRONG'} [${r.answer.short?.text ?? '-'}]`;
      process.stdout.write(`${r.item.id}\t${mark}\t${short}\t${r.item.question}\t${r.answer.passages[0]?.text.slice(0, 70) ?? ''}\n`);
    }
  }
  const f = (x: number) => x.toFixed(3);
  process.stdout.write(
    `questions: ${report.answerable} answerable, ${report.unanswerable} unanswerable\n` +
      `hit@1 ${f(report.hitAt1)}  recall@3 ${f(report.recallAt3)}  MRR ${f(report.mrr)}\n` +
      `declined unanswerable: ${report.declined}/${report.unanswerable}  wrongly declined answerable: ${report.wronglyDeclined}/${report.answerable}\n` +
      `short answers right: ${f(report.shortAccuracy)} of ${report.withShort}\n`,
  );
}

function readItems(file: string): EvalItem[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const items: EvalItem[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = evalItemSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message}`);
    items.push(parsed.data);
  });
  return items;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
