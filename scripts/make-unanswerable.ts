/**
 * Makes SQuAD-2.0-style unanswerable variants of a SQuAD-format question file, to calibrate
 * refusals: on-topic questions, one word away from answerable ones, that the article does
 * not answer. For a deterministic sample of the questions, a number or a name the question
 * shares with its answer's paragraph is swapped for one that the article does not pair with
 * that paragraph:
 * - a number for the nearest number that the corpus writes elsewhere but the article never does;
 * - a capitalized name for another name of the same article that its answer's paragraph
 *   never mentions (picked by a hash of the question's id).
 *
 *   npx tsx scripts/make-unanswerable.ts --corpus DIR --questions FILE --out FILE [--every 4]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { whole } from './options';
import { loadCorpusDir } from '../src/node/corpus-dir';

const SQUAD = path.join(__dirname, '..', '..', 'shared', 'eval', 'squad');
const options = new Command('make-unanswerable')
  .description('writes SQuAD-2.0-style unanswerable variants of a SQuAD question file')
  .option('--corpus <dir>', 'the articles', path.join(SQUAD, 'corpus'))
  .option('--questions <file>', 'the answerable questions', path.join(SQUAD, 'questions.jsonl'))
  .option('--out <file>', 'where to write the variants', 'unanswerable.jsonl')
  .option('--every <n>', 'vary one question in n', whole(1), 4)
  .parse()
  .opts<{ corpus: string; questions: string; out: string; every: number }>();
const { corpus: corpusDir, questions: questionsFile, out: outFile, every } = options;

const NUMBER = /(?<![\p{L}\p{N}.,])\d{1,4}(?![\p{L}\p{N}]|[.,]\d)/gu;
const NAME = /(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)*/gu;

function hash(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ (c.codePointAt(0) ?? 0), 16777619) >>> 0;
  return h;
}

function paragraphOf(text: string, at: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n\n', at) + 1;
  const end = text.indexOf('\n\n', at);
  return { start, end: end < 0 ? text.length : end };
}

async function main() {
  const { corpus } = await loadCorpusDir(corpusDir);
  const byId = new Map(corpus.documents.map((d) => [d.id, d]));
  const numbersOf = new Map(corpus.documents.map((d) => [d.id, new Set(d.text.match(NUMBER) ?? [])]));
  const corpusNumbers = [...new Set(corpus.documents.flatMap((d) => d.text.match(NUMBER) ?? []))].map(Number).sort((a, b) => a - b);
  const lines = readFileSync(questionsFile, 'utf8').split('\n').filter((l) => l.trim());
  const out: string[] = [];
  let n = 0;
  for (const line of lines) {
    const item = JSON.parse(line) as { id: string; question: string; doc: string; answers: Array<{ start: number; end: number }>; impossible?: boolean };
    if (item.impossible || n++ % every !== 0) continue;
    const document = byId.get(item.doc);
    const gold = item.answers[0];
    if (!document || !gold) continue;
    const paragraph = paragraphOf(document.text, gold.start);
    const context = document.text.slice(paragraph.start, paragraph.end);
    let variant: string | undefined;
    // A number of the question that its paragraph writes: the nearest one the article never writes.
    for (const m of item.question.matchAll(NUMBER)) {
      if (!context.includes(m[0])) continue;
      const value = Number(m[0]);
      const own = numbersOf.get(item.doc)!;
      const other = corpusNumbers
        .filter((v) => v !== value && !own.has(String(v)) && String(v).length === m[0].length)
        .sort((a, b) => Math.abs(a - value) - Math.abs(b - value) || a - b)[0];
      if (other !== undefined) variant = `${item.question.slice(0, m.index)}${other}${item.question.slice(m.index + m[0].length)}`;
      break;
    }
    if (!variant) {
      // A name of the question (not its first word) that its paragraph writes: another name of the article.
      const names = [...new Set((document.text.slice(0, paragraph.start) + '\n' + document.text.slice(paragraph.end)).match(NAME) ?? [])]
        .filter((name) => !context.includes(name) && !item.question.includes(name))
        .sort();
      for (const m of item.question.matchAll(NAME)) {
        if (m.index === 0 || !context.includes(m[0]) || names.length === 0) continue;
        const other = names[hash(item.id) % names.length]!;
        variant = `${item.question.slice(0, m.index)}${other}${item.question.slice(m.index + m[0].length)}`;
        break;
      }
    }
    if (variant) out.push(JSON.stringify({ id: `${item.id}-unanswerable`, question: variant, doc: item.doc, paragraph: 0, answers: [], impossible: true }));
  }
  writeFileSync(outFile, `${out.join('\n')}\n`);
  console.log(`${out.length} unanswerable variants of ${lines.length} questions written to ${outFile}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
