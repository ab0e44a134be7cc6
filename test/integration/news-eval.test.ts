/**
 * The answer-quality gate on real news: the public news set (test/fixtures/news: twelve
 * U.S. State Department readouts of calls about Sudan, 2021 to 2024, many of them worded
 * alike, and 64 questions a reader would type, 12 of them on-topic but unanswered by the
 * articles), in-process, as `citeqa eval` runs it.
 *
 * Measured with
 *   npm run eval -- --corpus test/fixtures/news/corpus --baseline test/fixtures/news/questions.jsonl
 * when the thresholds were set:
 *   citeqa            hit@1 0.827  recall@3 1.000  MRR 0.901  EM 37.5  F1 54.2
 *                     answerable declined 0 of 52, impossible declined 12 of 12
 *   MiniSearch tuned  hit@1 0.615  recall@3 0.788  MRR 0.699
 * Each threshold is about 0.03 (F1 and EM: 3 points; declines: 3 questions, 1 question)
 * below citeqa's figure, so that a regression fails `npm test`; when answers get better,
 * raise them with the figures.
 */
import path from 'node:path';
import type { SentenceIndex } from '../../src/core/search-index';
import { readEvalFile, type EvalItem } from '../../src/eval/questions';
import { runEval, type EvalRun } from '../../src/eval/run';
import { loadIndex } from '../../src/node/load-index';

const NEWS_DIR = path.join(__dirname, '..', 'fixtures', 'news');

/** Least figures citeqa must reach on the set. */
const THRESHOLDS = { hitAt1: 0.79, recallAt3: 0.97, mrr: 0.87, f1: 51, exactMatch: 34 } as const;
/** At most this many of the 52 answerable questions declined (measured: 0). */
const MAX_ANSWERABLE_DECLINED = 2;
/** At least this many of the 12 unanswerable questions declined (measured: 12). */
const MIN_IMPOSSIBLE_DECLINED = 10;

let index: SentenceIndex;
let items: EvalItem[];
let run: EvalRun;

beforeAll(async () => {
  index = (await loadIndex({ corpusDir: path.join(NEWS_DIR, 'corpus') })).index;
  items = readEvalFile(path.join(NEWS_DIR, 'questions.jsonl'));
  run = await runEval(index, items, { baselines: ['tuned'], threads: 1 });
}, 120_000);

describe('the public news set', () => {
  it('has twelve articles and 64 questions, 12 of them unanswerable', () => {
    expect(run.documents).toBe(12);
    expect(items).toHaveLength(64);
    expect(items.filter((item) => item.impossible)).toHaveLength(12);
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
  });

  it('has every expected text, verbatim, in some article', () => {
    const texts = index.corpus.documents.map((document) => document.text);
    const absent: string[] = [];
    for (const item of items) {
      if (item.gold.kind !== 'text') throw new Error(`${item.where}: not in citeqa's own form`);
      if (!item.impossible && item.gold.texts.length === 0) absent.push(`${item.where}: no expected text`);
      for (const text of item.gold.texts) if (!texts.some((t) => t.includes(text))) absent.push(`${item.where}: "${text}"`);
    }
    expect(absent).toEqual([]);
  });
});

describe('answer quality on the public news set', () => {
  it(`citeqa reaches hit@1 ${THRESHOLDS.hitAt1}, recall@3 ${THRESHOLDS.recallAt3}, MRR ${THRESHOLDS.mrr}, F1 ${THRESHOLDS.f1}, EM ${THRESHOLDS.exactMatch}`, () => {
    const { report } = run.systems[0]!;
    expect(run.systems[0]!.system).toBe('citeqa');
    expect(report.hitAt1).toBeGreaterThanOrEqual(THRESHOLDS.hitAt1);
    expect(report.recallAt3).toBeGreaterThanOrEqual(THRESHOLDS.recallAt3);
    expect(report.mrr).toBeGreaterThanOrEqual(THRESHOLDS.mrr);
    expect(report.f1).toBeGreaterThanOrEqual(THRESHOLDS.f1);
    expect(report.exactMatch).toBeGreaterThanOrEqual(THRESHOLDS.exactMatch);
  });

  it(`citeqa declines at most ${MAX_ANSWERABLE_DECLINED} of the answerable questions`, () => {
    expect(run.systems[0]!.report.answerableDeclined).toBeLessThanOrEqual(MAX_ANSWERABLE_DECLINED);
  });

  it(`citeqa declines at least ${MIN_IMPOSSIBLE_DECLINED} of the unanswerable questions`, () => {
    expect(run.systems[0]!.report.impossibleDeclined).toBeGreaterThanOrEqual(MIN_IMPOSSIBLE_DECLINED);
  });
});
