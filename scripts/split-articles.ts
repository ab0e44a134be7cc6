/**
 * Splits each article of a SQuAD-format set into documents of a few paragraphs, news
 * articles' length, and moves each question to the document holding its paragraph, its
 * answers' offsets with it: the public questions over a corpus of many short documents on
 * a few subjects, as a news archive's running stories are. Every split document keeps its
 * article's title, source and date, and starts, like it, with the title.
 *
 *   npm run split -- --out DIR [--corpus DIR --questions FILE --paragraphs 2]
 *
 * writes DIR/corpus/*.md and DIR/questions.jsonl; then
 *
 *   npm run eval -- --corpus DIR/corpus DIR/questions.jsonl
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { whole } from './options';
import { loadCorpusDir } from '../src/node/corpus-dir';

const SQUAD = path.join(__dirname, '..', '..', 'shared', 'eval', 'squad');
const options = new Command('split-articles')
  .description('splits the articles of a SQuAD-format set into documents of a few paragraphs, with their questions')
  .option('--corpus <dir>', 'the articles (each the title, a blank line, then paragraphs separated by blank lines)', path.join(SQUAD, 'corpus'))
  .option('--questions <file>', 'their questions, in SQuAD\'s format (with "paragraph")', path.join(SQUAD, 'questions.jsonl'))
  .requiredOption('--out <dir>', 'where to write corpus/ and questions.jsonl')
  .option('--paragraphs <n>', 'paragraphs a document', whole(1), 2)
  .parse()
  .opts<{ corpus: string; questions: string; out: string; paragraphs: number }>();

interface Question {
  readonly id: string;
  readonly doc: string;
  readonly paragraph: number;
  readonly answers: ReadonlyArray<{ readonly text: string; readonly start: number; readonly end: number }>;
}

async function main(): Promise<void> {
  const { corpus } = await loadCorpusDir(options.corpus);
  const per = options.paragraphs;
  const outCorpus = path.join(options.out, 'corpus');
  mkdirSync(outCorpus, { recursive: true });
  // Each article's paragraphs, as [start, end) in its text, after the title and its blank line.
  const parts = new Map<string, { text: string; title: string; paragraphs: Array<[number, number]> }>();
  let documents = 0;
  for (const document of corpus.documents) {
    const titleEnd = document.text.indexOf('\n\n');
    if (titleEnd < 0) throw new Error(`${document.id}: no blank line after the title`);
    const title = document.text.slice(0, titleEnd);
    const paragraphs: Array<[number, number]> = [];
    for (let at = titleEnd + 2; at <= document.text.length; ) {
      const end = document.text.indexOf('\n\n', at);
      const stop = end < 0 ? document.text.length : end;
      paragraphs.push([at, stop]);
      at = stop + 2;
    }
    parts.set(document.id, { text: document.text, title, paragraphs });
    for (let k = 0; k * per < paragraphs.length; k++) {
      const body = paragraphs.slice(k * per, (k + 1) * per).map(([s, e]) => document.text.slice(s, e)).join('\n\n');
      const front = [`id: ${partId(document.id, k)}`, `title: ${JSON.stringify(document.title)}`, `source: ${JSON.stringify(document.source)}`, `published: ${document.published}`];
      writeFileSync(path.join(outCorpus, `${partId(document.id, k)}.md`), `---\n${front.join('\n')}\n---\n${title}\n\n${body}\n`);
      documents++;
    }
  }
  const out: string[] = [];
  for (const line of readFileSync(options.questions, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const question = JSON.parse(line) as Question;
    const article = parts.get(question.doc);
    if (!article) throw new Error(`question ${question.id}: no article ${question.doc}`);
    const k = Math.floor(question.paragraph / per);
    const group = article.paragraphs.slice(k * per, (k + 1) * per);
    // An offset in the article -> the same character in its part: after the title, the group's paragraphs joined by blank lines.
    const moved = (at: number): number => {
      let offset = article.title.length + 2;
      for (const [s, e] of group) {
        if (at >= s && at <= e) return offset + at - s;
        offset += e - s + 2;
      }
      throw new Error(`question ${question.id}: an answer at ${at} is not in paragraph ${question.paragraph}`);
    };
    const answers = question.answers.map((a) => ({ text: a.text, start: moved(a.start), end: moved(a.start) + (a.end - a.start) }));
    const text = `${article.title}\n\n${group.map(([s, e]) => article.text.slice(s, e)).join('\n\n')}`;
    for (const a of answers) if (text.slice(a.start, a.end) !== a.text) throw new Error(`question ${question.id}: its answer "${a.text}" moved wrongly`);
    out.push(JSON.stringify({ ...question, doc: partId(question.doc, k), paragraph: question.paragraph % per, answers }));
  }
  writeFileSync(path.join(options.out, 'questions.jsonl'), `${out.join('\n')}\n`);
  console.log(`${documents} documents of at most ${per} paragraphs from ${corpus.documents.length} articles, ${out.length} questions, in ${options.out}`);
}

function partId(id: string, k: number): string {
  return `${id}-${String(k).padStart(3, '0')}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`split-articles: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
