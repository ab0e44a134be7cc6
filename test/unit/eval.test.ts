/**
 * The benchmark's question files and scoring: both forms of question, their errors by line,
 * passages judged by text or by citation offsets, short answers by SQuAD's measures, and
 * how a run is printed.
 */
import path from 'node:path';
import { buildCorpus, type Corpus } from '../../src/core/corpus';
import { BaselineIndex } from '../../src/eval/baseline';
import { evaluate, type JudgedAnswer } from '../../src/eval/evaluate';
import { checkAgainstCorpus, EvalFileError, parseEvalText, readEvalFile, type EvalItem } from '../../src/eval/questions';
import { formatJson, formatMisses, formatTable } from '../../src/eval/report';
import type { EvalRun } from '../../src/eval/run';
import { loadCorpusDir } from '../../src/node/corpus-dir';
import { articleText, textFile } from '../helpers';

const line = (item: object) => JSON.stringify(item);

function parseOne(item: object): EvalItem {
  const [parsed] = parseEvalText(line(item), 'q.jsonl');
  return parsed!;
}

function errorOf(text: string): string {
  try {
    parseEvalText(text, 'q.jsonl');
  } catch (error) {
    expect(error).toBeInstanceOf(EvalFileError);
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('question files', () => {
  it("reads citeqa's own form", () => {
    expect(parseOne({ id: 'a', question: 'How long?', expect: ['an hour'], answer: 'an hour' })).toEqual({
      id: 'a',
      question: 'How long?',
      impossible: false,
      gold: { kind: 'text', texts: ['an hour'] },
      answers: ['an hour'],
      where: 'q.jsonl:1',
    });
    expect(parseOne({ id: 'b', question: 'Capital of France?', unanswerable: true })).toMatchObject({ impossible: true, gold: { kind: 'text', texts: [] }, answers: [] });
  });

  it("reads SQuAD's form, told apart by its fields, in the same file", () => {
    const items = parseEvalText(
      [
        line({ id: 'a', question: 'How long?', expect: ['an hour'] }),
        '',
        line({ id: 's', question: 'Who won?', doc: 'd', paragraph: 0, answers: [{ text: 'Denver', start: 4, end: 10 }], impossible: false }),
        line({ id: 'i', question: 'Who lost?', doc: 'd', answers: [], impossible: true }),
      ].join('\n'),
      'q.jsonl',
    );
    expect(items.map((item) => [item.id, item.where])).toEqual([
      ['a', 'q.jsonl:1'],
      ['s', 'q.jsonl:3'],
      ['i', 'q.jsonl:4'],
    ]);
    expect(items[1]).toMatchObject({ impossible: false, gold: { kind: 'span', doc: 'd', spans: [{ text: 'Denver', start: 4, end: 10 }] }, answers: ['Denver'] });
    expect(items[2]).toMatchObject({ impossible: true, answers: [] });
  });

  it.each([
    ['not json', 'q.jsonl:2: not a JSON object'],
    ['[1, 2]', 'q.jsonl:2: not a JSON object'],
    [line({ id: 'b', question: 'x', expect: [] }), 'q.jsonl:2: expect: Too small: expected array to have >=1 items'],
    [line({ id: 'b', question: 'x', doc: 'd', answers: [] }), 'q.jsonl:2: answers: an answerable question needs at least one answer'],
    [line({ id: 'b', question: 'x', doc: 'd', answers: [{ text: 'y', start: 5, end: 4 }] }), 'q.jsonl:2: answers.0: start is after end'],
    [line({ id: 'b', question: 'x', doc: 'd', answers: [{ text: 'y', start: -1, end: 4 }] }), 'q.jsonl:2: answers.0.start: Too small: expected number to be >=0'],
    [line({ id: 'b', question: 'x', answers: [{ text: 'y', start: 0, end: 1 }] }), 'q.jsonl:2: doc: Invalid input: expected string, received undefined'],
  ])('names the line of a bad item: %s', (bad, message) => {
    expect(errorOf(`${line({ id: 'a', question: 'fine' })}\n${bad}\n`)).toBe(message);
  });

  it('finds SQuAD questions that do not fit the corpus', () => {
    const corpus = buildCorpus([textFile('a.md', articleText({ id: 'doc-a' }))]);
    const text = corpus.document('doc-a')!.text;
    const at = text.indexOf('Munich');
    const items = parseEvalText(
      [
        line({ id: 'ok', question: 'Where?', doc: 'doc-a', answers: [{ text: 'Munich', start: at, end: at + 6 }] }),
        line({ id: 'doc', question: 'Where?', doc: 'doc-b', answers: [{ text: 'Munich', start: at, end: at + 6 }] }),
        line({ id: 'off', question: 'Where?', doc: 'doc-a', answers: [{ text: 'Munich', start: at + 1, end: at + 7 }] }),
        line({ id: 'own', question: 'Where?', expect: ['Berlin'] }),
        line({ id: 'doc2', question: 'When?', doc: 'doc-b', answers: [{ text: 'Munich', start: at, end: at + 6 }] }),
        line({ id: 'doc3', question: 'Why?', doc: 'doc-c', answers: [{ text: 'Munich', start: at, end: at + 6 }] }),
      ].join('\n'),
      'q.jsonl',
    );
    // A missing document is named once, with its first question.
    expect(checkAgainstCorpus(items, corpus)).toEqual([
      'q.jsonl:2: document "doc-b" is not in the corpus (2 questions are about it)',
      'q.jsonl:6: document "doc-c" is not in the corpus',
      `q.jsonl:3: "Munich" is not at [${at + 1}, ${at + 7}) of "doc-a"`,
    ]);
  });
});

const passage = (doc: string, start: number, text: string) => ({ text, citation: { doc, start, end: start + text.length } });

describe('evaluate', () => {
  // Gold "Denver Broncos" at [100, 114) of doc d.
  const squad = parseOne({ id: 's', question: 'Who won?', doc: 'd', answers: [{ text: 'Denver Broncos', start: 100, end: 114 }, { text: 'the Broncos', start: 103, end: 114 }] });
  const impossible = parseOne({ id: 'i', question: 'Who lost?', doc: 'd', answers: [], impossible: true });
  const citeqa = { shortAnswers: true, declines: true };
  const sentence = 'The Denver Broncos won.';
  const right = passage('d', 96, sentence);

  it('a passage is right when its citation holds a gold span in the right document', () => {
    const ranks = [
      [passage('d', 0, 'x'.repeat(50)), right],
      [passage('e', 96, sentence), passage('d', 104, 'x'.repeat(40))],
      [passage('d', 90, 'x'.repeat(12)), passage('d', 103, 'Broncos won.')],
    ].map((passages) => evaluate([squad], [{ answered: true, passages }], citeqa).results[0]!.rank);
    // Another document at the same offsets is wrong; so is a passage holding only part of
    // one span, but it may hold another annotator's.
    expect(ranks).toEqual([2, 0, 2]);
  });

  it('scores over answerable questions; declining counts as a miss, and is right for an impossible question', () => {
    const answers: JudgedAnswer[] = [
      { answered: true, passages: [right], short: { text: 'Denver Broncos', passage: 0, start: 4, end: 18 } },
      { answered: true, passages: [passage('d', 0, 'x'), right], short: { text: 'Broncos', passage: 1, start: 11, end: 18 } },
      { answered: false, passages: [right] },
      { answered: false, passages: [] },
    ];
    const report = evaluate([squad, squad, squad, impossible], answers, citeqa);
    expect(report).toMatchObject({ answerable: 3, impossible: 1, withShort: 3, shortAnswers: 2, answerableDeclined: 1, impossibleDeclined: 1 });
    expect(report.hitAt1).toBeCloseTo(1 / 3, 10);
    expect(report.recallAt3).toBeCloseTo(2 / 3, 10);
    expect(report.mrr).toBeCloseTo((1 + 1 / 2) / 3, 10);
    // EM: 1 ("Denver Broncos"), 1 ("Broncos" is "the Broncos" normalized), 0 (declined).
    expect(report.exactMatch).toBeCloseTo(200 / 3, 10);
    expect(report.f1).toBeCloseTo(200 / 3, 10);
  });

  it('a short answer that is not exactly a span of its passage scores 0', () => {
    const report = evaluate([squad], [{ answered: true, passages: [right], short: { text: 'Denver Broncos', passage: 0, start: 0, end: 14 } }], citeqa);
    expect(report.results[0]).toMatchObject({ rank: 1, exact: 0, f1: 0 });
    expect(report.shortAnswers).toBe(0);
  });

  it("judges citeqa's own form by the text a passage contains, and its short answer by SQuAD's measures", () => {
    const own = parseOne({ id: 'a', question: 'How long?', expect: ['lasted  for about an HOUR'], answer: 'an hour' });
    const text = 'The meeting lasted for about an hour.';
    const report = evaluate([own], [{ answered: true, passages: [passage('x', 0, 'No.'), passage('x', 5, text)], short: { text: 'about an hour', passage: 1, start: 23, end: 36 } }], citeqa);
    expect(report.results[0]).toMatchObject({ rank: 2, exact: 0 });
    // [about, hour] against [hour]: P = 1/2, R = 1.
    expect(report.results[0]!.f1).toBeCloseTo(2 / 3, 10);
  });

  it('a baseline, which neither declines nor gives short answers, has no such figures', () => {
    const report = evaluate([squad, impossible], [{ answered: true, passages: [right] }, { answered: true, passages: [] }], { shortAnswers: false, declines: false });
    expect(report.hitAt1).toBe(1);
    for (const figure of ['exactMatch', 'f1', 'shortAnswers', 'answerableDeclined', 'impossibleDeclined']) expect(report).not.toHaveProperty(figure);
  });

  it('refuses answers that do not pair with the questions', () => {
    expect(() => evaluate([squad], [], citeqa)).toThrow(RangeError);
  });
});

describe('printing a run', () => {
  const squad = parseOne({ id: 's', question: 'Who won?', doc: 'd', answers: [{ text: 'Denver Broncos', start: 100, end: 114 }] });
  const items = [squad, { ...squad, id: 't', where: 'q.jsonl:2' }];
  const right = passage('d', 96, 'The Denver Broncos won.');
  const wrong = passage('d', 0, 'Nothing here.');
  const run: EvalRun = {
    documents: 1,
    sentences: 2,
    seconds: 1.25,
    systems: [
      { system: 'citeqa', label: 'citeqa', msPerQuestion: 4, report: evaluate(items, [{ answered: true, passages: [right], short: { text: 'Denver Broncos', passage: 0, start: 4, end: 18 } }, { answered: true, passages: [wrong, right] }], { shortAnswers: true, declines: true }) },
      { system: 'tuned', label: 'MiniSearch tuned', msPerQuestion: 1, report: evaluate(items, [{ answered: true, passages: [wrong] }, { answered: true, passages: [right] }], { shortAnswers: false, declines: false }) },
    ],
  };

  it('a table of each measure beside the baseline, "-" where the baseline has none', () => {
    const table = formatTable(run);
    expect(table).toContain('2 questions (2 answerable, 0 impossible; EM and F1 over the 2 with short answers), 1 article, 2 sentences; answered in 1.3 s');
    expect(table).toMatch(/^\| measure +\| +citeqa \| MiniSearch tuned \|$/m);
    expect(table).toMatch(/^\| hit@1 +\| +0\.500 \| +0\.500 \|$/m);
    expect(table).toMatch(/^\| MRR +\| +0\.750 \| +0\.500 \|$/m);
    expect(table).toMatch(/^\| exact match \(SQuAD EM\) +\| +50\.0 \| +- \|$/m);
    expect(table).toMatch(/^\| answered with a short answer +\| +1 of 2 \| +- \|$/m);
    expect(table).toMatch(/^\| answerable declined +\| +0 of 2 \| +- \|$/m);
  });

  it('the figures as JSON, without the measures a system lacks', () => {
    const json = JSON.parse(formatJson(run)) as { questions: number; systems: Record<string, Record<string, unknown>> };
    expect(json.questions).toBe(2);
    expect(json.systems.citeqa).toMatchObject({ hitAt1: 0.5, exactMatch: 50, answerableDeclined: 0 });
    expect(json.systems.tuned).toEqual({ label: 'MiniSearch tuned', hitAt1: 0.5, recallAt3: 0.5, mrr: 0.5, msPerQuestion: 1 });
  });

  it("lists citeqa's misses only, with the baseline's rank", () => {
    expect(formatMisses(run)).toBe('t\trank 2\tq.jsonl:2\tWho won?\tgold: Denver Broncos\tshort: -\tfirst: Nothing here.\tMiniSearch tuned: rank 1\n\n');
  });
});

describe('the MiniSearch baselines', () => {
  // The sample of SQuAD that the quality gate runs on; what each baseline finds there is
  // pinned, so that making the benchmark faster cannot change what it measures.
  const squad = path.join(__dirname, '..', 'fixtures', 'squad');
  let corpus: Corpus;
  let items: EvalItem[];
  beforeAll(async () => {
    corpus = (await loadCorpusDir(path.join(squad, 'corpus'))).corpus;
    items = readEvalFile(path.join(squad, 'questions.jsonl'));
  });
  const firstThree = (baseline: BaselineIndex, question: string) => baseline.answer(question).passages.map((p) => [p.citation.doc, p.citation.start]);
  const black = 'squad-black-death';
  const geology = 'squad-geology';
  const sky = 'squad-sky-united-kingdom';

  it('tuned (stop words, stems, fuzzy 0.2, prefix) finds these sentences first, and scores so on the sample', () => {
    const tuned = new BaselineIndex(corpus, 'tuned');
    expect(firstThree(tuned, 'Where did the black death originate?')).toEqual([[black, 13], [black, 12094], [black, 0]]);
    expect(firstThree(tuned, 'When did the y. pestis reach England?')).toEqual([[black, 9989], [black, 9076], [black, 9379]]);
    expect(firstThree(tuned, 'What is something that is often torn up and included in sedimentary rock?')).toEqual([[geology, 541], [geology, 5155], [geology, 4950]]);
    expect(firstThree(tuned, 'What types of scientists looks for signs of magnetic reversals in igneous rocks within the drill cores?')).toEqual([[geology, 16724], [geology, 16327], [geology, 9]]);
    expect(firstThree(tuned, "What were NTL's services rebranded as?")).toEqual([[sky, 9143], [sky, 4578], [sky, 12086]]);
    const report = evaluate(items, items.map((item) => tuned.answer(item.question)), { shortAnswers: false, declines: false });
    expect([report.results.filter((r) => r.rank === 1).length, report.results.filter((r) => r.rank >= 1).length]).toEqual([273, 307]);
  });

  it("plain (MiniSearch's defaults) finds these sentences first, and scores so on the sample", () => {
    const plain = new BaselineIndex(corpus, 'plain');
    expect(firstThree(plain, 'Where did the black death originate?')).toEqual([[black, 13], [black, 17511], [black, 19018]]);
    expect(firstThree(plain, 'When did the y. pestis reach England?')).toEqual([[black, 9989], [black, 9379], [black, 12833]]);
    expect(firstThree(plain, 'What is something that is often torn up and included in sedimentary rock?')).toEqual([[geology, 5155], [geology, 8955], [black, 7614]]);
    const report = evaluate(items, items.map((item) => plain.answer(item.question)), { shortAnswers: false, declines: false });
    expect([report.results.filter((r) => r.rank === 1).length, report.results.filter((r) => r.rank >= 1).length]).toEqual([264, 295]);
  });
});
