/**
 * The costliest messages found for the core, timed against normal questions in the same
 * run, question by question: characters NFKC expands 18-fold (U+FDFA), long words, words
 * just within the stemming and typo bound, many short words, English words of the most
 * senses (each read in WordNet), marks and invisible characters, the 600th follow-up of a
 * conversation, and fresh words once the memories of words are full. Each input is made
 * fresh for each sample, so the core's memories of words do not hide its cost. On the
 * bundled corpus and a synthetic one, in a process of its own.
 *
 *   tsx src/bench/hostile.ts [--articles N] [--rounds R]
 *
 * prints JSON on stdout.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { WORDS_REMEMBERED } from '../core/analyzer';
import { ask, converse, type Conversation } from '../core/answer';
import { buildCorpus } from '../core/corpus';
import { MAX_NORMALIZED_LENGTH, MAX_WORD_LENGTH } from '../core/cost';
import { CiteqaError } from '../core/errors';
import { MAX_QUESTION_LENGTH } from '../core/request';
import type { SentenceIndex } from '../core/search-index';
import { completions, MAX_PREFIX_LENGTH } from '../core/suggestions';
import { parseIndexLine } from '../core/thesaurus';
import { loadCorpusDir } from '../node/corpus-dir';
import { buildIndexInParallel } from '../node/parallel-index';
import { wordnetDir, wordnetThesaurus } from '../node/wordnet';
import { evalQuestions } from './scale';
import { summary, type Summary } from './stats';
import { syntheticArchive, syntheticQuestions } from './synthetic';

const BUNDLED_CORPUS = path.resolve(__dirname, '..', '..', 'corpus');

/** U+FDFA: one character, 18 after NFKC. */
const EXPANDING = '\uFDFA';
/** Follow-ups before the conversation's answers are timed. */
const FOLLOW_UPS = 600;
/** Words of a typo-like question (8 letters each, one space between: about 1,000 characters). */
const TYPO_WORDS = 110;
/** Fresh words asked to fill the memories of words before fresh words are timed again: more than the largest holds. */
const FILL_WORDS = Math.ceil(WORDS_REMEMBERED * 1.2);

export interface HostileRow {
  readonly input: string;
  readonly ms: Summary;
  /** p50 and p99 over the normal questions' p50 and p99 in the same rounds. */
  readonly ratio: { readonly p50: number; readonly p99: number };
}

export interface HostileCorpusFigures {
  readonly corpus: string;
  readonly sentences: number;
  readonly normal: Summary;
  readonly rows: readonly HostileRow[];
  /** A conversation of FOLLOW_UPS follow-ups, each with a word the corpus lacks: its first fifty answers and its last. */
  readonly conversation: { readonly first50: Summary; readonly last50: Summary };
  /**
   * Questions of fresh typo-like words before and after FILL_WORDS fresh words were asked:
   * on the first corpus measured only, since the memories of words are the process's.
   */
  readonly memoriesFull?: { readonly words: number; readonly before: Summary; readonly after: Summary };
}

export interface HostileFigures {
  readonly corpora: readonly HostileCorpusFigures[];
}

/** A generator's letters, the same for the same seed. */
function letters(seed: number): (length: number) => string {
  let state = seed >>> 0;
  return (length) => {
    let out = '';
    for (let i = 0; i < length; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      out += String.fromCharCode(97 + (state % 26));
    }
    return out;
  };
}

interface Input {
  readonly name: string;
  /** The message of sample `i`, sent as a question or a prefix. */
  readonly run: (index: SentenceIndex, i: number) => unknown;
  /** The message sent once before the samples, when not the first sample's (which it would spend). */
  readonly warm?: (index: SentenceIndex) => unknown;
}

/** Asks, taking a refusal (bad_request) as the answer it is. */
function asked(index: SentenceIndex, question: string): unknown {
  try {
    return ask(index, question);
  } catch (error) {
    if (error instanceof CiteqaError && error.code === 'bad_request') return error;
    throw error;
  }
}

/**
 * WordNet's lemmas of one lower-case word, those of the most senses (in all parts of
 * speech) first: "break", "cut", "run", "play", "make". A question of such words costs
 * the most thesaurus lookups.
 */
function wordsOfMostSenses(): string[] {
  const senses = new Map<string, number>();
  for (const part of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of readFileSync(path.join(wordnetDir(), `index.${part}`), 'latin1').split('\n')) {
      const entry = parseIndexLine(line);
      if (entry && /^[a-z]+$/.test(entry.lemma)) senses.set(entry.lemma, (senses.get(entry.lemma) ?? 0) + entry.offsets.length);
    }
  }
  return [...senses].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([lemma]) => lemma);
}

/**
 * Six of the words of the most senses (as many as a question's words looked up), the next
 * six at each call, from the most: the samples walk down the list, so their slowest are
 * the first. `warm` gives six far down it, to warm up with.
 */
function manySenses(): { next: () => string; warm: () => string } {
  const words = wordsOfMostSenses();
  let at = 0;
  return {
    next: () => {
      const six = words.slice(at, at + 6);
      at = at + 6 >= words.length ? 0 : at + 6;
      return six.join(' ');
    },
    warm: () => words.slice(WARM_SENSES_RANK, WARM_SENSES_RANK + 6).join(' '),
  };
}

/** Where in the list of words of the most senses the warm-up's six are: past any a run samples. */
const WARM_SENSES_RANK = 5000;

/** A question of TYPO_WORDS fresh 8-letter words. */
function typoLike(fresh: (length: number) => string): string {
  return Array.from({ length: TYPO_WORDS }, () => fresh(8)).join(' ');
}

function hostileInputs(): Input[] {
  const fresh = letters(7);
  const senses = manySenses();
  const fits = Math.floor(MAX_NORMALIZED_LENGTH / EXPANDING.normalize('NFKC').length);
  return [
    { name: `ask U+FDFA x ${MAX_QUESTION_LENGTH - 1} (refused)`, run: (index, i) => asked(index, EXPANDING.repeat(MAX_QUESTION_LENGTH - 1 - (i % 50))) },
    { name: `ask U+FDFA x ${fits} (the most accepted)`, run: (index, i) => asked(index, EXPANDING.repeat(fits - (i % 10))) },
    { name: `suggest U+FDFA x ${MAX_PREFIX_LENGTH - 1}`, run: (index, i) => completions(index, EXPANDING.repeat(MAX_PREFIX_LENGTH - 1 - (i % 50))) },
    { name: `suggest ${MAX_PREFIX_LENGTH} letters, one word`, run: (index) => completions(index, fresh(MAX_PREFIX_LENGTH)) },
    { name: `ask one word of ${MAX_QUESTION_LENGTH} letters`, run: (index) => asked(index, fresh(MAX_QUESTION_LENGTH)) },
    { name: `ask words of ${MAX_WORD_LENGTH} letters (stemmed, corrected)`, run: (index) => asked(index, Array.from({ length: Math.floor(MAX_QUESTION_LENGTH / (MAX_WORD_LENGTH + 1)) }, () => fresh(MAX_WORD_LENGTH)).join(' ')) },
    { name: `ask ${TYPO_WORDS} 8-letter typo-like words`, run: (index) => asked(index, typoLike(fresh)) },
    { name: 'ask 6 English words of the most senses', run: (index) => asked(index, `Did they ${senses.next()}?`), warm: (index) => asked(index, `Did they ${senses.warm()}?`) },
    { name: 'ask 250 short words', run: (index) => asked(index, Array.from({ length: 250 }, () => fresh(3)).join(' ')) },
    { name: `ask e + ${MAX_QUESTION_LENGTH - 1} combining marks`, run: (index, i) => asked(index, `${fresh(1)}${'\u0301'.repeat(MAX_QUESTION_LENGTH - 1 - (i % 50))}`) },
    { name: 'ask words split by zero-width joiners', run: (index) => asked(index, Array.from({ length: 100 }, () => `${fresh(4)}\u200d${fresh(4)}`).join(' ').slice(0, MAX_QUESTION_LENGTH)) },
    // U+FEFF is both invisible (a word may hold it) and a space: the name patterns must not split a run of it every way.
    { name: '"Who is" + U+FEFF x 190 + "!"', run: (index, i) => asked(index, `Who is ${'\uFEFF'.repeat(190 - (i % 10))}!`) },
    { name: '"What titles does" + U+FEFF x 180 + "!"', run: (index, i) => asked(index, `What titles does ${'\uFEFF'.repeat(180 - (i % 10))}!`) },
  ];
}

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

function measureCorpus(corpus: string, index: SentenceIndex, normalQuestions: readonly string[], followUpStart: string, rounds: number, fillMemories: boolean): HostileCorpusFigures {
  const inputs = hostileInputs();
  // Warm: the model loaded, the code compiled, the normal questions' words remembered as in a running server.
  for (const question of normalQuestions) asked(index, question);
  for (const input of inputs) (input.warm ?? ((i: SentenceIndex) => input.run(i, 0)))(index);

  const normal: number[] = [];
  const samples = inputs.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    for (const [q, question] of normalQuestions.entries()) {
      normal.push(timed(() => asked(index, question)));
      const input = inputs[(round * normalQuestions.length + q) % inputs.length] as Input;
      samples[inputs.indexOf(input)]?.push(timed(() => input.run(index, round * normalQuestions.length + q)));
    }
  }
  const base = summary(normal);

  // A long conversation: fresh words, each follow-up carrying the terms before it on.
  const fresh = letters(11);
  let conversation: Conversation = converse(index, followUpStart).conversation;
  const followUps: number[] = [];
  for (let i = 0; i < FOLLOW_UPS; i++) {
    followUps.push(
      timed(() => {
        conversation = converse(index, `What did they say about ${fresh(7)}?`, { conversation }).conversation;
      }),
    );
  }
  const last: number[] = [];
  for (let i = 0; i < Math.max(50, samples[0]?.length ?? 0); i++) {
    last.push(timed(() => converse(index, `What did they say about ${fresh(7)}?`, { conversation })));
  }

  // A running server meets fresh words long after its memories of words have filled:
  // forgetting one to remember another must cost no more than when they had room.
  const memoriesFull = fillMemories ? fillingMemories(index) : undefined;

  const row = (input: string, ms: Summary): HostileRow => ({ input, ms, ratio: { p50: ms.p50 / base.p50, p99: ms.p99 / base.p99 } });
  return {
    corpus,
    sentences: index.corpus.sentenceCount,
    normal: base,
    rows: [...inputs.map((input, i) => row(input.name, summary(samples[i] ?? []))), row(`follow-up after ${FOLLOW_UPS} with fresh words`, summary(last))],
    conversation: { first50: summary(followUps.slice(0, 50)), last50: summary(followUps.slice(-50)) },
    ...(memoriesFull ? { memoriesFull } : {}),
  };
}

/** Questions of fresh typo-like words timed before and after FILL_WORDS fresh words are asked. */
function fillingMemories(index: SentenceIndex): NonNullable<HostileCorpusFigures['memoriesFull']> {
  const fresh = letters(13);
  const before: number[] = [];
  for (let i = 0; i < 50; i++) before.push(timed(() => asked(index, typoLike(fresh))));
  for (let words = 50 * TYPO_WORDS; words < FILL_WORDS; words += TYPO_WORDS) asked(index, typoLike(fresh));
  const after: number[] = [];
  for (let i = 0; i < 50; i++) after.push(timed(() => asked(index, typoLike(fresh))));
  return { words: FILL_WORDS, before: summary(before), after: summary(after) };
}

export async function measureHostile(options: { articles: number; rounds: number }): Promise<HostileFigures> {
  const { corpus: bundled } = await loadCorpusDir(BUNDLED_CORPUS);
  // The conversation starts with the first of the corpus's own questions, as on the synthetic corpus.
  const bundledQuestions = evalQuestions();
  const corpora = [measureCorpus('bundled', await buildIndexInParallel(bundled, { thesaurus: wordnetThesaurus() }), bundledQuestions, bundledQuestions[0] ?? 'How long did the meeting last?', options.rounds, true)];
  if (options.articles > 0) {
    const archive = syntheticArchive(options.articles, 3);
    // A thesaurus of its own: the words the bundled corpus's samples looked up are fresh here too.
    const index = await buildIndexInParallel(buildCorpus(archive.files), { thesaurus: wordnetThesaurus() });
    const questions = syntheticQuestions(archive.facts, 50, 5).map((q) => q.question);
    corpora.push(measureCorpus(`${options.articles} synthetic articles`, index, questions, questions[0] ?? 'Who signed the trade agreement?', options.rounds, false));
  }
  return { corpora };
}

async function main(): Promise<void> {
  const whole = (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number');
    return n;
  };
  const program = new Command('hostile')
    .option('--articles <count>', 'synthetic articles besides the bundled corpus (0: none)', whole, 2000)
    .option('--rounds <count>', 'rounds of the normal questions, each followed by one hostile input', whole, 10)
    .exitOverride();
  program.parse(process.argv.slice(2), { from: 'user' });
  const opts = program.opts<{ articles: number; rounds: number }>();
  process.stdout.write(`${JSON.stringify(await measureHostile(opts))}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`hostile: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
