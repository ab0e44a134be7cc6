/**
 * `npm run bench`: start-up and per-question cost on the bundled corpus, against
 * MiniSearch's own search as the baseline, measured side by side in one run. Prints a
 * table and writes the figures as JSON to .bench/results.json. Ratios and medians matter
 * here; absolute times vary with the machine's load.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import pino from 'pino';
import { CiteqaClient } from '../client';
import { ask } from '../core/answer';
import { buildCorpus } from '../core/corpus';
import type { SentenceIndex } from '../core/search-index';
import { workerAnswerer, type Answerer } from '../server/answerer';
import { createService } from '../server/service';
import { syntheticArticles } from './synthetic';
import { buildIndex } from '../core/search-index';
import { loadCorpusDir } from '../node/corpus-dir';
import { wordnetThesaurus } from '../node/wordnet';
import { loadConfig } from '../server/config';

const ROOT = path.resolve(__dirname, '..', '..');
const STARTS = 5;
const ROUNDS = 200;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

async function main(): Promise<void> {
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
  const fairness = await measureFairness();

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
      `fairness (${fairness.sentences} synthetic sentences; a client asking while another floods long questions at its rate limit):`,
      ...(['inProcess', 'inWorker'] as const).flatMap((where) => [
        `  answered ${where === 'inProcess' ? 'in process' : 'in a worker'}:`,
        `    alone     p50 ${f(fairness[where].alone.p50)} ms  p99 ${f(fairness[where].alone.p99)} ms`,
        `    flooded   p50 ${f(fairness[where].flooded.p50)} ms  p99 ${f(fairness[where].flooded.p99)} ms  (ratio p99 ${f(fairness[where].flooded.p99 / fairness[where].alone.p99)})`,
      ]),
      '',
    ].join('\n'),
  );
  mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
  writeFileSync(path.join(ROOT, '.bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
}

async function measureFairness() {
  const files = syntheticArticles(1000, 3);
  const index = buildIndex(buildCorpus(files), { thesaurus: wordnetThesaurus() });
  const inProcess = await fairnessOf(index);
  // The same, with questions answered in a worker thread (as `npm start` does).
  const dir = mkdtempSync(path.join(tmpdir(), 'citeqa-bench-'));
  for (const file of files) writeFileSync(path.join(dir, file.name), file.bytes);
  const inWorker = await fairnessOf(index, await workerAnswerer({ corpusDir: dir }));
  rmSync(dir, { recursive: true, force: true });
  return { sentences: index.corpus.sentenceCount, inProcess, inWorker };
}

async function fairnessOf(index: SentenceIndex, answerer?: Answerer) {
  const service = createService({ index, logger: pino({ level: 'silent' }), ...(answerer ? { answerer } : {}) });
  const { port } = await service.listen(0, '127.0.0.1');
  const url = `ws://127.0.0.1:${port}/ws`;
  const polite = await CiteqaClient.connect(url);
  const times = async (count: number) => {
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      await polite.ask('Who proposed the trade agreement?');
      samples.push(performance.now() - started);
      // A polite client: well within the rate limit (10 a second by default).
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    return summary(samples);
  };
  await times(5);
  const alone = await times(60);
  const heavy = await CiteqaClient.connect(url);
  const long = 'trade agreement peace treaty energy deal border dispute fishing rights climate pact security talks tariff water shipping accord minister president officials parliament protests summit budget elections analysts industries jobs percent';
  let flooding = true;
  const flood = (async () => {
    while (flooding) {
      await Promise.all(Array.from({ length: 10 }, () => heavy.ask(long, { limit: 10 }).catch(() => undefined)));
    }
  })();
  const flooded = await times(60);
  flooding = false;
  await flood;
  heavy.close();
  polite.close();
  await service.close();
  return { alone, flooded };
}

void main();
