/**
 * `npm run bench`: start-up and per-question cost on the bundled corpus, against
 * MiniSearch's own search as the baseline, measured side by side in one run. Prints a
 * table and writes the figures as JSON to .bench/results.json. Ratios and medians matter
 * here; absolute times vary with the machine's load.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import MiniSearch from 'minisearch';
import { ask } from '../core/answer';
import { buildCorpus } from '../core/corpus';
import { buildIndex } from '../core/search-index';
import { loadCorpusDir } from '../node/corpus-dir';
import { wordnetThesaurus } from '../node/wordnet';
import { loadConfig } from '../server/config';
import { measureFairness } from './fairness';
import { summary } from './stats';
import { syntheticArticles } from './synthetic';

const ROOT = path.resolve(__dirname, '..', '..');
const STARTS = 5;
const ROUNDS = 200;

interface BenchOptions {
  readonly quick: boolean;
  readonly articles: number;
}

function parseOptions(argv: readonly string[]): BenchOptions {
  const program = new Command('bench')
    .description('citeqa benchmarks: prints a table and writes .bench/results.json')
    .option('--quick', 'a smaller run for development')
    .option('--articles <count>', 'synthetic articles for the fairness measurement (default 5000; 500 with --quick)', (value) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 10) throw new InvalidArgumentError('a whole number of at least 10');
      return n;
    })
    .exitOverride();
  program.parse(argv, { from: 'user' });
  const { quick = false, articles } = program.opts<{ quick?: boolean; articles?: number }>();
  return { quick, articles: articles ?? (quick ? 500 : 5000) };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  // 1. Cold starts, each in a fresh process.
  const starts = Array.from({ length: STARTS }, () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'startup.ts')], { cwd: ROOT, encoding: 'utf8' });
    return JSON.parse(out) as { loadMs: number; indexMs: number; firstAnswerMs: number; sinceProcessStartMs: number };
  });
  const startup = {
    loadAndIndexMs: summary(starts.map((s) => s.loadMs + s.indexMs)),
    firstAnswerMs: summary(starts.map((s) => s.firstAnswerMs)),
  };

  // 2. Questions, in-process, ours against MiniSearch's plain search over the same sentences.
  const { corpus } = await loadCorpusDir(loadConfig().corpusDir);
  const index = buildIndex(corpus, { thesaurus: wordnetThesaurus() });
  const plain = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  plain.addAll(
    corpus.documents.flatMap((doc) => doc.sentences.map((s) => ({ text: doc.text.slice(s.start, s.end) }))).map((s, id) => ({ id, ...s })),
  );
  const evalDir = path.join(ROOT, 'test', 'fixtures', 'eval');
  const questions = readdirSync(evalDir).filter((file) => file.endsWith('.jsonl')).flatMap((file) =>
    readFileSync(path.join(evalDir, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { question: string }).question),
  );
  for (const q of questions) {
    ask(index, q);
    plain.search(q);
  }
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of questions) {
      let t = performance.now();
      ask(index, q);
      ours.push(performance.now() - t);
      t = performance.now();
      plain.search(q);
      baseline.push(performance.now() - t);
    }
  }
  // 3. Fairness: one client's answer times while another sends long questions as fast as
  //    its rate limit lets it, against the same client alone, on a synthetic corpus.
  const files = syntheticArticles(options.articles, 3);
  const big = buildIndex(buildCorpus(files), { thesaurus: wordnetThesaurus() });
  const fairness = { sentences: big.corpus.sentenceCount, ...(await measureFairness(big, files, { samples: options.quick ? 30 : 100, pauseMs: 100 })) };

  const answer = summary(ours);
  const search = summary(baseline);
  const results = {
    corpus: { documents: corpus.documents.length, sentences: corpus.sentenceCount },
    startup,
    question: { asks: ours.length, answerMs: answer, miniSearchMs: search, ratioP50: answer.p50 / search.p50 },
    fairness,
  };

  const f = (x: number) => x.toFixed(3);
  process.stdout.write(
    [
      `corpus: ${results.corpus.documents} document(s), ${results.corpus.sentences} sentences`,
      `start-up (${STARTS} cold processes): load + index p50 ${f(startup.loadAndIndexMs.p50)} ms, max ${f(Math.max(...starts.map((s) => s.loadMs + s.indexMs)))} ms; first answer p50 ${f(startup.firstAnswerMs.p50)} ms`,
      `per question (${ours.length} asks of ${questions.length} questions):`,
      `  ask()               p50 ${f(answer.p50)} ms  p99 ${f(answer.p99)} ms  mean ${f(answer.mean)} ms`,
      `  MiniSearch search() p50 ${f(search.p50)} ms  p99 ${f(search.p99)} ms  mean ${f(search.mean)} ms`,
      `  ratio ask/search at p50: ${f(results.question.ratioP50)}`,
      `fairness (${fairness.sentences} synthetic sentences; a reader asking while ${fairness.inProcess.attacker.sockets} sockets from another address flood 40-word questions and completions):`,
      ...(['inProcess', 'inWorker'] as const).flatMap((where) => {
        const { alone, flooded, changedAnswers, attacker } = fairness[where];
        return [
          `  answered ${where === 'inProcess' ? 'in process' : 'in a worker'}:`,
          `    alone     p50 ${f(alone.p50)} ms  p99 ${f(alone.p99)} ms`,
          `    flooded   p50 ${f(flooded.p50)} ms  p99 ${f(flooded.p99)} ms  (ratio p99 ${f(flooded.p99 / alone.p99)}); answers changed: ${changedAnswers}`,
          `    attacker  ${attacker.answered} questions answered, ${attacker.suggestions} completions, ${attacker.rateLimited} refused (rate_limited)`,
        ];
      }),
      '',
    ].join('\n'),
  );
  mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
  writeFileSync(path.join(ROOT, '.bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
}

void main();
