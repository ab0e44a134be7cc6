/**
 * Fits the short-answer span scorer (src/core/span-model.json) on a SQuAD-format question
 * file: every candidate span (src/core/span-features.ts) of the sentence that holds a gold
 * answer is an example, positive when it matches a gold answer exactly (SQuAD's
 * normalization). The gold sentence is the context, so the scorer is trained apart from
 * ranking. Cross-validated by article (no article both trained and tested on); the
 * confidence threshold is chosen on the held-out folds. Deterministic.
 *
 *   npm run train:spans [-- --corpus DIR --questions FILE --folds 4 --fit conditional --iterations N --cache FILE --dry-run]
 *
 * `--cache FILE` keeps the extracted candidates between runs (for trying fits; delete it
 * when the candidates or features change).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { fitConditional, fitLogistic, type Example, type LogisticModel } from '../src/core/logistic';
import { spanProbabilities, type SpanFit } from '../src/core/span-scorer';
import { buildIndex } from '../src/core/search-index';
import { readQuestion } from '../src/core/span-scorer';
import { sentenceView, spanCandidates, spanFeatures, SPAN_FEATURES } from '../src/core/span-features';
import { bestOver, exactMatch, f1 } from '../src/eval/squad-score';
import { loadCorpusDir } from '../src/node/corpus-dir';

const SQUAD = path.join(__dirname, '..', '..', 'shared', 'eval', 'squad');
/** Gradient steps (--iterations): enough for the fit to settle (see the README). */
const ITERATIONS = 300;
const options = new Command('train-spans')
  .description('fits the short-answer span scorer on a SQuAD set, cross-validated by article, and writes src/core/span-model.json')
  .option('--corpus <dir>', 'the articles', path.join(SQUAD, 'corpus'))
  .option('--questions <file>', 'the questions', path.join(SQUAD, 'questions.jsonl'))
  .option('--folds <n>', 'folds of articles', (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 2) throw new InvalidArgumentError('a whole number of at least 2');
    return n;
  }, 4)
  .addOption(new Option('--fit <kind>', 'conditional: which candidate of a sentence is right (softmax); pointwise: whether each candidate is').choices(['conditional', 'pointwise']).default('conditional'))
  .option('--iterations <n>', 'gradient steps of each fit', (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of at least 1');
    return n;
  }, ITERATIONS)
  .option('--cache <file>', 'keep the extracted candidates in this file between runs (delete it when the features change)')
  .option('--dry-run', 'print the figures without writing the model')
  .parse()
  .opts<{ corpus: string; questions: string; folds: number; fit: SpanFit; iterations: number; cache?: string; dryRun?: boolean }>();
const { corpus: corpusDir, questions: questionsFile, folds, fit: fitKind, cache } = options;
const out = path.join(__dirname, '..', 'src', 'core', 'span-model.json');
/** Fitting options: fixed, so the model is the same on every machine. */
const FIT = { l2: 1e-3, iterations: options.iterations, rate: 0.5 } as const;
/** What a short answer given must be worth (its F1) to be worth giving; see chooseThreshold. */
const WRONG_COST = 0.25;

interface Row {
  readonly doc: string;
  readonly golds: readonly string[];
  readonly candidates: ReadonlyArray<{ readonly text: string; readonly x: number[]; readonly em: number; readonly f1: number }>;
}

async function main() {
  const rows = cache && existsSync(cache) ? (JSON.parse(readFileSync(cache, 'utf8')) as Row[]) : await extract();
  if (cache && !existsSync(cache)) writeFileSync(cache, JSON.stringify(rows));
  if (rows[0] && rows[0].candidates[0]?.x.length !== SPAN_FEATURES.length) throw new Error(`${cache}: made for other features; delete it`);
  const docs = [...new Set(rows.map((r) => r.doc))].sort();
  const foldOf = new Map(docs.map((d, i) => [d, i % folds]));
  const fit = (rs: readonly Row[]): LogisticModel =>
    fitKind === 'conditional' ? fitConditional(SPAN_FEATURES, rs.map(group), FIT) : fitLogistic(SPAN_FEATURES, examples(rs), FIT);
  const examples = (rs: readonly Row[]): Example[] => rs.flatMap(group);
  const covered = rows.filter((r) => r.candidates.some((c) => c.em === 1)).length;
  console.log(`${rows.length} questions, ${examples(rows).length} candidates; a candidate matches the gold answer exactly for ${((100 * covered) / rows.length).toFixed(1)}%`);

  // Held-out predictions: the best candidate of each question, by a model that never saw its article.
  const heldOut: Array<{ p: number; em: number; f1: number }> = [];
  for (let k = 0; k < folds; k++) {
    const model = fit(rows.filter((r) => foldOf.get(r.doc) !== k));
    for (const row of rows.filter((r) => foldOf.get(r.doc) === k)) heldOut.push(best(model, row));
  }
  heldOut.sort((a, b) => b.p - a.p);
  const threshold = chooseThreshold(heldOut);
  console.log(`cross-validated by article (${fitKind} fit), the gold sentence given:`);
  for (const t of [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, threshold]) {
    const given = heldOut.filter((h) => h.p >= t);
    const sum = (key: 'em' | 'f1') => given.reduce((s, h) => s + h[key], 0);
    console.log(
      `  threshold ${t.toFixed(3)}: answers ${((100 * given.length) / heldOut.length).toFixed(1)}%, EM ${((100 * sum('em')) / heldOut.length).toFixed(1)}, F1 ${((100 * sum('f1')) / heldOut.length).toFixed(1)}, F1 of those given ${given.length ? ((100 * sum('f1')) / given.length).toFixed(1) : '-'}${t === threshold ? '  <- chosen' : ''}`,
    );
  }
  if (options.dryRun) return;
  const model = fit(rows);
  const round = (v: number) => Number(v.toPrecision(6));
  const file = {
    about: 'Short-answer span scorer: logistic regression over src/core/span-features.ts, fitted by scripts/train-spans.ts (npm run train:spans).',
    fit: fitKind,
    threshold: round(threshold),
    model: { features: model.features, mean: model.mean.map(round), scale: model.scale.map(round), weights: model.weights.map(round), bias: round(model.bias) },
  };
  writeFileSync(out, `${JSON.stringify(file, null, 1)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}

/** The candidates of each question's gold sentence, with their features and how right they are. */
async function extract(): Promise<Row[]> {
  const { corpus } = await loadCorpusDir(corpusDir);
  const index = buildIndex(corpus);
  const byId = new Map(corpus.documents.map((d) => [d.id, d]));
  const rows: Row[] = [];
  for (const line of readFileSync(questionsFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const item = JSON.parse(line) as { question: string; doc: string; answers: Array<{ text: string; start: number; end: number }>; impossible?: boolean };
    const document = byId.get(item.doc);
    const gold = item.answers[0];
    if (!document || !gold || item.impossible) continue;
    const sentence = document.sentences.findIndex((s) => s.start <= gold.start && gold.end <= s.end);
    const span = document.sentences[sentence];
    if (!span) continue;
    const entities = index.entities(document);
    const tokens = entities.tokensIn(span.start, span.end);
    const sentenceTerms = index.sentenceTerms({ document, sentence });
    const question = readQuestion(index, item.question);
    const golds = item.answers.map((a) => a.text);
    const view = sentenceView(question, tokens, sentenceTerms, span.start);
    const all = spanCandidates(document.text, span.start, span.end, tokens, entities.entitiesIn(span.start, span.end));
    const candidates = all.map((c) => {
      const text = document.text.slice(c.start, c.end);
      return { text, x: spanFeatures(question, c, document.text, view, all), em: bestOver(golds, text, exactMatch), f1: bestOver(golds, text, f1) };
    });
    rows.push({ doc: item.doc, golds, candidates });
  }
  return rows;
}

/** A row's candidates as one group of examples, positive where they match a gold answer exactly. */
function group(row: Row): Example[] {
  return row.candidates.map((c) => ({ x: c.x, y: c.em === 1 ? (1 as const) : (0 as const) }));
}

function best(model: LogisticModel, row: Row): { p: number; em: number; f1: number } {
  const p = spanProbabilities({ model, fit: fitKind }, row.candidates.map((c) => c.x));
  let top = { p: 0, em: 0, f1: 0 };
  for (const [i, c] of row.candidates.entries()) if (p[i]! > top.p) top = { p: p[i]!, em: c.em, f1: c.f1 };
  return top;
}

/**
 * The confidence above which a short answer is given: the one that maximizes, on articles
 * the model never saw, the F1 of the answers given less {@link WRONG_COST} for each one
 * given. A wrong short answer misleads a reader more than a missing one (the passage is
 * still there), so an answer is given only where it is likely enough to be right.
 */
function chooseThreshold(heldOut: ReadonlyArray<{ p: number; f1: number }>): number {
  let gain = 0;
  let bestGain = 0;
  let threshold = 1;
  for (const h of heldOut) {
    gain += h.f1 - WRONG_COST;
    if (gain > bestGain) {
      bestGain = gain;
      threshold = h.p;
    }
  }
  return threshold;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
