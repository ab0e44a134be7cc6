/**
 * Warming a process up before it serves: the first questions of each form a process
 * answers cost tens of milliseconds more than the same questions later (the JavaScript
 * engine compiles each regular expression on its first use, and again to machine code on
 * its second; the question patterns, case-insensitive over Unicode letter classes, take
 * up to 9 ms each, and WordNet's index is read on its first lookup). Asking questions of
 * every form twice before listening moves that cost from the first readers to start-up.
 */
import { ask, converse } from '../core/answer';
import type { SentenceIndex } from '../core/search-index';
import { completions } from '../core/suggestions';

/**
 * Questions of the forms the question patterns read, on no corpus's subject: how long,
 * who is, a title held, when and where, how many, how much, what year, an acronym, who
 * said, a percentage, which, what time and why, a measure ("how deep"), and words WordNet
 * is asked about; and a follow-up of the first.
 */
const WARM_UP_QUESTIONS: readonly string[] = [
  'How long did the strike last?',
  'Who is the president?',
  'What is the title of the minister?',
  "What positions does she hold, and what is her job?",
  'When and where did they meet on Monday, March 2?',
  'How many people were killed in 2020?',
  'How much did the new bridge cost?',
  'What year was the agreement signed?',
  'What does NATO stand for?',
  'Who said the talks would continue after the election?',
  'What percentage of the vote did he win?',
  'Which team won the final, and by how many goals?',
  'What time will they leave, and why?',
  'How deep was the earthquake, according to officials?',
];

/** A follow-up of the first question. */
const FOLLOW_UP = 'When did it end, and who led it?';

/** The prefixes a chat widget completes. */
const WARM_UP_PREFIXES: readonly string[] = ['Wh', 'How many pe'];

/** What a warm-up took, and the first error it met. */
export interface WarmUp {
  readonly ms: number;
  readonly error?: string;
}

/**
 * Answers the warm-up questions twice (see above): how long it took, in milliseconds, and
 * the first error met, if any. An error is the service's bug, not the start's: it is
 * returned for the log, and the process serves as it would have without the warm-up.
 */
export function warmUp(index: SentenceIndex): WarmUp {
  const started = performance.now();
  let error: string | undefined;
  const runs = [
    ...WARM_UP_QUESTIONS.map((question) => () => ask(index, question)),
    // A follow-up, read with the question before it.
    () => ask(index, FOLLOW_UP, { conversation: converse(index, WARM_UP_QUESTIONS[0]!).conversation }),
    ...WARM_UP_PREFIXES.map((prefix) => () => completions(index, prefix)),
  ];
  for (let round = 0; round < 2; round++) {
    for (const run of runs) {
      try {
        run();
      } catch (caught) {
        error ??= caught instanceof Error ? (caught.stack ?? caught.message) : String(caught);
      }
    }
  }
  return { ms: performance.now() - started, ...(error !== undefined ? { error } : {}) };
}
